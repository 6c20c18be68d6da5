"""The web chat's outbox: the bot's messages per pseudonym, numbered, kept in memory."""

from __future__ import annotations

import threading
import time
import unicodedata
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Outbox", "WebMessage", "default_outbox", "deliver", "text_direction"]

MAX_MESSAGES = 200  # kept per conversation; older ones drop off
MAX_CONVERSATIONS = 5000  # kept at once; the least recently used drops off
IDLE_SECONDS = 24 * 3600  # a conversation untouched this long is forgotten

_RTL_CLASSES = frozenset({"R", "AL"})


def text_direction(text: str) -> str:
    """`rtl` or `ltr`: the direction of a text's first strongly directional character.

    Right-to-left texts of the bot open each line with a RIGHT-TO-LEFT MARK, which is
    itself strongly right-to-left, so they are found by the same rule.
    """
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in _RTL_CLASSES:
            return "rtl"
        if kind == "L":
            return "ltr"
    return "ltr"


@dataclass(frozen=True)
class WebMessage:
    """One bot message as the widget gets it."""

    id: int
    text: str
    buttons: tuple[tuple[str, str], ...] = ()

    def as_json(self) -> dict[str, Any]:
        """The message as the API returns it."""
        return {
            "id": self.id,
            "text": self.text,
            "buttons": [{"title": title, "payload": payload} for title, payload in self.buttons],
            "dir": text_direction(self.text),
        }


def _buttons(raw: Any) -> tuple[tuple[str, str], ...]:
    if not isinstance(raw, list):
        return ()
    return tuple(
        (str(button.get("title", "")), str(button.get("payload", "")))
        for button in raw
        if isinstance(button, Mapping) and button.get("payload")
    )


@dataclass
class _Conversation:
    last_id: int = 0
    touched: float = 0.0
    messages: list[WebMessage] = field(default_factory=list)


class Outbox:
    """Bot messages per pseudonym, each with an id that only grows, bounded in memory.

    Ids are milliseconds since the epoch (or the previous id plus one), so they keep
    growing across a restart of the server: a widget that asks for messages after its
    cursor never misses the ones sent after the restart.
    """

    def __init__(
        self,
        max_messages: int = MAX_MESSAGES,
        max_conversations: int = MAX_CONVERSATIONS,
        idle_seconds: float = IDLE_SECONDS,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._max_messages = max_messages
        self._max_conversations = max_conversations
        self._idle_seconds = idle_seconds
        self._clock = clock
        self._conversations: OrderedDict[str, _Conversation] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._conversations)

    def deliver(self, pseudonym: str, messages: Iterable[Mapping[str, Any]]) -> int:
        """Queue bot messages for a person; the widget gets them on its next request.

        Args:
            pseudonym: the person's pseudonym, the sender id Rasa knows them by.
            messages: each with `text` and optional `buttons` ([{title, payload}]).

        Returns:
            The id of the last message queued (the person's cursor once they read it).

        """
        with self._lock:
            now = self._clock()
            self._forget_idle(now)
            conversation = self._conversations.pop(pseudonym, None) or _Conversation()
            for message in messages:
                text = str(message.get("text") or "")
                buttons = _buttons(message.get("buttons"))
                if not text and not buttons:
                    continue
                conversation.last_id = max(conversation.last_id + 1, int(now * 1000))
                conversation.messages.append(WebMessage(conversation.last_id, text, buttons))
            del conversation.messages[: -self._max_messages]
            conversation.touched = now
            self._conversations[pseudonym] = conversation
            while len(self._conversations) > self._max_conversations:
                self._conversations.popitem(last=False)
            return conversation.last_id

    def after(self, pseudonym: str, cursor: int) -> tuple[list[dict[str, Any]], int]:
        """The messages with an id above the cursor, and the new cursor.

        Args:
            pseudonym: the person's pseudonym.
            cursor: the id of the last message the widget has; 0 for the whole history.

        Returns:
            The messages as the API returns them, and the id of the last one (or `cursor`).

        """
        with self._lock:
            self._forget_idle(self._clock())
            conversation = self._conversations.get(pseudonym)
            if conversation is None:
                return [], cursor
            new = [message.as_json() for message in conversation.messages if message.id > cursor]
            return new, max(cursor, conversation.last_id)

    def cursor(self, pseudonym: str) -> int:
        """The id of the last message queued for a person, 0 if none."""
        with self._lock:
            conversation = self._conversations.get(pseudonym)
            return conversation.last_id if conversation else 0

    def erase(self, pseudonym: str) -> None:
        """Forget a person's messages (they asked to delete their data); ids keep growing."""
        with self._lock:
            conversation = self._conversations.get(pseudonym)
            if conversation is not None:
                conversation.messages.clear()

    def _forget_idle(self, now: float) -> None:
        while self._conversations:
            pseudonym, oldest = next(iter(self._conversations.items()))
            if now - oldest.touched <= self._idle_seconds:
                return
            del self._conversations[pseudonym]


_DEFAULT = Outbox()


def default_outbox() -> Outbox:
    """The outbox of this server process, shared by the channel and `deliver`."""
    return _DEFAULT


def deliver(pseudonym: str, messages: Iterable[Mapping[str, Any]]) -> int:
    """Queue bot messages (a counsellor's reply, say) for a person on the web chat.

    Args:
        pseudonym: the person's pseudonym, the sender id Rasa knows them by.
        messages: each with `text` and optional `buttons` ([{title, payload}]).

    Returns:
        The id of the last message queued.

    """
    return _DEFAULT.deliver(pseudonym, messages)
