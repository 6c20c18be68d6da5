"""The base of every action: the person's language and country, and sending replies."""

from __future__ import annotations

import functools
import logging
from typing import TYPE_CHECKING, Any

from rasa_sdk import Action
from rasa_sdk.events import SlotSet

from bot.content.compiler import RESPONSES_FILE
from bot.content.replies import Replies, Reply
from bot.language import choose_language, directed
from bot.privacy.pseudonym import sender_pseudonym
from bot.settings import get_settings
from bot.store.querylog import QueryLogStore

if TYPE_CHECKING:
    from rasa_sdk import Tracker
    from rasa_sdk.executor import CollectingDispatcher

__all__ = ["ContentAction", "query_log", "replies"]

EventList = list[dict[str, Any]]
logger = logging.getLogger(__name__)
_FALLBACK_INTENT = "nlu_fallback"


@functools.lru_cache(maxsize=1)
def replies() -> Replies:
    """The response bundle compiled by `mrcbot build`, loaded once."""
    return Replies.load(get_settings().build_dir / RESPONSES_FILE)


@functools.lru_cache(maxsize=1)
def query_log() -> QueryLogStore:
    """The query log, its schema brought up to date on first use."""
    return QueryLogStore(get_settings().sqlalchemy_url)


class ContentAction(Action):
    """An action that speaks from content in the person's language."""

    action_name = ""

    def name(self) -> str:
        """The action's id in the domain."""
        return self.action_name

    @property
    def replies(self) -> Replies:
        """Everything the bot can say."""
        return replies()

    def language(self, tracker: Tracker) -> str:
        """The language to answer in: the detected one on clear evidence, else the current."""
        message = tracker.latest_message or {}
        detected = message.get("language") or {}
        hint = str((message.get("metadata") or {}).get("language_code") or "")[:2] or None
        chosen = choose_language(
            tracker.get_slot("language"),
            detected.get("language"),
            float(detected.get("confidence") or 0.0),
            str(message.get("text") or ""),
            hint=hint if hint in self.replies.languages else None,
        )
        return self.replies.language(chosen)

    def country(self, tracker: Tracker) -> str | None:
        """The person's country, if known."""
        country = tracker.get_slot("country")
        return country if country in self.replies.countries else None

    def pseudonym(self, tracker: Tracker) -> str:
        """The person's pseudonym: a keyed hash of the sender id (kept if it already is one)."""
        return sender_pseudonym(tracker.sender_id, "")

    def log_query(self, tracker: Tracker, answered: bool) -> None:
        """Add the latest message to the query log; a failure never stops the reply."""
        message = tracker.latest_message or {}
        ranking = [
            item
            for item in message.get("intent_ranking") or []
            if item.get("name") != _FALLBACK_INTENT
        ]
        top = ranking[0] if ranking else (message.get("intent") or {})
        try:
            query_log().record(
                pseudonym=self.pseudonym(tracker),
                channel=tracker.get_latest_input_channel() or "",
                language=self.language(tracker),
                country=self.country(tracker),
                text=str(message.get("text") or ""),
                label=str(top.get("name") or _FALLBACK_INTENT),
                confidence=float(top.get("confidence") or 0.0),
                answered=answered,
            )
        except Exception:
            logger.exception("could not write the query log")

    def add_to_open_ticket(self, tracker: Tracker) -> bool:
        """Add the person's latest typed message to their open ticket, if they have one."""
        from bot.actions.handoff import tickets

        text = str((tracker.latest_message or {}).get("text") or "")
        if not text or text.startswith("/"):
            return False
        ticket = tickets().open_for(self.pseudonym(tracker))
        if ticket is None:
            return False
        tickets().add_person_message(ticket.id, text)
        return True

    def say(self, dispatcher: CollectingDispatcher, reply: Reply, language: str) -> None:
        """Send one reply with its buttons, laid out for the language's direction."""
        dispatcher.utter_message(
            text=directed(reply.text, language),
            buttons=[
                {"title": directed(button.title, language), "payload": button.payload}
                for button in reply.buttons
            ],
        )

    def say_text(self, dispatcher: CollectingDispatcher, tracker: Tracker, key: str) -> bool:
        """Send one conversation text, with the country menu if it needs a country.

        Returns:
            Whether the country menu was sent.

        """
        language = self.language(tracker)
        country = self.country(tracker)
        self.say(dispatcher, Reply(self.replies.text(key, language, country)), language)
        if country is None and self.replies.text_needs_country(key):
            self.say(dispatcher, self.replies.country_menu(language), language)
            return True
        return False

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> EventList:
        """Reply; remember the language; reset the count of misunderstood messages."""
        events = await self.respond(dispatcher, tracker, domain)
        return self.with_common_slots(tracker, events, misses=0)

    def with_common_slots(
        self, tracker: Tracker, events: EventList, misses: int | None = None
    ) -> EventList:
        """Add the language and miss-count slot events, unless the action set them itself."""
        setting = {event.get("name") for event in events if event.get("event") == "slot"}
        language = self.language(tracker)
        if "language" not in setting and tracker.get_slot("language") != language:
            events.append(SlotSet("language", language))
        if misses is not None and "misses" not in setting and tracker.get_slot("misses") != misses:
            events.append(SlotSet("misses", misses))
        return events

    async def respond(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> EventList:
        """Send the action's replies; subclasses override this."""
        raise NotImplementedError
