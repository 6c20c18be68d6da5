"""The web chat's outbox: numbering, history, bounds, erasing and text direction."""

from __future__ import annotations

import pytest

from connectors.webchat_outbox import Outbox, text_direction


class Clock:
    def __init__(self) -> None:
        self.now = 1_700_000_000.0

    def __call__(self) -> float:
        return self.now


def test_ids_grow_and_the_cursor_follows() -> None:
    clock = Clock()
    outbox = Outbox(clock=clock)
    last = outbox.deliver("p", [{"text": "one"}, {"text": "two"}])
    messages, cursor = outbox.after("p", 0)
    assert [m["text"] for m in messages] == ["one", "two"]
    assert messages[1]["id"] == messages[0]["id"] + 1 == last == cursor
    assert outbox.after("p", cursor) == ([], cursor)


def test_ids_keep_growing_across_a_restart() -> None:
    clock = Clock()
    before = Outbox(clock=clock).deliver("p", [{"text": "a"}, {"text": "b"}])
    clock.now += 1
    after = Outbox(clock=clock).deliver("p", [{"text": "c"}])
    assert after > before


def test_buttons_and_direction_are_returned() -> None:
    outbox = Outbox(clock=Clock())
    outbox.deliver("p", [{"text": "\u200fمرحبا", "buttons": [{"title": "ن", "payload": "/x"}]}])
    (message,), _ = outbox.after("p", 0)
    assert message["buttons"] == [{"title": "ن", "payload": "/x"}]
    assert message["dir"] == "rtl"


def test_empty_messages_and_buttons_without_payload_are_dropped() -> None:
    outbox = Outbox(clock=Clock())
    outbox.deliver("p", [{"text": ""}, {"text": "ok", "buttons": [{"title": "no payload"}]}])
    messages, _ = outbox.after("p", 0)
    assert [(m["text"], m["buttons"]) for m in messages] == [("ok", [])]


def test_messages_and_conversations_are_bounded() -> None:
    outbox = Outbox(max_messages=3, max_conversations=2, clock=Clock())
    outbox.deliver("a", [{"text": str(n)} for n in range(5)])
    assert [m["text"] for m in outbox.after("a", 0)[0]] == ["2", "3", "4"]
    outbox.deliver("b", [{"text": "b"}])
    outbox.deliver("c", [{"text": "c"}])
    assert len(outbox) == 2
    assert outbox.after("a", 0) == ([], 0)


def test_idle_conversations_are_forgotten() -> None:
    clock = Clock()
    outbox = Outbox(idle_seconds=60, clock=clock)
    outbox.deliver("p", [{"text": "hi"}])
    clock.now += 61
    assert outbox.after("p", 0) == ([], 0)
    assert len(outbox) == 0


def test_erase_keeps_ids_growing() -> None:
    outbox = Outbox(clock=Clock())
    last = outbox.deliver("p", [{"text": "secret"}])
    outbox.erase("p")
    assert outbox.after("p", 0) == ([], last)
    assert outbox.deliver("p", [{"text": "done"}]) > last


def test_reading_an_unknown_conversation_keeps_nothing() -> None:
    outbox = Outbox(clock=Clock())
    assert outbox.after("nobody", 7) == ([], 7)
    assert outbox.cursor("nobody") == 0
    assert len(outbox) == 0


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        ("Hello", "ltr"),
        ("\u200fسلام", "rtl"),
        ("سلام hello", "rtl"),
        ("123 سلام", "rtl"),
        ("123 hello", "ltr"),
        ("", "ltr"),
        ("Привет", "ltr"),
    ],
)
def test_text_direction(text: str, direction: str) -> None:
    assert text_direction(text) == direction


async def test_the_channel_delivers_a_counsellors_reply_to_the_outbox() -> None:
    from connectors.webchat import WebChatInput

    channel = WebChatInput.from_credentials(None)
    pseudonym = "p_" + "a" * 32
    assert await channel.deliver(
        pseudonym, None, [{"text": "Message from the centre (Leila):\nHi"}]
    )
    messages, _ = channel.outbox.after(pseudonym, 0)
    assert [m["text"] for m in messages] == ["Message from the centre (Leila):\nHi"]
