"""The Telegram channel on python-telegram-bot, loaded as `connectors.telegram.TelegramInput`."""

from __future__ import annotations

from connectors.telegram.input import TelegramConfigError, TelegramInput
from connectors.telegram.output import TelegramOutput

__all__ = ["TelegramConfigError", "TelegramInput", "TelegramOutput"]
