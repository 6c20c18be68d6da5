"""Sends a counsellor's reply to the person, through the channel they used."""

from __future__ import annotations

import functools
import inspect
import logging
from typing import Any

from bot.content.compiler import RESPONSES_FILE
from bot.content.replies import Replies
from bot.settings import get_settings
from bot.store.tickets import TicketStore, TicketView

__all__ = ["deliver", "public_name", "reply_messages"]

logger = logging.getLogger(__name__)
MAX_NAME = 32


def public_name(display_name: str) -> str:
    """What a person learns of the counsellor: the first word of the display name.

    A display name is a first name or a role ("Amina", "counsellor"); should more be
    entered, only its first word is shown.
    """
    words = display_name.split()
    return words[0][:MAX_NAME] if words else "counsellor"


def reply_messages(
    replies: Replies, language: str, text: str, counsellor_name: str
) -> list[dict[str, Any]]:
    """The messages the person receives: who writes, in their language, then the reply."""
    lead = replies.text("counsellor_reply", language).replace(
        "{name}", public_name(counsellor_name)
    )
    return [{"text": f"{lead}\n{text.strip()}"}]


@functools.lru_cache(maxsize=1)
def _bundle() -> Replies:
    return Replies.load(get_settings().build_dir / RESPONSES_FILE)


async def deliver(
    app: Any,
    ticket: TicketView,
    text: str,
    counsellor_name: str,
    *,
    replies: Replies | None = None,
    tickets: TicketStore | None = None,
) -> bool:
    """Send a reply through the input channel the ticket came from.

    The channel is the one among `app.ctx.input_channels` whose `name()` is the ticket's
    channel; it must have `async deliver(pseudonym, reply_address, messages) -> bool`.

    Args:
        app: the Sanic app of the Rasa server.
        ticket: the ticket answered.
        text: the counsellor's reply.
        counsellor_name: the counsellor's display name (only its first word is shown).
        replies: the response bundle (default: the build folder's).
        tickets: the ticket store that holds the encrypted reply address (default: the
            settings' database).

    Returns:
        Whether the channel accepted the message; False when there is no such channel,
        it cannot deliver, or it failed.

    """
    channels = getattr(getattr(app, "ctx", None), "input_channels", None) or []
    channel = next((c for c in channels if c.name() == ticket.channel), None)
    send = getattr(channel, "deliver", None)
    if channel is None or send is None or not callable(send):
        logger.warning("dashboard: no channel %r can deliver replies", ticket.channel)
        return False
    try:
        store = tickets or TicketStore(get_settings().sqlalchemy_url, create=False)
        messages = reply_messages(replies or _bundle(), ticket.language, text, counsellor_name)
        result = send(ticket.pseudonym, store.reply_address(ticket.id), messages)
        delivered = await result if inspect.isawaitable(result) else result
    except Exception as error:  # a channel's failure must not lose the recorded reply
        logger.warning(
            "dashboard: delivery through %r failed (%s)", ticket.channel, type(error).__name__
        )
        return False
    return bool(delivered)
