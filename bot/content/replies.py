"""Renders what the bot says from the compiled response bundle: answers, menus, contacts."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["DEFAULT_LANGUAGE", "Button", "Replies", "Reply"]

DEFAULT_LANGUAGE = "en"
_PLACEHOLDER = re.compile(r"\{(centre|hotlines)\}")


@dataclass(frozen=True)
class Button:
    """A quick reply: what the person sees and the payload sent back."""

    title: str
    payload: str

    def as_dict(self) -> dict[str, str]:
        """The button as Rasa's dispatcher takes it."""
        return {"title": self.title, "payload": self.payload}


@dataclass(frozen=True)
class Reply:
    """One message of the bot, with optional buttons."""

    text: str
    buttons: tuple[Button, ...] = field(default_factory=tuple)


def intent_payload(intent: str, **entities: str) -> str:
    """A Rasa payload that triggers `intent` with entities, as buttons send it."""
    if not entities:
        return f"/{intent}"
    return f"/{intent}{json.dumps(entities, ensure_ascii=False, separators=(',', ':'))}"


class Replies:
    """Everything the bot can say, by topic, language and country."""

    def __init__(self, bundle: dict[str, Any]) -> None:
        self._bundle = bundle
        self.topics: dict[str, Any] = bundle["topics"]
        self.groups: dict[str, list[str]] = bundle["groups"]
        self.countries: dict[str, str] = bundle["countries"]
        self.languages: list[str] = bundle["languages"]
        self._texts: dict[str, dict[str, str]] = bundle["conversation"]
        self._centres: dict[str, Any] = bundle["centres"]

    @classmethod
    def load(cls, path: Path) -> Replies:
        """Read a bundle written by `mrcbot build`."""
        return cls(json.loads(path.read_text(encoding="utf-8")))

    def language(self, language: str | None) -> str:
        """The language to answer in: the given one if it has texts, else the default."""
        return language if language in self._texts else DEFAULT_LANGUAGE

    def text(self, key: str, language: str | None, country: str | None = None) -> str:
        """A conversation text with its placeholders filled for the country."""
        texts = self._texts.get(self.language(language), {})
        raw = texts.get(key) or self._texts[DEFAULT_LANGUAGE][key]
        return self.fill(raw, language, country)

    def fill(self, text: str, language: str | None, country: str | None) -> str:
        """Replace `{centre}` and `{hotlines}` with the contacts for the country."""

        def replace(match: re.Match[str]) -> str:
            if match.group(1) == "centre":
                return self.centre_block(language, country)
            return self.hotlines_block(language, country)

        return _PLACEHOLDER.sub(replace, text).strip()

    def needs_country(self, text: str) -> bool:
        """Whether a text (before filling) shows contacts, which differ by country."""
        return bool(_PLACEHOLDER.search(text))

    def text_needs_country(self, key: str) -> bool:
        """Whether a conversation text shows contacts, which differ by country."""
        return self.needs_country(self._texts[DEFAULT_LANGUAGE].get(key, ""))

    def _example_notice(self, language: str | None, countries: list[str]) -> str:
        if any(self._centres.get(c, {}).get("example", True) for c in countries):
            return "\n" + self.text("example_notice", language)
        return ""

    def centre_block(self, language: str | None, country: str | None) -> str:
        """The centre's name and contacts for the country, in the person's language."""
        if country not in self._centres:
            return self.text("country_needed", language)
        centre = self._centres[country]["centre"]
        lines = [centre["name"]]
        for key in ("address", "phone", "email", "website", "hours", "response_time"):
            if centre.get(key):
                lines.append(f"{self.text('contact_' + key, language)}: {centre[key]}")
        return "\n".join(lines) + self._example_notice(language, [str(country)])

    def response_time(self, country: str | None) -> str:
        """How soon the centre answers a handoff, from the deployment file."""
        centre = self._centres.get(country or "", {}).get("centre") or {}
        times = {c.get("centre", {}).get("response_time") for c in self._centres.values()}
        return str(centre.get("response_time") or next(iter(sorted(t for t in times if t)), ""))

    def hotlines_block(self, language: str | None, country: str | None) -> str:
        """Emergency numbers: the country's, or every country's when it is not known yet."""
        countries = [str(country)] if country in self._centres else list(self._centres)
        lines = []
        for code in countries:
            numbers = ", ".join(
                f"{line['name']}: {line['number']}" for line in self._centres[code]["hotlines"]
            )
            prefix = "" if len(countries) == 1 else f"{self.countries.get(code, code)}: "
            lines.append(prefix + numbers)
        return "\n".join(lines) + self._example_notice(language, countries)

    def label(self, topic_id: str, language: str | None) -> str:
        """A topic's button label in the language."""
        return str(self._translation(topic_id, language)["label"])

    def has_answer(self, topic_id: str, language: str | None) -> bool:
        """Whether an approved answer exists for the topic."""
        topic = self.topics.get(topic_id)
        return bool(topic and topic["translations"])

    def _translation(self, topic_id: str, language: str | None) -> dict[str, Any]:
        translations = self.topics[topic_id]["translations"]
        chosen: dict[str, Any] = (
            translations.get(self.language(language)) or translations[DEFAULT_LANGUAGE]
        )
        return chosen

    def answer_needs_country(self, topic_id: str, language: str | None) -> bool:
        """Whether a topic's answer shows contacts, which differ by country."""
        translation = self._translation(topic_id, language)
        return bool(translation["answer_by_country"]) or any(
            self.needs_country(message) for message in translation["answer"]
        )

    def answer(self, topic_id: str, language: str | None, country: str | None) -> list[Reply]:
        """A topic's answer: urgent guidance first, the messages, then related topics."""
        topic = self.topics[topic_id]
        language = self.language(language)
        translation = self._translation(topic_id, language)
        messages: list[str] = translation["answer"]
        if country and country in translation.get("answer_by_country", {}):
            messages = translation["answer_by_country"][country]
        texts = [self.fill(message, language, country) for message in messages]
        if topic["urgent"] and not any("{hotlines}" in message for message in messages):
            texts.insert(0, self.text("urgent_lead", language, country))
        follow_ups = tuple(
            Button(self.label(other, language), intent_payload(other))
            for other in topic["follow_ups"]
            if other in self.topics
        )
        replies = [Reply(text) for text in texts[:-1]]
        replies.append(Reply(texts[-1], follow_ups))
        return replies

    def feedback_question(self, language: str | None) -> Reply:
        """Asks whether the answer helped, with yes and no buttons."""
        return Reply(
            self.text("feedback_question", language),
            (
                Button(
                    self.text("button_yes", language), intent_payload("feedback", helpful="yes")
                ),
                Button(self.text("button_no", language), intent_payload("feedback", helpful="no")),
            ),
        )

    def menu(self, language: str | None) -> Reply:
        """The topic groups as buttons, and the language button."""
        buttons = tuple(
            Button(
                self.text(f"group_{group}", language), intent_payload("choose_group", group=group)
            )
            for group in self.groups
        )
        language_button = Button(
            self.text("button_language", language), intent_payload("change_language")
        )
        return Reply(self.text("menu_prompt", language), (*buttons, language_button))

    def group(self, group: str, language: str | None) -> Reply:
        """The topics of one group as buttons."""
        buttons = tuple(
            Button(self.label(topic_id, language), intent_payload(topic_id))
            for topic_id in self.groups.get(group, [])
            if topic_id in self.topics
        )
        return Reply(self.text("group_prompt", language), buttons)

    def language_menu(self, language: str | None) -> Reply:
        """The languages as buttons, each named in its own language."""
        buttons = tuple(
            Button(
                self._texts[code]["language_name"], intent_payload("set_language", language=code)
            )
            for code in self.languages
            if code in self._texts
        )
        return Reply(self.text("language_prompt", language), buttons)

    def country_menu(self, language: str | None) -> Reply:
        """The countries served as buttons."""
        buttons = tuple(
            Button(
                self.text(f"country_{code}", language), intent_payload("set_country", country=code)
            )
            for code in self.countries
        )
        return Reply(self.text("country_prompt", language), buttons)

    def counsellor_button(self, language: str | None) -> Button:
        """The button that asks for a counsellor."""
        return Button(self.text("button_counsellor", language), intent_payload("handoff"))
