"""The Telegram channel against a real local Bot API server, a real Rasa agent and actions."""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import pytest_asyncio
import yaml
from rasa.core.channels.channel import UserMessage
from telegram import Update

from bot.content.compiler import build
from bot.content.contract import Contract
from bot.content.loader import Content
from bot.privacy.crypto import encrypt
from bot.privacy.pseudonym import sender_pseudonym
from bot.settings import ROOT, Settings
from connectors.telegram import TelegramConfigError, TelegramInput, TelegramOutput
from connectors.telegram.bot import COMMAND_TEXTS, make_bot
from connectors.telegram.buttons import MAX_CALLBACK_BYTES, UNKNOWN_BUTTON, ButtonMap
from connectors.telegram.handler import UpdateHandler
from connectors.telegram.output import split_text
from connectors.telegram.updates import MAX_TEXT, read_update
from connectors.telegram_cli import run_polling, set_webhook
from tests.connectors.fake_telegram import BOT_USER, FakeTelegram
from tests.model_fixtures import free_port

SECRET = "test-secret_0123456789"
_ids = itertools.count(1)
_chats = itertools.count(5_550_001_230_001)


# Telegram updates as the Bot API sends them.


def new_chat() -> int:
    return next(_chats)


def person(chat_id: int, language: str = "en") -> dict[str, Any]:
    return {"id": chat_id, "is_bot": False, "first_name": "Test", "language_code": language}


def message(chat_id: int, chat_type: str = "private", **fields: Any) -> dict[str, Any]:
    chat: dict[str, Any] = {"id": chat_id, "type": chat_type}
    chat.update({"first_name": "Test"} if chat_type == "private" else {"title": "A group"})
    return {
        "message_id": next(_ids),
        "date": int(time.time()),
        "chat": chat,
        "from": person(abs(chat_id)),
        **fields,
    }


def update(**fields: Any) -> dict[str, Any]:
    return {"update_id": next(_ids), **fields}


def text_update(chat_id: int, text: str, language: str = "en") -> dict[str, Any]:
    sent = message(chat_id, text=text)
    sent["from"] = person(chat_id, language)
    return update(message=sent)


def callback_update(chat_id: int, data: str) -> dict[str, Any]:
    pressed = message(chat_id, text="menu")
    pressed["from"] = BOT_USER
    return update(
        callback_query={
            "id": f"query-{next(_ids)}",
            "from": person(chat_id),
            "chat_instance": "instance",
            "data": data,
            "message": pressed,
        }
    )


FILE = {"file_id": "file", "file_unique_id": "unique"}
MEDIA = {
    "photo": {"photo": [{**FILE, "width": 90, "height": 90}], "caption": "is this real?"},
    "sticker": {
        "sticker": {
            **FILE,
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
        }
    },
    "voice": {"voice": {**FILE, "duration": 3}},
    "document": {"document": FILE},
    "video": {"video": {**FILE, "width": 90, "height": 90, "duration": 3}},
    "location": {"location": {"latitude": 24.86, "longitude": 67.0}},
    "contact": {"contact": {"phone_number": "+923001234567", "first_name": "Cousin"}},
}


# Fixtures: the fake Bot API, and a Rasa app serving the channel from a credentials file.


@pytest.fixture(scope="session")
def fake_telegram() -> Iterator[FakeTelegram]:
    with FakeTelegram() as fake:
        yield fake


@pytest.fixture
def fake(fake_telegram: FakeTelegram) -> FakeTelegram:
    fake_telegram.reset()
    return fake_telegram


@dataclass
class Webhook:
    url: str
    channel: TelegramInput
    client: httpx.AsyncClient

    async def post(self, body: Any, secret: str | None = SECRET) -> httpx.Response:
        headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret is not None else {}
        content = body if isinstance(body, bytes) else json.dumps(body).encode()
        return await self.client.post(self.url, content=content, headers=headers)


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def webhook(
    agent: Any, fake_telegram: FakeTelegram, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Webhook]:
    from rasa.core.channels.channel import register
    from rasa.core.run import create_http_input_channels
    from sanic import Sanic

    credentials = tmp_path_factory.mktemp("telegram") / "credentials.yml"
    block = {
        "bot_token": fake_telegram.token,
        "webhook_secret": SECRET,
        "base_url": fake_telegram.base_url,
    }
    credentials.write_text(yaml.safe_dump({"connectors.telegram.TelegramInput": block}))
    channels = create_http_input_channels(None, str(credentials))
    port = free_port()
    app = Sanic("telegram_channel_test", configure_logging=False)
    register(channels, app, route="/webhooks/")  # as `rasa run` mounts every channel
    app.ctx.agent = agent
    server = await app.create_server(
        host="127.0.0.1", port=port, return_asyncio_server=True, access_log=False
    )
    await server.startup()
    await server.start_serving()
    try:
        async with httpx.AsyncClient(timeout=60) as client:
            url = f"http://127.0.0.1:{port}/webhooks/telegram/webhook"
            yield Webhook(url, channels[0], client)
    finally:
        server.close()
        await server.wait_closed()
        await channels[0].bot.shutdown()


def texts_of(content: Content, language: str = "en") -> dict[str, str]:
    return dict(content.conversation[language].texts)


def plain(text: str) -> str:
    return text.replace("\u200f", "")


# No network: splitting, button data, reading updates.


def test_split_text_keeps_paragraphs_whole() -> None:
    paragraphs = [f"{index} " + "word " * 700 for index in range(5)]
    chunks = split_text("\n\n".join(p.strip() for p in paragraphs))
    assert len(chunks) > 1
    assert all(len(chunk) <= 4096 for chunk in chunks)
    assert [p for chunk in chunks for p in chunk.split("\n\n")] == [p.strip() for p in paragraphs]


def test_split_text_cuts_lines_words_and_counts_like_telegram() -> None:
    assert split_text("short") == ["short"]
    assert split_text("  \n\n ") == []
    long_line = "a" * 5000
    assert [len(c) for c in split_text(long_line)] == [4096, 904]
    emoji = "\U0001f600" * 3000  # two UTF-16 units each, as Telegram counts
    assert [len(c) for c in split_text(emoji)] == [2048, 952]
    assert split_text("one two three", limit=8) == ["one two", "three"]


def test_button_data_fits_and_maps_back(tmp_path: Path) -> None:
    buttons = ButtonMap(tmp_path / "buttons.sqlite3")
    short = '/choose_group{"group":"legal"}'
    assert buttons.payload_for(buttons.data_for(short)) == short
    long = '/set_country{"country":"جمهوری اسلامی افغانستان، کابل، ولایت"}'
    assert len(long.encode()) > MAX_CALLBACK_BYTES
    data = buttons.data_for(long)
    assert len(data.encode()) <= MAX_CALLBACK_BYTES
    assert buttons.payload_for(data) == long
    assert ButtonMap(tmp_path / "buttons.sqlite3").payload_for(data) == long  # after a restart
    assert ButtonMap().payload_for(data) == UNKNOWN_BUTTON
    for stale in ("#AAAAAAAAAAAAAAAAAAAAAAAA", "garbage", "", None):
        assert buttons.payload_for(stale) == UNKNOWN_BUTTON


def test_button_map_is_bounded() -> None:
    buttons = ButtonMap(limit=2)
    data = [buttons.data_for("/x" + "ж" * 40 + str(n)) for n in range(3)]
    assert buttons.payload_for(data[0]) == UNKNOWN_BUTTON
    assert buttons.payload_for(data[2]).endswith("2")


def read(data: dict[str, Any]) -> str | None:
    incoming = read_update(Update.de_json(data, None), ButtonMap())
    return incoming.text if incoming else None


def test_read_update_maps_commands_media_and_ignores_groups() -> None:
    chat = new_chat()
    assert read(text_update(chat, "/start")) == "/greet"
    assert read(text_update(chat, "/help@mrc_test_bot")) == "/menu"
    assert read(text_update(chat, "/language")) == "/change_language"
    assert read(text_update(chat, "/counsellor")) == "/handoff"
    assert read(text_update(chat, "/delete")) == "/delete_data"
    assert read(text_update(chat, '/set_country{"country":"LK"}')) == 'set_country{"country":"LK"}'
    assert read(text_update(chat, "x" * 5000)) == "x" * MAX_TEXT
    for kind, fields in MEDIA.items():
        assert read(update(message=message(chat, **fields))) == (
            f'/unsupported_message{{"kind":"{kind}"}}'
        )
    edited = message(chat, text="hello", edit_date=int(time.time()))
    assert read(update(edited_message=edited)) == "hello"
    assert read(update(message=message(-chat, "group", text="hello"))) is None
    assert read(update(message=message(-chat, "supergroup", text="/start"))) is None
    post = message(-chat, "channel", text="news")
    del post["from"]
    assert read(update(channel_post=post)) is None
    from_bot = message(chat, text="hello")
    from_bot["from"] = BOT_USER
    assert read(update(message=from_bot)) is None


def test_a_contact_is_not_passed_on() -> None:
    data = update(message=message(new_chat(), **MEDIA["contact"]))
    incoming = read_update(Update.de_json(data, None), ButtonMap())
    assert incoming is not None
    assert "+923001234567" not in json.dumps([incoming.text, incoming.metadata])


def test_channel_needs_a_token_and_a_secret(fake_telegram: FakeTelegram) -> None:
    with pytest.raises(TelegramConfigError, match="TELEGRAM_WEBHOOK_SECRET"):
        TelegramInput("4242:token", "")
    with pytest.raises(TelegramConfigError, match="TELEGRAM_WEBHOOK_SECRET"):
        TelegramInput("4242:token", "has spaces")
    with pytest.raises(TelegramConfigError, match="TELEGRAM_BOT_TOKEN"):
        TelegramInput("", SECRET)
    channel = TelegramInput.from_credentials(
        {"bot_token": "4242:token", "webhook_secret": SECRET, "base_url": fake_telegram.base_url}
    )
    assert channel.bot.base_url == fake_telegram.base_url + "4242:token"
    assert channel.name() == "telegram"


# Against the fake Bot API, without Rasa.


async def test_deliver_sends_a_counsellors_reply_to_the_encrypted_chat(fake: FakeTelegram) -> None:
    chat = new_chat()
    channel = TelegramInput(fake.token, SECRET, fake.base_url)
    async with channel.bot:
        sent = await channel.deliver(
            "p_someone", encrypt(str(chat)), [{"text": "Message from the centre (Leila):\nHello"}]
        )
        assert sent
        assert [call.params["text"] for call in fake.sent(chat)] == [
            "Message from the centre (Leila):\nHello"
        ]
        assert not await channel.deliver("p_someone", "not-a-token", [{"text": "x"}])
        assert not await channel.deliver("p_someone", None, [{"text": "x"}])


async def test_long_message_is_split_and_buttons_go_on_the_last_part(fake: FakeTelegram) -> None:
    chat = new_chat()
    paragraphs = [(f"Paragraph {n}. " + "words and more words " * 70).strip() for n in range(4)]
    bot = make_bot(fake.token, fake.base_url)
    async with bot:
        output = TelegramOutput(bot, chat, ButtonMap())
        buttons = [{"title": "Menu", "payload": "/menu"}]
        await output.send_text_with_buttons("ignored", "\n\n".join(paragraphs), buttons)
    sent = fake.sent(chat)
    assert len(sent) == 2
    assert all(len(call.params["text"]) <= 4096 for call in sent)
    assert [call.params["text"] for call in sent] == [
        "\n\n".join(paragraphs[:2]),
        "\n\n".join(paragraphs[2:]),
    ]
    assert "reply_markup" not in sent[0].params
    keyboard = sent[1].json("reply_markup")["inline_keyboard"]
    assert keyboard == [[{"text": "Menu", "callback_data": "=/menu"}]]
    assert "parse_mode" not in sent[0].params


async def test_non_latin_button_payloads_fit_in_callback_data(fake: FakeTelegram) -> None:
    chat = new_chat()
    buttons = ButtonMap()
    payloads = [
        '/set_country{"country":"افغانستان، کابل، ولایت کابل"}',
        '/choose_group{"group":"законные способы уехать за границу"}',
    ]
    received: list[UserMessage] = []

    async def on_new_message(message: UserMessage) -> None:
        received.append(message)

    bot = make_bot(fake.token, fake.base_url)
    async with bot:
        output = TelegramOutput(bot, chat, buttons)
        await output.send_text_with_buttons(
            "ignored", "Choose", [{"title": p[-10:], "payload": p} for p in payloads]
        )
        rows = fake.sent(chat)[0].json("reply_markup")["inline_keyboard"]
        data = [row[0]["callback_data"] for row in rows]
        assert all(len(d.encode()) <= MAX_CALLBACK_BYTES for d in data)
        handler = UpdateHandler(bot, buttons, on_new_message)
        for item in data:
            assert await handler.handle(Update.de_json(callback_update(chat, item), bot))
    assert [m.text for m in received] == payloads
    assert len(fake.calls("answerCallbackQuery")) == 2


async def test_a_429_is_waited_out_and_the_message_sent(fake: FakeTelegram) -> None:
    chat = new_chat()
    fake.fail_next("sendMessage", 429, retry_after=1)
    bot = make_bot(fake.token, fake.base_url)
    async with bot:
        started = time.monotonic()
        await TelegramOutput(bot, chat, ButtonMap()).send_text_message("ignored", "Hello")
    assert time.monotonic() - started >= 1
    calls = [c for c in fake.calls("sendMessage") if int(c.params["chat_id"]) == chat]
    assert [(c.status, c.params["text"]) for c in calls] == [(429, "Hello"), (200, "Hello")]


async def test_a_network_error_is_retried(fake: FakeTelegram) -> None:
    chat = new_chat()
    fake.fail_next("sendMessage", 502)
    bot = make_bot(fake.token, fake.base_url)
    async with bot:
        await TelegramOutput(bot, chat, ButtonMap()).send_text_message("ignored", "Hello")
    assert [c.params["text"] for c in fake.sent(chat)] == ["Hello"]
    assert [c.status for c in fake.calls("sendMessage")] == [502, 200]


async def test_set_webhook_registers_secret_and_commands_per_language(
    fake: FakeTelegram, content: Content, contract: Contract, tmp_path: Path
) -> None:
    build(content, contract, ROOT, tmp_path / "build")
    settings = Settings(
        data_dir=tmp_path / "var",
        build_dir=tmp_path / "build",
        telegram_bot_token=fake.token,
        telegram_webhook_secret=SECRET,
        telegram_api_base_url=fake.base_url,
    )
    url = "https://mrc.example.org/webhooks/telegram/webhook"
    assert await asyncio.to_thread(set_webhook, settings, url) == 0
    [registered] = fake.calls("setWebhook")
    assert registered.params["url"] == url
    assert registered.params["secret_token"] == SECRET
    assert registered.json("allowed_updates") == ["message", "edited_message", "callback_query"]
    calls = fake.calls("setMyCommands")
    languages = [call.params.get("language_code") for call in calls]
    assert languages[0] is None  # the default menu, then one for every language
    assert sorted(languages[1:]) == sorted(content.conversation)
    for call in calls:
        language = call.params.get("language_code", "en")
        commands = {c["command"]: c["description"] for c in call.json("commands")}
        assert list(commands) == list(COMMAND_TEXTS)
        texts = texts_of(content, language)
        assert commands["help"] == texts["button_menu"]
        assert commands["counsellor"] == texts["button_counsellor"]
        assert all(1 <= len(d) <= 256 for d in commands.values())


async def test_set_webhook_refuses_without_https_or_secret(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    settings = Settings(
        build_dir=tmp_path,
        telegram_bot_token=fake.token,
        telegram_api_base_url=fake.base_url,
    )
    assert await asyncio.to_thread(set_webhook, settings, "http://insecure.example.org/") == 2
    assert await asyncio.to_thread(set_webhook, settings, "https://mrc.example.org/") == 2
    assert fake.calls("setWebhook") == []


# The webhook, served by Rasa's app with the trained model and the action server.


@pytest.mark.model
async def test_text_update_is_answered_in_the_chat(
    webhook: Webhook, fake: FakeTelegram, content: Content
) -> None:
    chat = new_chat()
    answer = await webhook.post(text_update(chat, "hello"))
    assert answer.status_code == 200
    sent = fake.sent(chat)
    assert plain(sent[0].params["text"]) == " ".join(texts_of(content)["greet"].split())
    first_typing = fake.calls().index(
        next(c for c in fake.calls("sendChatAction") if int(c.params["chat_id"]) == chat)
    )
    assert first_typing < fake.calls().index(sent[0])
    assert fake.calls("sendChatAction")[0].params["action"] == "typing"
    keyboard = sent[-1].json("reply_markup")["inline_keyboard"]
    data = [row[0]["callback_data"] for row in keyboard]
    assert data and all(len(d.encode()) <= MAX_CALLBACK_BYTES for d in data)

    # Pressing a menu button answers the query and shows that group.
    pressed = callback_update(chat, data[0])
    assert (await webhook.post(pressed)).status_code == 200
    assert (
        fake.calls("answerCallbackQuery")[-1].params["callback_query_id"]
        == (pressed["callback_query"]["id"])
    )
    assert plain(fake.sent(chat)[-1].params["text"]) == texts_of(content)["group_prompt"]


@pytest.mark.model
async def test_the_answer_is_in_the_persons_language(
    webhook: Webhook, fake: FakeTelegram, content: Content
) -> None:
    chat = new_chat()
    question = content.topics["remittances"].translations["ru"].examples[0]
    assert (await webhook.post(text_update(chat, question, "ru"))).status_code == 200
    texts = [plain(c.params["text"]) for c in fake.sent(chat)]
    assert texts[-1] == texts_of(content, "ru")["feedback_question"]


@pytest.mark.model
async def test_wrong_or_missing_secret_is_refused(webhook: Webhook, fake: FakeTelegram) -> None:
    chat = new_chat()
    assert (await webhook.post(text_update(chat, "hello"), secret="wrong")).status_code == 403
    assert (await webhook.post(text_update(chat, "hello"), secret=None)).status_code == 403
    assert (await webhook.post(text_update(chat, "hello"), secret="")).status_code == 403
    assert fake.calls() == []


@pytest.mark.model
@pytest.mark.parametrize(
    "body", [b"{not json", b"[1, 2]", b'"text"', b'{"foo": 1}', b'{"update_id": "1"}']
)
async def test_a_body_that_is_not_an_update_gets_400(
    webhook: Webhook, fake: FakeTelegram, body: bytes
) -> None:
    assert (await webhook.post(body)).status_code == 400
    assert fake.calls() == []


@pytest.mark.model
@pytest.mark.parametrize("kind", list(MEDIA))
async def test_media_gets_a_polite_reply(
    webhook: Webhook, fake: FakeTelegram, content: Content, kind: str
) -> None:
    chat = new_chat()
    answer = await webhook.post(update(message=message(chat, **MEDIA[kind])))
    assert answer.status_code == 200
    texts = [plain(c.params["text"]) for c in fake.sent(chat)]
    assert texts == [texts_of(content)["media_not_supported"]]


@pytest.mark.model
async def test_edited_message_is_answered_like_a_new_one(
    webhook: Webhook, fake: FakeTelegram, content: Content
) -> None:
    chat = new_chat()
    edited = message(chat, text="hello", edit_date=int(time.time()))
    assert (await webhook.post(update(edited_message=edited))).status_code == 200
    assert plain(fake.sent(chat)[0].params["text"]) == " ".join(texts_of(content)["greet"].split())


@pytest.mark.model
async def test_unknown_button_gets_a_polite_reply(
    webhook: Webhook, fake: FakeTelegram, content: Content
) -> None:
    chat = new_chat()
    pressed = callback_update(chat, "#stale-button-from-last-year")
    assert (await webhook.post(pressed)).status_code == 200
    assert [c.params["callback_query_id"] for c in fake.calls("answerCallbackQuery")] == [
        pressed["callback_query"]["id"]
    ]
    sent = fake.sent(chat)
    assert plain(sent[0].params["text"]) == texts_of(content)["unknown_button"]
    assert sent[0].json("reply_markup")["inline_keyboard"]


@pytest.mark.model
async def test_groups_channels_and_bots_are_ignored(webhook: Webhook, fake: FakeTelegram) -> None:
    chat = new_chat()
    post = message(-chat, "channel", text="news")
    del post["from"]
    from_bot = message(chat, text="hello")
    from_bot["from"] = BOT_USER
    for ignored in (
        update(message=message(-chat, "group", text="hello")),
        update(message=message(-chat, "supergroup", text="/start")),
        update(channel_post=post),
        update(message=from_bot),
        update(poll={"id": "1", "question": "?", "options": [], "total_voter_count": 0}),
        update(message=3),  # unreadable: answering an error would make Telegram send it again
    ):
        assert (await webhook.post(ignored)).status_code == 200
    assert fake.calls() == []
    # and the server is still up
    assert (await webhook.post(text_update(chat, "/start"))).status_code == 200
    assert fake.sent(chat)


@pytest.mark.model
async def test_a_429_delays_the_answer_but_drops_nothing(
    webhook: Webhook, fake: FakeTelegram
) -> None:
    quiet, rushed = new_chat(), new_chat()
    await webhook.post(text_update(quiet, "/start"))
    fake.fail_next("sendMessage", 429, retry_after=1)
    await webhook.post(text_update(rushed, "/start"))
    expected = [c.params["text"] for c in fake.sent(quiet)]
    assert [c.params["text"] for c in fake.sent(rushed)] == expected
    assert [c.status for c in fake.calls("sendMessage")].count(429) == 1


@pytest.mark.model
async def test_rasa_sees_a_pseudonym_never_the_chat_id(
    webhook: Webhook, fake: FakeTelegram, agent: Any
) -> None:
    from rasa.shared.core.trackers import EventVerbosity

    chat = new_chat()
    await webhook.post(text_update(chat, "how do i send money home cheap"))
    await webhook.post(update(message=message(chat, **MEDIA["contact"])))
    assert fake.sent(chat)
    keys = list(await agent.tracker_store.keys())
    assert sender_pseudonym(str(chat), "telegram") in keys
    assert not any(str(chat) in key for key in keys)
    tracker = await agent.tracker_store.retrieve(sender_pseudonym(str(chat), "telegram"))
    stored = json.dumps(tracker.current_state(EventVerbosity.ALL), ensure_ascii=False)
    assert str(chat) not in stored
    assert "+923001234567" not in stored
    assert '"input_channel": "telegram"' in stored


@pytest.mark.model
async def test_polling_answers_like_the_webhook(
    agent: Any, fake: FakeTelegram, content: Content
) -> None:
    chat = new_chat()
    fake.queue_update(text_update(chat, "hello"))
    stop = asyncio.Event()
    bot = make_bot(fake.token, fake.base_url)
    async with bot:
        polling = asyncio.create_task(run_polling(bot, agent.handle_message, ButtonMap(), stop))
        await asyncio.to_thread(fake.wait_for, "sendMessage", 3)
        stop.set()
        await asyncio.wait_for(polling, 10)
    assert plain(fake.sent(chat)[0].params["text"]) == " ".join(texts_of(content)["greet"].split())
    offsets = [c.params.get("offset") for c in fake.calls("getUpdates")]
    assert offsets[0] is None and str(fake.sent(chat)[0].params["chat_id"]) == str(chat)
    assert json.loads(fake.calls("getUpdates")[0].params["allowed_updates"]) == [
        "message",
        "edited_message",
        "callback_query",
    ]


@pytest.mark.model
def test_poll_command_runs_the_bot_until_stopped(
    trained_model: Path, action_server: str, fake: FakeTelegram, tmp_path: Path
) -> None:
    chat = new_chat()
    fake.queue_update(text_update(chat, "/start"))
    env = {
        **os.environ,
        "MRCBOT_DATA_DIR": str(tmp_path),
        "MRCBOT_ACTIONS_PORT": action_server.split(":")[2].split("/")[0],
        "TELEGRAM_BOT_TOKEN": fake.token,
        "TELEGRAM_API_BASE_URL": fake.base_url,
    }
    script = (
        "import sys; from pathlib import Path; from bot.settings import get_settings;"
        " from connectors.telegram_cli import poll;"
        " sys.exit(poll(get_settings(), Path(sys.argv[1]), Path(sys.argv[2])))"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", script, str(trained_model), str(tmp_path / "no-endpoints.yml")],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        fake.wait_for("sendMessage", 1, seconds=180)
    finally:
        process.send_signal(signal.SIGTERM)
        output, _ = process.communicate(timeout=60)
    assert process.returncode == 0, output.decode()
    assert fake.sent(chat)
    assert [c.method for c in fake.calls()][:2] == ["getMe", "deleteWebhook"]
    assert fake.calls("setMyCommands")
    assert fake.token not in output.decode()
