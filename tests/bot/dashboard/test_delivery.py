from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from bot.content.compiler import RESPONSES_FILE, build
from bot.content.contract import Contract
from bot.content.loader import Content
from bot.content.replies import Replies
from bot.dashboard.delivery import deliver, public_name
from bot.settings import ROOT
from bot.store.tickets import TicketStore, TicketView


class Channel:
    def __init__(self, channel: str, result: Any = True) -> None:
        self.channel = channel
        self.result = result
        self.calls: list[tuple[str, str | None, list[dict[str, Any]]]] = []

    def name(self) -> str:
        return self.channel

    async def deliver(
        self, pseudonym: str, reply_address: str | None, messages: list[dict[str, Any]]
    ) -> bool:
        self.calls.append((pseudonym, reply_address, messages))
        if isinstance(self.result, Exception):
            raise self.result
        return bool(self.result)


class Silent:
    def name(self) -> str:
        return "rest"


@pytest.fixture(scope="module")
def replies(
    content: Content, contract: Contract, tmp_path_factory: pytest.TempPathFactory
) -> Replies:
    folder = tmp_path_factory.mktemp("bundle")
    build(content, contract, ROOT, folder)
    return Replies.load(folder / RESPONSES_FILE)


@pytest.fixture
def store(tmp_path: Path) -> TicketStore:
    return TicketStore(f"sqlite:///{tmp_path / 'db.sqlite'}")


def ticket_in(store: TicketStore, channel: str, language: str = "ar") -> TicketView:
    ticket_id = store.create(
        pseudonym="p_" + "b" * 32,
        channel=channel,
        language=language,
        country="PK",
        topic=None,
        urgent=False,
        transcript=[("person", "hello")],
        reply_address="enc:address",
    )
    return store.get(ticket_id)[0]


def app_with(*channels: object) -> Any:
    return SimpleNamespace(ctx=SimpleNamespace(input_channels=list(channels)))


async def test_delivers_through_the_ticket_channel(replies: Replies, store: TicketStore) -> None:
    telegram, webchat = Channel("telegram"), Channel("webchat")
    ticket = ticket_in(store, "telegram")
    sent = await deliver(
        app_with(webchat, telegram),
        ticket,
        " Stay safe. ",
        "Amina Rahimi",
        replies=replies,
        tickets=store,
    )
    assert sent is True
    assert webchat.calls == []
    assert telegram.calls == [
        ("p_" + "b" * 32, "enc:address", [{"text": "رسالة من المركز (Amina):\nStay safe."}])
    ]


@pytest.mark.parametrize(
    "channels",
    [
        [],
        [Silent()],
        [Channel("telegram", result=False)],
        [Channel("telegram", result=RuntimeError("down"))],
    ],
)
async def test_failures_return_false(
    replies: Replies, store: TicketStore, channels: list[object]
) -> None:
    ticket = ticket_in(
        store, "telegram" if channels and not isinstance(channels[0], Silent) else "rest"
    )
    assert (
        await deliver(app_with(*channels), ticket, "hi", "Amina", replies=replies, tickets=store)
        is False
    )


async def test_app_without_channels(replies: Replies, store: TicketStore) -> None:
    ticket = ticket_in(store, "telegram")
    assert (
        await deliver(SimpleNamespace(), ticket, "hi", "x", replies=replies, tickets=store) is False
    )


def test_public_name_is_one_word() -> None:
    assert public_name("Amina Rahimi") == "Amina"
    assert public_name("counsellor") == "counsellor"
    assert public_name("   ") == "counsellor"
