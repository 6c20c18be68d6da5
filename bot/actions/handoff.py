"""Handing a person to a counsellor: explain, ask consent, open a ticket, keep it updated."""

from __future__ import annotations

import functools
import logging
from typing import TYPE_CHECKING, Any

from rasa_sdk.events import SlotSet

from bot.actions.base import ContentAction, EventList
from bot.content.replies import Button, Reply, intent_payload
from bot.settings import get_settings
from bot.store.tickets import TicketStore

if TYPE_CHECKING:
    from rasa_sdk import Tracker
    from rasa_sdk.executor import CollectingDispatcher

__all__ = [
    "ActionHandOff",
    "ActionHandoffCancel",
    "ActionHandoffConsent",
    "HandoffMixin",
    "tickets",
]

logger = logging.getLogger(__name__)
TRANSCRIPT_EVENTS = 40


@functools.lru_cache(maxsize=1)
def tickets() -> TicketStore:
    """The ticket store, its schema brought up to date on first use."""
    return TicketStore(get_settings().sqlalchemy_url)


def transcript(tracker: Tracker) -> list[tuple[str, str]]:
    """The conversation so far as (author, text); texts are anonymised by the store."""
    lines: list[tuple[str, str]] = []
    for event in tracker.events[-TRANSCRIPT_EVENTS:]:
        text = str(event.get("text") or "").replace("\u200f", "")
        if not text or text.startswith("/"):
            continue
        if event.get("event") == "user":
            lines.append(("person", text))
        elif event.get("event") == "bot":
            lines.append(("bot", text))
    return lines


class HandoffMixin(ContentAction):
    """Shared steps of the handoff dialogue."""

    def cancel_button(self, language: str) -> Button:
        """The button that withdraws the request."""
        return Button(
            self.replies.text("button_handoff_cancel", language), intent_payload("handoff_cancel")
        )

    def offer(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, urgent: bool = False
    ) -> EventList:
        """Explain what a counsellor sees and when they answer, and ask for consent."""
        language = self.language(tracker)
        if tickets().open_for(self.pseudonym(tracker)) is not None:
            self.say(
                dispatcher,
                Reply(
                    self.replies.text("handoff_already_open", language),
                    (self.cancel_button(language),),
                ),
                language,
            )
            return []
        country = self.country(tracker)
        response_time = self.replies.response_time(country)
        explain = self.replies.text("handoff_explain", language).replace(
            "{response_time}", response_time
        )
        self.say(dispatcher, Reply(explain), language)
        yes = intent_payload("handoff_consent", consent="yes")
        no = intent_payload("handoff_consent", consent="no")
        self.say(
            dispatcher,
            Reply(
                self.replies.text("handoff_consent_question", language),
                (
                    Button(self.replies.text("button_handoff_yes", language), yes),
                    Button(self.replies.text("button_handoff_no", language), no),
                ),
            ),
            language,
        )
        return [SlotSet("awaiting", "handoff_urgent" if urgent else "handoff")]

    def consent(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, agreed: bool
    ) -> EventList:
        """Open a ticket with consent; without it, give the centre's contacts."""
        language = self.language(tracker)
        if not agreed:
            self.say_text(dispatcher, tracker, "handoff_declined")
            return [SlotSet("awaiting", None)]
        pseudonym = self.pseudonym(tracker)
        if tickets().open_for(pseudonym) is not None:
            return self.offer(dispatcher, tracker)
        topic = tracker.get_slot("last_topic")
        urgent = tracker.get_slot("awaiting") == "handoff_urgent" or bool(
            topic and self.replies.topics.get(topic, {}).get("urgent")
        )
        metadata = (tracker.latest_message or {}).get("metadata") or {}
        tickets().create(
            pseudonym=pseudonym,
            channel=tracker.get_latest_input_channel() or "",
            language=language,
            country=self.country(tracker),
            topic=topic,
            urgent=urgent,
            transcript=transcript(tracker),
            reply_address=metadata.get("reply_address"),
        )
        self.say(
            dispatcher,
            Reply(self.replies.text("handoff_created", language), (self.cancel_button(language),)),
            language,
        )
        if urgent:
            self.say(dispatcher, Reply(self.replies.text("handoff_urgent", language)), language)
            self.say(
                dispatcher,
                Reply(self.replies.text("urgent_lead", language, self.country(tracker))),
                language,
            )
        return [SlotSet("awaiting", None)]


class ActionHandOff(HandoffMixin):
    """The person asks for a counsellor."""

    action_name = "action_hand_off"

    async def respond(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> EventList:
        """Explain the handoff and ask for consent (or say a request is already open)."""
        return self.offer(dispatcher, tracker)


class ActionHandoffConsent(HandoffMixin):
    """The person answered the consent question with a button."""

    action_name = "action_handoff_consent"

    async def respond(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> EventList:
        """Open the ticket or give the centre's contacts."""
        agreed = next(tracker.get_latest_entity_values("consent"), None) == "yes"
        return self.consent(dispatcher, tracker, agreed)


class ActionHandoffCancel(HandoffMixin):
    """The person withdraws their request."""

    action_name = "action_handoff_cancel"

    async def respond(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> EventList:
        """Cancel the open ticket, if any."""
        language = self.language(tracker)
        ticket = tickets().open_for(self.pseudonym(tracker))
        if ticket is not None:
            tickets().cancel(ticket.id)
        self.say(dispatcher, Reply(self.replies.text("handoff_cancelled", language)), language)
        return [SlotSet("awaiting", None)]
