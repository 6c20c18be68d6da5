"""Text normalisation shared by the topic model and language identification."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["fold", "normalise"]

# Letters that people type interchangeably in Arabic-script languages, folded to one form.
_ARABIC_SCRIPT = str.maketrans(
    {
        "ك": "ک",
        "ي": "ی",
        "ى": "ی",
        "ئ": "ی",
        "ۍ": "ی",
        "ې": "ی",
        "ے": "ی",
        "ة": "ه",
        "ۀ": "ه",
        "ہ": "ه",
        "ھ": "ه",
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ؤ": "و",
        "ـ": None,  # tatweel
        "\u200c": " ",  # zero-width non-joiner
        "\u200d": None,
        "\u200f": None,
        "\u200e": None,
    }
)
# Eastern Arabic, Persian and Bengali digits become ASCII digits.
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹০১২৩৪৫৬৭৮৯", "0123456789" * 3)
_MARKS = re.compile(r"[\u064B-\u065F\u0670\u06D6-\u06ED]")  # Arabic diacritics
_REPEATS = re.compile(r"(\w)\1{2,}")
_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """NFKC, lower case, ASCII digits, no zero-width marks, collapsed whitespace."""
    text = unicodedata.normalize("NFKC", text).translate(_DIGITS)
    text = text.replace("\u200b", "").replace("\ufeff", "")
    return _SPACES.sub(" ", text).strip().lower()


def fold(text: str) -> str:
    """`normalise`, then fold spelling variants: Arabic-script letters, diacritics, repeats."""
    text = _MARKS.sub("", normalise(text).translate(_ARABIC_SCRIPT))
    return _REPEATS.sub(r"\1\1", text)
