"""Word lists loaded from bot/privacy/names/: given and family names, places, common words."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources

from bot.privacy.anonymiser.text import FOLD, WORD, lookup_key

__all__ = ["CASE_ENDINGS", "Lexicon", "load_lexicon", "skeleton"]

# Russian case endings, and what the word ends with instead: Фарруха → Фаррух, Самаре → Самара.
CASE_ENDINGS = (
    ("ой", "а"), ("ом", ""), ("ем", ""), ("ым", ""), ("ия", "ий"), ("ию", "ий"), ("ии", "ия"),
    ("а", ""), ("у", ""), ("е", ""), ("ы", "а"), ("и", "а"), ("я", "й"), ("ю", "й"), ("е", "а"),
    ("у", "а"),
)  # fmt: skip


@dataclass(frozen=True)
class Lexicon:
    """The word lists, as lookup keys (see `lookup_key`)."""

    names: frozenset[str]
    needs_context: frozenset[str]
    continuations: frozenset[str]
    common: frozenset[str]
    common_in_small_letters: frozenset[str]
    ordinary: frozenset[str]
    skeletons: dict[str, str]
    places: dict[str, tuple[tuple[str, ...], ...]]


def _lines(stem: str) -> Iterator[str]:
    """The lines of names/<stem>.txt (in the package bot.privacy), without comments."""
    path = resources.files("bot.privacy") / "names" / f"{stem}.txt"
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            yield line


@functools.lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The word lists, read once."""
    names: set[str] = set()
    needs_context: set[str] = set()
    continuations: set[str] = set()
    for stem in ("latin", "arabic", "bengali", "cyrillic"):
        for line in _lines(stem):
            word, mark = (line[:-2], line[-1]) if line.endswith((" *", " +")) else (line, "")
            key = lookup_key(word.replace(" ", ""))
            if mark == "+":
                continuations.add(key)
                continue
            names.add(key)
            if mark == "*":
                needs_context.add(key)
    skeletons: dict[str, str] = {}
    for key in sorted(names, key=lambda k: k in needs_context):  # a clear name first
        if key.isascii():
            skeletons.setdefault(skeleton(key), key)
    skeletons.pop("", None)
    places: dict[str, list[tuple[str, ...]]] = {}
    for line in _lines("places"):
        words = tuple(lookup_key(word) for word in WORD.findall(line.translate(FOLD)))
        places.setdefault(words[0], []).append(words)
    return Lexicon(
        names=frozenset(names),
        needs_context=frozenset(needs_context),
        continuations=frozenset(continuations),
        common=frozenset(
            lookup_key(line) for line in _lines("common-words") if not line.endswith(" *")
        ),
        ordinary=frozenset(_lines("ordinary-words")),
        common_in_small_letters=frozenset(
            lookup_key(line[:-2]) for line in _lines("common-words") if line.endswith(" *")
        ),
        skeletons=skeletons,
        places={first: tuple(sorted(seq, key=len, reverse=True)) for first, seq in places.items()},
    )


def skeleton(key: str) -> str:
    """A Latin name without its vowels: Jameel and Jamil, Yousaf and Yusuf are one name.

    Only for words of five letters or more with two consonants or more after the first
    letter; whether the name ends in a vowel counts, so that Fatima is no Futtaim.
    """
    if len(key) < 5 or not key.isalpha():
        return ""
    rest = key[1:].replace("ph", "f").replace("q", "k").replace("w", "v")
    consonants = re.sub(r"(.)\1+", r"\1", re.sub(r"[aeiouy]", "", rest))
    if len(consonants) < 2:
        return ""
    return key[0] + consonants + ("-" if key[-1] in "aeiouy" else "")  # Fatima is no Futtaim
