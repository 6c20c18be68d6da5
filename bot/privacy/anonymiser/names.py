"""Names: after a cue, a relative, a role or a title, and words in the lists of names."""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterator

from bot.privacy.anonymiser.addresses import ADDRESS_WORDS, REGION_WORDS
from bot.privacy.anonymiser.lexicon import CASE_ENDINGS, load_lexicon, skeleton
from bot.privacy.anonymiser.text import Finding, alternatives, folded_pattern, lookup_keys
from bot.privacy.anonymiser.words import Words

__all__ = ["name_findings"]


# Cues after which a name follows, whatever its words: "my name is", "نام من", "меня зовут".
_STRONG_CUES = alternatives(
    "my_name_is my_name's my_name_was name_is name_was name: named called i_am_called",
    "zma_num zama_num zma_noom zama_noom call_me mera_naam mera_nam mera_name meri_naam",
    "mera_pura_naam ka_naam ka_nam ki_naam amar_nam amar_naam amr_nam",
    "nam-e nam-esh nam-am ismah ismi ismo zovut menya_zovut title ٹائٹل টাইটেল المدعو",
    "المدعوة",
    "باسم پر_نوم_د په_نوم_د call_him call_her people_call называет называют",
    "urf urf-e alias ওরফে عرف الملقب naam صاحب_حساب صاحب_الحساب account_holder فرستنده",
    "گیرنده لیږونکی اخیستونکی sent_to",
    "ke_naam naam: naam_hai نام_من نامم اسمم اسم_من نامش اسمش نامشان به_نام بنام نام اسم",
    "زما_نوم نوم_یې نوم_مې نوم میرا_نام میرا_پورا_نام کا_نام کی_نام نام: اسمي اسمى اسمه اسمها",
    "الاسم اسم_صاحب_الحساب আমার_নাম নাম меня_зовут его_зовут её_зовут ее_зовут зовут имя",
    "по_имени фамилия account_title account_name beneficiary in_the_name_of",
)
# Cues after which a name may follow: "I am", "main", "من", "я", "আমি".
_WEAK_CUES = alternatives(
    "main mai me mein من زه میں أنا انا я আমি dear hi hello salam name ami za man",
)
# Weak cues that can only mean "I am": "I'm Roza from Bishkek".
_SELF_CUES = alternatives("i_am i'm im iam this_is it's_me myself ana ani آني اني")
# Sign-offs, after which the words that end a message are a name: "Thanks, Farid", "-- Lola".
_SIGN_OFF = folded_pattern(
    r"(?:(?<!\w)(?:thanks|thank\s+you|thanks\s+a\s+lot|regards|best\s+regards|kind\s+regards|"
    r"shukriya|shukria|shukran|jazakallah|спасибо|с\s+уважением|ممنون|تشکر|شکریہ|شکریه|مننه|"
    r"شكرا|شكراً|ধন্যবাদ|signed|sincerely)(?!\w)(?:\s*[,،!.:—–-]+|[ \t]*\n)"
    r"|(?:^|[.!?؟।\n])\s*(?:--|—|–)|\n\s*-\s)\s*"
    r"((?:[^\s,،!?:]+\s*){1,3})[.!]?\s*$"
)
# Relatives and roles, after which a name may follow: "my brother", "برادرم", "المهرب".
_ROLE_GROUPS = (
    "brother sister son daughter husband wife father mother dad mum mom abu abba ammi ami",
    "wror wror-me khor khawand plar zoy lur pesar pesar-e pesaram bachem bacham dokhtar",
    "shohar shohar-em shoharam kaka kaka-em madar padar baradar khahar brother-e ibni akhoya",
    "akhooya akhi ukhti zawji abooya muzh syn doch brat sestra otec agenta chele meye bon",
    "swami owner sajang shacho زوجه زوجہ ولد",
    "cousin uncle aunt nephew niece friend neighbour neighbor agent sub-agent recruiter",
    "driver teacher ustad ustaz استاد استاذ موټروان ډرایور راننده ڈرائیور السايق السائق",
    "водитель ড্রাইভার bon vai",
    "sponsor kafeel kafil employer boss manager supervisor landlord landlady smuggler broker",
    "dalal bhai bhaiya behen behan bhen walid walida beta beti chacha chachu mamu mamoo",
    "khala phuppo dost yaar shohar shauhar biwi seth bhanja bhanji bhatija bhatiji bhateeja",
    "sala behnoi damad sasur nawasa pota grandson granddaughter grandfather grandmother",
    "brother-in-law sister-in-law son-in-law father-in-law relative",
    "خواهرزاده خواهرزاده‌ام برادرزاده برادرزاده‌ام نواسه نواسه‌ام خسرم خسربره زنم شریکم",
    "وراره خوریی ترور نیکه ماماجان بھانجا بھانجے بھانجی بھتیجا بھتیجے بھتیجی نواسہ",
    "پوتا پوتے پوتی نواسے نواسی سالا بہنوئی داماد سسر ساس کزن",
    "ابن_أخي ابن_اخي ابن_أختي ابن_عمي ابن_خالي خالتي عمتي جدي جدتي نسيبي حماي",
    "کارفرما دلال قاچاقبر قاچاقچی ورور خور پلار مور زوی لور ښوهر میړه میرمن ملګری ملگری",
    "اېجنټ ایجنټ ایجنت ایجنٹ بھائی بہن والد والدہ بیٹا بیٹے بیٹی شوہر بیوی چچا ماموں دوست",
    "کفیل مالک سیٹھ أخي اخي أخوي اخوي أختي اختي أخته أخوه أبي ابي والدي أمي امي والدتي زوجي",
    "زوجتي ابني بنتي ابنتي صديقي عمي خالي جاري الكفيل كفيلي المهرب مهرب الوسيط الوكيل",
    "المدير مديري صاحب_العمل صاحبة_العمل",
    "ভাই বোন বাবা মা স্বামী স্ত্রী ছেলে মেয়ে চাচা মামা খালা বন্ধু দালাল এজেন্ট সাব-এজেন্ট কফিল",
    "মালিক ভাগ্নে ভাগ্নি ভাতিজা ভাতিজি চাচাতো_ভাই মামাতো_ভাই খালাতো_ভাই ফুফাতো_ভাই শ্বশুর",
    "শাশুড়ি জামাই দুলাভাই নাতি নাতনি",
    "племянник племянница двоюродный_брат дядя тётя тетя дедушка бабушка зять",
    "брат сестра жена муж сын дочь отец мать друг подруга знакомый работодатель жене жену",
    "мужу мужа сыну сына брату брата сестре сестру отцу маме матери",
    "начальник бригадир агент посредник хозяин хозяйка арендодатель получатель получателя",
    "recipient receiver",
)
_ROLE_CUES = alternatives(*_ROLE_GROUPS)
# Dari relatives take the possessive as an ending: برادرم (my brother), شوهرش (her husband).
_DARI_ROLES = (
    r"(?:برادر|خواهر|پدر|مادر|پسر|دختر|شوهر|همسر|خانم|کاکا|ماما|خاله|عمه|دوست|همسایه|"
    r"کارفرما|شریک|نامزد)(?:م|ش|ت|مان|تان|شان|ام|اش|یم|یش|‌ام|‌اش|‌یم|‌مان)?"
)
_CUE_TAIL = (
    r"(?:\s+(?:is|was|named|called|name|mr\.?|من|ما|مې|یې|مو|است|ہے|کا|کی|ke|ka|ki|ji|man|me|mi|"
    r"sahab|sahib|صاحب|جی|হলো|হল|এর)(?!\w))*"
)


def _cue_pattern(cues: str) -> re.Pattern[str]:
    # Arabic joins "and" to the next word: "واسمي" (and my name).
    # "ثبت نام" is registering, not a name.
    return folded_pattern(
        rf"(?<!\w)(?<!ثبت\s)(?<!ثبت\u200c)(?:و(?=\w{{3}}))?(?:{cues})(?!\w){_CUE_TAIL}\s*[:,-]?\s*"
    )


# Cues that follow a name: "ګل زمان نومېږي" (is called Gul Zaman).
_CUES_AFTER = folded_pattern(
    r"(?<!\w)(?:نومېږي|نومیږي|نومیږی|نومېږم|نومیږم|نامیده\s+می‌?شود|نام\s+دارد|کہلاتا|কহে|"
    r"naam\s+(?:ki|ka|ke|se)|نام\s+(?:کی|کا|کے|سے)|نامی|নামের|নামে|নামক|په\s+نوم|کے\s+نام|"
    r"(?:is|was)\s+(?:my|his|her|our)\s+\w+\s+name|আমার\s+\S+\s+নাম)(?!\w)"
)
# Postpositions after a place in Roman Urdu, Urdu, Pashto, Bengali: "Turbat mein", "تربت میں".
_LOCATIVES = lookup_keys("mein me main se say sy pe par tak میں سے تک پر کې কে তে থেকে")
# The one-word relatives and roles, which end a name: "أمل وأختي نور".
_ROLE_WORDS = {key for key in lookup_keys(*_ROLE_GROUPS) if "_" not in key} - lookup_keys(
    "abu abba seth malik khala mamu"  # also titles or names
)
# Words of addresses in scripts without capitals, which are no names: "منزل", "کوچه".
_UNCASED_ADDRESS_WORDS = frozenset(
    key for key in ADDRESS_WORDS if key[:1] and key[0].lower() == key[0].upper()
)
_STRONG = _cue_pattern(_STRONG_CUES)
_WEAK = _cue_pattern(_WEAK_CUES)
_SELF = _cue_pattern(_SELF_CUES)
_ROLE = _cue_pattern(f"{_ROLE_CUES}|{_DARI_ROLES}")
# Titles before a name. Strict ones always stand before a name; the others only before a
# known name or a capitalised word, since they are also words ("malik" is an employer).
_STRICT_TITLES = lookup_keys(
    "haji hajji alhaj alhaji al-haj mr mrs ms md mohd mst mosammat janab maulana maulvi mawlawi",
    "qari engr eng dr doctor engineer حاجی حاجي الحاج الحاجة الحجي آقای آقا جناب مولوی",
    "madam madame miss حجي کاک كاك kak মিস্টার مسٹر مسز مستر пан пани ma'am maam encik",
    "ښاغلی مسماۃ مسماة herr frau انجنیره д-р مهندسة مهندسه",
    "مولانا قاری الشیخ انجنیر انجینئر مهندس داکتر دکتور الدكتور دکتر ڈاکٹر ډاکټر ډاکتر",
    "ডাঃ ডা ডাক্তার ইঞ্জিনিয়ার доктор advocate adv barrister prof professor capt captain",
    "major colonel inspector ایڈووکیٹ پروفیسر کپتان استاذ الأستاذ الاستاذ المحامي",
    "السید السیدة মোঃ মো মোছাঃ মোসাম্মৎ মোসাঃ হাজী আলহাজ্ব আলহাজ জনাব মিসেস господин госпожа",
)
_TITLES = _STRICT_TITLES | lookup_keys(
    "malik chaudhry chaudhary chaudhri ch raja mian sheikh shaikh syed sayed sayyid seyed mir",
    "محترمہ محترم محترمه sufi صوفی hafiz حافظ pir um bibi mullah ملا",
    "sardar sahibzada abu umm begum ملک چوہدری چودھری راجہ",
    "راجا میاں شیخ",
    "سید میر سردار ابو",
    "ام بیگم استاد ustad ustaz শেখ আবু মীর সৈয়দ",
)
# Titles after a name: "Khurram bhai", "احمد جان", "রফিক সাহেব", "Ахмад ака".
_TITLES_AFTER = lookup_keys(
    "bhai bhaijan bhaiya sahab sahib saab ji jee baji appi uncle aunty jan صاحب بھائی جی باجی",
    "جان خان‌صاحب ভাই ভাইকে ভাইয়ের সাহেব আপা ভাবি ака апа bibi bi-bi بیبی",
)
# Numbers in words, which end a name (though "کارته سه" and "شهر نو" are quarters of Kabul).
_NUMBER_WORDS = lookup_keys(
    "یک دو سه چهار پنج شش هفت هشت نه ده یو دوه درې څلور پنځه شپږ اووه اته لس ایک تین چار پانچ",
    "پہلا پہلی دوسرا تیسرا تیسری چوتھا چوتھی پانچواں پانچویں چھٹا ساتویں آٹھویں نویں دسویں",
    "بیست سی چهل پنجاه شصت هفتاد هشتاد نود صد شل دېرش څلوېښت بیس تیس چالیس پچاس سو عشرين",
    "ثلاثين اربعين خمسين",
    "چھ سات آٹھ دس واحد اثنين ثلاث ثلاثة اربع اربعة خمس خمسة ست ستة سبع سبعة ثمان تسع عشر عشرة",
)
_VISA_WORDS = lookup_keys("visa ویزه ویزا ویزې فيزا تأشيرة ভিসা виза")
# Words that link two parts of one name: son of, daughter of, the.
_NAME_LINKS = lookup_keys("bin ibn bint binti بن بنت al el ur ul ud")
# Words after a father's name that end a Central Asian name: "Азамат Нурлан уулу".
_NAME_ENDINGS = lookup_keys("уулу кызы угли оглы ogli qizi uulu kyzy o'g'li")
# "From", after a name in a self-introduction: "i am shofiqul from sylhet".
_FROM = lookup_keys("from frm az se min iz")
_CONJUNCTIONS = lookup_keys("and aur or و او ва и আর ও এবং")
_ABBREVIATED_TITLES = lookup_keys("md mr mrs ms dr mst mohd ch engr eng ডা মো")
# Words that make a name part of a company or a place: "Habib Bank", "Faisal Town".
_ORGANISATION_WORDS = lookup_keys(
    "bank exchange travel travels tours company co group ltd limited hospital airways airlines",
    "international enterprises trading overseas manpower agency services corporation foundation",
    "university college school institute mosque masjid town road street market plaza colony",
    "traders trader contracting contractors construction recruiting recruitment estate recruit",
    "motors motor ټرېولز ټریولز engineering srl llc gmbh fze fzco llp",
    "pvt inc manpower پاور مین‌پاور агентство پوهنتون دانشگاه",
    "এজেন্সির কোম্পানির অফিসের جامعة جامعه embassy سفارت سفارة army police ministry",
    "department consulate court deportation detention centre center اورسیز اوورسیز",
    "building tower bazaar chowk avenue sons office بانک بینک بنك مصرف شرکت کمپنی الشركة شركة",
    "ایجنسی للسفر للمقاولات للسياحة مؤسسة ٹریولز ٹریول ٹریولس انٹرپرائزز اوورسیز گروپ لمیٹڈ",
    "آژانس مؤسسه ট্রাভেলস এজেন্সি ওভারসিজ লিমিটেড গ্রুপ হাসপাতাল ব্যাংক কোম্পানি ооо банк",
    "компания фирма агентство visa ویزه ویزا ویزې فيزا تأشيرة ভিসা виза",
)
# Family names of Russia and Central Asia: Курбонов, Назарова, Ахмедзода.
_FAMILY_NAME = re.compile(r"(?:ов|ев|ова|ева|зода|заде|ov|ev|ova|eva|zoda)$")
_PATRONYMIC = re.compile(
    r"(?:ович|евич|овн|евн|ичн)(?:а|у|ем|е|ом|ой|ы)?$|(?:ovich|evich|ovna|evna)$|(?:وویچ|یویچ)$",
    re.IGNORECASE,
)
# Family names made from a given name: Rahim-ov, Yusup-ova, Ahmad-zai, رحیم-ی, احمد-زی.
_SURNAME_ENDINGS = tuple(
    lookup_keys("ova eva ov ev zoda zade zai i ова ева ов ев зода и زی زاده ی")
)
# Verbs and phrases, no names: Dari "می‌خواهد", Iraqi "اخذتها", "يگول", "بالصف" (in class).
_VERB_LIKE = re.compile(
    "(?:می|نمی)..|.{2,}(?:ته|تها|تهم|وها|وهم|لها|لهم)$|(?:یگ|تگ|نگ|بال|لل|وال).."
)
_COPULAS = lookup_keys(
    "hun hoon hu hon hai hain hy tha thi هستم استم هستیم است یم دی ده یو ہوں ہے ہیں تھا تھی",
    "hastom hastam hastum yam yem yum",
)
_NAME_PARTICLES = ("al", "el", "e", "i", "ul", "ud", "ur")
# Compounds that are names whatever their other part: عبدالبصیر, Abdulwali, لطف‌الله, Nasrullah.
_NAME_PREFIXES = lookup_keys("عبد abdul abdur abdel abdo абду абдул абдур")
_NAME_SUFFIXES = lookup_keys("الله اللہ الدین الرحمن ullah ulla uddin udin иддин уддин улло улла")
# Endings that make a name of a listed name: Akbarjon, Нурбек.
_LISTED_SUFFIXES = lookup_keys("jon jan bek boy ul джон жон бек бой ুল")


# Central Asian names written in Cyrillic are listed in Latin letters: Дильшод, Dilshod.
_CYRILLIC_TO_LATIN = str.maketrans(
    {
        **dict(
            zip(
                "абвгдезийклмнопрстуфцыэғқҳўӣӯҷңөү",
                "abvgdeziyklmnoprstufcyegqhoiujnou",
                strict=True,
            )
        ),
        **{"ч": "ch", "ш": "sh", "щ": "sh", "ю": "yu", "я": "ya", "ъ": "", "ь": ""},
    }
)
_LATIN_VARIANTS = {"х": ("kh", "h", "x"), "ж": ("j", "zh")}


def _latin_spellings(key: str) -> Iterator[str]:
    """The Latin spellings of a Cyrillic key: Фаррух as farrukh, farruh, farrux."""
    if not any("а" <= c <= "я" for c in key):
        return
    spellings = [key]
    for letter, variants in _LATIN_VARIANTS.items():
        if letter in key:
            spellings = [s.replace(letter, v) for s in spellings for v in variants]
    for spelling in spellings:
        yield spelling.translate(_CYRILLIC_TO_LATIN)


def _in_names(key: str) -> str | None:
    """`key` if a name is listed under it, or under one of its Latin spellings."""
    names = load_lexicon().names
    if key in names:
        return key
    return next((latin for latin in _latin_spellings(key) if latin in names), None)


@functools.lru_cache(maxsize=8192)
def _listed_key(key: str) -> str | None:
    """The key under which a word is in the name lists.

    As it is, without ال, its first part (Al-Qahtani), or the name in a compound: عبدالولی
    (عبد + ولی), نجیب‌الله (نجیب + الله), Rahmatullah, Rafiquddin.
    """
    names = load_lexicon().names
    parts = [part for part in key.split("-") if part not in _NAME_PARTICLES]
    for candidate in (key, key.removeprefix("ال"), parts[0] if parts else ""):
        if candidate in names:
            return candidate
    if any(key.startswith(p) and len(key) > len(p) + 2 for p in _NAME_PREFIXES):
        return key
    if any(key.endswith(s) and len(key) > len(s) + 1 for s in _NAME_SUFFIXES):
        return key
    if any(key.endswith(s) and key[: -len(s)] in names for s in _LISTED_SUFFIXES):
        return key
    return None


# Bengali writes case endings onto names: জামালকে, করিমের, আলমরা, মামুনদের.
_BENGALI_NAME_ENDINGS = ("দেরকে", "দের", "েরা", "রা", "কে", "ের", "এর", "র")


def _bengali_stem_key(key: str) -> str | None:
    """The listed name inside a Bengali word with a case ending: করিমের (Karim's)."""
    if not "\u0980" <= key[-1:] <= "\u09ff":
        return None
    names = load_lexicon().names
    for ending in _BENGALI_NAME_ENDINGS:
        if key.endswith(ending) and len(key) - len(ending) >= 2 and key[: -len(ending)] in names:
            return key[: -len(ending)]
    return None


def _declined_key(key: str) -> str | None:
    """A Russian case form of a listed name: Фарруха, Алишеру, Дмитрия, Саидовой."""
    for ending, replacement in CASE_ENDINGS:
        if key.endswith(ending) and len(key) > len(ending) + 2:
            candidate = key[: -len(ending)] + replacement
            found = _in_names(candidate) or (candidate if _is_surname(candidate) else None)
            if found:
                return found
    return None


def _is_surname(key: str) -> bool:
    """A family name made from a listed given name, or an Arabic nisba (الجبوری)."""
    if key.startswith("ال") and key.endswith("ی") and len(key) > 4:
        return True
    names = load_lexicon().names
    return any(
        key.endswith(ending) and key[: -len(ending)].removeprefix("ال") in names
        for ending in _SURNAME_ENDINGS
        if len(key) > len(ending) + 2
    )


class _NameFinder:
    """Finds the names in one text, word by word."""

    def __init__(self, words: Words) -> None:
        self.words = words
        self.tokens = words.tokens
        self.lexicon = load_lexicon()
        self._keys: dict[int, str | None] = {}

    def findings(self) -> Iterator[Finding]:
        spans = [*self._cued_spans(), *self._spans_before_cues(), *self._title_spans()]
        spans += [*self._sign_off_spans(), *self._initial_spans(), *self._surname_initial_spans()]
        spans += self._spans_before_titles()
        spans += [*self._listed_spans(), *self._patronymic_spans(), *self._postposition_spans()]
        spans += self._parenthesised(spans)
        joined = list(self._coordinated(spans))
        while joined:  # "A, B and C"
            spans += joined
            joined = list(self._coordinated(joined))
        for first, last in spans:
            while self._joined(first) and self.tokens[first - 1].key in _STRICT_TITLES:
                first -= 1  # "mr. chen wei", "Madam Saba"
            if first > 0 and self._arabic_title_abbreviation(first - 1):
                first -= 1  # "م. سلام عبد الله", "د. نور الهدى"
            while self._initial(last + 1):
                last += 1  # "Рустам К."
            while first > 0 and self._initial(first - 1, joined=False) and self._joined(first):
                first -= 1  # "W.M. Kusumawathi", "/ M. Tahir Nawaz"
            end = self.tokens[last].end
            if len(self.tokens[last].text) == 1 and self.words.text[end : end + 1] == ".":
                end += 1  # an initial: "Рустам Ш."
            yield Finding(self.tokens[first].start, end, "NAME")

    # What a word is.

    def _joined(self, index: int) -> bool:
        """Whether word `index` exists and follows the word before it within one name."""
        if not 0 < index < len(self.tokens):
            return False
        gap = self.words.gap_before(index)
        if gap.strip() == "":
            return "\n" not in gap
        before = self.tokens[index - 1]
        initial = len(before.text) == 1 and before.capitalised  # "W.M. Kusumawathi"
        return gap.strip() == "." and (before.key in _ABBREVIATED_TITLES or initial)

    def _stops(self, index: int) -> bool:
        key = self.tokens[index].key
        return (
            index in self.words.places
            or (key in _ROLE_WORDS and key not in self.lexicon.names)  # صديقي, but صدیقی
            or key in _NUMBER_WORDS  # "نجیب الله سه ماه پیش" (three months ago)
            or (key[:1] == "و" and key[1:] in _ROLE_WORDS)  # "وأختي" (and my sister)
            or index in self.words.common
            or key in _ORGANISATION_WORDS
            or key in REGION_WORDS
            or (key in _UNCASED_ADDRESS_WORDS and key not in self.lexicon.names)
            or key in _COPULAS
        )

    def _family_name(self, index: int) -> bool:
        """Whether word `index` is a capitalised family name of Russia or Central Asia."""
        token = self.tokens[index]
        return token.cased and token.capitalised and bool(_FAMILY_NAME.search(token.text))

    def _ordinary(self, index: int) -> bool:
        """Whether word `index` is an ordinary word of the project's texts: "ایجنٹ کہتا ہے"."""
        token = self.tokens[index]
        return token.key in self.lexicon.ordinary and not token.capitalised

    def _ordinary_opening(self, index: int) -> bool:
        """Whether word `index` is an ordinary word that begins no name: "naam bataye".

        It may begin one when a known name follows: "جمعه خان", "حافظ عبدالرؤف".
        """
        if not self._ordinary(index) or self._listed(index):
            return False
        return not (self._joined(index + 1) and self._known(index + 1))

    def _name_key(self, index: int) -> str | None:
        """The key under which word `index` is in the name lists, if it is."""
        if index not in self._keys:
            self._keys[index] = self._find_name_key(index)
        return self._keys[index]

    def _find_name_key(self, index: int) -> str | None:
        token = self.tokens[index]
        key = _listed_key(token.key)
        if key is None and token.cased and token.capitalised:
            key = (
                _in_names(token.key)
                or _declined_key(token.key)
                or self.lexicon.skeletons.get(skeleton(token.key))
            )
        if key is None and not token.cased:
            key = _bengali_stem_key(token.key)
        if key is None and token.key.startswith("و") and not token.cased:  # "وفاطمة" (and F.)
            key = _listed_key(token.key[1:]) if len(token.key) > 3 else None
        return key

    def _linked(self, index: int) -> bool:
        """Whether word `index` is a link inside a name ("bin", "al", "уулу") or follows one."""
        if self.tokens[index].key in _NAME_ENDINGS:
            return True
        if index > 0 and self.tokens[index - 1].key in _NAME_PREFIXES:
            return True  # "abdul wahab"
        if self.tokens[index].key in _NAME_LINKS:
            following = index + 1
            return self._joined(following) and not self._stops(following)
        return index > 0 and self.tokens[index - 1].key in _NAME_LINKS

    def _listed(self, index: int) -> bool:
        key = self.tokens[index].key
        return self._name_key(index) is not None or key in _TITLES

    def _clear(self, index: int) -> bool:
        """Whether word `index` is a listed name that is no other word."""
        key = self._name_key(index)
        return key is not None and key not in self.lexicon.needs_context

    def _continuation(self, index: int) -> bool:
        key = self.tokens[index].key
        continuations = self.lexicon.continuations
        return key in continuations or key.removeprefix("ال") in continuations

    def _known(self, index: int) -> bool:
        """Whether word `index` is listed, continues a name (الله), or is a family name."""
        key = self.tokens[index].key
        after_abd = index > 0 and self.tokens[index - 1].key == "عبد" and key.startswith("ال")
        return self._listed(index) or self._continuation(index) or _is_surname(key) or after_abd

    def _organisation_next(self, index: int) -> bool:
        return self._joined(index) and self.tokens[index].key in _ORGANISATION_WORDS

    def _place_next(self, index: int) -> bool:
        """Whether a postposition of place follows word `index`: "Turbat mein", "تربت میں"."""
        following = index + 1
        return self._joined(following) and self.tokens[following].key in _LOCATIVES

    def _ends_after(self, index: int) -> bool:
        """Whether the phrase ends after word `index`: punctuation, the end, or a stop word."""
        following = index + 1
        if following >= len(self.tokens):
            return True
        if not self._joined(following):
            return bool(re.search(r"[^\s\d]", self.words.gap_before(following)))
        return self._stops(following)

    def _may_follow(self, index: int, first: int, loose: bool) -> bool:
        """Whether word `index` continues the name that begins with word `first`."""
        if not self._joined(index) or self._stops(index) or self._organisation_next(index):
            return False
        if self._linked(index):  # "سعود بن فهد", "salim al balushi", "Азамат уулу Бакыт"
            return True
        token, opening = self.tokens[index], self.tokens[first]
        if opening.cased and not opening.capitalised and token.capitalised:
            return False  # "ali raza" then "Dubai"
        if self._known(index):
            return True
        if token.cased and token.capitalised:
            return not self._place_next(index)
        return loose and (not token.cased or not opening.capitalised) and not self._ordinary(index)

    def _name_end(self, first: int, loose: bool, limit: int = 3) -> int:
        """The last word of the name that begins with word `first`, at most `limit` more."""
        last = first
        while last - first < limit and self._may_follow(last + 1, first, loose):
            last += 1
        return last if loose else self._unknown_tail(first, last, limit)

    def _unknown_tail(self, first: int, last: int, limit: int) -> int:
        """Take in one or two unlisted words that end a phrase: "پسرم احمد ضیا در ..."."""
        for size in (2, 1):
            tail = range(last + 1, last + 1 + size)
            if last + size - first > limit or not all(self._unlisted_part(i) for i in tail):
                continue
            if self._ends_after(tail[-1]) and not self._place_next(tail[-1]):
                return tail[-1]
        return last

    def _unlisted_part(self, index: int) -> bool:
        """Whether word `index` may be an unlisted part of a name in a script without capitals."""
        return (
            self._joined(index)
            and not self.tokens[index].cased
            and not self._stops(index)
            and not self._ordinary(index)
            and not self._organisation_next(index)
        )

    # Where names are.

    def _sign_off_spans(self) -> Iterator[tuple[int, int]]:
        """The words that end a message after a sign-off, unless common words or places."""
        yield from self._signature_spans()
        match = _SIGN_OFF.search(self.words.text)
        if not match:
            return
        first = self.words.index(match.start(1))
        if first >= len(self.tokens) or self.tokens[first].start != match.start(1):
            return
        last = len(self.tokens) - 1
        words = range(first, last + 1)
        # A place may end it as a family name: "Regards, Gulalai Wardak".
        stops = [
            i
            for i in words
            if self._stops(i) and not (i == last > first and i in self.words.places)
        ]
        if all(self._joined(i) for i in words[1:]) and not stops:
            yield first, last

    def _signature_spans(self) -> Iterator[tuple[int, int]]:
        """A message's last line or sentence that is a listed name: "... farhan".

        Lines end at a new line or " / "; a line that is only a town, a role, a phone number or
        an e-mail may follow ("محمد یونس ساپي / کونړ"), as may a town or a role after a comma
        ("Hajra, Sialkot", "Dilnoza Tursunova, mother").
        """
        for first, last in self._last_lines():  # the last line, or one before a job's line
            words = range(first, last + 1)
            listed = any(
                self._name_key(i) or self._continuation(i) or self._family_name(i) for i in words
            )
            if last - first > 3 or not (listed or self._is_title_at(first)):
                continue
            stops = [i for i in words if self._stops(i) and self._name_key(i) is None]
            gap = self.words.gap_before(last).strip()
            family_place = stops == [last] and last > first + 1 and last in self.words.places
            if not stops or (family_place and not gap):
                yield first, last  # a family name from a place: "داکتر سمیع الله وردک"
                return

    def _last_lines(self) -> Iterator[tuple[int, int]]:
        """The words of the last lines, last first, past lines of towns, roles and numbers."""
        text = self.words.text
        # Lines end at a stop (not an initial's: "م. سلام"), a new line, " / ", or a last comma.
        ends = [
            m.end()
            for m in re.finditer(r"(?<!\s\w)(?<!^\w)[.!?؟।۔]|\n|\s/\s|[,،](?=[^,،]*$)", text)
        ]
        bounds = [0, *ends, len(text)]
        skipped = 0
        for start, end in reversed(list(itertools.pairwise(bounds))):
            indexes = [i for i, t in enumerate(self.tokens) if start <= t.start < end]
            if not indexes:
                continue  # a phone number, an e-mail, punctuation
            if start == 0:
                return  # the message itself is no signature
            if re.search(r"@|https?:|www\.", text[start:end]):
                continue  # a line with an e-mail or a link
            if all(i in self.words.places or self._stops(i) for i in indexes):
                continue  # ", Sialkot", "/ کونړ", ", mother"
            yield indexes[0], indexes[-1]
            skipped += 1
            if skipped > 2 or len(indexes) > 6:
                return

    def _surname_initial_spans(self) -> Iterator[tuple[int, int]]:
        """A family name and initials: "Курбонов Ш.", "Назаров Ф. А."."""
        for index in range(len(self.tokens) - 1):
            token = self.tokens[index]
            if token.capitalised and _FAMILY_NAME.search(token.text) and self._initial(index + 1):
                last = index + 1
                while self._initial(last + 1):
                    last += 1
                yield index, last

    def _initial_spans(self) -> Iterator[tuple[int, int]]:
        """Initials before a capitalised word that is no common word nor place: "W.M. Perera"."""
        for index in range(len(self.tokens) - 1):
            if not (self._initial(index) and (index == 0 or not self._initial(index - 1))):
                continue
            following = index + 1
            while self._initial(following):
                following += 1
            if following - index < 2 and self._name_key(following) is None:
                continue  # one initial only before a listed name: "A. Rahman"
            if following < len(self.tokens) and self._joined(following):
                token = self.tokens[following]
                if token.capitalised and not token.text.isupper() and not self._stops(following):
                    yield index, self._name_end(following, loose=False)

    def _cued_spans(self) -> Iterator[tuple[int, int]]:
        cues = ((_STRONG, "strong"), (_ROLE, "role"), (_SELF, "self"), (_WEAK, "weak"))
        for pattern, kind in cues:
            for match in pattern.finditer(self.words.text):
                index = self.words.index(match.end())
                before = self.words.index(match.start()) - 1
                if before >= 0 and self.tokens[before].key in _ORGANISATION_WORDS:
                    continue  # "ایجنسی کا نام ...", "company name ..." name no person
                if index < len(self.tokens) and self.tokens[index].start == match.end():
                    span = self._after_cue(index, kind)
                    if span:
                        yield span

    def _after_cue(self, first: int, kind: str) -> tuple[int, int] | None:
        # A name may be a place's too: "আমার ভাগ্নে রিয়াদ হোসেন" (Riyad, Riyadh).
        follower = self._clear if kind == "weak" else self._listed  # "من البصرة واحد"
        named_place = first in self.words.places and self._joined(first + 1) and follower(first + 1)
        named_place = named_place and first + 1 not in self.words.places  # "dera ismail khan"
        # A listed name that is also a word, right after "my name is": "mera naam bahar hai".
        word_as_name = kind == "strong" and self._name_key(first) is not None
        known_next = self._joined(first + 1) and self._known(first + 1)  # "Zaman Khan"
        word_as_name = word_as_name and (
            self._copula_after(first) or self._ends_after(first) or known_next
        )
        if (self._stops(first) and not (named_place or word_as_name)) or self._continuation(first):
            return None
        if not (named_place or self._opens_name(first, kind)):
            return None
        last = self._name_end(first, loose=kind == "strong" or self._copula_after(first))
        visa_next = last + 1 < len(self.tokens) and self.tokens[last + 1].key in _VISA_WORDS
        organisation = self._organisation_next(last + 1) or (
            self._joined(last + 1)
            and self._name_key(last + 1) is None
            and self._organisation_next(last + 2)
            and self.tokens[last + 2].key not in _VISA_WORDS
        )  # "ٹائٹل سٹار ریکروٹنگ ایجنسی"
        if organisation and not (kind == "strong" and visa_next):
            return None  # "... Habib Bank", but "به نام وحید صافی ویزه میدهد" (gives visas)
        return first, last + 1 if self._place_as_family_name(last) else last

    def _opens_name(self, first: int, kind: str) -> bool:
        """Whether word `first`, after a cue of `kind`, can begin a name."""
        token = self.tokens[first]
        acronym = len(token.text) > 1 and token.text.isupper() and not self._listed(first)
        if acronym and kind != "strong":
            return False  # an acronym: "bhai ye HBL ka account", but "sent to SHAH FAISAL"
        if len(token.text) == 1 and not self._initial(first):
            return False  # a letter: "main E-9 visa pe hun"
        if self._ordinary_opening(first):
            return False  # "ایجنٹ کہتا ہے" (the agent says), "naam bataye baghair"
        if kind == "strong" or self._listed(first):
            return True
        if token.cased and token.capitalised:
            alone = first + 1 >= len(self.tokens) or not self._joined(first + 1)
            # "I'm Roza from Bishkek", but "Germany mein Ausbildung ho sakti hai"
            closed = kind == "self" and not alone and first + 1 in self.words.common
            return (
                kind == "role"
                or alone
                or closed
                or (self.tokens[first + 1].capitalised and not self._stops(first + 1))
            )
        if token.cased and kind == "self" and self.words.small_letters_only:
            following = first + 1  # "bhai i am shofiqul from sylhet", not "i am tired"
            return following < len(self.tokens) and self.tokens[following].key in _FROM
        next_continues = self._joined(first + 1) and self._continuation(first + 1)
        if not token.cased and next_continues:  # "زما ورور لطف الله"
            return True
        if kind == "role" and not token.cased:  # "أخي ليث", "زما خور ګلپاڼه"
            return not _VERB_LIKE.match(token.key) and not self._place_next(first)
        # "میں شبیر حسین ہوں": an unlisted word before a listed one, closed by a copula.
        before_listed = not token.cased and self._joined(first + 1) and self._clear(first + 1)
        return before_listed and (self._copula_after(first) or self._ends_after(first + 1))

    def _place_as_family_name(self, last: int) -> bool:
        """Whether a place closing a phrase after a known name is a family name: "Ali Wardak,"."""
        place = last + 1
        if not (self._known(last) and self._joined(place) and place in self.words.places):
            return False
        if self.tokens[place].key not in self.lexicon.places:
            return False  # "نور بالموصل" (Nour, in Mosul)
        token = self.tokens[place]
        if token.cased and not token.capitalised:
            return False
        if place - 1 in self.words.places or place + 1 in self.words.places:
            return False  # one word of a longer place's name: "Rahim Yar Khan"
        if place + 1 >= len(self.tokens):
            return True
        return not self._joined(place + 1) and bool(
            re.match(r"\s*[,.;!?،۔]", self.words.gap_before(place + 1))
        )

    def _copula_after(self, first: int) -> bool:
        """Whether a copula closes the words from `first`: "main Kashif hun", "من زهرا هستم"."""
        for index in range(first + 1, min(first + 4, len(self.tokens))):
            if not self._joined(index):
                return False
            if self.tokens[index].key in _COPULAS:
                return True
            if self._stops(index):
                return False
        return False

    def _spans_before_titles(self) -> Iterator[tuple[int, int]]:
        """Names before a title after them: "Khurram bhai", "جمال ভাইকে", "بشریٰ بی بی"."""
        for index, token in enumerate(self.tokens):
            last = index - 1
            bibi = (
                token.key == "بی" and self._joined(index + 1) and self.tokens[index + 1].key == "بی"
            )
            if not (token.key in _TITLES_AFTER or bibi) or last < 0 or not self._joined(index):
                continue
            word = self.tokens[last]
            opening = not self._joined(last) or self._stops(last - 1)  # "نگہت باجی کا"
            unlisted = not word.cased and opening
            if self._stops(last) or not (self._known(last) or word.capitalised or unlisted):
                continue
            if self._organisation_next(index + 1):
                continue  # "Shah Jee Travels"
            first = last
            if self._joined(first) and not self._stops(first - 1) and self._known(first - 1):
                first -= 1
            yield first, index + 1 if bibi else last  # "Bibi" is part of a woman's name

    def _spans_before_cues(self) -> Iterator[tuple[int, int]]:
        for match in _CUES_AFTER.finditer(self.words.text):
            last = self.words.index(match.start()) - 1
            stops = last >= 0 and self._stops(last) and self._name_key(last) is None
            if last < 0 or stops or not self._joined(last + 1):
                continue  # but "Bahar is my sister's name"
            first = last
            while last - first < 2 and self._joined(first) and not self._stops(first - 1):
                first -= 1
            yield first, last

    def _title_spans(self) -> Iterator[tuple[int, int]]:
        for index, token in enumerate(self.tokens):
            if not self._is_title(index):
                continue
            following = index + 1  # past more titles: "Haji Malik Aslam", "الحاجة أم حسين"
            while following - index < 3 and self._joined(following) and self._is_title(following):
                following += 1
            place_name = following in self.words.places and self._joined(following + 1)
            place_name = place_name and self._known(following + 1)  # "Haji Kabul Khan"
            strict_word = token.key in _STRICT_TITLES and self._name_key(following) is not None
            if not self._joined(following) or (
                self._stops(following) and not (place_name or strict_word)
            ):
                continue
            after = self.tokens[following]
            strict = token.key in _STRICT_TITLES and (not after.cased or after.capitalised)
            strict = strict and not self._ordinary_opening(following)  # "مهندس مدني" (civil)
            if strict or self._listed(following) or (after.cased and after.capitalised):
                last = self._name_end(following, loose=False)
                if not self._organisation_next(last + 1):
                    yield index, last

    def _is_title(self, index: int) -> bool:
        key = self.tokens[index].key
        return key in _TITLES or key.removeprefix("ال") in _STRICT_TITLES  # "المهندس"

    def _parenthesised(self, spans: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
        """A name in Latin letters in brackets: "سارا تامسون (Sarah Thompson)", "(Kim Sang-woo)"."""
        other_script = sum(not t.cased for t in self.tokens) > len(self.tokens) / 2
        opened = [
            i - 1 for i in range(1, len(self.tokens)) if self.words.gap_before(i).strip() == "("
        ]
        found = {last for _, last in spans}
        for _, last in [*spans, *((i, i) for i in opened if other_script)]:
            first = last + 1
            if first >= len(self.tokens) or self.words.gap_before(first).strip() != "(":
                continue
            end = first
            while end + 1 < len(self.tokens) and end - first < 3 and self._joined(end + 1):
                end += 1
            words = range(first, end + 1)
            closed = self.words.text[self.tokens[end].end :].lstrip().startswith(")")
            latin = all(self.tokens[i].capitalised and self.tokens[i].text.isascii() for i in words)
            if last not in found and (not latin or end == first):
                continue  # no name before it: two words in Latin letters, "(Kim Sang-woo)"
            if closed and all(
                self.tokens[i].capitalised or not self.tokens[i].cased for i in words
            ):
                yield first, end

    def _coordinated(self, spans: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
        """Names joined to a found one by "and": "Zahid aur Naeem", "রহিম আর করিম"."""
        for _, last in spans:
            conjunction, first = last + 1, last + 2
            if not (self._joined(conjunction) and self._joined(first)):
                continue
            if self.tokens[conjunction].key not in _CONJUNCTIONS or self._stops(first):
                continue
            token = self.tokens[first]
            if self._listed(first) or (token.cased and token.capitalised):
                yield first, self._name_end(first, loose=False)

    def _postposition_spans(self) -> Iterator[tuple[int, int]]:
        """A listed name that is also a word, before "ne" or "ko": "Sultan ko FIA ne roka"."""
        for index, token in enumerate(self.tokens[:-1]):
            after = self.tokens[index + 1]
            before_postposition = after.key in ("ne", "ko", "نے", "کو") and self._joined(index + 1)
            name = self._name_key(index) is not None and index not in self.words.places
            if before_postposition and name and (token.capitalised or not token.cased):
                yield index, index

    def _listed_spans(self) -> Iterator[tuple[int, int]]:
        index = 0
        while index < len(self.tokens):
            if self._stops(index) or self._name_key(index) is None:
                index += 1
                continue
            last = index
            while self._joined(last + 1) and self._run_word(last + 1):
                last += 1
            if self._accept_run(index, last):
                last = self._extend_run(index, last)
                yield self._given_name_before(index), last
            index = last + 1

    def _given_name_before(self, first: int) -> int:
        """Take in a given name before a family name, or a family name before a given one.

        "Мавлюда Ахмедова", "Жумабеков Эрлан".
        """
        before = first - 1
        if before >= 0 and self._joined(first) and not self._stops(before):
            token = self.tokens[before]
            if token.cased and token.capitalised and _FAMILY_NAME.search(token.text):
                return before
        if not (self._joined(first) and _is_surname(self.tokens[first].key)):
            return first
        token = self.tokens[before]
        if (
            token.cased
            and token.capitalised
            and not self._stops(before)
            and before not in self.words.common
        ):
            return before
        return first

    def _run_word(self, index: int) -> bool:
        if self._stops(index):
            return False
        token = self.tokens[index]
        listed = self._name_key(index) is not None
        return listed or self._continuation(index) or (not token.cased and _is_surname(token.key))

    def _accept_run(self, first: int, last: int) -> bool:
        if self._organisation_next(last + 1):
            return False
        opening = self.tokens[first]
        if first == last and len(opening.text) > 2 and opening.text.isupper():
            return False  # an acronym: "blocked by NADRA"
        if first > 0 and self.tokens[first - 1].key in _ORGANISATION_WORDS:
            return False
        run = range(first, last + 1)
        nisba = last > first and any(_is_surname(self.tokens[i].key) for i in run)
        compound = last > first and any(self._continuation(i) for i in run)  # شمس الرحمن
        if not (nisba or compound or any(self._clear(index) for index in run)):
            return False
        opening = self.tokens[first]
        return not opening.cased or opening.capitalised or last > first

    def _extend_run(self, first: int, last: int) -> int:
        """Take in family names that are not listed: "Nusrat Jahan", "طاہرہ بانو نے"."""
        while last - first < 3 and self._may_follow(last + 1, first, loose=False):
            last += 1
        return self._unknown_tail(first, last, limit=3)

    def _patronymic_spans(self) -> Iterator[tuple[int, int]]:
        for index, token in enumerate(self.tokens):
            if (
                (token.capitalised or not token.cased)
                and _PATRONYMIC.search(token.text)
                and not self._stops(index)
            ):
                first = index
                while index - first < 2 and self._capitalised_neighbour(first - 1, first):
                    first -= 1  # "Саидова Мадина Рахимовна"
                last = index + 1 if self._capitalised_neighbour(index + 1, index + 1) else index
                if last == index and self._initial(index + 1):
                    last += 1  # "Олег Викторович К."
                yield first, last

    def _is_title_at(self, index: int) -> bool:
        """Whether word `index` is a title, or "م." or "د." before a name."""
        return self._is_title(index) or (
            index + 1 < len(self.tokens) and self._arabic_title_abbreviation(index)
        )

    def _arabic_title_abbreviation(self, index: int) -> bool:
        """Whether word `index` is "م." (engineer) or "د." (doctor) right before a name."""
        token = self.tokens[index]
        after = self.words.text[token.end : self.tokens[index + 1].start]
        return token.key in ("م", "د") and after.strip() == "."

    def _initial(self, index: int, joined: bool = True) -> bool:
        """Whether word `index` is an initial: one capital letter and a full stop.

        With `joined`, it must follow the word before it within one name ("Рустам К.").
        """
        if not (0 <= index < len(self.tokens)) or (joined and not self._joined(index)):
            return False
        token = self.tokens[index]
        return (
            len(token.text) == 1
            and token.capitalised
            and self.words.text[token.end : token.end + 1] == "."
        )

    def _capitalised_neighbour(self, index: int, joined: int) -> bool:
        return (
            0 <= index < len(self.tokens)
            and self._joined(joined)
            and (self.tokens[index].capitalised or not self.tokens[index].cased)
            and not self._stops(index)
            and not self._ordinary(index)
        )


def name_findings(words: Words) -> Iterator[Finding]:
    """The names in a text, from its words."""
    return _NameFinder(words).findings()
