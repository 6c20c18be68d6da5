"""Scoring the anonymiser on a labelled set: personal items replaced, meaningful words kept."""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from bot.privacy.anonymiser import anonymise, find_personal_data

__all__ = ["LabelledMessage", "Miss", "Scores", "misses_report", "read_set", "score"]


@dataclass(frozen=True)
class LabelledMessage:
    """A message, its items of personal data (with their kinds) and the words to keep."""

    language: str
    text: str
    personal: tuple[str, ...]
    kinds: tuple[str, ...]
    keep: tuple[str, ...]


@dataclass(frozen=True)
class Miss:
    """A personal item left (partly) in place, or a meaningful word taken away."""

    language: str
    text: str
    item: str
    kind: str  # the personal item's kind, or "KEEP"
    output: str


@dataclass
class Scores:
    """Counts per group ("all", a language, "[KIND]") and the misses."""

    replaced: Counter[str] = field(default_factory=Counter)
    personal: Counter[str] = field(default_factory=Counter)
    kept: Counter[str] = field(default_factory=Counter)
    keep: Counter[str] = field(default_factory=Counter)
    misses: list[Miss] = field(default_factory=list)
    messages: int = 0
    seconds: float = 0.0

    @property
    def removal(self) -> float:
        """Share of personal items fully replaced."""
        return self.replaced["all"] / max(self.personal["all"], 1)

    @property
    def keeping(self) -> float:
        """Share of meaningful words left as they were."""
        return self.kept["all"] / max(self.keep["all"], 1)

    def report(self) -> str:
        """One line per group: personal items replaced, keep items kept."""
        lines = []
        for group in sorted(self.personal | self.keep):
            personal = f"{self.replaced[group]}/{self.personal[group]}"
            keep = f"{self.kept[group]}/{self.keep[group]}" if self.keep[group] else ""
            lines.append(f"{group:10} personal {personal:>9}  keep {keep:>9}")
        return "\n".join(lines)


def read_set(path: Path) -> list[LabelledMessage]:
    """The messages of a JSON-lines file; each item must occur in its message's text."""
    messages = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        row = json.loads(line)
        personal = tuple(str(item) for item in row["personal"])
        kinds = tuple(str(kind) for kind in row.get("kinds") or ["ALL"] * len(personal))
        message = LabelledMessage(
            str(row["language"]), str(row["text"]), personal, kinds, tuple(map(str, row["keep"]))
        )
        missing = [item for item in (*personal, *message.keep) if item not in message.text]
        if missing or len(kinds) != len(personal):
            raise ValueError(f"{path}:{number}: items not in the text or kinds not one per item")
        messages.append(message)
    return messages


def _spans(text: str, item: str) -> list[tuple[int, int]]:
    spans, start = [], text.find(item)
    while start >= 0:
        spans.append((start, start + len(item)))
        start = text.find(item, start + 1)
    return spans


def score(messages: Iterable[LabelledMessage]) -> Scores:
    """Scores per language and per kind.

    A personal item counts as replaced when every character of it (but spaces) is inside a
    finding and it is gone from the output; a keep item counts as kept when none of its
    characters is inside a finding (where it also occurs inside a personal item, only its
    other occurrences count).
    """
    scores = Scores()
    for message in messages:
        text = message.text
        started = time.perf_counter()
        output = anonymise(text)
        scores.seconds += time.perf_counter() - started
        findings = find_personal_data(text)
        scores.messages += 1
        covered = [False] * len(text)
        for finding in findings:
            covered[finding.start : finding.end] = [True] * (finding.end - finding.start)
        inside = {
            i for item in message.personal for s, e in _spans(text, item) for i in range(s, e)
        }
        for item, kind in zip(message.personal, message.kinds, strict=True):
            ok = item not in output and all(
                covered[i] or text[i].isspace() for s, e in _spans(text, item) for i in range(s, e)
            )
            for group in (message.language, f"[{kind}]", "all"):
                scores.personal[group] += 1
                scores.replaced[group] += ok
            if not ok:
                scores.misses.append(Miss(message.language, text, item, kind, output))
        for item in message.keep:
            spans = [(s, e) for s, e in _spans(text, item) if s not in inside] or _spans(text, item)
            ok = item in output and not any(covered[i] for s, e in spans for i in range(s, e))
            for group in (message.language, "all"):
                scores.keep[group] += 1
                scores.kept[group] += ok
            if not ok:
                scores.misses.append(Miss(message.language, text, item, "KEEP", output))
    return scores


def misses_report(scores: Scores) -> str:
    """The misses, one block each: kind, language, item, and the anonymised message."""
    return "\n".join(
        f"{miss.kind:8} {miss.language:7} {miss.item!r}\n         {miss.output}"
        for miss in scores.misses
    )
