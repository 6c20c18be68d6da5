"""Removes personal data from text before it is stored or logged.

Each item becomes a typed placeholder: <PHONE>, <EMAIL>, <ID>, <ACCOUNT>, <USERNAME>,
<DATE>, <ADDRESS>, <NAME>, <URL>. What carries the question's meaning stays: countries,
cities, sums of money, durations, visa types.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

import phonenumbers

__all__ = ["Finding", "anonymise", "find_personal_data"]

# Regions whose phone formats people here write: the countries served and where they go.
_REGIONS = ("PK", "AF", "BD", "IQ", "LK", "TJ", "KG", "UZ", "AE", "SA", "QA", "RU", "IR", "GB")
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹০১২৩৪৫৬৭৮৯", "0123456789" * 3)
_D = r"[0-9]"


@dataclass(frozen=True)
class Finding:
    """One item of personal data in a text."""

    start: int
    end: int
    kind: str


def _pattern(regex: str) -> re.Pattern[str]:
    return re.compile(regex, re.IGNORECASE | re.UNICODE)


_EMAIL = _pattern(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = _pattern(r"\b(?:https?://|www\.)\S+")
_USERNAME = _pattern(r"(?<![\w@])@[A-Za-z][A-Za-z0-9_]{3,31}\b")
_IBAN = _pattern(r"\b[A-Z]{2}[0-9]{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,4})?\b")
# Pakistani CNIC 12345-1234567-1; Afghan e-tazkira 1400-0101-12345; other long ID forms.
_ID_FORMS = [
    _pattern(rf"\b{_D}{{5}}[- ]{_D}{{7}}[- ]{_D}\b"),
    _pattern(rf"\b{_D}{{4}}[- ]{_D}{{4}}[- ]{_D}{{5}}\b"),
]
# Passport numbers: one or two letters followed by 6 to 9 digits (AB1234567, P1234567).
_PASSPORT = _pattern(rf"\b[A-Z]{{1,2}}{_D}{{6,9}}\b")
# Long runs of digits: national ID numbers (Bangladeshi NID 10/13/17, Iraqi 12), accounts.
_LONG_NUMBER = _pattern(rf"(?<![\d.,]){_D}(?:[ -]?{_D}){{8,19}}(?![\d.,])")
_DATE = _pattern(
    rf"\b(?:{_D}{{1,2}}[./-]{_D}{{1,2}}[./-](?:19|20){_D}{{2}}|(?:19|20){_D}{{2}}[./-]{_D}{{1,2}}[./-]{_D}{{1,2}})\b"
)
_ID_WORDS = _pattern(
    r"(?:passport|pasport|cnic|nic|nid|id|tazkira|tazkera|visa|iqama|akama|account|acc|"
    r"پاسپورت|پاسپورٹ|تذکره|شناختی|شناختي|شناختي کارت|رقم|هوية|جواز|паспорт|номер|"
    r"পাসপোর্ট|এনআইডি|আইডি)\s*(?:no\.?|number|num|#|:|نمبر|نمره|شماره|номер|নম্বর)?\s*[:#]?\s*"
    r"([A-Z0-9][A-Z0-9-]{5,19})"
)
_ADDRESS = _pattern(
    r"\b(?:house|h\.?\s?no|flat|apartment|plot)\s*(?:no\.?|#)?\s*\d+[\w/-]*"
    r"(?:[, ]+(?:street|st\.?|road|rd\.?|lane|block|sector|gali|mohalla)\s*(?:no\.?|#)?\s*[\w-]+)*"
    r"|\b(?:street|st\.?|road|rd\.?|lane|gali|block|sector)\s*(?:no\.?|#)?\s*\d+[\w/-]*"
    r"|(?:خانه|کوچه|سرک|ناحیه|گلی|مکان|سڑک|শহর|বাড়ি|রোড|улица|ул\.|дом|кв\.|شارع|زقاق|محلة)\s*"
    r"(?:نمبر|نمره|شماره|نمبر|নং|№|رقم)?\s*\d+[\w/-]*"
)
# A name introduced by the person, or a relative named: the trigger, then the name.
_NAME_TRIGGERS = [
    r"my name is",
    r"my name'?s",
    r"name is",
    r"i am called",
    r"this is",
    r"call me",
    r"mera naam",
    r"mera nam",
    r"mera name",
    r"naam hai",
    r"main",
    r"mein",
    r"نام من",
    r"نامم",
    r"اسم من",
    r"مه",
    r"زما نوم",
    r"زه",
    r"میرا نام",
    r"میرا نام ہے",
    r"اسمي",
    r"انا",
    r"أنا",
    r"اسم",
    r"меня зовут",
    r"я",
    r"আমার নাম",
    r"আমি",
]
_RELATIVES = (
    r"brother|sister|son|daughter|husband|wife|father|mother|cousin|uncle|friend|bhai|behen|"
    r"beta|beti|برادر|خواهر|پسر|دختر|شوهر|خانم|ورور|خور|زوی|لور|بھائی|بہن|بیٹا|بیٹی|شوہر|"
    r"بیوی|اخوي|اخي|اختي|ابني|بنتي|زوجي|زوجتي|брат|сестра|сын|дочь|муж|жена|ভাই|বোন|ছেলে|মেয়ে|স্বামী|স্ত্রী"
)
_NAME_WORD_LATIN = r"[A-Z][a-z]+"
_NAME_WORD_ANY = r"[^\s\d.,!?؟،:;()\"']+"
# Words after a trigger that are not names (what people say after "I am" / "main" ...).
_NOT_NAMES = frozenset(
    " ".join(
        (
            "a an the from in at on going not very so from working work here there living stuck",
            "worried afraid scared sick ill student worker driver nurse doctor teacher engineer",
            "labourer single married alone ok okay fine good bad back home new",
            "trying looking asking",
            "want need will would can could have has had just also still really please hun hoon",
            "hu ho tha thi raha rahi se ka ki ke ko mein me ne bhi kya kaise nahi nai pakistan",
            "afghanistan bangladesh iraq india iran turkey dubai saudi qatar oman kuwait malaysia",
            "korea japan germany italy greece poland russia kazakhstan uk europe kabul karachi",
            "lahore islamabad dhaka sylhet baghdad erbil mosul colombo dushanbe tashkent osh از",
            "در به با که را هم یک این آن یو په له د ته هم اوس کی کے میں سے کا کی کو بھی نے ہوں",
            "ہیں ہے تھا تھی في من على الى إلى عن مع هو هي انا في в на из с по у я не и а hai hy",
            "he hain h is and aur است هست ده دی دے ہے ہیں هو و и а но আর এবং হয় হলো",
        )
    ).split()
)


def _name_findings(text: str) -> Iterator[Finding]:
    triggers = "|".join(sorted(_NAME_TRIGGERS, key=len, reverse=True))
    intro = re.compile(
        rf"(?:(?<=\s)|^)(?:{triggers})\s*[:,-]?\s+({_NAME_WORD_ANY}(?:\s+{_NAME_WORD_ANY})?)",
        re.IGNORECASE,
    )
    for match in intro.finditer(text):
        trigger = match.group(0)[: match.start(1) - match.start()].strip().lower()
        words = match.group(1).split()
        kept: list[str] = []
        for word in words:
            if word.lower() in _NOT_NAMES or word.startswith("<"):
                break
            if kept and word.startswith("و") and len(word) > 3:  # Arabic "and ..."
                break
            loose = trigger in {
                "main",
                "mein",
                "مه",
                "زه",
                "انا",
                "أنا",
                "я",
                "আমি",
                "this is",
                "call me",
            }
            if loose and not (re.fullmatch(_NAME_WORD_LATIN, word) or not word.isascii()):
                break
            if loose and not word.isascii() and not kept and _looks_like_verb(word):
                break
            kept.append(word)
            if loose:
                break
        if kept:
            end = match.start(1) + len(" ".join(kept))
            yield Finding(match.start(1), end, "NAME")
    relatives = re.compile(
        rf"\b(?:my|mera|meri|mere|زما|میرا|میری|من|مه)?\s*(?:{_RELATIVES})\s+"
        rf"(?:named|called|name is|naam|نام|نوم)?\s*"
        rf"({_NAME_WORD_LATIN}(?:\s+{_NAME_WORD_LATIN})?)",
    )
    for match in relatives.finditer(text):
        name = match.group(1)
        if name.split()[0].lower() not in _NOT_NAMES:
            yield Finding(match.start(1), match.end(1), "NAME")


def _looks_like_verb(word: str) -> bool:
    # Persian, Pashto, Urdu and Arabic words after "I" that are verbs or adjectives, not names.
    return bool(re.search(r"(م|یم|ی|ہوں|هستم|یم|يم|ت|دم|ږم|ام)$", word)) and len(word) > 3


@functools.lru_cache(maxsize=1)
def _regions() -> tuple[str, ...]:
    return _REGIONS


def _phone_findings(text: str) -> Iterator[Finding]:
    seen: set[tuple[int, int]] = set()
    for region in _regions():
        for match in phonenumbers.PhoneNumberMatcher(
            text, region, leniency=phonenumbers.Leniency.POSSIBLE
        ):
            digits = sum(c.isdigit() for c in match.raw_string)
            starts_like_phone = match.raw_string.lstrip("(").startswith(("+", "0"))
            if digits < 7 or (digits < 9 and not starts_like_phone):
                continue
            if (match.start, match.end) not in seen:
                seen.add((match.start, match.end))
                yield Finding(match.start, match.end, "PHONE")


def find_personal_data(text: str) -> list[Finding]:
    """Every item of personal data in a text, without overlaps, in order."""
    digits = text.translate(_DIGITS)  # same length: one digit for one digit
    findings: list[Finding] = []
    for pattern, kind in (
        (_EMAIL, "EMAIL"),
        (_URL, "URL"),
        (_USERNAME, "USERNAME"),
        (_IBAN, "ACCOUNT"),
    ):
        findings += [Finding(m.start(), m.end(), kind) for m in pattern.finditer(digits)]
    for match in _ID_WORDS.finditer(digits):
        if any(c.isdigit() for c in match.group(1)):
            findings.append(Finding(match.start(1), match.end(1), "ID"))
    for pattern in (*_ID_FORMS, _PASSPORT):
        findings += [Finding(m.start(), m.end(), "ID") for m in pattern.finditer(digits)]
    findings += [Finding(m.start(), m.end(), "DATE") for m in _DATE.finditer(digits)]
    findings += list(_phone_findings(digits))
    for match in _LONG_NUMBER.finditer(digits):
        findings.append(Finding(match.start(), match.end(), "ID"))
    findings += [Finding(m.start(), m.end(), "ADDRESS") for m in _ADDRESS.finditer(digits)]
    findings += list(_name_findings(digits))
    # Earlier kinds win over later ones where they overlap; longer spans win within a start.
    chosen: list[Finding] = []
    for finding in sorted(findings, key=lambda f: (f.start, -(f.end - f.start))):
        if chosen and finding.start < chosen[-1].end:
            continue
        chosen.append(finding)
    return chosen


def anonymise(text: str) -> str:
    """The text with each item of personal data replaced by its typed placeholder."""
    if not text:
        return text
    parts: list[str] = []
    position = 0
    for finding in find_personal_data(text):
        parts.append(text[position : finding.start])
        parts.append(f"<{finding.kind}>")
        position = finding.end
    parts.append(text[position:])
    return "".join(parts)
