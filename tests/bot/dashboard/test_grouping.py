import datetime as dt

from bot.dashboard.grouping import group_questions, similarity, tokens, week_of, weeks_back
from bot.store.querylog import UnansweredText

MONDAY = dt.datetime(2025, 3, 3, 9, 0)


def ask(text: str, language: str = "en", when: dt.datetime = MONDAY) -> UnansweredText:
    return UnansweredText(language, text, when)


def test_tokens_fold_case_punctuation_and_script_variants() -> None:
    assert tokens("Can I go to KUWAIT??") == ("can", "i", "go", "to", "kuwait")
    assert tokens("كويت") == tokens("کویت")
    assert tokens("call <PHONE>") == ("call", "phone")


def test_similar_questions_are_grouped() -> None:
    groups = group_questions(
        [
            ask("how do I get a job in dubai"),
            ask("How do I get a job in Dubai?"),
            ask("how can I find a job in dubai"),
            ask("how do I get a passport"),
            ask("how do I get a passport"),
            ask("how do I get a passport fast"),
        ]
    )
    assert [(g.total, g.example) for g in groups] == [
        (3, "how do I get a job in dubai"),
        (3, "how do I get a passport"),
    ]
    assert groups[0].variants() == ["How do I get a job in Dubai?", "how can I find a job in dubai"]


def test_languages_are_never_mixed() -> None:
    groups = group_questions([ask("visa", "en"), ask("visa", "ru")])
    assert sorted(g.language for g in groups) == ["en", "ru"]


def test_counts_per_week() -> None:
    groups = group_questions(
        [
            ask("visa"),
            ask("visa", when=MONDAY + dt.timedelta(days=6)),
            ask("visa", when=MONDAY + dt.timedelta(days=7)),
        ]
    )
    assert dict(groups[0].weeks) == {"2025-W10": 2, "2025-W11": 1}


def test_unrelated_questions_stay_apart() -> None:
    groups = group_questions([ask("where do zebras sleep"), ask("price of a ticket to the moon")])
    assert len(groups) == 2


def test_texts_without_words_are_kept() -> None:
    groups = group_questions([ask("🙏🙏"), ask("🙏🙏"), ask("???")])
    assert sorted(g.total for g in groups) == [1, 2]


def test_similarity_weighs_rare_words() -> None:
    weights = {"how": 0.1, "do": 0.1, "job": 2.0, "dubai": 2.0, "passport": 2.0}
    assert similarity({"how", "do", "job"}, {"how", "do", "passport"}, weights) < 0.1
    assert similarity({"job", "dubai"}, {"job", "dubai", "how"}, weights) > 0.9
    assert similarity(set(), set(), {}) == 0.0


def test_weeks_back() -> None:
    start, labels = weeks_back(dt.date(2025, 3, 5), 3)
    assert start == dt.datetime(2025, 2, 17)
    assert labels == ["2025-W08", "2025-W09", "2025-W10"]
    assert week_of(dt.datetime(2025, 1, 1)) == "2025-W01"
