import datetime as dt
import json
import time

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    BotUttered,
    Restarted,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import create_engine, text

from bot.privacy.pseudonym import is_pseudonym
from bot.settings import ROOT
from bot.store.tracker_store import PrivateTrackerStore

DOMAIN = Domain.load(str(ROOT / "domain.yml"))
RAW_ID = "telegram-user-987654321"
PERSONAL = "my name is Ahmed Karimi, call me on 0300 1234567"


def user(text_: str, intent: str = "job_scams") -> UserUttered:
    return UserUttered(
        text_,
        intent={"name": intent, "confidence": 0.9},
        parse_data={"text": text_, "intent": {"name": intent, "confidence": 0.9}, "entities": []},
        metadata={"raw_update": {"from": {"id": 987654321, "first_name": "Ahmed"}}},
    )


def stored_rows(url: str) -> list[tuple[str, str]]:
    engine = create_engine(url)
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT sender_id, data FROM events ORDER BY id")).all()
    engine.dispose()
    return [(str(sender), str(data)) for sender, data in rows]


def tracker_with(events: list[object]) -> DialogueStateTracker:
    return DialogueStateTracker.from_events(RAW_ID, events, DOMAIN.slots)


async def test_stores_only_anonymised_text_under_a_pseudonym(database_url: str) -> None:
    store = PrivateTrackerStore(DOMAIN, url=database_url)
    events = [
        ActionExecuted("action_session_start"),
        SessionStarted(),
        ActionExecuted("action_listen"),
        user(PERSONAL),
        SlotSet("last_topic", "job_scams"),
        BotUttered("Many fake job offers come through Facebook"),
    ]
    await store.save(tracker_with(events))
    rows = stored_rows(database_url)
    assert len(rows) == len(events)
    dump = "\n".join(data for _, data in rows)
    for secret in ("Ahmed", "Karimi", "0300", "1234567", "987654321", RAW_ID):
        assert secret not in dump
        assert all(secret not in sender for sender, _ in rows)
    assert all(is_pseudonym(sender) for sender, _ in rows)
    assert "<NAME>" in dump and "<PHONE>" in dump

    # The conversation goes on across a restart of the store, found by the raw id.
    again = await PrivateTrackerStore(DOMAIN, url=database_url).retrieve(RAW_ID)
    assert again is not None
    assert again.get_slot("last_topic") == "job_scams"
    assert again.latest_message is not None
    assert again.latest_message.text == "my name is <NAME>, call me on <PHONE>"

    # Only new events are added on the next save.
    again.update(user("and the agent?"))
    await store.save(again)
    assert len(stored_rows(database_url)) == len(events) + 1


async def test_confirmed_delete_erases_the_conversation(database_url: str) -> None:
    store = PrivateTrackerStore(DOMAIN, url=database_url)
    other = DialogueStateTracker.from_events("someone-else", [user("hello", "greet")], DOMAIN.slots)
    await store.save(other)
    events = [ActionExecuted("action_listen"), user(PERSONAL)]
    await store.save(tracker_with(events))
    tracker = await store.retrieve(RAW_ID)
    assert tracker is not None
    for event in (
        user('/delete_data{"confirm":"yes"}', "delete_data"),
        ActionExecuted("action_delete_data"),
        BotUttered("Done."),
        Restarted(),
        ActionExecuted("action_listen"),
    ):
        tracker.update(event)
    await store.save(tracker)
    rows = stored_rows(database_url)
    mine = [json.loads(data) for sender, data in rows if sender == store.pseudonym(RAW_ID)]
    assert [event["event"] for event in mine] == ["restart", "action"]
    assert len([1 for sender, _ in rows if sender == store.pseudonym("someone-else")]) == 1
    assert store.erase(RAW_ID) == 2
    assert await store.retrieve(RAW_ID) is None


async def test_purge_removes_only_stale_conversations(database_url: str) -> None:
    store = PrivateTrackerStore(DOMAIN, url=database_url)
    old = user("old question")
    old.timestamp = time.time() - 100 * 86400
    await store.save(DialogueStateTracker.from_events("old-person", [old], DOMAIN.slots))
    await store.save(DialogueStateTracker.from_events("new-person", [user("new")], DOMAIN.slots))
    before = dt.datetime.utcnow() - dt.timedelta(days=90)
    assert store.purge(before) == 1
    assert await store.retrieve("old-person") is None
    assert await store.retrieve("new-person") is not None
