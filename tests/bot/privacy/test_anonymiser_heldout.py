"""The anonymiser on held-out sets written independently of it (never used to tune it)."""

from __future__ import annotations

import pytest

from bot.privacy.scoring import read_set, score
from bot.settings import ROOT

DATA = ROOT / "tests" / "data" / "anonymiser"


# The goal: at least 98% of personal items removed, 95% of meaningful words kept. Measured
# (BENCHMARKS.md): heldout.jsonl 98.8% and 99.9%; heldout-11.jsonl, written last by another
# author to the written specification, 98.1% and 99.5%.
HELDOUT_SETS = {"heldout.jsonl": 0.98, "heldout-11.jsonl": 0.98}


@pytest.mark.parametrize("name", HELDOUT_SETS)
def test_heldout_removal_and_keeping(name: str) -> None:
    scores = score(read_set(DATA / name))
    assert scores.removal >= HELDOUT_SETS[name], scores.report()
    assert scores.keeping >= 0.95, scores.report()
