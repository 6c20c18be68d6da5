"""Sending the bot's answers to one Telegram chat: splitting, buttons, retries, typing."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import TYPE_CHECKING, Any, TypeVar

from rasa.core.channels.channel import OutputChannel
from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import ChatAction, MessageLimit
from telegram.error import BadRequest, NetworkError, TelegramError

if TYPE_CHECKING:
    from telegram import Bot

    from connectors.telegram.buttons import ButtonMap

__all__ = ["CHANNEL", "TelegramOutput", "split_text", "typing"]

CHANNEL = "telegram"
logger = logging.getLogger(__name__)
_T = TypeVar("_T")
# Waits before each retry after a network error; 429s are retried by the rate limiter.
_RETRY_DELAYS = (1.0, 2.0, 4.0, 8.0)
# Telegram shows "typing..." for 5 seconds; refresh it while the answer is prepared.
_TYPING_EVERY = 4.0
_SEPARATORS = ("\n\n", "\n", " ")


def _units(text: str) -> int:
    """The length Telegram counts: UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def _hard_cut(text: str, limit: int) -> list[str]:
    parts: list[str] = []
    start, units = 0, 0
    for index, char in enumerate(text):
        size = 2 if ord(char) > 0xFFFF else 1
        if units + size > limit:
            parts.append(text[start:index])
            start, units = index, 0
        units += size
    return [*parts, text[start:]]


def _pack(text: str, limit: int, separators: tuple[str, ...]) -> list[str]:
    if _units(text) <= limit:
        return [text]
    if not separators:
        return _hard_cut(text, limit)
    separator, finer = separators[0], separators[1:]
    chunks: list[str] = []
    current = ""
    for piece in text.split(separator):
        candidate = f"{current}{separator}{piece}" if current else piece
        if _units(candidate) <= limit:
            current = candidate
            continue
        if current:
            chunks.append(current)
        if _units(piece) <= limit:
            current = piece
        else:
            *done, current = _pack(piece, limit, finer)
            chunks.extend(done)
    if current:
        chunks.append(current)
    return chunks


def split_text(text: str, limit: int = MessageLimit.MAX_TEXT_LENGTH) -> list[str]:
    """Split a text into messages Telegram accepts, at paragraph boundaries where possible.

    Args:
        text: The text to send.
        limit: The longest message, in UTF-16 code units as Telegram counts them.

    Returns:
        The messages in order: paragraphs are kept whole where they fit, then lines, then
        words; only a single word longer than the limit is cut.

    """
    chunks = [chunk.strip() for chunk in _pack(text.strip(), limit, _SEPARATORS)]
    return [chunk for chunk in chunks if chunk]


async def _with_retries(call: Callable[[], Awaitable[_T]]) -> _T:
    """Run a Bot API call, retrying network errors; a bad request is not retried."""
    for delay in _RETRY_DELAYS:
        try:
            return await call()
        except BadRequest:
            raise
        except NetworkError as error:
            logger.warning("Telegram network error (%s); retrying", type(error).__name__)
            await asyncio.sleep(delay)
    return await call()


@contextlib.asynccontextmanager
async def typing(bot: Bot, chat_id: int) -> AsyncIterator[None]:
    """Show "typing..." in a chat until the block ends; a failure never stops the answer."""

    async def refresh() -> None:
        while True:
            await asyncio.sleep(_TYPING_EVERY)
            with contextlib.suppress(TelegramError):
                await bot.send_chat_action(chat_id, ChatAction.TYPING)

    try:
        await bot.send_chat_action(chat_id, ChatAction.TYPING)
    except TelegramError as error:
        logger.info("could not show typing (%s)", type(error).__name__)
    task = asyncio.create_task(refresh())
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


class TelegramOutput(OutputChannel):
    """Sends Rasa's messages to one private chat.

    Rasa addresses messages to the person's pseudonym; this channel is made for one request
    and holds the chat id only in memory, so `recipient_id` is not used. Texts go out as plain
    text (no parse mode), so nothing needs escaping and nothing is read as markup.
    """

    def __init__(self, bot: Bot, chat_id: int, buttons: ButtonMap) -> None:
        """Create the channel.

        Args:
            bot: The bot that sends.
            chat_id: The chat to answer in.
            buttons: Maps button payloads to `callback_data`.

        """
        self.bot = bot
        self.chat_id = chat_id
        self.buttons = buttons

    @classmethod
    def name(cls) -> str:
        """The channel's id."""
        return CHANNEL

    async def _send(self, text: str, markup: InlineKeyboardMarkup | None = None) -> None:
        chunks = split_text(text)
        if not chunks:
            logger.warning("not sending an empty message")
            return
        for index, chunk in enumerate(chunks):
            last = index == len(chunks) - 1
            send = functools.partial(
                self.bot.send_message, self.chat_id, chunk, reply_markup=markup if last else None
            )
            await _with_retries(send)

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        """Send a text, split into several messages if it is longer than Telegram allows."""
        await self._send(text)

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        """Send a text with its buttons as an inline keyboard, one button a row."""
        keyboard = [
            [
                InlineKeyboardButton(
                    str(button["title"]),
                    callback_data=self.buttons.data_for(str(button["payload"])),
                )
            ]
            for button in buttons
            if button.get("title") and button.get("payload")
        ]
        await self._send(text, InlineKeyboardMarkup(keyboard) if keyboard else None)

    async def send_image_url(self, recipient_id: str, image: str, **kwargs: Any) -> None:
        """Send an image by its URL."""
        await _with_retries(functools.partial(self.bot.send_photo, self.chat_id, image))

    async def send_attachment(self, recipient_id: str, attachment: str, **kwargs: Any) -> None:
        """Send an attachment given as a text or URL, as it is."""
        await self._send(str(attachment))

    async def send_custom_json(
        self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any
    ) -> None:
        """Send the `text` of a custom message; other custom content is not shown on Telegram."""
        text = json_message.get("text")
        if isinstance(text, str):
            await self._send(text)
        else:
            logger.warning("a custom message without text is not sent on Telegram")
