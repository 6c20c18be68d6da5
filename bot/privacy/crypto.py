"""Encryption of the few raw addresses kept to reply to a person during an open handoff."""

from __future__ import annotations

import base64
import functools
import hashlib

from cryptography.fernet import Fernet, InvalidToken

from bot.privacy.pseudonym import secret_key

__all__ = ["decrypt", "encrypt"]


@functools.lru_cache(maxsize=4)
def _fernet(key: bytes) -> Fernet:
    derived = hashlib.sha256(b"mrcbot reply address:" + key).digest()
    return Fernet(base64.urlsafe_b64encode(derived))


def encrypt(value: str, key: bytes | None = None) -> str:
    """The value encrypted with a key derived from the secret key."""
    return _fernet(key or secret_key()).encrypt(value.encode()).decode()


def decrypt(token: str, key: bytes | None = None) -> str | None:
    """The decrypted value, or None if the token is not valid for this key."""
    try:
        return _fernet(key or secret_key()).decrypt(token.encode()).decode()
    except (InvalidToken, ValueError):
        return None
