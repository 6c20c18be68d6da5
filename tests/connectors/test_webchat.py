"""The web chat API against a real Rasa server with the channel and the real action server."""

from __future__ import annotations

import json
import secrets
from typing import Any

import httpx
import pytest

from bot.content.loader import Content
from connectors.webchat import WebChatInput
from tests.connectors.webchat_server import WebChatServer

pytestmark = pytest.mark.model

API = "/webhooks/webchat"


def new_session() -> str:
    return secrets.token_urlsafe(24)


@pytest.fixture
def client(webchat_server: WebChatServer) -> Any:
    with httpx.Client(base_url=webchat_server.url, timeout=60) as client:
        yield client


class Person:
    """One browser talking to the web chat."""

    def __init__(self, client: httpx.Client) -> None:
        self.client = client
        self.session = new_session()
        self.cursor = 0

    def say(self, message: str) -> list[dict[str, Any]]:
        reply = self.client.post(
            f"{API}/webhook", json={"session": self.session, "message": message}
        )
        assert reply.status_code == 200, reply.text
        body = reply.json()
        self.cursor = body["cursor"]
        return list(body["messages"])

    def poll(self, after: int) -> dict[str, Any]:
        reply = self.client.get(f"{API}/messages", params={"session": self.session, "after": after})
        assert reply.status_code == 200, reply.text
        return dict(reply.json())


def test_a_message_gets_numbered_replies_with_buttons(client: httpx.Client) -> None:
    messages = Person(client).say("hello")
    assert "Migrant Resource Centre's assistant" in messages[0]["text"]
    ids = [message["id"] for message in messages]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    assert all(message["dir"] == "ltr" for message in messages)
    assert set(messages[-1]) == {"id", "text", "buttons", "dir"}
    assert messages[-1]["buttons"][0] == {
        "title": "Legal ways to go abroad",
        "payload": '/choose_group{"group":"legal"}',
    }


def test_a_button_payload_is_sent_as_the_message(client: httpx.Client) -> None:
    person = Person(client)
    person.say("hello")
    messages = person.say('/choose_group{"group":"risk"}')
    payloads = [button["payload"] for button in messages[-1]["buttons"]]
    assert "/smuggling_dangers" in payloads


def test_rasa_knows_the_person_only_by_the_pseudonym(
    client: httpx.Client, webchat_server: WebChatServer
) -> None:
    person = Person(client)
    person.say("hello")
    pseudonym = webchat_server.pseudonym(person.session)
    assert pseudonym != person.session and pseudonym.startswith("p_")
    tracker = client.get(f"/conversations/{pseudonym}/tracker").json()
    assert [e["text"] for e in tracker["events"] if e["event"] == "user"] == ["hello"]
    assert tracker["latest_input_channel"] == "webchat"
    raw = client.get(f"/conversations/{person.session}/tracker").json()
    assert [e for e in raw["events"] if e["event"] == "user"] == []


def test_history_is_returned_after_zero_and_nothing_after_the_cursor(
    client: httpx.Client,
) -> None:
    person = Person(client)
    first = person.say("hello")
    second = person.say("/menu")
    history = person.poll(0)
    assert history["messages"] == first + second
    assert history["cursor"] == person.cursor == second[-1]["id"]
    assert person.poll(person.cursor) == {"messages": [], "cursor": person.cursor}
    assert person.poll(first[-1]["id"])["messages"] == second


def test_messages_nobody_asked_for_reach_the_next_poll(
    client: httpx.Client, webchat_server: WebChatServer
) -> None:
    person = Person(client)
    person.say("hello")
    # What a counsellor's reply does: the bot speaks on the web chat without a request.
    pushed = client.post(
        f"/conversations/{webchat_server.pseudonym(person.session)}/trigger_intent",
        params={"output_channel": "webchat"},
        json={"name": "menu"},
    )
    assert pushed.status_code == 200, pushed.text
    later = person.poll(person.cursor)
    assert later["messages"][0]["text"].startswith("Choose a subject")
    assert later["cursor"] == later["messages"][-1]["id"] > person.cursor


def test_webhook_with_after_returns_every_message_since(client: httpx.Client) -> None:
    person = Person(client)
    first = person.say("hello")
    reply = client.post(
        f"{API}/webhook", json={"session": person.session, "message": "/menu", "after": 0}
    )
    messages = reply.json()["messages"]
    assert messages[: len(first)] == first
    assert messages[-1]["text"].startswith("Choose a subject")


def test_arabic_replies_are_right_to_left(client: httpx.Client, content: Content) -> None:
    person = Person(client)
    messages = person.say('/set_language{"language":"ar"}')
    assert messages[0]["dir"] == "rtl"
    expected = content.conversation["ar"].texts["language_set"]
    assert messages[0]["text"].replace("\u200f", "") == expected
    menu = person.say("/menu")
    assert all(message["dir"] == "rtl" for message in menu)


@pytest.mark.parametrize(("command", "start"), [("/start", "Hello!"), ("/help", "Choose a")])
def test_commands_become_intents(client: httpx.Client, command: str, start: str) -> None:
    assert Person(client).say(command)[0]["text"].startswith(start)


def test_markup_reaches_rasa_as_it_was_typed(
    client: httpx.Client, webchat_server: WebChatServer
) -> None:
    person = Person(client)
    person.say("<img src=x onerror=alert(1)>")
    tracker = client.get(f"/conversations/{webchat_server.pseudonym(person.session)}/tracker")
    events = tracker.json()["events"]
    # The server escapes nothing; the widget puts every text in the page as text.
    assert [e["text"] for e in events if e["event"] == "user"] == ["<img src=x onerror=alert(1)>"]


def test_deleting_data_empties_the_history(client: httpx.Client) -> None:
    person = Person(client)
    person.say("hello")
    confirm = person.say("/delete_data")
    payloads = [button["payload"] for button in confirm[-1]["buttons"]]
    assert '/delete_data{"confirm":"yes"}' in payloads
    reply = client.post(
        f"{API}/webhook",
        json={"session": person.session, "message": '/delete_data{"confirm":"yes"}'},
    )
    body = reply.json()
    assert body["reset"] is True
    assert body["messages"][0]["text"].startswith("Done. Erased")
    assert person.poll(0)["messages"] == body["messages"]


def post_raw(client: httpx.Client, body: bytes, content_type: str) -> httpx.Response:
    return client.post(f"{API}/webhook", content=body, headers={"Content-Type": content_type})


@pytest.mark.parametrize(
    ("body", "content_type", "status", "error"),
    [
        (b"{not json", "application/json", 400, "invalid_json"),
        (b"[1, 2]", "application/json", 400, "invalid_json"),
        (b'{"message": "hi"}', "application/json", 400, "invalid_session"),
        (b'{"session": "short", "message": "hi"}', "application/json", 400, "invalid_session"),
        (
            b'{"session": "has spaces and is long enough", "message": "hi"}',
            "application/json",
            400,
            "invalid_session",
        ),
        (b'{"session": "SESSION", "message": ""}', "application/json", 400, "invalid_message"),
        (b'{"session": "SESSION", "message": 42}', "application/json", 400, "invalid_message"),
        (b'{"session": "SESSION", "message": "hi"}', "text/plain", 415, "unsupported_media_type"),
        (b"session=SESSION&message=hi", "application/x-www-form-urlencoded", 415, None),
        (b'{"session": "SESSION", "message": "hi", "after": -1}', "application/json", 400, None),
    ],
)
def test_bad_requests_get_clear_errors(
    client: httpx.Client, body: bytes, content_type: str, status: int, error: str | None
) -> None:
    reply = post_raw(client, body.replace(b"SESSION", new_session().encode()), content_type)
    assert reply.status_code == status
    assert reply.headers["content-type"].startswith("application/json")
    assert set(reply.json()) == {"error", "detail"}
    if error:
        assert reply.json()["error"] == error


def test_a_message_over_2000_characters_is_refused(client: httpx.Client) -> None:
    session = new_session()
    reply = client.post(f"{API}/webhook", json={"session": session, "message": "a" * 2001})
    assert reply.status_code == 413
    assert reply.json()["error"] == "message_too_long"
    huge = json.dumps({"session": session, "message": "a" * 40000}).encode()
    assert post_raw(client, huge, "application/json").status_code == 413
    accepted = client.post(f"{API}/webhook", json={"session": session, "message": "a" * 2000})
    assert accepted.status_code == 200


def test_more_than_20_messages_a_minute_are_refused(client: httpx.Client) -> None:
    person = Person(client)
    for _ in range(20):
        person.say("/greet")
    reply = client.post(f"{API}/webhook", json={"session": person.session, "message": "/greet"})
    assert reply.status_code == 429
    assert reply.json()["error"] == "rate_limited"
    assert 1 <= int(reply.headers["Retry-After"]) <= 60
    # Another session is not held back.
    assert Person(client).say("/greet")


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", f"{API}/nowhere", 404),
        ("POST", f"{API}/nowhere/else", 404),
        ("GET", "/chat/missing.js", 404),
        ("GET", f"{API}/webhook", 405),
        ("POST", f"{API}/messages", 405),
        ("GET", f"{API}/messages?session=short", 400),
        ("GET", f"{API}/messages", 400),
        ("GET", f"{API}/messages?session=abcdefghijklmnopqrstuvwx&after=soon", 400),
        ("GET", f"{API}/notice?lang=<script>", 400),
    ],
)
def test_bad_routes_and_queries_get_json_errors(
    client: httpx.Client, method: str, path: str, status: int
) -> None:
    reply = client.request(method, path)
    assert reply.status_code == status
    assert reply.json()["error"]


def test_unknown_sessions_have_an_empty_history(client: httpx.Client) -> None:
    reply = client.get(f"{API}/messages", params={"session": new_session(), "after": 0})
    assert reply.json() == {"messages": [], "cursor": 0}


@pytest.mark.parametrize("language", ["en", "fa", "ps", "ur", "bn", "ar", "ru"])
def test_notice_is_the_bots_text_in_the_language(
    client: httpx.Client, content: Content, language: str
) -> None:
    body = client.get(f"{API}/notice", params={"lang": language}).json()
    texts = content.conversation[language].texts
    assert body["lang"] == language
    assert body["notice"]["text"] == texts["privacy_notice"].strip()
    assert body["notice"]["button"] == {
        "title": texts["button_privacy"],
        "payload": "/data_privacy",
    }
    assert body["dir"] == ("rtl" if language in {"fa", "ps", "ur", "ar"} else "ltr")
    assert body["labels"]["button_counsellor"] == texts["button_counsellor"]


def test_notice_falls_back_to_english(client: httpx.Client) -> None:
    assert client.get(f"{API}/notice", params={"lang": "de-CH"}).json()["lang"] == "en"
    assert client.get(f"{API}/notice").json()["lang"] == "en"


def test_other_sites_may_call_the_api(client: httpx.Client) -> None:
    preflight = client.options(
        f"{API}/webhook",
        headers={"Origin": "https://centre.example", "Access-Control-Request-Method": "POST"},
    )
    assert preflight.status_code == 204
    assert preflight.headers["Access-Control-Allow-Origin"] == "*"
    assert "Content-Type" in preflight.headers["Access-Control-Allow-Headers"]
    limited = client.get(f"{API}/messages?session=short")
    assert limited.headers["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("/chat", "text/html"),
        ("/chat/widget.js", "text/javascript"),
        ("/chat/widget.css", "text/css"),
    ],
)
def test_page_and_assets_are_served_with_etags(
    client: httpx.Client, path: str, content_type: str
) -> None:
    reply = client.get(path)
    assert reply.status_code == 200
    assert reply.headers["content-type"].startswith(content_type)
    assert reply.headers["X-Content-Type-Options"] == "nosniff"
    again = client.get(path, headers={"If-None-Match": reply.headers["ETag"]})
    assert again.status_code == 304


def test_the_page_allows_only_its_own_scripts(client: httpx.Client) -> None:
    policy = client.get("/chat").headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy


def test_page_script_and_styles_weigh_under_100_kb(client: httpx.Client) -> None:
    sizes = [
        len(client.get(path).content) for path in ("/chat", "/chat/widget.js", "/chat/widget.css")
    ]
    assert sum(sizes) < 100 * 1024, sizes


@pytest.mark.parametrize(
    ("credentials", "problem"),
    [
        ({"allowed_origins": 5}, "allowed_origins"),
        ({"messages_per_minute": 0}, "messages_per_minute"),
        ({"colour": "red"}, "unknown"),
    ],
)
def test_credentials_are_checked(credentials: dict[str, Any], problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        WebChatInput.from_credentials(credentials)


def test_credentials_may_be_empty_or_list_origins() -> None:
    assert WebChatInput.from_credentials(None).allowed_origins == ("*",)
    channel = WebChatInput.from_credentials({"allowed_origins": ["https://centre.example/"]})
    assert channel.allowed_origins == ("https://centre.example",)
