"""The words of a text, with their lookup keys, and which of them name places or are common."""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from bot.privacy.anonymiser.lexicon import CASE_ENDINGS, load_lexicon
from bot.privacy.anonymiser.text import WORD, lookup_key, lookup_keys

__all__ = ["Token", "Words"]


@dataclass(frozen=True)
class Token:
    """A word of the folded text and its lookup key."""

    start: int
    end: int
    text: str
    key: str

    @property
    def cased(self) -> bool:
        """Whether the word is in a script with capitals (Latin, Cyrillic)."""
        return self.text[0].lower() != self.text[0].upper()

    @property
    def capitalised(self) -> bool:
        """Whether the word begins with a capital."""
        return self.text[0].isupper()


# Arabic writes "in", "to", "and" onto the next word: ببغداد, لروسيا, بالموصل.
_ARABIC_PROCLITICS = ("وب", "ول", "ب", "ل", "و", "ف")
# Bengali writes case endings onto names of places: দুবাইয়ের, কাতারে, সৌদিতে.
_BENGALI_ENDINGS = ("য়ের", "য়ে", "ের", "এর", "তে", "র", "য়", "ে", "এ", "কে")


# Abbreviations whose full stop ends no sentence.
_ABBREVIATIONS = lookup_keys("mr mrs ms dr eng engr md mst mohd ch st no prof capt")


def _place_stems(key: str) -> Iterator[str]:
    """What a word may be without a proclitic or a case ending, to look it up as a place."""
    if len(key) > 3 and "\u0600" <= key[0] <= "\u06ff":
        for proclitic in _ARABIC_PROCLITICS:
            if key.startswith(proclitic) and len(key) - len(proclitic) >= 3:
                yield key[len(proclitic) :]
    if "\u0980" <= key[-1:] <= "\u09ff":
        for ending in _BENGALI_ENDINGS:
            if key.endswith(ending) and len(key) - len(ending) >= 2:
                yield key[: -len(ending)]


def _declined_place(key: str) -> bool:
    """Whether a Cyrillic word is a one-word place in a case form: Самаре, Ташкента."""
    if not key or not "а" <= key[-1] <= "я":
        return False
    places = load_lexicon().places
    for ending, replacement in CASE_ENDINGS:
        if key.endswith(ending) and len(key) >= len(ending) + 2:
            base = key[: -len(ending)] + replacement
            if (base,) in places.get(base, ()):
                return True
    return False


class Words:
    """The words of a folded text, and which of them name places."""

    def __init__(self, original: str, folded: str) -> None:
        self.text = folded
        self.tokens = [
            Token(m.start(), m.end(), m.group(), lookup_key(original[m.start() : m.end()]))
            for m in WORD.finditer(folded)
        ]
        self.ends = [token.end for token in self.tokens]
        self.places = self._places()
        self.common = self._common()

    def _places(self) -> frozenset[int]:
        places: set[int] = set()
        keys = [token.key for token in self.tokens]
        lexicon = load_lexicon()
        for index, key in enumerate(keys):
            found = False
            for stem in (key, *_place_stems(key)):
                for sequence in lexicon.places.get(stem, ()):
                    if (stem, *keys[index + 1 : index + len(sequence)]) == sequence:
                        places.update(range(index, index + len(sequence)))
                        found = True
                        break
                if found:
                    break
            if not found and self.tokens[index].capitalised and _declined_place(key):
                places.add(index)  # "в Самаре", "из Ташкента"
        return frozenset(places)

    def _common(self) -> frozenset[int]:
        """The common words, never a name nor a street's: "se", and "Se" opening a sentence."""
        lexicon = load_lexicon()
        common: set[int] = set()
        for index, token in enumerate(self.tokens):
            opening = index == 0 or (
                bool(re.search(r"[.!?؟।\n]\s*$", self.gap_before(index)))
                and self.tokens[index - 1].key not in _ABBREVIATIONS  # "Eng. Wali Mohammad"
            )
            small = not token.capitalised or opening
            if token.key in lexicon.common or (
                small and token.key in lexicon.common_in_small_letters
            ):
                common.add(index)
        return frozenset(common)

    @functools.cached_property
    def small_letters_only(self) -> bool:
        """Whether the text's words in Latin or Cyrillic letters are all in small letters."""
        return not any(token.capitalised for token in self.tokens[1:] if token.cased)

    def __len__(self) -> int:
        return len(self.tokens)

    def index(self, position: int) -> int:
        """Index of the first word that ends after `position` (len(self) if none)."""
        return bisect.bisect_right(self.ends, position)

    def gap_before(self, index: int) -> str:
        """The text between word `index` and the word before it (or the text's start)."""
        start = self.tokens[index - 1].end if index > 0 else 0
        return self.text[start : self.tokens[index].start]
