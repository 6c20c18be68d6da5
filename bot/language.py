"""Language identification: lingua for the languages it knows, plus Pashto and Roman Urdu.

Lingua (a language-identification library with its models in the package) tells English,
Dari/Persian, Urdu, Arabic, Russian and Bengali apart. It knows no Pashto and calls Roman
Urdu English, so two things are added: the letters only Pashto or only Urdu use, and a
character n-gram model trained on the project's own examples per language and script.
"""

from __future__ import annotations

import functools
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

from bot.text import normalise

__all__ = [
    "LANGUAGE_NAMES",
    "ROMAN_URDU",
    "RTL_LANGUAGES",
    "Detection",
    "LanguageIdentifier",
    "choose_language",
    "directed",
    "named_language",
    "script_of",
]

ROMAN_URDU = "ur-latn"
PASHTO_LETTERS = frozenset("ټډړښږڼېۍځڅګ")
URDU_LETTERS = frozenset("ٹڈڑںےۓھہ")
_LINGUA_CODES = {
    "ENGLISH": "en",
    "PERSIAN": "fa",
    "URDU": "ur",
    "ARABIC": "ar",
    "RUSSIAN": "ru",
    "BENGALI": "bn",
}
_SCRIPT_LANGUAGES = {
    "latin": ("en", ROMAN_URDU),
    "arabic": ("fa", "ps", "ur", "ar"),
    "cyrillic": ("ru",),
    "bengali": ("bn",),
}
MIN_LETTERS = 2
NON_LATIN_SHARE = 0.2
ROMAN_URDU_THRESHOLD = 0.4
OWN_MODEL_WEIGHT = 0.7


@dataclass(frozen=True)
class Detection:
    """The language of a message: a code of topics.yml (`ur` for Roman Urdu too), or None."""

    language: str | None
    confidence: float
    script: str
    variant: str | None = None  # "ur-latn" for Roman Urdu

    @property
    def label(self) -> str | None:
        """The language with its variant: `ur-latn` for Roman Urdu."""
        return self.variant or self.language


def script_of(text: str) -> tuple[str, int]:
    """The script most letters of a text are written in, and how many letters it has."""
    counts: Counter[str] = Counter()
    for char in text:
        if not (char.isalpha() or unicodedata.category(char).startswith("M")):
            continue
        name = unicodedata.name(char, "")
        if name.startswith("LATIN"):
            counts["latin"] += 1
        elif name.startswith("ARABIC"):
            counts["arabic"] += 1
        elif name.startswith("CYRILLIC"):
            counts["cyrillic"] += 1
        elif name.startswith("BENGALI"):
            counts["bengali"] += 1
        else:
            counts["other"] += 1
    if not counts:
        return "none", 0
    total = sum(counts.values())
    # English words are often mixed into other languages, rarely the other way round: a
    # non-Latin script with a fair share of the letters is the message's script.
    others = [(n, s) for s, n in counts.items() if s != "latin"]
    if others:
        count, script = max(others)
        if count >= NON_LATIN_SHARE * total:
            return script, total
    return counts.most_common(1)[0][0], total


@functools.lru_cache(maxsize=1)
def _lingua() -> object:
    from lingua import Language, LanguageDetectorBuilder

    languages = [getattr(Language, name) for name in _LINGUA_CODES]
    return (
        LanguageDetectorBuilder.from_languages(*languages).with_preloaded_language_models().build()
    )


def _lingua_scores(text: str, candidates: Sequence[str]) -> dict[str, float]:
    detector = _lingua()
    values = detector.compute_language_confidence_values(text)  # type: ignore[attr-defined]
    scores = {_LINGUA_CODES.get(item.language.name, ""): float(item.value) for item in values}
    total = sum(scores.get(code, 0.0) for code in candidates) or 1.0
    return {code: scores.get(code, 0.0) / total for code in candidates}


class LanguageIdentifier:
    """Tells which supported language a message is in."""

    def __init__(self, languages: Sequence[str]) -> None:
        self.languages = tuple(languages)
        self._models: dict[str, Pipeline] = {}

    def fit(self, texts: Sequence[str], labels: Sequence[str]) -> LanguageIdentifier:
        """Train one character n-gram model per script on examples labelled by language."""
        by_script: dict[str, tuple[list[str], list[str]]] = {}
        for text, label in zip(texts, labels, strict=True):
            script, letters = script_of(text)
            if letters < MIN_LETTERS or label not in _SCRIPT_LANGUAGES.get(script, ()):
                continue
            bucket = by_script.setdefault(script, ([], []))
            bucket[0].append(text)
            bucket[1].append(label)
        self._models = {}
        for script, (script_texts, script_labels) in by_script.items():
            if len(set(script_labels)) < 2:
                continue
            model = Pipeline(
                [
                    (
                        "chars",
                        TfidfVectorizer(
                            analyzer="char_wb",
                            ngram_range=(1, 4),
                            sublinear_tf=True,
                            preprocessor=normalise,
                        ),
                    ),
                    ("classifier", LogisticRegression(C=10.0, max_iter=3000)),
                ]
            )
            self._models[script] = model.fit(script_texts, script_labels)
        return self

    def _own_scores(self, script: str, text: str) -> dict[str, float]:
        model = self._models.get(script)
        if model is None:
            return {}
        probabilities = model.predict_proba([text])[0]
        return {str(c): float(p) for c, p in zip(model.classes_, probabilities, strict=True)}

    def detect(self, text: str) -> Detection:
        """The language of one message; None when there is too little text to tell."""
        text = normalise(text)
        script, letters = script_of(text)
        if letters < MIN_LETTERS or script not in _SCRIPT_LANGUAGES:
            return Detection(None, 0.0, script)
        candidates = [c for c in _SCRIPT_LANGUAGES[script] if c in self._supported()]
        if not candidates:
            return Detection(None, 0.0, script)
        if len(candidates) == 1:
            return Detection(candidates[0], 1.0, script)
        if script == "arabic":
            return self._arabic(text, candidates)
        own = self._own_scores(script, text)
        roman = own.get(ROMAN_URDU, 0.0)
        if roman > ROMAN_URDU_THRESHOLD:
            return Detection("ur", roman, script, ROMAN_URDU)
        return Detection("en", own.get("en", 1.0 - roman) if own else 1.0, script)

    def _supported(self) -> set[str]:
        supported = set(self.languages)
        if "ur" in supported:
            supported.add(ROMAN_URDU)
        return supported

    def _arabic(self, text: str, candidates: list[str]) -> Detection:
        pashto = sum(char in PASHTO_LETTERS for char in text)
        urdu = sum(char in URDU_LETTERS for char in text)
        if pashto and pashto >= urdu and "ps" in candidates:
            return Detection("ps", 0.95, "arabic")
        if urdu and "ur" in candidates:
            return Detection("ur", 0.95, "arabic")
        lingua = _lingua_scores(text, [c for c in candidates if c != "ps"])
        own = self._own_scores("arabic", text)
        if own:
            # Lingua knows no Pashto: for Pashto the project's own model speaks alone.
            lingua["ps"] = own.get("ps", 0.0)
            weight = OWN_MODEL_WEIGHT
            scores = {
                code: weight * own.get(code, 0.0) + (1 - weight) * lingua.get(code, 0.0)
                for code in candidates
            }
        else:
            scores = {code: lingua.get(code, 0.0) for code in candidates}
        best = max(scores, key=lambda code: scores[code])
        return Detection(best, scores[best], "arabic")


RTL_LANGUAGES = frozenset({"fa", "ps", "ur", "ar", "ckb"})
_RLM = "\u200f"
MIN_WORDS_TO_SWITCH = 2
MIN_CONFIDENCE_TO_SWITCH = 0.6


def choose_language(
    current: str | None,
    detected: str | None,
    confidence: float,
    text: str,
    default: str = "en",
    hint: str | None = None,
) -> str:
    """The language to answer in: switch only on clear evidence, else keep the current one.

    A short or ambiguous message ("ok", "?", an emoji, a button) keeps the current language.
    Before any language is set, a clear message sets it; else the channel's hint (such as the
    language of the person's Telegram app) does; else whatever was detected.
    """
    clear = (
        detected is not None
        and len(text.split()) >= MIN_WORDS_TO_SWITCH
        and confidence >= MIN_CONFIDENCE_TO_SWITCH
    )
    if text.startswith("/") or detected is None:
        return current or hint or default
    if current is None:
        return detected if clear or not hint else hint
    if detected == current or not clear:
        return current
    return detected


def directed(text: str, language: str) -> str:
    """Text that displays right-to-left for RTL languages: each line opens with a RLM mark."""
    if language not in RTL_LANGUAGES:
        return text
    return "\n".join(line if line.startswith(_RLM) else _RLM + line for line in text.split("\n"))


# How people name each language when they ask for it, in Latin letters and in their scripts.
LANGUAGE_NAMES = {
    "en": (
        "english",
        "angrezi",
        "inglisi",
        "انگلیسی",
        "انګلیسي",
        "انگریزی",
        "الانجليزية",
        "انجليزي",
        "ইংরেজি",
        "английский",
        "английском",
        "по-английски",
    ),
    "fa": (
        "dari",
        "farsi",
        "persian",
        "دری",
        "فارسی",
        "دري",
        "فارسي",
        "الفارسية",
        "дари",
        "фарси",
        "персидский",
        "ফারসি",
    ),
    "ps": ("pashto", "pushto", "pakhto", "پښتو", "پشتو", "پختو", "البشتو", "пушту", "পশতু"),
    "ur": ("urdu", "اردو", "الأردية", "урду", "উর্দু"),
    "bn": ("bangla", "bengali", "বাংলা", "বাংলায়", "بنگالی", "بنګالي", "البنغالية", "бенгальский"),
    "ar": ("arabic", "arbi", "عربی", "عربي", "العربية", "عربية", "арабский", "আরবি"),
    "ru": (
        "russian",
        "russki",
        "rusi",
        "روسی",
        "روسي",
        "الروسية",
        "русский",
        "русском",
        "по-русски",
        "রুশ",
    ),
}


def named_language(text: str) -> str | None:
    """The one language a message asks for by name ("speak dari", "на русском"), if any."""
    words = {word.strip(".,!?؟،;:()\"'") for word in normalise(text).split()}
    found = {code for code, names in LANGUAGE_NAMES.items() if words & set(names)}
    return found.pop() if len(found) == 1 else None
