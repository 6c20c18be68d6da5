import datetime as dt

from bot.store.models import utcnow
from bot.store.querylog import QueryLogStore, UnansweredText


def test_unanswered_texts_are_anonymised_and_carry_no_pseudonym(database_url: str) -> None:
    store = QueryLogStore(database_url)
    for text, language, answered in (
        ("call me at +92 300 1234567", "en", False),
        ("how to send money", "en", True),
        ("سلام", "fa", False),
        (None, "en", False),
    ):
        store.record(
            pseudonym="p_x",
            channel="webchat",
            language=language,
            country=None,
            text=text,
            label="nlu_fallback",
            confidence=0.1,
            answered=answered,
        )
    since = utcnow() - dt.timedelta(hours=1)
    texts = store.unanswered_texts(since)
    assert [t.language for t in texts] == ["en", "fa"]
    assert texts[0].text.startswith("call me at <") and "1234567" not in texts[0].text
    assert texts[1].text == "سلام"
    assert all(isinstance(t, UnansweredText) and not hasattr(t, "pseudonym") for t in texts)
    assert [t.text for t in store.unanswered_texts(since, "fa")] == ["سلام"]
    assert store.unanswered_texts(utcnow() + dt.timedelta(hours=1)) == []
