"""The typed schema of content files: topics, conversation texts and centre contacts."""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from pydantic import BaseModel, Extra, Field, validator

__all__ = [
    "MAX_LABEL_CHARS",
    "MAX_MESSAGE_CHARS",
    "PLACEHOLDERS",
    "Centre",
    "CentresFile",
    "ConversationFile",
    "CountryContacts",
    "Hotline",
    "Review",
    "Source",
    "TopicFile",
    "Translation",
]

MAX_MESSAGE_CHARS = 700
MAX_LABEL_CHARS = 32
MAX_MESSAGES = 4
PLACEHOLDERS = ("centre", "hotlines")
# Placeholders conversation texts may use besides PLACEHOLDERS, filled by the actions.
TEXT_PLACEHOLDERS = ("count", "response_time", "name")
_PLACEHOLDER = re.compile(r"\{([a-z_]*)\}")


class _Strict(BaseModel):
    class Config:
        extra = Extra.forbid
        anystr_strip_whitespace = True


def _check_placeholders(text: str, allowed: tuple[str, ...] = PLACEHOLDERS) -> str:
    for name in _PLACEHOLDER.findall(text):
        if name not in allowed:
            known = ", ".join("{" + p + "}" for p in allowed)
            raise ValueError(f"unknown placeholder {{{name}}}: use one of {known}")
    return text


def _check_messages(messages: list[str]) -> list[str]:
    if not 1 <= len(messages) <= MAX_MESSAGES:
        raise ValueError(f"give 1 to {MAX_MESSAGES} messages, not {len(messages)}")
    for number, message in enumerate(messages, start=1):
        if not message.strip():
            raise ValueError(f"message {number} is empty: write it or remove it")
        if len(message) > MAX_MESSAGE_CHARS:
            raise ValueError(
                f"message {number} has {len(message)} characters, more than"
                f" {MAX_MESSAGE_CHARS}: split it into two messages"
            )
        _check_placeholders(message)
    return messages


class Source(_Strict):
    """A page that an answer rests on."""

    organisation: str = Field(..., min_length=2)
    title: str = Field(..., min_length=2)
    url: str

    @validator("url")
    def _https(cls, url: str) -> str:
        if not re.match(r"^https?://[^\s/]+\.[^\s]+$", url):
            raise ValueError("must be a full address starting with https:// (or http://)")
        return url


class Review(_Strict):
    """Who reviewed a text, when, and when it must be reviewed again."""

    status: Literal["draft", "approved"]
    reviewer_role: str = Field(..., min_length=2)
    reviewed: dt.date
    review_due: dt.date

    @validator("review_due")
    def _after_review(cls, due: dt.date, values: dict[str, object]) -> dt.date:
        reviewed = values.get("reviewed")
        if isinstance(reviewed, dt.date) and due <= reviewed:
            raise ValueError("must be later than `reviewed`: set the date of the next review")
        return due


class Translation(_Strict):
    """One language's version of a topic."""

    review: Review
    label: str = Field(..., min_length=1, max_length=MAX_LABEL_CHARS)
    answer: list[str]
    answer_by_country: dict[str, list[str]] = Field(default_factory=dict)
    examples: list[str] = Field(default_factory=list)
    romanized_examples: list[str] = Field(default_factory=list)

    _answer = validator("answer", allow_reuse=True)(_check_messages)

    @validator("answer_by_country")
    def _country_answers(cls, by_country: dict[str, list[str]]) -> dict[str, list[str]]:
        for messages in by_country.values():
            _check_messages(messages)
        return by_country

    @validator("examples", "romanized_examples")
    def _distinct_examples(cls, examples: list[str]) -> list[str]:
        seen: set[str] = set()
        for example in examples:
            key = example.strip().lower()
            if not key:
                raise ValueError("an example is empty: remove it")
            if key in seen:
                raise ValueError(f"example {example!r} is listed twice: remove one")
            seen.add(key)
        return [example.strip() for example in examples]


class TopicFile(_Strict):
    """A topic file, `content/topics/<id>.yml`."""

    id: str = Field(..., regex=r"^[a-z][a-z_]*$")
    follow_ups: list[str] = Field(default_factory=list, max_items=4)
    sources: list[Source] = Field(..., min_items=1)
    translations: dict[str, Translation]

    @validator("translations")
    def _some_translation(cls, translations: dict[str, Translation]) -> dict[str, Translation]:
        if not translations:
            raise ValueError("is empty: add at least the English translation")
        return translations


class ConversationFile(_Strict):
    """The conversation texts of one language, `content/conversation/<lang>.yml`."""

    language: str = Field(..., regex=r"^[a-z]{2,3}(-[a-z]+)?$")
    review: Review
    texts: dict[str, str]

    @validator("texts")
    def _texts(cls, texts: dict[str, str]) -> dict[str, str]:
        for key, text in texts.items():
            if not str(text).strip():
                raise ValueError(f"text {key!r} is empty: write it")
            _check_placeholders(str(text), PLACEHOLDERS + TEXT_PLACEHOLDERS)
        return texts


class Hotline(_Strict):
    """An emergency or anti-trafficking number."""

    name: str
    number: str


class Centre(_Strict):
    """A Migrant Resource Centre's contact details."""

    name: str
    address: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""
    hours: str = ""
    response_time: str = ""


class CountryContacts(_Strict):
    """The contacts for one country; `example: true` marks values that are not real."""

    example: bool
    centre: Centre
    hotlines: list[Hotline] = Field(default_factory=list)


class CentresFile(_Strict):
    """The deployment file with each country's centre and hotline contacts."""

    countries: dict[str, CountryContacts]
