"""Personal data sent to the live assistant leaves no trace in its database, files or logs."""

from __future__ import annotations

import json
import sqlite3
import time
import urllib.request
from typing import Any

import pytest

from tests.e2e.conftest import LiveAssistant

pytestmark = pytest.mark.model

MESSAGES = [
    (
        "raw-sender-5550001",
        "my name is Ahmed Karimi, my number is +92 300 1234567, is the agent real?",
    ),
    (
        "raw-sender-5550002",
        "mera naam Bilal Qureshi hai, cnic 35202-1234567-1, saudi visa kaise milega",
    ),
    ("raw-sender-5550003", "نام من فریدون است، شماره ام ۰۷۹۱۲۳۴۵۶۷ است، ویزه کار چطور بگیرم"),
    ("raw-sender-5550004", "меня зовут Алишер, телефон +7 912 345 67 89, как получить патент"),
    ("raw-sender-5550005", "আমার নাম রহিম উদ্দিন, ইমেইল rahim.uddin@example.com, দালাল টাকা চাইছে"),
    ("raw-sender-5550006", "اسمي حيدر، رقم جوازي A12345678، شلون اقدم على فيزا عمل"),
    (
        "raw-sender-5550007",
        "my telegram is @karim_travels and passport AB7654321, smugglers want money",
    ),
]
SECRETS = [
    "Ahmed",
    "Karimi",
    "1234567",
    "Bilal",
    "Qureshi",
    "35202",
    "فریدون",
    "۰۷۹۱۲۳۴۵۶۷",
    "0791234567",
    "Алишер",
    "345 67 89",
    "রহিম",
    "rahim.uddin",
    "حيدر",
    "A12345678",
    "karim_travels",
    "AB7654321",
    "raw-sender-555",
]


def post(url: str, body: dict[str, Any]) -> list[dict[str, Any]]:
    request = urllib.request.Request(
        url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        return list(json.loads(response.read()))


def all_written_text(live: LiveAssistant) -> str:
    chunks = [live.output.read_text(encoding="utf-8", errors="replace")]
    for path in live.data_dir.rglob("*"):
        if not path.is_file():
            continue
        if path.suffix == ".db":
            with sqlite3.connect(path) as connection:
                for (table,) in connection.execute(
                    "SELECT name FROM sqlite_master WHERE type='table'"
                ):
                    for row in connection.execute(f"SELECT * FROM {table}"):
                        chunks.append(" ".join(str(value) for value in row))
        chunks.append(path.read_bytes().decode("utf-8", errors="replace"))
    return "\n".join(chunks)


def test_personal_data_leaves_no_trace(live_assistant: LiveAssistant) -> None:
    webhook = f"{live_assistant.url}/webhooks/rest/webhook"
    for sender, message in MESSAGES:
        replies = post(webhook, {"sender": sender, "message": message})
        assert replies and replies[0]["text"]
    time.sleep(1)
    written = all_written_text(live_assistant)
    assert "<NAME>" in written and "<PHONE>" in written
    leaked = [secret for secret in SECRETS if secret in written]
    assert leaked == []


def test_delete_erases_everything_linked_to_the_person(live_assistant: LiveAssistant) -> None:
    webhook = f"{live_assistant.url}/webhooks/rest/webhook"
    sender = "raw-sender-delete-me"
    post(webhook, {"sender": sender, "message": "how do i check a recruitment agency licence"})
    post(webhook, {"sender": sender, "message": "how much should i pay the agent"})
    confirm = post(webhook, {"sender": sender, "message": "/delete_data"})
    assert [b["payload"] for b in confirm[0]["buttons"]] == [
        '/delete_data{"confirm":"yes"}',
        '/delete_data{"confirm":"no"}',
    ]
    done = post(webhook, {"sender": sender, "message": '/delete_data{"confirm":"yes"}'})
    assert done[0]["text"].startswith("Done. Erased:")
    database = live_assistant.data_dir / "mrcbot.db"
    with sqlite3.connect(database) as connection:
        pseudonym = done[0]["recipient_id"]
        assert pseudonym.startswith("p_")
        log_rows = connection.execute(
            "SELECT COUNT(*) FROM query_log WHERE pseudonym = ?", (pseudonym,)
        ).fetchone()[0]
        events = connection.execute(
            "SELECT type_name FROM events WHERE sender_id = ? ORDER BY id", (pseudonym,)
        ).fetchall()
    assert log_rows == 0
    assert "user" not in {event for (event,) in events}
