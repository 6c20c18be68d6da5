"""Short `callback_data` for inline buttons, and the way back to each button's payload."""

from __future__ import annotations

import base64
import hashlib
import sqlite3
from collections import OrderedDict
from contextlib import closing
from pathlib import Path

__all__ = ["MAX_CALLBACK_BYTES", "UNKNOWN_BUTTON", "ButtonMap"]

# Telegram refuses `callback_data` longer than this, counted in UTF-8 bytes.
MAX_CALLBACK_BYTES = 64
# The payload Rasa gets for a button the channel cannot map back any more.
UNKNOWN_BUTTON = "/unknown_button"
_INLINE = "="  # followed by the payload itself, when it fits
_HASHED = "#"  # followed by a hash of the payload, kept in the map


def _fits(payload: str) -> bool:
    return len((_INLINE + payload).encode("utf-8")) <= MAX_CALLBACK_BYTES


def _digest(payload: str) -> str:
    raw = hashlib.sha256(payload.encode("utf-8")).digest()[:18]
    return _HASHED + base64.urlsafe_b64encode(raw).decode("ascii")


class ButtonMap:
    """Maps button payloads to `callback_data` of at most 64 bytes, and back.

    A payload that fits is carried whole, so it maps back after any restart. A longer one
    (non-Latin entity values overflow 64 bytes quickly) is replaced by a stable hash, kept in
    a bounded in-memory map and, when a file is given, in a small SQLite table that survives
    restarts. Payloads are the bot's own button payloads, never what a person typed.
    """

    def __init__(self, path: Path | None = None, limit: int = 10_000) -> None:
        """Create the map.

        Args:
            path: A SQLite file that keeps hashed payloads across restarts; None keeps them
                only in memory.
            limit: How many hashed payloads are kept; the least recently used go first.

        """
        self._path = path
        self._limit = limit
        self._memory: OrderedDict[str, str] = OrderedDict()

    def data_for(self, payload: str) -> str:
        """The `callback_data` that stands for a payload.

        Args:
            payload: What Rasa should receive when the button is pressed.

        Returns:
            At most 64 bytes that `payload_for` maps back to the payload.

        """
        if _fits(payload):
            return _INLINE + payload
        data = _digest(payload)
        self._remember(data, payload)
        return data

    def payload_for(self, data: str | None) -> str:
        """The payload behind `callback_data`, or `/unknown_button` for stale or unknown data.

        Args:
            data: The `callback_data` Telegram sent back.

        Returns:
            The button's payload.

        """
        if not data:
            return UNKNOWN_BUTTON
        if data.startswith(_INLINE) and len(data) > 1:
            return data[1:]
        if data.startswith(_HASHED):
            payload = self._memory.get(data) or self._stored(data)
            if payload is not None and _digest(payload) == data:
                self._memory[data] = payload
                self._memory.move_to_end(data)
                return payload
        return UNKNOWN_BUTTON

    def _remember(self, data: str, payload: str) -> None:
        known = data in self._memory
        self._memory[data] = payload
        self._memory.move_to_end(data)
        while len(self._memory) > self._limit:
            self._memory.popitem(last=False)
        if self._path is None or known:
            return
        self._path.parent.mkdir(parents=True, exist_ok=True)
        with closing(sqlite3.connect(self._path)) as db, db:
            db.execute(
                "CREATE TABLE IF NOT EXISTS buttons (id TEXT PRIMARY KEY, payload TEXT NOT NULL)"
            )
            db.execute(
                "INSERT OR REPLACE INTO buttons (id, payload) VALUES (?, ?)", (data, payload)
            )
            db.execute(
                "DELETE FROM buttons WHERE rowid <= (SELECT MAX(rowid) FROM buttons) - ?",
                (self._limit,),
            )

    def _stored(self, data: str) -> str | None:
        if self._path is None or not self._path.exists():
            return None
        with closing(sqlite3.connect(self._path)) as db:
            row = db.execute("SELECT payload FROM buttons WHERE id = ?", (data,)).fetchone()
        return str(row[0]) if row else None
