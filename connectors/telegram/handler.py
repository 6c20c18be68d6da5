"""Handling one Telegram update: answer button presses, pass the message to Rasa, show typing."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import traceback
from collections import OrderedDict
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rasa.core.channels.channel import UserMessage
from telegram.error import TelegramError

from bot.privacy.crypto import encrypt
from bot.privacy.pseudonym import sender_pseudonym
from connectors.telegram.output import CHANNEL, TelegramOutput, typing
from connectors.telegram.updates import read_update

if TYPE_CHECKING:
    from telegram import Bot, CallbackQuery, Update

    from connectors.telegram.buttons import ButtonMap

__all__ = ["OnNewMessage", "UpdateHandler"]

OnNewMessage = Callable[[UserMessage], Awaitable[Any]]
logger = logging.getLogger(__name__)
_REMEMBERED_UPDATES = 1024


@dataclass
class _Turn:
    """The lock that keeps one person's messages in order, and how many wait for it."""

    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    waiting: int = 0


class UpdateHandler:
    """Turns updates into Rasa messages, for the webhook and for polling alike."""

    def __init__(self, bot: Bot, buttons: ButtonMap, on_new_message: OnNewMessage) -> None:
        """Create the handler.

        Args:
            bot: The bot that answers.
            buttons: Maps button payloads to `callback_data` and back.
            on_new_message: Hands a message to the Rasa agent.

        """
        self.bot = bot
        self.buttons = buttons
        self.on_new_message = on_new_message
        self._seen: OrderedDict[int, None] = OrderedDict()
        self._turns: dict[str, _Turn] = {}

    def _first_time(self, update_id: int) -> bool:
        """Whether an update is new: Telegram sends an update again if it got no answer."""
        if update_id in self._seen:
            return False
        self._seen[update_id] = None
        while len(self._seen) > _REMEMBERED_UPDATES:
            self._seen.popitem(last=False)
        return True

    @contextlib.asynccontextmanager
    async def _one_at_a_time(self, sender: str) -> AsyncIterator[None]:
        """Handle a person's messages in the order they came, one after the other."""
        turn = self._turns.setdefault(sender, _Turn())
        turn.waiting += 1
        try:
            async with turn.lock:
                yield
        finally:
            turn.waiting -= 1
            if turn.waiting == 0:
                del self._turns[sender]

    async def _answer(self, query: CallbackQuery) -> None:
        """Stop the button's spinner; Telegram wants every callback query answered."""
        try:
            await self.bot.answer_callback_query(query.id)
        except TelegramError as error:
            logger.info("could not answer a callback query (%s)", type(error).__name__)

    async def handle(self, update: Update) -> bool:
        """Handle one update.

        Args:
            update: The update Telegram sent.

        Returns:
            Whether a message went to Rasa.

        """
        if not self._first_time(update.update_id):
            return False
        if update.callback_query is not None:
            await self._answer(update.callback_query)
        incoming = read_update(update, self.buttons)
        if incoming is None:
            return False
        sender = sender_pseudonym(str(incoming.chat_id), CHANNEL)
        # Kept, encrypted, only in a ticket the person consents to, so a counsellor can reply.
        metadata = {**incoming.metadata, "reply_address": encrypt(str(incoming.chat_id))}
        message = UserMessage(
            incoming.text,
            TelegramOutput(self.bot, incoming.chat_id, self.buttons),
            sender,
            input_channel=CHANNEL,
            metadata=metadata,
        )
        async with self._one_at_a_time(sender), typing(self.bot, incoming.chat_id):
            await self.on_new_message(message)
        return True

    async def handle_safely(self, update: Update) -> bool:
        """Handle one update; an error is logged by its type only and never escapes.

        Args:
            update: The update Telegram sent.

        Returns:
            Whether a message went to Rasa and was answered without an error.

        """
        try:
            return await self.handle(update)
        except Exception as error:
            # An error's message may quote what the person wrote: log its type and where it
            # happened, never its text.
            logger.error(
                "could not handle a Telegram update (%s)\n%s",
                type(error).__name__,
                "".join(traceback.format_tb(error.__traceback__)),
            )
            return False
