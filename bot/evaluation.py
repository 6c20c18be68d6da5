"""Scoring topic predictions on a labelled CSV: accuracy overall, per language, confusions."""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["EvalRow", "Report", "read_rows", "score", "write_predictions"]

REQUIRED_COLUMNS = ("text", "language", "expected")


@dataclass(frozen=True)
class EvalRow:
    """One labelled message."""

    text: str
    language: str
    expected: str
    extra: dict[str, str] = field(default_factory=dict)


@dataclass
class Report:
    """Accuracy overall and per language, and the most frequent confusions."""

    total: int = 0
    correct: int = 0
    by_language: dict[str, tuple[int, int]] = field(default_factory=dict)
    confusions: list[tuple[str, str, int]] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        """Share of messages labelled correctly."""
        return self.correct / self.total if self.total else 0.0

    def lines(self) -> list[str]:
        """The report as text lines."""
        lines = [f"accuracy: {self.accuracy:.1%} ({self.correct}/{self.total})"]
        for language, (correct, total) in sorted(self.by_language.items()):
            lines.append(f"  {language}: {correct / total:.1%} ({correct}/{total})")
        if self.confusions:
            lines.append("most frequent confusions (expected -> predicted: count):")
            lines.extend(f"  {e} -> {p}: {n}" for e, p, n in self.confusions[:10])
        return lines


def read_rows(path: Path, labels: Iterable[str]) -> list[EvalRow]:
    """Read an evaluation CSV (`text,language,expected`); unknown labels are an error."""
    known = set(labels)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise ValueError(f"{path}: the header lacks {', '.join(missing)}")
        rows = []
        for number, record in enumerate(reader, start=2):
            expected = (record["expected"] or "").strip()
            if expected not in known:
                raise ValueError(f"{path}, line {number}: unknown label {expected!r}")
            extra = {k: v for k, v in record.items() if k not in REQUIRED_COLUMNS and k}
            rows.append(
                EvalRow(record["text"] or "", (record["language"] or "").strip(), expected, extra)
            )
    return rows


def score(
    rows: list[EvalRow], predicted: list[str], group: Callable[[EvalRow], str] | None = None
) -> Report:
    """Compare predictions with the expected labels."""
    report = Report()
    per_group: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    confusions: Counter[tuple[str, str]] = Counter()
    key = group or (lambda row: row.language)
    for row, label in zip(rows, predicted, strict=True):
        hit = int(label == row.expected)
        report.total += 1
        report.correct += hit
        per_group[key(row)][0] += hit
        per_group[key(row)][1] += 1
        if not hit:
            confusions[(row.expected, label)] += 1
    report.by_language = {k: (v[0], v[1]) for k, v in per_group.items()}
    report.confusions = [(e, p, n) for (e, p), n in confusions.most_common()]
    return report


def write_predictions(
    path: Path, rows: list[EvalRow], predicted: list[str], confidence: list[float]
) -> None:
    """Write the rows with `predicted` and `confidence` columns."""
    extra_columns = list(dict.fromkeys(k for row in rows for k in row.extra))
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([*REQUIRED_COLUMNS, *extra_columns, "predicted", "confidence"])
        for row, label, conf in zip(rows, predicted, confidence, strict=True):
            writer.writerow(
                [
                    row.text,
                    row.language,
                    row.expected,
                    *(row.extra.get(c, "") for c in extra_columns),
                    label,
                    f"{conf:.4f}",
                ]
            )
