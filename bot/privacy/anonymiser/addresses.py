"""Addresses: parts such as "House No. 12" or "ул. Ленина", joined into one address."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from bot.privacy.anonymiser.lexicon import load_lexicon
from bot.privacy.anonymiser.money import is_money
from bot.privacy.anonymiser.numbers import NUMBER_WORDS
from bot.privacy.anonymiser.text import (
    IGNORECASE,
    LETTER,
    Finding,
    alternatives,
    folded_pattern,
    lookup_key,
    lookup_keys,
)
from bot.privacy.anonymiser.words import Words

__all__ = ["ADDRESS_WORDS", "REGION_WORDS", "address_findings"]


# "House No. 12", "کوچه ۸", "кв. 42": a word for a building or a street, maybe "no.", a number.
_NUMBERED_WORDS = (
    "house h h# h.no hno flat apartment apt plot shop office suite unit building bldg street",
    "room plaza villa",
    "st st. road rd rd. lane gali galli block blk sector phase mohalla muhalla chak makan ghar",
    "holding ward kothi",
    "خانه منزل کور مکان گھر دار بيت بیت پلاک کوچه کوڅه کوچہ گلی زقاق سرک سړک شارع جاده خیابان",
    "فیز روڈ سٹریٹ ناحیه ناحیہ حوزه بلاک سیکٹر سکٹر فیز محله محلہ محلة فلیٹ فلیت اپارتمان آپارتمان",
    "فيلا فیلا ویلا مجمع بلوك بلوک قطعة شقة شقه عمارة عماره بنایة بلڈنگ پلازہ دکان دوکان",
    "مغازه دفتر آفس طبقه طابق پوړ قطعه چک",
    "বাড়ি বাসা হোল্ডিং ফ্ল্যাট রোড সড়ক লেন ব্লক সেক্টর ওয়ার্ড",
    "дом д. кв. квартира корп. корпус к. стр. строение мкр. мкр микрорайон уч. участок",
    "общежитие общежитии общежития общага общаге общаги комната комнате комнаты ком. комн.",
    "комн zone sokak sok. sk. cadde caddesi cad. cd. kat daire d blok lorong jalan jln",
    "camp labour_camp labor_camp квартал кв-л lot int int. interno scala haus zimmer whg whg.",
    "لیبر_کیمپ wohnung m. ул. офис офис. warehouse godown وارهاوس گودام کیمپ فلیټ عمارت",
    "kv kv. dom korp korpus komnata komn. ofis obshchezhitie obshchezhitiye kuche kucha koocha",
    "pelak dafter dokan container konteyner کانتینر کانټینر لیبر_کمپ کمپ مارکیټ شاپ",
    "اسٹریٹ پلاٹ প্লট سكن_الطلاب سكن_العمال سكن_العاملات سكن zuqaq mahalla tabiq dar shari3",
    "shari каб. кабинет pok. pokój section ولا مستودع অফিস ভিলা স্ট্রিট روم کوټه level tingkat",
    "سوکاک lgh stanza سكة مكتب ساختمان caravan д кв ряд павильон خونه زون سټریټ بلډنګ ګودام پلاک",
    "خیمه kamb. вл. вл контейнер ودانۍ مصنع المصنع",
    "блок кабинет کارګر_کمپ হাউস জোন ওয়ে ডরমেটরি রুম দোকান",
    "farm mazraa mazraah rumah blok bloc ap apt. ګراج فارم",
    "واحد صنعتي_سیمه",
    "ক্যাম্প রুম কক্ষ লেবার_ক্যাম্প বিল্ডিং корп корп. сок. кат",
    "قسم_داخلي قسم_الداخلي way hostel dormitory ہاسٹل ہوسٹل سکتور вагончик вагон бытовка",
    "قطاع كرفان كرفانة مخيم غرفة مبنى حجرة اتاق کمره کوٹھری",
)
# Of these, the words that are also places or words need a number with digits.
_WITH_DIGITS = lookup_keys("کوټه روم کمپ کیمپ camp واحد ap فارم")
# Of these, the words that are also common words need "no." or another part of an address.
_WEAK_NUMBERED = lookup_keys(
    "house office shop building ghar chak phase unit room villa",
    "خانه منزل کور مکان گھر دار بیت دفتر آفس دکان دوکان مغازه طبقه پوړ چک فیز",
    "বাড়ি বাসা дом комната комнате комнаты к. д. kat daire d blok lot int scala haus m.",
    "غرفة اتاق کمره way level tingkat منطقه",
)
_UNIT_NUMBER = (
    rf"(?:[A-Z]-?)?[0-9]+(?:[A-Z](?!\w))?(?:[/-](?:[A-Z0-9]+|{LETTER}{{1,4}}(?!\w)))*"
    r"(?:\s[A-Z]{1,2}\b(?!\s*[:#]?\s*[0-9])|(?:\s[ابجدهوزحطیکلمنسعفصقرشت](?!\w)){1,2})?"
    r"|(?-i:[A-HJ-ZА-ЯЁ])(?![\w-])"  # "Block B", "корпус Б", the letters' names in Urdu, Bengali
    r"|[0-9]+(?:এ|বি|সি|ডি|ই)(?![\w\u0980-\u09ff])"  # "৪বি" (4B)
    r"|[ابجدهوزحطیکلمنسعفصقرشتثخذضظغ](?!\w)"  # "قطاع ج", "بلاک ب"
    r"|(?:اول|دوم|سوم|چهارم|پنجم|ششم|هفتم|هشتم|نهم|دهم|لومړی|دوهم|دریم|څلورم|پنځم)(?!\w)"
    r"|(?:اے|بی|سی|ڈی|دی|ای|ایف|جی|ایچ|آی|کے|ایل|ایم|این|پی|آر|ایس|ٹی|وی|ایکس|زیڈ)(?:-[0-9]+)?(?!\w)"
    r"|(?:এ|বি|সি|ডি|ই|এফ|জি|এইচ|কে|এল|এম|এন|পি|আর|এস|টি)(?![\w\u0980-\u09ff])"
)
_NUMBERED = folded_pattern(
    rf"(?<!\w)(?:[وبلف]ـ?(?:ال)?|ال)?({alternatives(*_NUMBERED_WORDS)})(?:(?<=\.)|(?!\w))\s*"
    rf"(?:({NUMBER_WORDS})\s*)?[:#.]?\s*"
    rf"({_UNIT_NUMBER})(?![\w/])"
)
_FLOOR = folded_pattern(
    r"(?<!\w)(?:[0-9]+(?:st|nd|rd|th)|ground|first|second|third|fourth|fifth)\s+floor\b"
    r"|(?<!\w)(?:دوهم|دریم|لومړی|څلورم|دوم|سوم|اول|چهارم|پنجم)\s+(?:پوړ|طبقه|منزل)(?!\w)"
    r"|(?<!\w)(?:منزل|طبقه|پوړ)\s+(?:اول|دوم|سوم|چهارم|پنجم|لومړی|دوهم|دریم|څلورم)(?!\w)"
    r"|(?<!\w)(?:پہلی|دوسری|تیسری|چوتھی|پانچویں|چھٹی|ساتویں|آٹھویں|[0-9]+(?:ویں|وی|ی))\s+منزل(?!\w)"
    r"|(?<!\w)(?:[0-9]+\.?\s*(?:OG|Stock|Etage|Obergeschoss)|[0-9]+(?:os|o|η|ος)?\s+orofos)(?!\w)"
    r"|(?<!\w)[0-9]+º?\s*(?:Esq|Dto|Dt|Frente|andar|[0-9]+ª)\.?|(?<!\w)[0-9]+[nrt]\s+[0-9]+a(?!\w)"
    r"|(?<!\w)[وبلف]?الطابق\s+\w+|(?<!\w)[0-9]+(?:-?(?:й|ий|ой|ом|ем)|য়|ম|র্থ|তম|ষ্ঠ)?\s*"
    r"(?:этаж|этаже|তলা|তলায়)(?!\w)"
    r"|(?<!\w)(?:নিচ|প্রথম|দ্বিতীয়|তৃতীয়|চতুর্থ|পঞ্চম)\s+তলা"
    r"|(?<!\w)(?:اول|دوم|سوم|چهارم|پنجم|ششم|هفتم|هشتم|نهم|دهم|لومړۍ|دوهمه|دریمه|څلورمه|پنځمه|"
    r"شپږمه|اوومه|اتمه|نهمه|لسمه)\s+(?:ناحیه|ناحیې|حوزه|حوزې)(?!\w)"
)
# "Mohalla Qazi Khel", "کوچه لاله", "ул. Ленина", "গ্রাম: ...": a word for a place, its name.
_NAMED_WORDS = (
    "mohalla muhalla village vill gaon goth mauza p.o. p.o po post_office street road lane",
    "ul ul. ulitsa mkr mkr. mikrorayon khiaban-e khiaban sarak-e hay bnayat махалля махалла",
    "روستای روستا مارکیت مارکیټ بلوار ولیتسا отель hotel پلازه building پوسته_خانه",
    "پوستخانه ڈاکخانہ",
    "لیبر_کیمپ общежитие",
    "mahalle mahallesi mah. mh. sokak sokağı sok. cadde caddesi cad. bulvarı blv. jalan jln",
    "жк gram lorong taman kawasan persiaran residensi asrama ж/м жилмассив массив",
    "خلف مقابل جنب نزدیک پشت روبروی قریب سامنے پیچھے جوار д. дер. деревня",
    "karte karta شهرک کارته عمارة عماره بنایة برج مجمع محله محلہ محلة کوچه کوڅه کوچہ",
    "گلی زقاق سرک سړک شارع خیابان جاده قریه قرية کلی گاؤں گاوں ساحة میدان قرب نزد near",
    "opposite behind",
    "ڈاکخانہ ڈاک_خانہ پوسټ_آفس حي بلاک فیز",
    "গ্রাম ডাকঘর পোস্ট পোস্ট_অফিস মহল্লা রোড সড়ক ব্লক",
    "ул. ул улица пр-т пр. проспект пер. переулок бульвар б-р шоссе ш. наб. набережная",
    "мкр. мкр микрорайон площадь пл. проезд тупик кишлак кишлака кишлаке село деревня аул",
    "سرای اردوگاه سكن_العمال سكن_الطلاب кыштак хутор хостел хостеле",
    "бц тц лагерь জালান আসরামা пос. поселок посёлок с.",
    "рынок рынка здание возле напротив рядом_с около next_to basti",
    "اولیتسا جالان pangsapuri shara shari gaon pelak ډاکخانه ډاکخانې wisma kishlak qishloq",
    "qarya-e qarya qaryah pr. کمپ",
    "مخيم تعمیر",
)
_NAMED = folded_pattern(
    rf"(?<!\w)(?:[وبلف]ـ?(?:ال)?|ال)?({alternatives(*_NAMED_WORDS)})(?!\w)\s*[:.-]?\s*(?:the\s+)?"
)
# Of these, the words that are also common words ("the road to Europe", "در سرک").
_WEAK_NAMED = lookup_keys(
    "اردوگاه",
    "street road lane near opposite behind سرک سړک جاده خیابان گلی ساحة میدان قرب نزد রোড সড়ক",
    "خلف مقابل جنب نزدیک پشت روبروی قریب سامنے پیچھے taman building возле напротив рядом_с",
    "около next_to здание کمپ مخيم",
    "ব্লক بلاک فیز ناحیه ناحیہ",
)
# Roman Urdu writes the names of places in small letters: "mohalla islampura".
_LOWERCASE_NAMED = lookup_keys(
    "mohalla muhalla gaon goth mauza gali galli gram village post_office near behind opposite",
    "kishlak qishloq next_to shara basti jalan pangsapuri возле напротив рядом_с около рынка рынок",
)
# "Temple Road", "مدینہ مارکیٹ", "شهر نو سړک": a name, then a word for a street or a building.
_SUFFIX_WORDS = (
    "road rd street st lane avenue ave plaza market bazaar bazar chowk colony town building",
    "tower complex centre center mall area nagar society phase проспект улица переулок шоссе",
    "бульвар проезд площадь набережная مینه ښارګوټی شهرک mahallesi mah. sokak sokağı sok. sk.",
    "ulitsa prospekt pereulok ko'chasi kuchasi caddesi cad. cd. bulvarı blv. ایریا ایریاز",
    "arcade کیمپ لیبر_کیمپ village pr. haitsu heights kopo coop str. کلي لাইন hostel লেবার_ক্যাম্প",
    "boulevard blvd labour_camp labor_camp mansion markaz بلیوارڈ",
    "স্ট্রিট мах. сок. grove close crescent gardens terrace",
    "hotel ہوٹل هوتل هتل এস্টেট ডরমিটরি বিল্ডিং",
    "ودانۍ ودانی dormitory magu hingun goalhi سوکاک سوكاك",
    "تاون camp کمپ اسٹریٹ mahallasi qishlog'i qishlogi ko'chasi kochasi apartments apartment پلازا",
    "manzil bhaban",
    "ম্যানশন ভবন মঞ্জিল",
    "فیز روڈ سٹریٹ مارکیٹ مارکیت بازار چوک کالونی ٹاؤن پلازہ ٹاور بلڈنگ سوسائٹی سڑک سرک سړک مارکېټ",
    "রোড সড়ক মার্কেট বাজার টাওয়ার প্লাজা কলোনি",
)
_SUFFIXED = folded_pattern(
    rf"(?<!\w)({alternatives(*_SUFFIX_WORDS)})(?!\w)(?:\s*([0-9]+[A-Z]?)(?!\w))?"
)
_SUFFIX_WITH_NUMBER = lookup_keys("فیز")
_WEAK_SUFFIX = lookup_keys("camp کمپ")
# "27 Stanley Road": a house number before a street's name.
_HOUSE_NUMBER_BEFORE = folded_pattern(
    r"(?<![\w/.,])(?:no\.?\s*)?[0-9]{1,4}[a-z]?(?:/(?:[0-9]{1,4}|[a-z]))?[,.]?\s*$"
)
# "45/2 Purana Paltan", "No. 42/3": a holding number.
_HOLDING = folded_pattern(
    r"(?<![\w/])(?:no\.?\s*)?[0-9]{1,4}/(?:[0-9]{1,4}[a-z]?|[a-z])(?![\w/])"  # "45/2", "5/B"
)
# European streets: "Rue de la Paix 21", "Via Roma 23", "Kirchstrasse 12", "ul. Długa 5/7".
_EUROPEAN_STREET = re.compile(
    r"(?<!\w)(?i:rue|via|viale|corso|piazza|calle|avenida|carrer|rua|ulica|odos|odós|strada|"
    r"boulevard|bd\.?|chemin|allée|place|plaza|platz|ul\.)\s+"
    r"(?:(?:de|del|della|dei|di|la|le|les|des|du|da|do|dos|das|von|van|der|el)\s+|d['’]){0,3}"
    r"[A-ZÀ-ÖØ-ÞĀ-Ž][\w'’.-]*(?:\s+[A-ZÀ-ÖØ-ÞĀ-Ž][\w'’.-]*){0,2}"
    r"(?:,?\s*[0-9]+[a-z]?(?:/[0-9]+)?(?![\w/]))?"
    r"|(?<!\w)[A-ZÀ-ÖØ-Þ][\wäöüåæø-]*\s+(?i:väg|gata|vej|gade|straße|strasse|weg)\s+[0-9]+[a-z]?(?![\w/])"
    r"|(?<!\w)(?:[A-ZÀ-ÖØ-Þ][\wäöüß-]*\s+)?[A-ZÀ-ÖØ-Þ][\wäöüß-]*(?i:strasse|straße|str\.|weg|gasse|allee|damm|ring|straat|"
    r"laan|gracht|plein|gatan|vägen|gade|vej)\s+[0-9]+[a-z]?(?![\w/])"
)
# Uzbek addresses in Latin letters: "9-kvartal, 15-uy, 42-xonadon".
_NUMBER_THEN_WORD = folded_pattern(
    r"(?<![\w-])[0-9]{1,4}-(?:kvartal|uy|xonadon|mavze|daha|mahalla|ko['‘’]?cha|квартал|уй|хонадон|"
    r"мавзе|даха|ho|dong|cheung|beonji)(?!\w)"
)
# Parts of an address only next to another: a Singapore unit ("#05-12"), a house number
# alone ("ул. Навои, 34, кв. 8", "No 12, Jalan ...", "No:45"), a street's name and number
# ("Kolokotroni 25, 3rd floor").
_LOOSE_NUMBER = re.compile(
    r"#[0-9]{2}-[0-9]{2,4}(?!\w)|(?<=[,،]\s)[0-9]{1,3}[a-zA-Z]?(?=\s*[,،])"
    r"|(?<!\w)(?i:no)[.:]?\s*[0-9]{1,4}[a-zA-Z]?(?:-[0-9]{1,4})?(?![\w/])"
    r"|(?<![\w-])(?:[A-ZÀ-ÞĀ-Ž][\w'’-]+\s+){1,3}[0-9]{1,4}[a-z]?(?=\s*[,،])"
    r"|(?<=[,،]\s)[0-9]{4,6}(?=\s+[A-ZÀ-Þ])"  # a postcode before its town: "44137 Dortmund"
    r"|(?<=[,،]\s)[0-9]{2}-[0-9]{3}(?![\w-])"  # a Polish postcode: "62-080"
    r"|(?<![\w-])(?-i:[0-9]{1,2}F)(?![\w-])"  # a floor: "2F"
)
# The number before the word, as Pashto and Urdu say it: "۱۵ نمبر دوکان" (shop number 15).
_NUMBER_FIRST = folded_pattern(
    r"(?<![\w/])[0-9]{1,5}\s*(?:نمبر|نمبره|شمېره|no\.?|নং|নম্বর)\s*"
    r"(?:دوکان|دکان|کور|مکان|کوټه|دفتر|اتاق|کمره|گھر|shop|house|room|office|ওয়ার্ড|বাড়ি|রোড|বাসা)(?!\w)"
    r"|(?<![\w/])[0-9]{1,3}\s*(?:мкр|микрорайон|квартал)(?!\w)"
    r"|(?<!\w)(?-i:[A-Z])\s+block(?!\w)|(?<!\w)(?:এ|বি|সি|ডি|ই|এফ|জি|এইচ|কে)\s+ব্লক(?!\w)"
)
# Japanese house numbers, "2-14-5 Higashi", "Kosugi 1-23-4": block, lot, house, the quarter.
_CHOME = re.compile(
    r"(?:(?<![\w-])[A-Z][a-z]+\s+)?(?<![\w-])[0-9]{1,2}-[0-9]{1,2}-[0-9]{1,3}(?![\w-])"
    r"(?:\s+[A-Z][a-z]+)?"
)
# Korean streets: "45 Juchon-ro", "17 Gongdan-ro 140beon-gil", "Dunpo-ro 12".
_KOREAN_STREET = re.compile(
    r"(?<![\w-])(?:[0-9]{1,4},?\s+)?[A-Z][a-z]+(?:\s?[0-9]{1,3})?-(?:ro|gil|daero)"
    r"(?:\s+[0-9]{1,4}(?:beon-gil)?)?(?![\w-])"
)
# Korean lot numbers: "45-6 Songma-ri", "912-3 Wongok-dong".
_KOREAN_LOT = re.compile(
    r"(?<![\w-])[0-9]{1,4}-[0-9]{1,3}\s+[A-Z][a-z]+-(?:ri|dong|ro|gil|myeon)\b"
)
_POSTPOSITIONS = lookup_keys("د شا ته تر څنګ مخې ke کے wali wala gali পিছনে পাশে সামনে কাছে বাড়ি")
# Landmarks named before their postposition: "د سپین جومات تر څنګ", "bakery ke peeche",
# "মসজিদের পাশে": parts of an address only next to another part.
_LANDMARK_AFTER = folded_pattern(
    r"(?<!\w)(?:د\s+)?(?:[^\W\d]+\s+){1,3}(?:شا\s+ته|تر\s+څنګ|مخې\s+ته|څنګ\s+ته)(?!\w)"
    r"|(?<!\w)(?:[^\W\d]+\s+){1,3}(?:کے|ke)\s+(?:پیچھے|سامنے|قریب|پاس|peeche|peechay|samne|qareeb|paas)"
    r"(?:\s+(?:wali|wala)\s+gali)?(?!\w)"
    r"|(?<![\w\u0980-\u09ff])[\u0980-\u09ff]+(?:এর|ের)\s+(?:পিছনে|পাশে|সামনে|কাছে)"
    r"(?:\s+[\u0980-\u09ff]+\s+বাড়ি)?"
)
# Islamabad sectors ("G-11/2"), only next to another part of an address.
_SECTOR = re.compile(r"(?<![\w-])[A-IK-Z]-[0-9]{1,2}(?:/[0-9])?(?![\w/])")
ADDRESS_WORDS = lookup_keys(*_NUMBERED_WORDS, *_NAMED_WORDS, *_SUFFIX_WORDS)
# Districts, provinces: an address ends before them, since a region stays.
REGION_WORDS = lookup_keys(
    "tehsil tehseel tahsil zila zilla district distt province city thana upazila",
    "تحصیل ضلع صوبہ صوبه ولسوالی ولسوالۍ ولسوالي ولایت ولايت قضاء محافظة ناحية ناحیه ناحیې",
    "উপজেলা জেলা থানা বিভাগ г город область обл район р-н край республика tumani viloyati",
    "viloyat tuman ولسوالۍ",
)
# Words of businesses' names, which are no streets' or quarters' names.
_BUSINESS_WORDS = lookup_keys(
    "travels travel tours agency company ltd limited overseas manpower traders bank exchange",
    "ٹریولز ٹریول ایجنسی کمپنی ট্রাভেলস এজেন্সি ওভারসিজ لمیٹڈ",
)
# Korean and Japanese districts and towns: "Danwon-gu", "Toshima-ku", "Imizu-shi".
_DISTRICT_ENDING = re.compile(r"-(?:gu|ku|shi|si|gun|myeon|eup|cho|machi)$", re.IGNORECASE)
# Words before a neighbourhood's name that end it: "I live in Karte Se, Street 4".
_ADDRESS_CUES = lookup_keys(
    "at in on live lives address پته آدرس ادرس پتہ عنوان عنواني في در کې میں в"
)
# What may stand between two parts of one address: commas, stops, and Pashto "د" (of).
_ADDRESS_SEPARATOR = re.compile(r"[\s,،;:.«»\"“”-]{0,5}(?:د\s+)?")
_WORD_GAP = re.compile(r"[ «»\"“”]*(?:[0-9]+[ ]*)?")


@dataclass(frozen=True)
class _Unit:
    """A part of an address; a weak one is an address only next to another part."""

    start: int
    end: int
    strong: bool


# Words that introduce an address: "address:", "پته:", "ঠিকানা", "адрес", "عنواني".
_ADDRESS_CUE = folded_pattern(
    r"(?<!\w)(?:address|addr|adress|adres|ঠিকানা|ঠিকানায়|адрес|адресу|آدرس|آدرسم|آدرسش|ادرس|"
    r"پته|پتہ|ایڈریس|ایڈرس|العنوان|عنواني|عنوانه|عنوانها|عنوانی|سکونت|رہائش)(?!\w)"
    r"\s*(?:(?:is|hai|ہے|است|هو|ده|دی|ka|of)\s*)?[:\-–]?\s*"
)
# In an address after its cue, a full stop after these does not end it: "No. 5", "ул. Ленина".
_ABBREVIATED = re.compile(r"(?:\b[^\W\d_]{1,3}|[0-9])$")


def _cued_address_units(words: Words) -> Iterator[_Unit]:
    """The words after an address cue, up to a town, a region, a sentence's end or a word.

    "address: Room 7, Gulbahar Hostel, Namik Kemal Mahallesi, Istanbul".
    """
    lexicon = load_lexicon()
    for match in _ADDRESS_CUE.finditer(words.text):
        index = words.index(match.end())
        first, end, taken = index, match.end(), 0
        while index < len(words) and taken < 14:
            token = words.tokens[index]
            gap = words.text[end : token.start]
            if taken and re.search(r"[!?؟।۔\n]", gap):
                break
            if taken and "." in gap and not _ABBREVIATED.search(words.text[:end]):
                break
            small = token.cased and not token.capitalised
            ordinary = index in words.common or (small and token.key in lexicon.ordinary)
            region_next = index + 1 < len(words) and words.tokens[index + 1].key in REGION_WORDS
            if index in words.places or token.key in REGION_WORDS or region_next:
                break  # a town, or a district: "خوګیاڼي ولسوالۍ"
            if _DISTRICT_ENDING.search(token.text):
                break
            if ordinary and token.key not in ADDRESS_WORDS and not _particle(token.key):
                break
            end, taken, index = token.end, taken + 1, index + 1
        number = re.match(r"[\s,،]*[0-9]+[A-Za-z]?(?:[/-][0-9A-Za-z]+)*", words.text[end:])
        if number and taken:
            end += number.end()
        end, taken = _without_town(words, match.end(), end, taken)
        span = words.text[match.end() : end]
        keywords = any(words.tokens[i].key in ADDRESS_WORDS for i in range(first, first + taken))
        if re.search("[0-9]", span) or (taken >= 3 and keywords):  # not "آدرس دفتر تان؟"
            yield _Unit(words.tokens[first].start, end, strong=True)


def _without_town(words: Words, start: int, end: int, taken: int) -> tuple[int, int]:
    """The span without its last part after a comma, if that part is a town.

    A part without a number or a word of addresses is a town: "Bahnhofstraße 12, Gießen".
    """
    last_comma = max(words.text.rfind(",", start, end), words.text.rfind("،", start, end))
    if last_comma < 0:
        return end, taken
    tail = range(words.index(last_comma), words.index(end))
    if re.search("[0-9]", words.text[last_comma:end]):
        return end, taken
    if any(words.tokens[i].key in ADDRESS_WORDS for i in tail):
        return end, taken
    return last_comma, taken - len(tail)


def address_findings(words: Words) -> Iterator[Finding]:
    """Addresses: parts of an address, joined into one when only commas separate them."""
    units = sorted(
        [*_address_units(words), *_cued_address_units(words)], key=lambda u: (u.start, -u.end)
    )
    chain: list[_Unit] = []
    for unit in units:
        end = max((u.end for u in chain), default=-1)
        gap = words.text[end : unit.start]
        if chain and (
            unit.start <= end or _ADDRESS_SEPARATOR.fullmatch(gap) or _bridges(words, end, gap)
        ):
            chain.append(unit)
            continue
        yield from _chain_finding(words, chain)
        chain = [unit]
    yield from _chain_finding(words, chain)


def _bridges(words: Words, end: int, gap: str) -> bool:
    """Whether `gap` after `end` is a quarter between two parts: "ناحیه ۵، کوته سنگی، سرک سوم"."""
    quarter = re.fullmatch(r"\s*[,،]\s*(\S.*?)\s*[,،]\s*", gap)
    if not quarter:
        return False
    after = _place_words_end(words, end + quarter.start(1), 3, lowercase=False)
    return after == end + quarter.end(1)


def _chain_finding(words: Words, chain: list[_Unit]) -> Iterator[Finding]:
    if not chain:
        return
    parts = [
        u
        for u in chain
        if not any(o is not u and o.start <= u.start and u.end <= o.end for o in chain)
    ]
    if not any(u.strong for u in chain) and len(parts) < 2:
        return  # one weak part ("زاهدان کمپ" found twice) is no address
    if not any(re.search(r"[^\W\d_]", words.text[u.start : u.end]) for u in chain):
        return  # numbers alone are no address: "ages 42, 38, 16, 12 and 7"
    start = _extend_address_back(words, min(u.start for u in chain))
    of = re.search(r"(?<!\w)د\s+$", words.text[:start])  # Pashto "of": "د مېرویس مېنې سړک"
    start = (
        of.start() if of and not words.text[: of.start()].rstrip().endswith(("،", ",")) else start
    )
    end = _extend_address_forward(words, max(u.end for u in chain))
    yield Finding(start, end, "ADDRESS")


def _address_units(words: Words) -> Iterator[_Unit]:
    text = words.text
    for match in _NUMBERED.finditer(text):
        if is_money(text, *match.span(3)):
            continue  # "by road 25 lakh"
        if lookup_key(match.group(1)) in _WITH_DIGITS and not re.search("[0-9]", match.group(3)):
            continue  # "په کوټه کې" is in Quetta, "کوټه ۴۰۳" a room
        weak = lookup_key(match.group(1)) in _WEAK_NUMBERED and not match.group(2)
        yield _Unit(match.start(), match.end(), strong=not weak)
    for match in _FLOOR.finditer(text):
        yield _Unit(match.start(), match.end(), strong=False)
    for match in _NAMED.finditer(text):
        keyword = lookup_key(match.group(1))
        lowercase = keyword in _LOWERCASE_NAMED
        end = _place_words_end(words, match.end(), 3, lowercase, places=True)
        named = end > match.end()
        digits = re.search(r"[0-9]+$", text[:end]) if named else None
        # A house number makes the name an address: "خیابان لیوبلینسکایا ۱۰۰", but not a sum.
        numbered = digits is not None and not is_money(text, digits.start(), end)
        strong = named and (keyword not in _WEAK_NAMED or numbered)
        number = _HOUSE_NUMBER_BEFORE.search(text[: match.start()]) if strong else None
        start = number.start() if number and not number.group().rstrip().endswith(",") else None
        yield _Unit(start or match.start(), end if named else match.end(1), strong)
    for match in _SUFFIXED.finditer(text):
        if lookup_key(match.group(1)) in _SUFFIX_WITH_NUMBER and not match.group(2):
            continue  # Iraqi "فيز" (visas), but "حیات آباد فیز 3"
        following = words.index(match.end())
        if following < len(words) and words.tokens[following].key in _BUSINESS_WORDS:
            continue  # "Silk Road Travel" is an agency
        start = _place_words_start(words, match.start(), limit=3, places=True)
        before = words.index(match.start()) - 1
        if start == match.start() and before >= 0 and _named_after_building(words, before):
            start = words.tokens[before].start  # "Mall Road", "Bank Road", "Station Road"
        number = _HOUSE_NUMBER_BEFORE.search(text[:start])
        if start < match.start() or number:  # "Temple Road", "1923. Sokak"
            strong = lookup_key(match.group(1)) not in _WEAK_SUFFIX  # "Ritsona camp" alone stays
            yield _Unit(number.start() if number else start, match.end(), strong=strong)
    for match in _HOLDING.finditer(text):
        end = _place_words_end(words, match.end(), 2, lowercase=False, same_segment=True)
        yield _Unit(match.start(), end, strong=end > match.end())
    for match in _EUROPEAN_STREET.finditer(text):
        number = _HOUSE_NUMBER_BEFORE.search(text[: match.start()])
        if not (number or re.search(r"[0-9][a-z]?$", match.group())):
            continue  # no house number: "via Turkey", "a place to stay"
        first = words.index(match.start())
        if words.tokens[first].text.islower() and first + 1 in words.places:
            continue  # "via Turkey 3 times", but "Via Roma 23"
        yield _Unit(number.start() if number else match.start(), match.end(), strong=True)
    for match in _NUMBER_FIRST.finditer(text):
        yield _Unit(match.start(), match.end(), strong=True)
    for match in _CHOME.finditer(text):
        yield _Unit(match.start(), match.end(), strong=match.end() > match.start() + 8)
    for match in _KOREAN_LOT.finditer(text):
        yield _Unit(match.start(), match.end(), strong=True)
    for match in _KOREAN_STREET.finditer(text):
        yield _Unit(match.start(), match.end(), strong=bool(re.search("[0-9]", match.group())))
    for match in _LANDMARK_AFTER.finditer(text):
        landmark = range(words.index(match.start()), words.index(match.end()))
        if not any(
            (i in words.places or i in words.common) and words.tokens[i].key not in _POSTPOSITIONS
            for i in landmark
        ):
            yield _Unit(match.start(), match.end(), strong=False)  # not "یونان کے قریب"
    for match in _NUMBER_THEN_WORD.finditer(text):
        yield _Unit(match.start(), match.end(), strong=True)
    for match in _LOOSE_NUMBER.finditer(text):
        yield _Unit(match.start(), match.end(), strong=False)
    for match in _SECTOR.finditer(text):
        yield _Unit(match.start(), match.end(), strong=False)


def _named_after_building(words: Words, index: int) -> bool:
    """Whether word `index` is a capitalised word for a building naming a street: "Mall Road"."""
    token = words.tokens[index]
    gap = words.text[token.end : token.end + 1]
    return token.cased and token.capitalised and token.key in ADDRESS_WORDS and gap == " "


def _is_place_word(words: Words, index: int, lowercase: bool, places: bool = False) -> bool:
    """Whether word `index` can be part of the name of a street, a quarter or a village."""
    token = words.tokens[index]
    small = token.cased and not token.capitalised  # "village says" is no village's name
    if token.key in _BUSINESS_WORDS:
        return False  # "Golden Bridge Travels, House 22": an agency, before its address
    following = index + 1
    if (
        following < len(words)
        and words.tokens[following].key in REGION_WORDS
        and not words.text[token.end : words.tokens[following].start].strip()
    ):
        return False  # "خوګیاڼي ولسوالۍ", "Vose district": a district stays
    if _DISTRICT_ENDING.search(token.text):
        return False  # "Danwon-gu", "Imizu-shi"
    return not (
        index in words.common
        or (small and token.key in load_lexicon().ordinary)
        or token.key in REGION_WORDS
        or token.key in ADDRESS_WORDS
        or (index in words.places and not places)
        or (small and not lowercase and not _particle(token.key))
    )


def _particle(key: str) -> bool:
    """Whether a word in small letters may stand inside a place's name: "al", "al-Walid"."""
    return key in ("al", "el", "ul") or key.startswith(("al-", "el-"))


def _place_words_end(
    words: Words,
    position: int,
    limit: int,
    lowercase: bool,
    same_segment: bool = False,
    places: bool = False,
) -> int:
    """End of up to `limit` words from `position` that name a street or a village."""
    end = position
    index = words.index(position)
    taken = 0
    while index < len(words) and taken < limit:
        # A village or a post office may bear a town's name: "পোস্ট: বেগমগঞ্জ".
        town = places and (taken == 0 or index - 1 in words.places)
        if not _is_place_word(words, index, lowercase, town):
            break
        gap = words.text[end : words.tokens[index].start]
        initial = taken > 0 and len(words.tokens[index - 1].text) == 1 and gap.strip() == "."
        if not (_WORD_GAP.fullmatch(gap) or initial) or (same_segment and gap.strip()):
            break  # but "ул. Ж. Баласагына 14" goes on after the initial
        if taken and gap.strip() and not initial:
            break  # a house number ends the name: "خیابان لیوبلینسکایا ۱۰۰ زنگ زد"
        end = words.tokens[index].end
        taken += 1
        index += 1
    number = re.match(
        rf"[\s-]*(?:(?:{NUMBER_WORDS})\s*)?[0-9]+[A-Z]?(?![\w/])", words.text[end:], IGNORECASE
    )
    return end + number.end() if taken and number else end


def _place_words_start(words: Words, position: int, limit: int, places: bool = False) -> int:
    """Start of up to `limit` words before `position` that name a street or a market."""
    start = position
    index = words.index(position) - 1
    following = words.index(position)  # the word at `position`, or the one after it
    script = _script(words.tokens[following].text[0]) if following < len(words) else "other"
    taken = 0
    while (
        index >= 0 and taken < limit and _is_place_word(words, index, False, places and not taken)
    ):
        if words.text[words.tokens[index].end : start].strip():
            break
        if _script(words.tokens[index].text[0]) != script:
            break  # "آدرسش Yenidoğan Mah.": a street's name is in one script
        start = words.tokens[index].start
        taken += 1
        index -= 1
    return start


def _script(character: str) -> str:
    """The script of a letter, roughly: Latin, Cyrillic, Arabic, Bengali, or other."""
    code = ord(character) if character else 0
    if code < 0x250:
        return "latin"
    if 0x400 <= code < 0x530:
        return "cyrillic"
    if 0x600 <= code < 0x700 or 0xFB50 <= code < 0xFF00:
        return "arabic"
    return "bengali" if 0x980 <= code < 0xA00 else "other"


def _opens_quarter(words: Words, index: int, gap: str) -> bool:
    """Whether word `index` and `gap` before a quarter's name leave it one: "I live in ..."."""
    if index >= 0 and words.tokens[index].key in REGION_WORDS:  # "г. Подольск" is a town
        return False
    if index < 0 or gap.strip(" "):
        return True
    token = words.tokens[index]
    return index in words.common or token.key in _ADDRESS_CUES


def _closes_quarter(words: Words, index: int, gap: str) -> bool:
    """Whether `gap` and word `index` after a quarter's name end it: "..., Lahore", "... mein"."""
    if index >= len(words):  # "..., منزل 33، جليب الشيوخ" at the end, in scripts without capitals
        last = words.tokens[-1]
        return not gap.strip(" .।۔") and not last.cased
    token = words.tokens[index]
    if not gap.strip(" "):
        return index in words.common or token.key in REGION_WORDS
    return bool(re.fullmatch(r"\s*[,،]\s*", gap)) and (
        index in words.places or token.key in REGION_WORDS
    )


def _quarter_after(words: Words, end: int) -> int:
    """A quarter right after an address ending with a number, up to the sentence's end.

    "Villa 1290 Al Mawaleh South.", "room 22 Al Quoz industrial area 3.".
    """
    ends_with_number = re.search(r"[0-9](?: [A-Za-z]{1,2})?$", words.text[:end])
    if not ends_with_number or not re.match(r" \S", words.text[end:]):
        return end
    after = _place_words_end(words, end, 4, lowercase=words.small_letters_only)
    if after == end or not re.match(r"\s*(?:[.;!?,]|$)", words.text[after:]):
        return end
    return after


def _extend_address_back(words: Words, start: int) -> int:
    """Take in the quarter written before an address: "Karte Se, Street 4"."""
    comma = re.search(r"[,،]\s*$", words.text[:start])
    if not comma:
        return _quarter_before(words, start)
    before = _place_words_start(words, comma.start(), limit=3)
    if _script(words.text[before : before + 1]) != _script(words.text[start : start + 1]):
        return start  # "اسنیورت، Mehterçeşme Mahallesi": a town in another script
    first = words.index(before)
    if not 0 < words.index(comma.start()) - first <= 3:
        return start
    return before if _opens_quarter(words, first - 1, words.gap_before(first)) else start


def _quarter_before(words: Words, start: int) -> int:
    """A capitalised quarter right before an address, after a town or at a sentence's start.

    "Lahore Shadbagh gali no 7", "Clifton block 5".
    """
    index = words.index(start)
    first = index
    while (
        first > 0
        and index - first < 2
        and not words.text[
            words.tokens[first - 1].end : words.tokens[first].start if first < len(words) else start
        ].strip()
    ):
        token = words.tokens[first - 1]
        if not (token.cased and token.capitalised) or not _is_place_word(words, first - 1, False):
            break
        first -= 1
    if first == index:
        return start
    before = first - 1
    opening = before < 0 or bool(re.search(r"[.!?,،:\n]\s*$", words.gap_before(first)))
    return words.tokens[first].start if opening or before in words.places else start


def _extend_address_forward(words: Words, end: int) -> int:
    """Take in the quarter written after an address: "Block 13-D, Gulshan-e-Iqbal mein"."""
    comma = re.match(r"[,،]\s*", words.text[end:])
    if not comma:
        return _quarter_after(words, end)
    start = end + comma.end()
    after = _place_words_end(words, start, 3, lowercase=False)
    following = words.index(after)
    if not 0 < following - words.index(start) <= 2:
        return end
    gap = words.text[after : words.tokens[following].start] if following < len(words) else ""
    numbered = words.text[after - 1].isdigit()  # "Al Barsha 1" is a quarter, not a town
    return after if numbered or _closes_quarter(words, following, gap) else end
