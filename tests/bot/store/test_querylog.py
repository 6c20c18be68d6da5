import datetime as dt

from sqlalchemy import inspect

from bot.store.db import engine_for, session_scope
from bot.store.models import QueryLog, utcnow
from bot.store.querylog import QueryLogStore


def record(
    store: QueryLogStore, pseudonym: str, label: str, answered: bool, language: str = "en"
) -> int:
    return store.record(
        pseudonym=pseudonym,
        channel="rest",
        language=language,
        country="PK",
        text=None,
        label=label,
        confidence=0.8,
        answered=answered,
    )


def test_migration_creates_table_and_indexes(database_url: str) -> None:
    QueryLogStore(database_url)
    inspector = inspect(engine_for(database_url))
    assert "query_log" in inspector.get_table_names()
    indexes = {index["name"] for index in inspector.get_indexes("query_log")}
    assert {"ix_query_log_answered_language_created", "ix_query_log_label_feedback"} <= indexes
    QueryLogStore(database_url)  # a second upgrade is a no-op


def test_feedback_goes_to_the_latest_answer(database_url: str) -> None:
    store = QueryLogStore(database_url)
    assert not store.record_feedback("p_a", helpful=True)
    record(store, "p_a", "job_scams", answered=True)
    record(store, "p_a", "remittances", answered=True)
    record(store, "p_a", "out_of_scope", answered=False)
    record(store, "p_b", "remittances", answered=True)
    assert store.record_feedback("p_a", helpful=False)
    assert store.record_feedback("p_b", helpful=True)
    helpfulness = {row.label: (row.helpful, row.unhelpful) for row in store.helpfulness()}
    assert helpfulness == {"remittances": (1, 1)}


def test_unanswered_by_language_and_time(database_url: str) -> None:
    store = QueryLogStore(database_url)
    record(store, "p_a", "out_of_scope", answered=False, language="fa")
    record(store, "p_b", "nlu_fallback", answered=False, language="en")
    record(store, "p_c", "job_scams", answered=True, language="fa")
    week_ago = utcnow() - dt.timedelta(days=7)
    assert [q.label for q in store.unanswered(week_ago, "fa")] == ["out_of_scope"]
    assert len(store.unanswered(week_ago)) == 2
    assert store.unanswered(utcnow() + dt.timedelta(minutes=1)) == []


def test_purge_removes_exactly_what_is_older(database_url: str) -> None:
    store = QueryLogStore(database_url)
    old = record(store, "p_a", "job_scams", answered=True)
    new = record(store, "p_b", "job_scams", answered=True)
    with session_scope(database_url) as session:
        session.get(QueryLog, old).created_at = utcnow() - dt.timedelta(days=91)
        session.get(QueryLog, new).created_at = utcnow() - dt.timedelta(days=89)
    assert store.purge(utcnow() - dt.timedelta(days=90)) == 1
    assert store.erase("p_b") == 1
    assert store.erase("p_b") == 0


def test_text_is_anonymised_on_the_way_in(database_url: str) -> None:
    store = QueryLogStore(database_url)
    store.record(
        pseudonym="p_a",
        channel="rest",
        language="en",
        country=None,
        text="my name is Ahmed, call 0300 1234567",
        label="job_scams",
        confidence=0.9,
        answered=True,
    )
    with session_scope(database_url) as session:
        assert session.query(QueryLog.text).scalar() == "my name is <NAME>, call <PHONE>"
