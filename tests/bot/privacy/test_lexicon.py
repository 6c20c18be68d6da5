"""The anonymiser's word lists: no clear name is an ordinary word of the project's own texts."""

from __future__ import annotations

from bot.privacy.anonymiser.lexicon import load_lexicon
from bot.privacy.anonymiser.ordinary import text_words
from bot.privacy.anonymiser.text import lookup_key
from bot.settings import ROOT


def test_no_clear_name_is_an_ordinary_word_of_the_content() -> None:
    lexicon = load_lexicon()
    clashes = {
        word: count
        for word, count in text_words([ROOT / "content", ROOT / "nlu"]).items()
        if word in lexicon.names and word not in lexicon.needs_context
    }
    # Such a name needs " *" in its list: it is a name only next to another or after a cue.
    assert not clashes, clashes


def test_lists_are_loaded_with_their_marks() -> None:
    lexicon = load_lexicon()
    assert lookup_key("Ahmad") in lexicon.names
    assert lookup_key("عمر") in lexicon.needs_context  # also "age"
    assert lookup_key("الله") in lexicon.continuations
    assert ("sri", "lanka") in lexicon.places[lookup_key("Sri")]
