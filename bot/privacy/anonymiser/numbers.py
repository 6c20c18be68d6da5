"""Numbers: bank accounts and cards, identity documents, dates and phone numbers."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

import phonenumbers

from bot.privacy.anonymiser.money import is_money
from bot.privacy.anonymiser.text import LETTER, Finding, alternatives, folded_pattern

__all__ = ["NUMBER_WORDS", "number_findings"]


# Regions whose phone formats people here write: the countries served and where they go.
_REGIONS = (
    "PK", "AF", "BD", "IQ", "LK", "TJ", "KG", "UZ", "KZ", "AE", "SA", "QA", "KW", "OM", "BH",
    "MY", "RU", "IR", "TR", "GB", "DE",
)  # fmt: skip
_D = r"[0-9]"
_IBAN = re.compile(r"\b[A-Z]{2}[0-9]{2}(?:[ -]?[A-Z0-9]{4}){2,7}(?:[ -]?[A-Z0-9]{1,4})?\b")
_CARD = re.compile(
    rf"(?<![\d-]){_D}{{4}}([ -]?){_D}{{4}}\1{_D}{{4}}\1{_D}{{4}}(?:\1{_D}{{3}})?(?![\d-])"
)
NUMBER_WORDS = alternatives(
    "no no. nr nr. number num # no: nmbr nambar نمبر نمبر: نمره شماره شمېره شمیره رقم রেফারেন্স",
    "নং নম্বর নাম্বার номер № серия серии",
)
_FILLER = rf"(?:(?:{NUMBER_WORDS}|{LETTER}{{1,12}})[\s.,،:#-]*)"
_ACCOUNT_CUES = alternatives(
    "account acc a/c acct iban credit_card debit_card atm_card bank_card کارت_بانکی",
    "بطاقة_الائتمان الائتمان account_no bank_account счёт счет счета лицевой حساب الحساب",
    "حسابي حسابه اکاؤنٹ اکاونٹ اکانٹ ایبان آيبان الآيبان الايبان হিসাব অ্যাকাউন্ট একাউন্ট",
)
_ACCOUNT = folded_pattern(
    rf"(?<!\w)(?:{_ACCOUNT_CUES})[\s.:#-]*{_FILLER}{{0,5}}?"
    rf"({_D}(?:[ .-]?{_D}){{5,29}})(?![\d])"
)
_ID_CUES = alternatives(
    "passport pasport passport_no cnic nicop nic nid national national_id id_card id identity",
    "tazkira civil_id civil unified_card المدني مدني الموحدة",
    "tazkera tazkeera tazkirah taskira e-tazkira iqama iqaama akama visa permit cpr qid",
    "emirates_id roll registration application file reference ref case_number b-form",
    "birth_certificate smart_card bmet বিএমইটি پاسپورت پاسپورٹ پاسپورټ پاسپورتم تذکره",
    "تذکرې تذکرہ تذکرە",
    "شناختی شناختي اقامہ اقامه إقامة الإقامة الاقامة اقامة إقامت اقامت جواز جوازي جوازه جوازها",
    "هوية الهوية هويتي البطاقة بطاقة ویزه ویزا ویزې فيزا تأشيرة ب-فارم আইডি এনআইডি",
    "পাসপোর্ট জন্ম_নিবন্ধন নিবন্ধন ভিসা паспорт паспорта паспортные инн снилс внж",
    "рвп патент патента патенту миграционная_карта миграционной_карты вид_на_жительство",
    "pnr booking_ref booking case case_no کیس كيس الدعوى دعوى قضية القضية fin duldung",
    "pnr брони бронь бронирования бронировании بکینګ بکینگ بوکنگ reservation قضیې قضیه معاملة",
    "المعاملة رسید رسيد receipt протокол протокола complaint شکایت کود کوډ",
    "کد_حواله code tid trx обращения обращение fir پرونده دوسیه решения",
    "решение_суда дела дело court_case",
    "الجنسية جنسية",
    "شهادة_الجنسية aufenthaltstitel card_no card_number asylum_card ausweis",
    "свидетельство свидетельства метрика قضيته قضيتها কেস",
    "полис полиса пинфл pinfl жшшир jshshir jshshr jshir пин пинфл: личный_номер",
    "персональный_номер идентификационный_номер",
)
# A document number has a digit; "4510 123456" and "77 № 2301234567" are one number.
_ID_VALUE = (
    # "FA 1234567", Greek "ΑΒ 0123456", a Tajik birth certificate "I-ТД 0456712"
    rf"(?-i:[IVX]{{1,3}}-)?(?-i:[A-ZА-ЯΑ-Ω]{{1,3}})[ ]{_D}{{6,10}}(?![\w/-])|"
    rf"(?-i:[A-Z])[ ]{_D}{{4}}[ ]{_D}{{4}}(?![\w/-])|"  # "A 1234 5678"
    rf"{_D}{{2,4}}/(?:[A-Z]{{1,3}}|{LETTER})/{_D}{{2,6}}(?![\w/])|"  # "234/ج/2023", "2023/ISD/4567"
    rf"(?=[A-Z0-9/-]*[0-9])[A-Z0-9](?:[A-Z0-9/-]*[A-Z0-9])?(?:\s?№\s?{_D}+)?"
    rf"(?:[ ]{_D}{{2,}}(?=[\s.,;:!?)]|$))*"
)
_ID_BY_CUE = folded_pattern(
    rf"(?<!\w)(?:{_ID_CUES})[^\s\d]*[\s.:#-]*{_FILLER}{{0,3}}?(?<![\w@/-])({_ID_VALUE})(?![\w@])"
)
_YEARS = re.compile(r"(?:19|20)[0-9]{2}(?:\s*[-–/]\s*(?:19|20)?[0-9]{2})?")
_ID_FORMS = [
    # Pakistani CNIC, Afghan e-tazkira, Emirates ID, Russian SNILS, UAE visa file number.
    re.compile(rf"(?<![\d-]){_D}{{5}}-{_D}{{7}}-{_D}(?![\d-])"),
    re.compile(rf"(?<![\d-]){_D}{{4}}-{_D}{{4}}-{_D}{{5}}(?![\d-])"),
    re.compile(rf"(?<![\d-])784-?{_D}{{4}}-?{_D}{{7}}-?{_D}(?![\d-])"),
    re.compile(rf"(?<![\d-]){_D}{{3}}-{_D}{{3}}-{_D}{{3}}[ -]{_D}{{2}}(?![\d-])"),
    re.compile(rf"(?<![\d/]){_D}{{3}}/{_D}{{4}}/{_D}{{1,2}}/{_D}{{4,8}}(?![\d/])"),
    # Russian documents: "82 № 4518273", "4617 № 0123456".
    re.compile(rf"(?<!\d){_D}{{2,4}}\s?№\s?{_D}{{6,10}}(?!\d)"),
    # Passports and ID cards: one or two capitals, 6 to 9 digits (AB1234567, P01234567).
    re.compile(rf"\b[A-Z]{{1,2}}{_D}{{6,9}}\b"),
    re.compile(rf"\b[A-Z]{{2}} {_D}{{7}}\b"),  # "AA 1234567", Central Asian passports
    # References of parts joined by slashes or dashes: "UK/SW/2024/8812", "P-RM/L/N/2024/1234".
    re.compile(
        r"(?<![\w/-])(?=[A-ZА-Я0-9/-]*[A-ZА-Я])(?=(?:[A-ZА-Я/-]*[0-9]){4})"
        r"[A-ZА-Я0-9]{1,6}(?:[/-][A-ZА-Я0-9]{1,8}){2,}(?![\w/-])"
    ),
    # A paper tazkira: volume, page and register ("جلد ۱۲، صفحه ۴۵، ثبت ۶۷۸۹").
    folded_pattern(
        rf"(?<!\w)جلد\s*{_D}+[،,]?\s*صفحه\s*{_D}+(?:[،,]?\s*(?:نمبر\s*)?(?:ثبت|نمبر|شماره)\s*{_D}+)?"
    ),
    # Sri Lankan old NIC: 9 digits and V or X.
    re.compile(rf"\b{_D}{{9}}[VvXx]\b"),
    # Singapore FIN and NRIC: a letter, 7 digits, a letter.
    re.compile(rf"\b[STFGM]{_D}{{7}}[A-Z]\b"),
    # Codes of capitals and digits with three digits or more: "PAK-23C05678", "Y7K9L2M4P".
    re.compile(
        r"(?<![\w-])(?=[A-Z0-9-]{6,})(?=(?:[A-Z-]*[0-9]){3})(?=[0-9-]*[A-Z])[A-Z0-9]+(?:-[A-Z0-9]+)*(?![\w-])"
    ),
]
_LONG_NUMBER = re.compile(rf"(?<![\d.,/]){_D}(?:[ -]?{_D}){{8,19}}(?![\d/]|[.,]\d)")

_MONTHS = alternatives(
    "january february march april may june july august september october november december",
    "jan feb mar apr jun jul aug sep sept oct nov dec",
    "جنوری فروری مارچ اپریل مئی جون جولائی اگست ستمبر اکتوبر نومبر دسمبر فبروری اپریل جنور",
    "ژانویه فوریه مارس آوریل آپریل مه می ژوئن ژوئیه جولای اوت آگوست سپتامبر اکتبر نوامبر دسامبر",
    "حمل ثور جوزا سرطان اسد سنبله میزان عقرب قوس جدی دلو حوت",
    "فروردین اردیبهشت خرداد تیر مرداد شهریور مهر آبان آذر دی بهمن اسفند",
    "وری غویی غبرگولی چنګاښ زمری وږی تله لړم لیندۍ مرغومی سلواغه کب",
    "كانون_الثاني شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين_الأول تشرين_الثاني",
    "كانون_الأول يناير فبراير مارس أبريل ابريل مايو يونيو يوليو أغسطس اغسطس سبتمبر أكتوبر",
    "اكتوبر نوفمبر ديسمبر",
    "জানুয়ারি জানুয়ারী ফেব্রুয়ারি মার্চ এপ্রিল মে জুন জুলাই আগস্ট সেপ্টেম্বর অক্টোবর নভেম্বর",
    "ডিসেম্বর বৈশাখ জ্যৈষ্ঠ আষাঢ় শ্রাবণ ভাদ্র আশ্বিন কার্তিক অগ্রহায়ণ পৌষ মাঘ ফাল্গুন চৈত্র",
    "января февраля марта апреля мая июня июля августа сентября октября ноября декабря",
    "январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь",
)
_YEAR = r"(?:19|20|13|14)[0-9]{2}"
_DATE = folded_pattern(
    rf"(?<![\d/.-]){_D}{{1,2}}([./-]){_D}{{1,2}}\1{_YEAR}(?![\d/-]|\.\d)"
    rf"|(?<![\d/.-]){_YEAR}([./-]){_D}{{1,2}}\2{_D}{{1,2}}(?![\d/-]|\.\d)"
    rf"|(?<![\d/.-]){_D}{{1,2}}(?:st|nd|rd|th|ام|م|ই|শে|লা|রা|ঠা)?\s*(?:of\s+)?(?:{_MONTHS})[\s,،]*{_YEAR}"
    rf"(?:\s*(?:года|год|г\.|ء|ع|م|সাল|সালে|هـ|ش|هجری|ه\.ش))?(?![\d])"
    rf"|(?<![\d/.-])(?:د\s+)?{_YEAR}\s*کال\s*(?:د\s*)?\S+\s*(?:په\s*)?{_D}{{1,2}}(?:مه|م)?(?!\d)"
    rf"|(?<!\w)(?:یکم|پہلی)\s+(?:{_MONTHS})\s+{_YEAR}(?![\d])"
    rf"|(?<![\w])(?:{_MONTHS})\s+{_D}{{1,2}}(?:st|nd|rd|th)?,?\s+{_YEAR}(?![\d])"
    rf"|(?<![\d/.-]){_D}{{1,2}}-(?:{_MONTHS})-(?:{_YEAR}|{_D}{{2}})(?![\d])"
)
_BIRTH_CUES = alternatives(
    "dob d.o.b born birth تولد متولد پیدائش پیدایش زیږیدو زیږېدو ميلاد ميلادي مواليد ولدت",
    "জন্ম рождения родился родилась",
)
_SHORT_DATE = folded_pattern(
    rf"(?:{_BIRTH_CUES})\S*[\s:]+(?:\S+\s+){{0,2}}?({_D}{{1,2}}[./-]{_D}{{1,2}}[./-]{_D}{{2}})(?!\d)"
)

_PHONE_WORDS = folded_pattern(
    r"(?<!\w)(?:phone|mobile|whats\s?app|call|contact|تماس|تلفن|موبایل|موبائل|فون|هاتف|جوال|"
    r"ফোন|মোবাইল|телефон)"
)
_PHONE_CANDIDATE = re.compile(
    rf"(?<![\w+/.,-])(?:\+\s?|00)?\(?{_D}{{1,5}}\)?(?:[ -]{{0,3}}\(?{_D}{{1,5}}\)?){{1,14}}"
    r"(?![\w/-]|[.,]\d)"
)
_PHONE_CUES = folded_pattern(
    r"(?:phone|mobile|mob|cell|tel|contact|call|whats\s?app|wa|imo|viber|bkash|nagad|number|"
    r"num|no|نمبر|شماره|شمېره|شمیره|تماس|تلفن|تليفون|موبایل|موبائل|موبايل|فون|واتساپ|واټساپ|"
    r"واٹس\s?ایپ|واتساب|رقم|رقمي|رقمه|هاتف|هاتفي|جوال|جوالي|নম্বর|নাম্বার|ফোন|মোবাইল|বিকাশ|ইমো|"
    r"হোয়াটসঅ্যাপ|номер|телефон|тел|ватсап|вотсап|звоните)\S*[\s.:#-]*(?:\S+\s+)?$"
)


def _overlaps(start: int, end: int, findings: list[Finding]) -> bool:
    return any(f.start < end and start < f.end for f in findings)


def number_findings(text: str) -> Iterator[Finding]:
    """Accounts, cards, documents, dates and phone numbers in a folded text."""
    cued_ids = list(_cued_id_findings(text))
    yield from cued_ids
    yield from (Finding(m.start(), m.end(), "ACCOUNT") for m in _IBAN.finditer(text))
    for match in _CARD.finditer(text):  # 16 digits in one run after "NID number" are no card
        if match.group(1) or not _overlaps(match.start(), match.end(), cued_ids):
            yield Finding(match.start(), match.end(), "ACCOUNT")
    for match in _ACCOUNT.finditer(text):
        if not is_money(text, match.start(1), match.end(1)):
            yield Finding(match.start(1), match.end(1), "ACCOUNT")
    for pattern in _ID_FORMS:
        yield from (Finding(m.start(), m.end(), "ID") for m in pattern.finditer(text))
    yield from _date_findings(text)
    phones = list(_phone_findings(text)) if sum(c.isdigit() for c in text) >= 7 else []
    yield from phones
    for match in _LONG_NUMBER.finditer(text):
        money = is_money(text, match.start(), match.end())
        if not money and not _overlaps(match.start(), match.end(), phones):
            yield Finding(match.start(), match.end(), "ID")


def _cued_id_findings(text: str) -> Iterator[Finding]:
    """Document numbers after a word that names the document: "passport no. AB1234567"."""
    for match in _ID_BY_CUE.finditer(text):
        value = match.group(1)
        if _YEARS.fullmatch(value):
            continue
        if _PHONE_WORDS.search(text[match.start() : match.start(1)]):
            continue
        if any(c.isalpha() for c in value):
            if len(value) >= 6:  # "AB1234567", "NV-2023-445812"
                yield Finding(match.start(1), match.end(1), "ID")
        elif sum(c.isdigit() for c in value) >= 5 and not is_money(text, *match.span(1)):
            yield Finding(match.start(1), match.end(1), "ID")


def _date_findings(text: str) -> Iterator[Finding]:
    yield from (Finding(m.start(), m.end(), "DATE") for m in _DATE.finditer(text))
    yield from (Finding(m.start(1), m.end(1), "DATE") for m in _SHORT_DATE.finditer(text))


def _phone_findings(text: str) -> Iterator[Finding]:
    for match in _PHONE_CANDIDATE.finditer(text):
        raw = match.group()
        digits = "".join(c for c in raw if c.isdigit())
        if not 7 <= len(digits) <= 15 or is_money(text, match.start(), match.end()):
            continue
        cued = bool(_PHONE_CUES.search(text[max(0, match.start() - 30) : match.start()]))
        if _is_phone(raw, digits, cued):
            yield Finding(match.start(), match.end(), "PHONE")


def _is_phone(raw: str, digits: str, cued: bool) -> bool:
    """Whether a run of digits reads as a phone number of one of the regions."""
    international = raw.startswith("+") or raw.startswith("00")
    if international:
        return _possible("+" + digits.removeprefix("00"), None)
    if len(digits) > 12:  # longer than any national number: an account or a document
        return False
    if digits.startswith("0") or (digits.startswith("8") and len(digits) == 11):
        return any(_possible(digits, region) for region in _REGIONS)
    return cued and any(_possible(digits, region) for region in _REGIONS)


@functools.lru_cache(maxsize=4096)
def _possible(number: str, region: str | None) -> bool:
    try:
        parsed = phonenumbers.parse(number, region)
    except phonenumbers.NumberParseException:
        return False
    return bool(phonenumbers.is_possible_number(parsed))
