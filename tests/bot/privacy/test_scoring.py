"""Scoring the anonymiser: replaced items, kept words, misses, and malformed sets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.privacy.scoring import LabelledMessage, misses_report, read_set, score


def test_counts_replaced_items_kept_words_and_misses() -> None:
    messages = [
        LabelledMessage(
            "en",
            "My name is Ahmad Khan, call 0300 1234567, I want to go to Germany.",
            ("Ahmad Khan", "0300 1234567"),
            ("NAME", "PHONE"),
            ("Germany",),
        ),
        # "Blue Door" is no name the anonymiser can know: a miss of kind NAME.
        LabelledMessage("en", "Ask Blue Door about Italy.", ("Blue Door",), ("NAME",), ("Italy",)),
    ]
    scores = score(messages)
    assert (scores.replaced["all"], scores.personal["all"]) == (2, 3)
    assert (scores.kept["all"], scores.keep["all"]) == (2, 2)
    assert scores.replaced["[PHONE]"] == scores.personal["[PHONE]"] == 1
    assert [(miss.item, miss.kind) for miss in scores.misses] == [("Blue Door", "NAME")]
    assert "Blue Door" in misses_report(scores)
    assert scores.removal == pytest.approx(2 / 3)
    assert scores.messages == 2


def test_read_set_refuses_items_missing_from_their_text(tmp_path: Path) -> None:
    path = tmp_path / "set.jsonl"
    row = {"language": "en", "text": "Call 0300 1234567", "personal": ["0300 7654321"], "keep": []}
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"set\.jsonl:1"):
        read_set(path)
