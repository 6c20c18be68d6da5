"""`mrcbot telegram set-webhook` and `mrcbot telegram poll`, as plain functions."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from telegram.error import Forbidden, InvalidToken, TelegramError

from bot.content.compiler import RESPONSES_FILE
from bot.content.replies import Replies
from bot.processes import action_server_command
from bot.settings import ROOT, Settings
from connectors.telegram.bot import keep_secrets_out_of_logs, make_bot, set_commands
from connectors.telegram.buttons import ButtonMap
from connectors.telegram.handler import OnNewMessage, UpdateHandler
from connectors.telegram.input import BUTTONS_FILE, TelegramConfigError, check_secret, check_token
from connectors.telegram.updates import ALLOWED_UPDATES

if TYPE_CHECKING:
    from telegram import Update
    from telegram.ext import ExtBot

__all__ = ["poll", "run_polling", "set_webhook"]

logger = logging.getLogger(__name__)
# Seconds a getUpdates call waits for an update before Telegram answers with none.
POLL_TIMEOUT = 30
_MAX_BACKOFF = 30.0
_MAX_CONCURRENT = 32


def _replies(settings: Settings) -> Replies:
    path = settings.build_dir / RESPONSES_FILE
    if not path.exists():
        raise TelegramConfigError(f"{path} is missing: run `mrcbot build` first")
    return Replies.load(path)


async def _set_webhook(settings: Settings, url: str) -> list[str]:
    secret = check_secret(settings.telegram_webhook_secret)
    replies = _replies(settings)
    bot = make_bot(check_token(settings.telegram_bot_token), settings.telegram_api_base_url)
    async with bot:
        await bot.set_webhook(url, secret_token=secret, allowed_updates=list(ALLOWED_UPDATES))
        return await set_commands(bot, replies)


def set_webhook(settings: Settings, url: str) -> int:
    """Register the webhook with its secret and update types, and set the command menu.

    Args:
        settings: The settings (token, webhook secret, Bot API address, build folder).
        url: The public HTTPS address of /webhooks/telegram/webhook.

    Returns:
        The exit status: 0 when done, 2 when a setting or Telegram refused.

    """
    keep_secrets_out_of_logs()
    if not url.startswith("https://"):
        print("error: Telegram sends webhooks only to https:// addresses", file=sys.stderr)
        return 2
    try:
        languages = asyncio.run(_set_webhook(settings, url))
    except (TelegramConfigError, TelegramError) as error:
        return _refused(error)
    print(f"webhook set to {url}; commands set for {', '.join(c or 'default' for c in languages)}")
    return 0


def _refused(error: Exception) -> int:
    """Say why Telegram or the settings refused, and return the exit code."""
    if isinstance(error, InvalidToken):
        message = "Telegram refused TELEGRAM_BOT_TOKEN: check it with @BotFather"
    elif isinstance(error, TelegramError):
        message = f"Telegram refused: {error.message}"
    else:
        message = str(error)
    print(f"error: {message}", file=sys.stderr)
    return 2


async def _next_updates(bot: ExtBot[int], offset: int | None, timeout: float) -> tuple[Update, ...]:
    return await bot.get_updates(
        offset=offset, timeout=int(timeout), allowed_updates=list(ALLOWED_UPDATES)
    )


async def run_polling(
    bot: ExtBot[int],
    on_new_message: OnNewMessage,
    buttons: ButtonMap,
    stop: asyncio.Event,
    timeout: float = POLL_TIMEOUT,
) -> None:
    """Fetch updates by long polling and hand them to Rasa until `stop` is set.

    Network errors, conflicts and updates that cannot be read are retried with a growing
    pause; each person's messages are handled in order, different people's at the same time.

    Args:
        bot: The bot, with no webhook set.
        on_new_message: Hands a message to the Rasa agent.
        buttons: Maps button payloads to `callback_data` and back.
        stop: Set to stop polling; updates already fetched are still answered.
        timeout: Seconds each getUpdates call may wait for an update.

    """
    handler = UpdateHandler(bot, buttons, on_new_message)
    limit = asyncio.Semaphore(_MAX_CONCURRENT)
    running: set[asyncio.Task[bool]] = set()
    offset: int | None = None
    backoff = 1.0

    async def handle(update: Update) -> bool:
        async with limit:
            return await handler.handle_safely(update)

    stopping = asyncio.create_task(stop.wait())
    try:
        while not stop.is_set():
            fetching = asyncio.create_task(_next_updates(bot, offset, timeout))
            await asyncio.wait({fetching, stopping}, return_when=asyncio.FIRST_COMPLETED)
            if not fetching.done():
                fetching.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await fetching
                break
            try:
                updates = fetching.result()
            except (InvalidToken, Forbidden):
                raise
            except Exception as error:  # a network error, a conflict, an unreadable update
                logger.warning(
                    "getUpdates failed (%s); retrying in %.0f s", type(error).__name__, backoff
                )
                with contextlib.suppress(asyncio.TimeoutError):
                    await asyncio.wait_for(stop.wait(), backoff)
                backoff = min(backoff * 2, _MAX_BACKOFF)
                continue
            backoff = 1.0
            for update in updates:
                offset = update.update_id + 1
                task = asyncio.create_task(handle(update))
                running.add(task)
                task.add_done_callback(running.discard)
    finally:
        stopping.cancel()
        if running:
            await asyncio.gather(*running, return_exceptions=True)


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=1):
            return True
    except OSError:
        return False


@contextlib.contextmanager
def _action_server(settings: Settings) -> Iterator[None]:
    """The action server: the one already running (`mrcbot serve`), or one started here."""
    health = f"http://127.0.0.1:{settings.actions_port}/health"
    if _answers(health):
        yield
        return
    process = subprocess.Popen(action_server_command(settings.actions_port), cwd=ROOT)
    try:
        for _ in range(600):
            if _answers(health) or process.poll() is not None:
                break
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=0.1)
        if not _answers(health):
            raise TelegramConfigError(f"the action server did not start on {health}")
        yield
    finally:
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=30)


async def _poll(settings: Settings, model: Path, endpoints: Path | None) -> None:
    from rasa.core.agent import load_agent
    from rasa.core.utils import AvailableEndpoints
    from rasa.utils.endpoints import EndpointConfig

    replies = _replies(settings)
    action = EndpointConfig(url=f"http://127.0.0.1:{settings.actions_port}/webhook")
    if endpoints is not None and endpoints.exists():
        available = AvailableEndpoints.read_endpoints(str(endpoints))
        available.action = action
    else:
        available = AvailableEndpoints(action=action)
    agent = await load_agent(model_path=str(model), endpoints=available)
    bot = make_bot(check_token(settings.telegram_bot_token), settings.telegram_api_base_url)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    async with bot:
        await bot.delete_webhook()  # getUpdates is refused while a webhook is set
        await set_commands(bot, replies)
        print(f"polling Telegram as @{bot.username} (Ctrl-C stops)", flush=True)
        await run_polling(
            bot, agent.handle_message, ButtonMap(settings.data_dir / BUTTONS_FILE), stop
        )


def poll(settings: Settings, model: Path | None = None, endpoints: Path | None = None) -> int:
    """Run the bot by long polling (getUpdates) against the trained Rasa model.

    The webhook, if one is set, is removed. The action server of `mrcbot serve` is used if it
    answers on the actions port; otherwise one is started here and stopped at the end.

    Args:
        settings: The settings (token, Bot API address, model and data folders, ports).
        model: The trained model; the current one of `bot.model.model_path` if None.
        endpoints: An endpoints file for the tracker store (as `mrcbot serve` writes it);
            the build folder's endpoints.yml if None, else an in-memory tracker store.

    Returns:
        The exit status: 0 when stopped, 2 when a setting or Telegram refused.

    """
    from bot.model import model_path, quiet

    keep_secrets_out_of_logs()
    model = model or model_path(settings)
    if endpoints is None:
        endpoints = settings.build_dir / "endpoints.yml"
    try:
        check_token(settings.telegram_bot_token)
        if not model.exists():
            raise TelegramConfigError(f"no trained model at {model}: run `mrcbot train` first")
        quiet(settings)
        keep_secrets_out_of_logs()
        with _action_server(settings):
            asyncio.run(_poll(settings, model, endpoints))
    except (TelegramConfigError, TelegramError) as error:
        return _refused(error)
    except KeyboardInterrupt:
        pass
    return 0
