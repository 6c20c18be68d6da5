"""Removes personal data from text before it is stored or logged.

Each item becomes a typed placeholder: <PHONE>, <EMAIL>, <ID>, <ACCOUNT>, <USERNAME>,
<DATE>, <ADDRESS>, <NAME>, <URL>. What carries the question's meaning stays: countries,
cities, regions, sums of money, durations, years, ages, counts, visa types, emergency
numbers (1122, 15, 999, 112), company and bank names.

People write in English, Dari, Pashto, Urdu (also in Latin letters), Bengali, Arabic and
Russian, with digits of any of these scripts. So the text is first read with every digit
as an ASCII digit and with letter variants folded (ي as ی, ك as ک, ё as е ...), one
character for one, so that offsets found in the folded text hold in the original. Then:

- numbers: e-mail addresses, URLs (also "facebook.com/some.user"), user names, bank
  accounts and cards, identity documents (by form, such as a CNIC, or by the word before
  them, such as "passport" or "ИНН"), dates (also Solar Hijri: "۲۲ حمل ۱۳۷۲"), and phone
  numbers, checked with `phonenumbers` for the regions people here write from and go to;
  a number next to a currency is a sum and stays;
- addresses: parts such as "House No. 12", "کوچه ۸", "ул. Ленина", "গ্রাম: ...", "Temple
  Road", "Room 12", "2nd floor", and the layouts of the places people go to ("Mahmutbey
  Mah. 2435. Sok. No: 7", "Via Roma 23", "Kirchstrasse 12", "Jalan Ampang", "Way 3215"),
  joined into one address when only commas separate them; the district, province or town
  that follows stays;
- names: words after a name cue ("my name is", "نام من", "меня зовут"), a relative or a
  role ("my brother", "المهرب", "দালাল"), a title ("Haji", "حاجی", "মোঃ"), a sign-off
  ("Thanks, Farid"), and words found in the lists of given and family names in
  bot/privacy/names/<script>.txt (Cyrillic names also under their Latin spelling, Russian
  case forms under their base). Places (also "ببغداد", "দুবাইয়ের", "в Самаре") and common
  words (names/places.txt, names/common-words.txt) are never names.

Where two findings overlap, the earlier kind in `combine.KINDS` wins and takes in the other.
tests/data/anonymiser/ holds labelled sets to measure it on (`mrcbot anonymise --score`).

The modules: `text` (folding, digits, word patterns, `Finding`), `lexicon` (the word lists),
`money`, `contacts` (e-mail, URLs, user names), `numbers`, `words` (a text's words),
`addresses`, `names`, and `combine` (the resolving of overlaps).
"""

from __future__ import annotations

from bot.privacy.anonymiser.addresses import address_findings
from bot.privacy.anonymiser.combine import resolve
from bot.privacy.anonymiser.contacts import email_findings, url_findings, username_findings
from bot.privacy.anonymiser.names import name_findings
from bot.privacy.anonymiser.numbers import number_findings
from bot.privacy.anonymiser.text import DIGITS, FOLD, Finding
from bot.privacy.anonymiser.words import Words

__all__ = ["Finding", "anonymise", "find_personal_data"]


def find_personal_data(text: str) -> list[Finding]:
    """Every item of personal data in a text, without overlaps, in order."""
    digits = text.translate(DIGITS)  # same length: one digit for one digit
    folded = digits.translate(FOLD)  # same length: one letter for one letter
    words = Words(digits, folded)
    findings = list(email_findings(digits))
    findings += url_findings(digits)
    findings += username_findings(digits)
    findings += number_findings(folded)
    findings += address_findings(words)
    findings += name_findings(words)
    return resolve(findings)


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
