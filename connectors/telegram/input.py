"""The Telegram input channel: a webhook that Rasa mounts at /webhooks/telegram/webhook."""

from __future__ import annotations

import hmac
import json
import logging
import re
from typing import TYPE_CHECKING, Any

from rasa.core.channels.channel import InputChannel
from sanic import Blueprint, response
from telegram import Update
from telegram.error import TelegramError

from bot.privacy.crypto import decrypt
from bot.settings import get_settings
from connectors.telegram.bot import make_bot
from connectors.telegram.buttons import ButtonMap
from connectors.telegram.handler import OnNewMessage, UpdateHandler
from connectors.telegram.output import CHANNEL, TelegramOutput

if TYPE_CHECKING:
    from sanic.request import Request
    from sanic.response import HTTPResponse
    from telegram.ext import ExtBot

__all__ = ["BUTTONS_FILE", "SECRET_HEADER", "TelegramConfigError", "TelegramInput"]

logger = logging.getLogger(__name__)
# The header in which Telegram repeats the secret given to setWebhook.
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# Where long button payloads are kept, in the data folder.
BUTTONS_FILE = "telegram-buttons.sqlite3"
# What Telegram accepts as a webhook secret.
_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")


def _json_object(body: bytes) -> dict[str, Any] | None:
    try:
        data = json.loads(body)
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


class TelegramConfigError(ValueError):
    """The Telegram channel is missing a setting or has one it cannot use."""


def check_token(token: str) -> str:
    """The bot token, or an error that says how to get one.

    Raises:
        TelegramConfigError: The token is not set.

    """
    if not token:
        raise TelegramConfigError(
            "TELEGRAM_BOT_TOKEN is not set: create the bot with @BotFather on Telegram and set"
            " TELEGRAM_BOT_TOKEN to the token it gives (see README, Telegram)"
        )
    return token


def check_secret(secret: str) -> str:
    """The webhook secret, or an error that says how to set it.

    Raises:
        TelegramConfigError: The secret is not set or has characters Telegram refuses.

    """
    if not _SECRET.fullmatch(secret):
        raise TelegramConfigError(
            "TELEGRAM_WEBHOOK_SECRET must be set to 1-256 letters, digits, _ or -, for example"
            " the output of `python -c 'import secrets; print(secrets.token_urlsafe(32))'`"
        )
    return secret


class TelegramInput(InputChannel):
    """Receives Telegram updates by webhook and answers through the same bot."""

    def __init__(
        self,
        token: str,
        webhook_secret: str,
        base_url: str = "https://api.telegram.org/bot",
        buttons: ButtonMap | None = None,
    ) -> None:
        """Create the channel.

        Args:
            token: The token BotFather gave.
            webhook_secret: The secret every webhook request must carry in its
                `X-Telegram-Bot-Api-Secret-Token` header.
            base_url: The Bot API address; the token is appended to it.
            buttons: Maps button payloads to `callback_data` and back; in memory if None.

        Raises:
            TelegramConfigError: The token or the secret is missing or unusable.

        """
        self.webhook_secret = check_secret(webhook_secret)
        self.bot: ExtBot[int] = make_bot(check_token(token), base_url)
        self.buttons = buttons or ButtonMap()

    @classmethod
    def name(cls) -> str:
        """The channel's id; it mounts under /webhooks/telegram/."""
        return CHANNEL

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> TelegramInput:
        """Build the channel from credentials.yml, falling back to the settings.

        The block in credentials.yml may be empty: the token, secret and Bot API address then
        come from TELEGRAM_BOT_TOKEN, TELEGRAM_WEBHOOK_SECRET and TELEGRAM_API_BASE_URL.

        Args:
            credentials: The channel's block of credentials.yml (`bot_token`,
                `webhook_secret`, `base_url`), or None.

        Returns:
            The channel.

        """
        settings = get_settings()
        given = credentials or {}
        return cls(
            token=str(given.get("bot_token") or settings.telegram_bot_token),
            webhook_secret=str(given.get("webhook_secret") or settings.telegram_webhook_secret),
            base_url=str(given.get("base_url") or settings.telegram_api_base_url),
            buttons=ButtonMap(settings.data_dir / BUTTONS_FILE),
        )

    async def deliver(
        self, pseudonym: str, reply_address: str | None, messages: list[dict[str, Any]]
    ) -> bool:
        """Send messages the person did not just ask for, such as a counsellor's reply.

        Args:
            pseudonym: The person's pseudonym (not needed to send on Telegram).
            reply_address: The encrypted chat id kept in the person's open ticket.
            messages: Messages with `text` and optional `buttons`.

        Returns:
            Whether every message was sent.

        """
        chat_id = decrypt(reply_address) if reply_address else None
        if chat_id is None or not chat_id.lstrip("-").isdigit():
            return False
        output = TelegramOutput(self.bot, int(chat_id), self.buttons)
        try:
            for message in messages:
                buttons = message.get("buttons") or []
                if buttons:
                    await output.send_text_with_buttons(pseudonym, str(message["text"]), buttons)
                else:
                    await output.send_text_message(pseudonym, str(message["text"]))
        except TelegramError as error:
            logger.warning("could not deliver to Telegram (%s)", type(error).__name__)
            return False
        return True

    def _authorised(self, request: Request) -> bool:
        given = request.headers.get(SECRET_HEADER) or ""
        return hmac.compare_digest(given.encode(), self.webhook_secret.encode())

    def _parse(self, data: dict[str, Any]) -> Update | None:
        try:
            return Update.de_json(data, self.bot)
        except Exception as error:  # what de_json raises for a malformed update varies
            # Answering an error would make Telegram send it again and again: skip it.
            logger.warning("skipped an update that cannot be read (%s)", type(error).__name__)
            return None

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        """The routes: `GET /` for health and `POST /webhook` for Telegram's updates.

        Args:
            on_new_message: Hands a message to the Rasa agent.

        Returns:
            The blueprint Rasa mounts at /webhooks/telegram/.

        """
        handler = UpdateHandler(self.bot, self.buttons, on_new_message)
        blueprint = Blueprint("telegram_webhook", __name__)

        @blueprint.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @blueprint.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if not self._authorised(request):
                logger.warning("refused a Telegram webhook request without the right secret")
                return response.json({"error": "forbidden"}, status=403)
            data = _json_object(request.body)
            if data is None or not isinstance(data.get("update_id"), int):
                return response.json({"error": "the body is not a Telegram update"}, status=400)
            update = self._parse(data)
            if update is None:
                return response.json({"status": "skipped"})
            # Answer 200 even if handling failed: Telegram would only send the update again.
            await handler.handle_safely(update)
            return response.json({"status": "ok"})

        return blueprint
