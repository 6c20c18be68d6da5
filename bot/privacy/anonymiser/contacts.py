"""E-mail addresses, URLs and user names."""

from __future__ import annotations

import re
from collections.abc import Iterator

from bot.privacy.anonymiser.money import is_money
from bot.privacy.anonymiser.text import Finding, alternatives, folded_pattern

__all__ = ["email_findings", "url_findings", "username_findings"]


_EMAIL = folded_pattern(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_TLD = (
    r"com|org|net|info|biz|io|co|me|ly|gl|to|app|site|online|xyz|top|jobs|work|pk|af|bd|iq|"
    r"lk|ru|uz|tj|kg|kz|ae|sa|qa|kw|om|bh|my|tr|ir|in|uk|de|it|pl|ro|gr|eu|gov|edu|su"
)
_URL = folded_pattern(
    r"(?:https?://|www\.)[!-~]+"
    rf"|(?<![\w@.-])[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:{_TLD})\b(?:/[!-~]*)?"
)
_URL_TAIL = ".,;:!?)]}>'\"»”’"
_USERNAME = folded_pattern(r"(?<![\w@.])@[a-z0-9_](?:[a-z0-9_.]{1,30}[a-z0-9_])")
_HANDLE_CUES = alternatives(
    "telegram tg instagram insta ig skype snapchat snap tiktok twitter imo_id username kakao",
    "kakaotalk wechat line_id signal threads youtube",
    "user_name login ник логин телеграм телеграмм инстаграм скайп تلگرام ټیلیګرام ٹیلیگرام",
    "تلغرام تيليجرام اینستاگرام انستاگرام انسٹاگرام انستغرام الانستغرام انستا سناب اسکایپ",
    "ইনস্টাগ্রাম টেলিগ্রাম স্কাইপ",
)
_HANDLE_CUE = folded_pattern(rf"(?<!\w)(?:{_HANDLE_CUES}|imo)(?!\w)")
_HANDLE = folded_pattern(
    rf"(?<!\w)(?:{_HANDLE_CUES})\w*\s*(?:(?:id|account|handle|is|ہے|است|هو|:|-)\s*){{0,2}}"
    r"(?<![\w.@])([a-z][a-z0-9_.]{2,30}[a-z0-9])(?![\w@])"
)
# A word joined by an underscore or a dot and with a digit is a user name wherever it
# stands ("shani.gujjar99"), as is a Skype name ("live:nadeem.khan_92").
_SNAKE = re.compile(r"(?<![\w@.])[A-Za-z][A-Za-z0-9]*(?:[_.][A-Za-z0-9]+)+(?![\w@]|\.\w)")
# A handle of three dotted parts or more after a cue such as "skype": "asim.javed.ksa".
_DOTTED = re.compile(r"(?<![\w@.])[a-z][a-z0-9]+(?:\.[a-z0-9]{2,}){2,}(?![\w@]|\.\w)")
_SKYPE = re.compile(r"(?<![\w@.])live:\.?[\w.-]*\w")


def email_findings(text: str) -> Iterator[Finding]:
    """E-mail addresses."""
    yield from (Finding(m.start(), m.end(), "EMAIL") for m in _EMAIL.finditer(text))


def url_findings(text: str) -> Iterator[Finding]:
    """URLs, without the punctuation that ends the sentence after them."""
    for match in _URL.finditer(text):
        end = match.end()
        while end > match.start() and text[end - 1] in _URL_TAIL:
            end -= 1
        yield Finding(match.start(), end, "URL")


def username_findings(text: str) -> Iterator[Finding]:
    """User names: "@name", a handle after "telegram", a snake_case word with a digit."""
    for match in _USERNAME.finditer(text):
        yield Finding(match.start(), match.end(), "USERNAME")
    for match in _HANDLE.finditer(text):
        handle = match.group(1)
        if any(c in handle for c in "_.") or any(c.isdigit() for c in handle):
            yield Finding(match.start(1), match.end(1), "USERNAME")
    for match in _SNAKE.finditer(text):
        name = match.group()
        letters = sum(c.isalpha() for c in name)
        if any(c.isdigit() for c in name) and letters >= 4 and not is_money(text, *match.span()):
            yield Finding(match.start(), match.end(), "USERNAME")
    yield from (Finding(m.start(), m.end(), "USERNAME") for m in _SKYPE.finditer(text))
    if _HANDLE_CUE.search(text):
        yield from (Finding(m.start(), m.end(), "USERNAME") for m in _DOTTED.finditer(text))
