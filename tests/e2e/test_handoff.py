"""A person asks for a counsellor on the web chat or Telegram; a counsellor's reply reaches them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from bot.store.staff import StaffStore
from bot.store.tickets import TicketStore
from tests.bot.dashboard.conftest import PASSWORD, csrf_in, login
from tests.connectors.fake_telegram import FakeTelegram
from tests.connectors.test_telegram import SECRET, callback_update, text_update
from tests.e2e.conftest import LiveAssistant, start_live

pytestmark = pytest.mark.model

CHAT_ID = 777000111
SESSION = "e2e-handoff-session-0001"


@pytest.fixture(scope="module")
def fake_telegram() -> Iterator[FakeTelegram]:
    with FakeTelegram() as fake:
        yield fake


@pytest.fixture(scope="module")
def live(
    trained_model: Path, fake_telegram: FakeTelegram, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveAssistant]:
    with start_live(
        tmp_path_factory.mktemp("handoff"),
        TELEGRAM_BOT_TOKEN=fake_telegram.token,
        TELEGRAM_WEBHOOK_SECRET=SECRET,
        TELEGRAM_API_BASE_URL=fake_telegram.base_url,
    ) as assistant:
        StaffStore(assistant.database_url).add_user("leila", PASSWORD, "counsellor", "Leila")
        yield assistant


def webchat(live: LiveAssistant, message: str) -> dict[str, Any]:
    reply = httpx.post(
        f"{live.url}/webhooks/webchat/webhook",
        json={"session": SESSION, "message": message},
        timeout=60,
    )
    assert reply.status_code == 200, reply.text
    return dict(reply.json())


def telegram(live: LiveAssistant, update: dict[str, Any]) -> None:
    reply = httpx.post(
        f"{live.url}/webhooks/telegram/webhook",
        json=update,
        headers={"X-Telegram-Bot-Api-Secret-Token": SECRET},
        timeout=60,
    )
    assert reply.status_code == 200, reply.text


def counsellor_replies(live: LiveAssistant, ticket_id: int, text: str) -> str:
    with httpx.Client(base_url=live.url, timeout=60) as client:
        assert login(client, "leila").status_code in {302, 303}
        page = client.get(f"/dashboard/tickets/{ticket_id}")
        assert page.status_code == 200
        answer = client.post(
            f"/dashboard/tickets/{ticket_id}/reply", data={"csrf": csrf_in(page.text), "text": text}
        )
        assert answer.status_code in {302, 303}
        return client.get(answer.headers["location"]).text


def test_reply_reaches_the_web_chat(live: LiveAssistant) -> None:
    offer = webchat(live, "i want to talk to a counsellor please")
    assert any("I can pass your question" in m["text"] for m in offer["messages"])
    created = webchat(live, '/handoff_consent{"consent":"yes"}')
    assert any("sent to a counsellor" in m["text"] for m in created["messages"])

    tickets = TicketStore(live.database_url, create=False)
    ticket = tickets.queue(language="en")[0]
    assert ticket.channel == "webchat"
    page = counsellor_replies(live, ticket.id, "Hello, we can check the agency for you.")
    assert "could not be delivered" not in page.lower()

    polled = httpx.get(
        f"{live.url}/webhooks/webchat/messages",
        params={"session": SESSION, "after": created["cursor"]},
        timeout=30,
    ).json()
    assert [m["text"] for m in polled["messages"]] == [
        "Message from the centre (Leila):\nHello, we can check the agency for you."
    ]


def test_urgent_telegram_request_is_first_and_the_reply_reaches_the_chat(
    live: LiveAssistant, fake_telegram: FakeTelegram
) -> None:
    telegram(live, text_update(CHAT_ID, "they locked us in the factory and took our passports"))
    sent = fake_telegram.sent(CHAT_ID)
    assert "Police (example)" in sent[0].params["text"]
    keyboard = sent[-1].json("reply_markup")["inline_keyboard"]
    consent = keyboard[0][0]["callback_data"]
    telegram(live, callback_update(CHAT_ID, consent))

    tickets = TicketStore(live.database_url, create=False)
    first = tickets.queue()[0]
    assert first.urgent and first.channel == "telegram"
    assert str(CHAT_ID) not in json.dumps(tickets.get(first.id)[1], default=str)

    before = len(fake_telegram.sent(CHAT_ID))
    counsellor_replies(live, first.id, "We are calling the hotline with you now.")
    delivered = fake_telegram.sent(CHAT_ID)[before:]
    assert [call.params["text"] for call in delivered] == [
        "Message from the centre (Leila):\nWe are calling the hotline with you now."
    ]
