"""The base of every action: the person's language and country, and sending replies."""

from __future__ import annotations

import functools
import logging
from typing import TYPE_CHECKING, Any

from rasa_sdk import Action
from rasa_sdk.events import SlotSet

from bot.content.compiler import RESPONSES_FILE
from bot.content.replies import Replies, Reply
from bot.privacy.pseudonym import load_or_create_key, pseudonymise
from bot.settings import get_settings
from bot.store.querylog import QueryLogStore

if TYPE_CHECKING:
    from rasa_sdk import Tracker
    from rasa_sdk.executor import CollectingDispatcher

__all__ = ["ContentAction", "pseudonym_key", "query_log", "replies"]

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


@functools.lru_cache(maxsize=1)
def pseudonym_key() -> bytes:
    """The key that pseudonymises sender ids."""
    settings = get_settings()
    return load_or_create_key(settings.secret_key, settings.data_dir / "secret.key")


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
        """The language to answer in."""
        return self.replies.language(tracker.get_slot("language"))

    def country(self, tracker: Tracker) -> str | None:
        """The person's country, if known."""
        country = tracker.get_slot("country")
        return country if country in self.replies.countries else None

    def pseudonym(self, tracker: Tracker) -> str:
        """The person's pseudonym: a keyed hash of the channel's sender id."""
        channel = tracker.get_latest_input_channel() or ""
        return pseudonymise(tracker.sender_id, pseudonym_key(), channel)

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
                text=None,
                label=str(top.get("name") or _FALLBACK_INTENT),
                confidence=float(top.get("confidence") or 0.0),
                answered=answered,
            )
        except Exception:
            logger.exception("could not write the query log")

    def say(self, dispatcher: CollectingDispatcher, reply: Reply) -> None:
        """Send one reply with its buttons."""
        dispatcher.utter_message(
            text=reply.text, buttons=[button.as_dict() for button in reply.buttons]
        )

    def say_text(self, dispatcher: CollectingDispatcher, tracker: Tracker, key: str) -> bool:
        """Send one conversation text, with the country menu if it needs a country.

        Returns:
            Whether the country menu was sent.

        """
        language = self.language(tracker)
        country = self.country(tracker)
        self.say(dispatcher, Reply(self.replies.text(key, language, country)))
        if country is None and self.replies.text_needs_country(key):
            self.say(dispatcher, self.replies.country_menu(language))
            return True
        return False

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> EventList:
        """Reply, and reset the count of misunderstood messages."""
        events = await self.respond(dispatcher, tracker, domain)
        if tracker.get_slot("misses"):
            events.append(SlotSet("misses", 0))
        return events

    async def respond(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> EventList:
        """Send the action's replies; subclasses override this."""
        raise NotImplementedError
