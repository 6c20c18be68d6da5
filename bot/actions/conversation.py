"""Greeting, menus, language and country, thanks, goodbye and polite refusals."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rasa_sdk.events import SlotSet

from bot.actions.base import ContentAction, EventList
from bot.content.replies import Button, Reply, intent_payload
from bot.language import named_language

if TYPE_CHECKING:
    from rasa_sdk import Tracker
    from rasa_sdk.executor import CollectingDispatcher

__all__ = [
    "ActionBotChallenge",
    "ActionChangeCountry",
    "ActionChangeLanguage",
    "ActionGoodbye",
    "ActionGreet",
    "ActionOutOfScope",
    "ActionSetCountry",
    "ActionSetLanguage",
    "ActionShowGroup",
    "ActionShowMenu",
    "ActionThanks",
    "ActionUnknownButton",
    "ActionUnsupportedMessage",
]


def _entity(tracker: Tracker, name: str) -> str | None:
    value = next(tracker.get_latest_entity_values(name), None)
    return str(value) if value is not None else None


class _TextAction(ContentAction):
    """Sends one conversation text."""

    text_key = ""

    async def respond(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> EventList:
        """Send the text."""
        self.say_text(dispatcher, tracker, self.text_key)
        return [SlotSet("awaiting", None)]


class ActionGreet(ContentAction):
    """Greets, says what the assistant can and cannot do, and shows the menu."""

    action_name = "action_greet"

    async def respond(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> EventList:
        """Send the greeting and the menu."""
        language = self.language(tracker)
        self.say(dispatcher, Reply(self.replies.text("greet", language)), language)
        self.say(dispatcher, Reply(self.replies.text("capabilities", language)), language)
        self.say(dispatcher, self.replies.menu(language), language)
        return [SlotSet("awaiting", None)]


class ActionShowMenu(ContentAction):
    """Shows the topic groups."""

    action_name = "action_show_menu"

    async def respond(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> EventList:
        """Send the menu."""
        language = self.language(tracker)
        self.say(dispatcher, self.replies.menu(language), language)
        return [SlotSet("awaiting", None)]


class ActionShowGroup(ContentAction):
    """Shows the topics of the chosen group."""

    action_name = "action_show_group"

    async def respond(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> EventList:
        """Send the group's topics, or the menu for an unknown group."""
        group = _entity(tracker, "group")
        language = self.language(tracker)
        if group in self.replies.groups:
            self.say(dispatcher, self.replies.group(str(group), language), language)
        else:
            self.say(dispatcher, self.replies.menu(language), language)
        return []


class ActionGoodbye(_TextAction):
    """Says goodbye."""

    action_name = "action_goodbye"
    text_key = "goodbye"


class ActionThanks(_TextAction):
    """Answers thanks."""

    action_name = "action_thanks"
    text_key = "thanks"


class ActionBotChallenge(_TextAction):
    """Says that this is an automatic assistant."""

    action_name = "action_bot_challenge"
    text_key = "bot_challenge"


class ActionOutOfScope(ContentAction):
    """Refuses politely and says what the assistant can help with."""

    action_name = "action_out_of_scope"

    async def respond(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> EventList:
        """Send the refusal and the menu (or note the message for the open ticket)."""
        self.log_query(tracker, answered=False)
        language = self.language(tracker)
        if self.add_to_open_ticket(tracker):
            self.say(
                dispatcher, Reply(self.replies.text("handoff_message_added", language)), language
            )
            return []
        self.say(dispatcher, Reply(self.replies.text("out_of_scope", language)), language)
        self.say(dispatcher, self.replies.menu(language), language)
        return [SlotSet("awaiting", None)]


class ActionChangeLanguage(ContentAction):
    """Offers the languages."""

    action_name = "action_change_language"

    async def respond(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> EventList:
        """Switch to the language the person named, or send the language menu."""
        named = named_language(str((tracker.latest_message or {}).get("text") or ""))
        if named in self.replies.languages:
            self.say(dispatcher, Reply(self.replies.text("language_set", named)), named)
            self.say(dispatcher, self.replies.menu(named), named)
            return [SlotSet("language", named)]
        language = self.language(tracker)
        self.say(dispatcher, self.replies.language_menu(language), language)
        return []


class ActionSetLanguage(ContentAction):
    """Sets the language the person chose."""

    action_name = "action_set_language"

    async def respond(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> EventList:
        """Remember the language, or offer the menu again for an unknown one."""
        choice = _entity(tracker, "language")
        if choice not in self.replies.languages:
            language = self.language(tracker)
            self.say(dispatcher, self.replies.language_menu(language), language)
            return []
        self.say(dispatcher, Reply(self.replies.text("language_set", choice)), choice)
        self.say(dispatcher, self.replies.menu(choice), choice)
        return [SlotSet("language", choice)]


class ActionSetCountry(ContentAction):
    """Sets the person's country and shows the centre's contacts there."""

    action_name = "action_set_country"

    async def respond(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> EventList:
        """Remember the country, or offer the menu again for an unknown one."""
        choice = _entity(tracker, "country")
        language = self.language(tracker)
        if choice not in self.replies.countries:
            self.say(dispatcher, self.replies.country_menu(language), language)
            return []
        self.say(dispatcher, Reply(self.replies.text("country_set", language)), language)
        change = Button(
            self.replies.text("button_country", language), intent_payload("change_country")
        )
        self.say(
            dispatcher, Reply(self.replies.centre_block(language, choice), (change,)), language
        )
        return [SlotSet("country", choice)]


class ActionChangeCountry(ContentAction):
    """Offers the countries, so the person can change theirs."""

    action_name = "action_change_country"

    async def respond(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> EventList:
        """Send the country menu."""
        language = self.language(tracker)
        self.say(dispatcher, self.replies.country_menu(language), language)
        return []


class ActionUnsupportedMessage(_TextAction):
    """Says that the bot reads only text (photos, voice notes, stickers, files...)."""

    action_name = "action_unsupported_message"
    text_key = "media_not_supported"


class ActionUnknownButton(ContentAction):
    """Answers a button that no longer exists with the menu."""

    action_name = "action_unknown_button"

    async def respond(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> EventList:
        """Say the button is stale and show the menu."""
        language = self.language(tracker)
        menu = self.replies.menu(language)
        self.say(
            dispatcher, Reply(self.replies.text("unknown_button", language), menu.buttons), language
        )
        return []
