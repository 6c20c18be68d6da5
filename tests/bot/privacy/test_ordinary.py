"""The ordinary words: generated from the project's texts, up to date, and no names."""

from __future__ import annotations

from bot.privacy.anonymiser.lexicon import load_lexicon
from bot.privacy.anonymiser.ordinary import ORDINARY_WORDS, ordinary_words, render
from bot.privacy.anonymiser.text import lookup_key
from bot.settings import ROOT


def test_the_committed_list_is_up_to_date() -> None:
    words = ordinary_words([ROOT / "content", ROOT / "nlu"])
    assert ORDINARY_WORDS.read_text(encoding="utf-8") == render(words), (
        "run `mrcbot anonymise --refresh-words` after changing content/, nlu/ or the name lists"
    )


def test_holds_the_words_of_questions_and_no_listed_names() -> None:
    lexicon = load_lexicon()
    assert lookup_key("کہتا") in lexicon.ordinary  # "the agent says"
    assert not lexicon.ordinary & lexicon.names
