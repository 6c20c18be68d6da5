"""Pseudonymous ids: a keyed hash of a channel's sender id, never the id itself."""

from __future__ import annotations

import functools
import hashlib
import hmac
import secrets
from pathlib import Path

from bot.settings import get_settings

__all__ = [
    "PREFIX",
    "is_pseudonym",
    "load_or_create_key",
    "pseudonymise",
    "secret_key",
    "sender_pseudonym",
]

PREFIX = "p_"
_LENGTH = 32  # hex characters kept of the HMAC-SHA256


def is_pseudonym(value: str) -> bool:
    """Whether a value already is a pseudonym made by `pseudonymise`."""
    body = value[len(PREFIX) :]
    return (
        value.startswith(PREFIX)
        and len(body) == _LENGTH
        and all(c in "0123456789abcdef" for c in body)
    )


def pseudonymise(sender_id: str, key: bytes, channel: str = "") -> str:
    """The pseudonym of a sender on a channel; the same input and key give the same pseudonym."""
    if is_pseudonym(sender_id):
        return sender_id
    message = f"{channel}:{sender_id}".encode()
    return PREFIX + hmac.new(key, message, hashlib.sha256).hexdigest()[:_LENGTH]


def load_or_create_key(configured: str, key_file: Path) -> bytes:
    """The configured secret key, or a random development key kept in the data folder."""
    if configured:
        return configured.encode()
    if key_file.exists():
        return key_file.read_bytes().strip()
    key_file.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32).encode()
    key_file.write_bytes(key)
    key_file.chmod(0o600)
    return key


@functools.lru_cache(maxsize=1)
def secret_key() -> bytes:
    """This deployment's secret key (a development key in the data folder if none is set)."""
    settings = get_settings()
    return load_or_create_key(settings.secret_key, settings.data_dir / "secret.key")


def sender_pseudonym(sender_id: str, channel: str) -> str:
    """The pseudonym a channel passes to Rasa instead of the person's id on that channel."""
    return pseudonymise(sender_id, secret_key(), channel)
