"""Shared helpers: digit translation, letter folding, word patterns, lookup keys, `Finding`."""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "DIGITS",
    "FOLD",
    "IGNORECASE",
    "LETTER",
    "WORD",
    "Finding",
    "alternatives",
    "folded_pattern",
    "lookup_key",
    "lookup_keys",
]


DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹০১২৩৪৫৬৭৮৯", "0123456789" * 3)
# Letter variants read as one letter; one character for one, so offsets hold.
FOLD = str.maketrans("يىكةۀأإآٱؤئۍېےھہۃګڪёЁ", "ییکههااااوییییهههگکеЕ")
# Characters that do not change a word: zero-width joiners, tatweel, Arabic vowel marks.
_IGNORED_IN_WORDS = dict.fromkeys(
    map(ord, "\u200c\u200d\u0621\u0640\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670")
)

# Marks and joiners inside words, which Python's \\w does not count as letters.
_MARKS = (
    "\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"  # Latin, Arabic
    "\u0981-\u0983\u09bc-\u09d7\u09e2\u09e3"  # Bengali vowel signs, virama
    "\u200c\u200d"  # zero-width non-joiner and joiner
)
LETTER = rf"(?:[^\W\d_]|[{_MARKS}])"
_NOT_AFTER_LETTER = rf"(?<![\w{_MARKS}])"
_NOT_BEFORE_LETTER = rf"(?![\w{_MARKS}])"
WORD = re.compile(rf"{LETTER}+(?:['’-]{LETTER}+)*")
IGNORECASE = re.IGNORECASE | re.UNICODE


@dataclass(frozen=True)
class Finding:
    """One item of personal data in a text."""

    start: int
    end: int
    kind: str


def folded_pattern(regex: str) -> re.Pattern[str]:
    r"""A regex for folded text: its letters are folded as the text is.

    Its word boundaries, (?<!\w) and (?!\w), also count marks as letters, so that "গ্রাম"
    is not found inside "টেলিগ্রামে" after the vowel sign "ি".
    """
    regex = regex.replace(r"(?<!\w)", _NOT_AFTER_LETTER).replace(r"(?!\w)", _NOT_BEFORE_LETTER)
    return re.compile(regex.translate(FOLD), IGNORECASE)


def alternatives(*groups: str) -> str:
    """One regex alternative of the words in `groups` ("_" joins words), longest first."""
    words = {word.replace("_", " ") for group in groups for word in group.split()}
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in ordered)


def lookup_keys(*groups: str) -> frozenset[str]:
    """The lookup keys of the words in `groups`."""
    return frozenset(lookup_key(word) for group in groups for word in group.split())


def lookup_key(word: str) -> str:
    """How a word is looked up in the lists: folded, lower case, without joiners or marks."""
    if word == "على":  # Arabic "on", not the name علی
        return word
    return word.translate(FOLD).lower().translate(_IGNORED_IN_WORDS)
