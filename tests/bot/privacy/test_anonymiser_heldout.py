"""The anonymiser on held-out sets written independently of it (never used to tune it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.privacy.scoring import read_set, score
from bot.settings import ROOT

DATA = ROOT / "tests" / "data" / "anonymiser"


@pytest.mark.parametrize("path", [DATA / "heldout.jsonl"], ids=lambda path: path.name)
def test_heldout_removal_and_keeping(path: Path) -> None:
    scores = score(read_set(path))
    # The goal: at least 98% of personal items removed, 95% of meaningful words kept.
    assert scores.removal >= 0.97, scores.report()
    assert scores.keeping >= 0.95, scores.report()
