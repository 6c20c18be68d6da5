"""The anonymiser on a held-out set written independently of it (never used to tune it)."""

from __future__ import annotations

import json

from bot.privacy.anonymiser import find_personal_data
from bot.settings import ROOT

HELDOUT = ROOT / "tests" / "data" / "anonymiser" / "heldout.jsonl"


def rates() -> tuple[float, float]:
    removed = total = kept = keep = 0
    for line in HELDOUT.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        text = item["text"]
        covered = {i for f in find_personal_data(text) for i in range(f.start, f.end)}
        for personal in item["personal"]:
            begin = text.index(personal)
            total += 1
            removed += all(
                i in covered for i in range(begin, begin + len(personal)) if not text[i].isspace()
            )
        for meaning in item["keep"]:
            begin = text.index(meaning)
            keep += 1
            kept += not any(i in covered for i in range(begin, begin + len(meaning)))
    return removed / total, kept / keep


def test_heldout_removal_and_keeping() -> None:
    removed, kept = rates()
    # Measured 97.2% removed and 99.3% kept (BENCHMARKS.md); the goal is 98% removed.
    assert removed >= 0.97, f"{removed:.1%} of personal items removed"
    assert kept >= 0.95, f"{kept:.1%} of meaningful items kept"
