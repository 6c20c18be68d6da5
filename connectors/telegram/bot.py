"""The python-telegram-bot `Bot` the channel wraps, and the commands it shows in each language."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from telegram import BotCommand
from telegram.constants import BotCommandLimit
from telegram.ext import AIORateLimiter, ExtBot
from telegram.request import HTTPXRequest

from bot.content.replies import DEFAULT_LANGUAGE

if TYPE_CHECKING:
    from bot.content.replies import Replies

__all__ = [
    "COMMAND_TEXTS",
    "command_descriptions",
    "keep_secrets_out_of_logs",
    "make_bot",
    "set_commands",
]

logger = logging.getLogger(__name__)
# Each command's description is this conversation text, in the person's language.
COMMAND_TEXTS = {
    "start": "greet",
    "help": "button_menu",
    "language": "language_prompt",
    "counsellor": "button_counsellor",
    "delete": "button_privacy",
}
# A 429 is retried this many times, after the `retry_after` Telegram asks for.
_MAX_RETRIES_ON_429 = 8


def keep_secrets_out_of_logs() -> None:
    """Raise httpx's and python-telegram-bot's loggers to WARNING.

    httpx logs every request URL at INFO, and Telegram's URLs hold the bot token;
    python-telegram-bot logs the parameters of every call, message texts included, at DEBUG.
    """
    for name in ("httpx", "telegram"):
        library = logging.getLogger(name)
        if library.getEffectiveLevel() < logging.WARNING:
            library.setLevel(logging.WARNING)


def make_bot(token: str, base_url: str) -> ExtBot[int]:
    """A bot with Telegram's rate limits applied, so a burst of answers is delayed, not dropped.

    Args:
        token: The token BotFather gave.
        base_url: The Bot API address; the token is appended to it, as Telegram's URLs expect.

    Returns:
        The bot.

    """
    keep_secrets_out_of_logs()
    return ExtBot(
        token=token,
        base_url=base_url,
        request=HTTPXRequest(connection_pool_size=32, pool_timeout=10.0),
        get_updates_request=HTTPXRequest(connection_pool_size=1),
        rate_limiter=AIORateLimiter(max_retries=_MAX_RETRIES_ON_429),
    )


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut + "…"


def command_descriptions(replies: Replies, language: str) -> list[BotCommand]:
    """The bot's commands with descriptions from the conversation texts of a language.

    Args:
        replies: Everything the bot can say.
        language: The language of the descriptions.

    Returns:
        The commands; one whose text is missing from content is left out.

    """
    commands = []
    for command, key in COMMAND_TEXTS.items():
        try:
            text = replies.text(key, language)
        except KeyError:
            logger.warning("no conversation text %r: /%s is not listed", key, command)
            continue
        description = _shorten(text, BotCommandLimit.MAX_DESCRIPTION)
        if description:
            commands.append(BotCommand(command, description))
    return commands


async def set_commands(bot: ExtBot[int], replies: Replies) -> list[str]:
    """Set the command menu: the default in English, then one for each language.

    Args:
        bot: The bot.
        replies: Everything the bot can say.

    Returns:
        The language codes the menu was set for ("" for the default).

    """
    await bot.set_my_commands(command_descriptions(replies, DEFAULT_LANGUAGE))
    done = [""]
    for language in replies.languages:
        await bot.set_my_commands(command_descriptions(replies, language), language_code=language)
        done.append(language)
    return done
