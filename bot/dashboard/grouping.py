"""Groups unanswered questions: same language, similar words, counted per ISO week."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from bot.store.querylog import UnansweredText
from bot.text import fold

__all__ = ["QuestionGroup", "group_questions", "similarity", "tokens", "week_of", "weeks_back"]

THRESHOLD = 0.5
_WORD = re.compile(r"\w+")


def tokens(text: str) -> tuple[str, ...]:
    """The folded words of a text (placeholders such as `<PHONE>` become `phone`)."""
    return tuple(_WORD.findall(fold(text)))


def week_of(moment: dt.datetime) -> str:
    """The ISO week of a time, as `2025-W07`."""
    year, week, _ = moment.isocalendar()
    return f"{year}-W{week:02d}"


def weeks_back(today: dt.date, count: int) -> tuple[dt.datetime, list[str]]:
    """The Monday that starts the oldest of the last `count` weeks, and their labels."""
    monday = today - dt.timedelta(days=today.weekday())
    start = monday - dt.timedelta(weeks=count - 1)
    labels = [
        week_of(dt.datetime.combine(start + dt.timedelta(weeks=n), dt.time())) for n in range(count)
    ]
    return dt.datetime.combine(start, dt.time()), labels


def similarity(first: Iterable[str], second: Iterable[str], weights: dict[str, float]) -> float:
    """Weighted Jaccard similarity of two word sets (rare words weigh more)."""
    a, b = set(first), set(second)
    union = sum(weights.get(word, 1.0) for word in a | b)
    if not union:
        return 0.0
    return sum(weights.get(word, 1.0) for word in a & b) / union


@dataclass
class QuestionGroup:
    """Similar unanswered questions in one language."""

    language: str
    words: frozenset[str]
    texts: Counter[str] = field(default_factory=Counter)
    weeks: Counter[str] = field(default_factory=Counter)

    @property
    def total(self) -> int:
        """How many messages the group holds."""
        return sum(self.texts.values())

    @property
    def example(self) -> str:
        """The group's most frequent text."""
        return self.texts.most_common(1)[0][0]

    def variants(self, limit: int = 3) -> list[str]:
        """Other texts of the group, most frequent first."""
        return [text for text, _ in self.texts.most_common(limit + 1)[1:]]


@dataclass
class _Bucket:
    language: str
    key: str
    words: frozenset[str]
    texts: Counter[str] = field(default_factory=Counter)
    weeks: Counter[str] = field(default_factory=Counter)


def _weights(buckets: Sequence[_Bucket]) -> dict[str, float]:
    """Smoothed inverse document frequency over distinct questions: rare words weigh more."""
    documents: Counter[str] = Counter()
    for bucket in buckets:
        documents.update(bucket.words)
    total = len(buckets)
    return {word: math.log((1 + total) / (1 + df)) + 1 for word, df in documents.items()}


def group_questions(
    questions: Iterable[UnansweredText], threshold: float = THRESHOLD
) -> list[QuestionGroup]:
    """Group questions that say the same in the same language, biggest group first.

    Texts that fold to the same words are one question; a question joins the most similar
    group of its language (weighted Jaccard of word sets, rare words weighing more) when
    the similarity reaches `threshold`, else it starts a group. A group is compared through
    its biggest question only, so groups do not drift by chaining.

    Args:
        questions: anonymised unanswered messages.
        threshold: the similarity from which two questions are grouped, 0 to 1.

    Returns:
        The groups, by size (descending), then language and example.

    """
    buckets: dict[tuple[str, str], _Bucket] = {}
    for question in questions:
        words = tokens(question.text)
        key = " ".join(words) or fold(question.text)
        bucket = buckets.setdefault(
            (question.language, key), _Bucket(question.language, key, frozenset(words))
        )
        bucket.texts[question.text.strip()] += 1
        bucket.weeks[week_of(question.created_at)] += 1
    ordered = sorted(buckets.values(), key=lambda b: (-sum(b.texts.values()), b.language, b.key))
    groups: list[QuestionGroup] = []
    for language in sorted({bucket.language for bucket in ordered}):
        same = [bucket for bucket in ordered if bucket.language == language]
        weights = _weights(same)
        mine: list[QuestionGroup] = []
        for bucket in same:
            scored = [(similarity(bucket.words, group.words, weights), group) for group in mine]
            best = max(scored, key=lambda pair: pair[0], default=(0.0, None))
            group = best[1] if best[1] is not None and best[0] >= threshold else None
            if group is None:
                group = QuestionGroup(language, bucket.words)
                mine.append(group)
            group.texts.update(bucket.texts)
            group.weeks.update(bucket.weeks)
        groups.extend(mine)
    return sorted(groups, key=lambda g: (-g.total, g.language, g.example))
