"""What Rasa should hear from a Telegram update: a text or an intent payload, or nothing."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from telegram.constants import ChatType

if TYPE_CHECKING:
    from telegram import CallbackQuery, Message, Update

    from connectors.telegram.buttons import ButtonMap

__all__ = [
    "ALLOWED_UPDATES",
    "COMMANDS",
    "MAX_TEXT",
    "UNSUPPORTED_KINDS",
    "Incoming",
    "read_update",
]

# The update types the bot asks Telegram for; anything else is ignored anyway.
ALLOWED_UPDATES = ("message", "edited_message", "callback_query")
# Telegram commands and the payloads Rasa gets for them.
COMMANDS = {
    "start": "/greet",
    "help": "/menu",
    "language": "/change_language",
    "counsellor": "/handoff",
    "delete": "/delete_data",
}
# Longer messages are cut to this many characters before Rasa sees them.
MAX_TEXT = 2000
# What a person can send besides text, most specific first (an animation is also a document,
# a venue also a location). Their content is never read, stored or forwarded.
UNSUPPORTED_KINDS = (
    "animation",
    "sticker",
    "photo",
    "video_note",
    "video",
    "voice",
    "audio",
    "document",
    "contact",
    "venue",
    "location",
    "poll",
    "dice",
    "game",
    "story",
    "invoice",
    "paid_media",
    "checklist",
)


@dataclass(frozen=True)
class Incoming:
    """One thing a person said, as Rasa should hear it.

    Attributes:
        chat_id: The private chat to answer in; kept in memory only, never given to Rasa.
        text: A text or an intent payload.
        metadata: What Rasa may store with the message (nothing that identifies the person).

    """

    chat_id: int
    text: str
    metadata: dict[str, Any] = field(default_factory=dict)


def _payload(intent: str, **entities: str) -> str:
    return f"/{intent}{json.dumps(entities, ensure_ascii=False, separators=(',', ':'))}"


def _metadata(language_code: str | None, source: str) -> dict[str, Any]:
    metadata: dict[str, Any] = {"telegram_update": source}
    if language_code:
        metadata["language_code"] = language_code
    return metadata


def _text_of(message: Message) -> str | None:
    if message.text is not None:
        text = message.text.strip()
        if text.startswith("/"):
            word = text[1:].split(maxsplit=1)[0] if len(text) > 1 else ""
            command = word.split("@", 1)[0].lower()
            if command in COMMANDS:
                return COMMANDS[command]
            # Not one of our commands: let the NLU read the words, not a raw intent.
            text = text.lstrip("/").strip() or COMMANDS["help"]
        return text[:MAX_TEXT] or None
    for kind in UNSUPPORTED_KINDS:
        if getattr(message, kind, None):
            return _payload("unsupported_message", kind=kind)
    return None  # a service message: nothing a person said


def _from_message(message: Message, source: str) -> Incoming | None:
    user = message.from_user
    if message.chat.type != ChatType.PRIVATE or user is None or user.is_bot:
        return None
    text = _text_of(message)
    if text is None:
        return None
    return Incoming(message.chat.id, text, _metadata(user.language_code, source))


def _from_callback(query: CallbackQuery, buttons: ButtonMap) -> Incoming | None:
    user = query.from_user
    if user.is_bot:
        return None
    chat = query.message.chat if query.message is not None else None
    if chat is not None and chat.type != ChatType.PRIVATE:
        return None
    chat_id = chat.id if chat is not None else user.id  # a private chat's id is the user's
    payload = buttons.payload_for(query.data)
    return Incoming(chat_id, payload, _metadata(user.language_code, "callback_query"))


def read_update(update: Update, buttons: ButtonMap) -> Incoming | None:
    """What Rasa should hear from an update, or None when the bot should stay silent.

    Messages and edited messages in private chats are read; photos, stickers, voice notes,
    contacts and the like become `/unsupported_message{"kind": ...}`; button presses become
    their payload, or `/unknown_button` when the button cannot be mapped back. Groups,
    channels, other bots and every other kind of update are ignored.

    Args:
        update: The update Telegram sent.
        buttons: The map from `callback_data` back to payloads.

    Returns:
        The message for Rasa, or None.

    """
    if update.message is not None:
        return _from_message(update.message, "message")
    if update.edited_message is not None:
        return _from_message(update.edited_message, "edited_message")
    if update.callback_query is not None:
        return _from_callback(update.callback_query, buttons)
    return None
