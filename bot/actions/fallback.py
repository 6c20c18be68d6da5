"""Messages the model did not understand: ask to rephrase, then offer a counsellor."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rasa_sdk.events import SlotSet

from bot.actions.base import EventList
from bot.actions.handoff import HandoffMixin
from bot.content.replies import Reply

if TYPE_CHECKING:
    from rasa_sdk import Tracker
    from rasa_sdk.executor import CollectingDispatcher

__all__ = ["ActionFallback"]


class ActionFallback(HandoffMixin):
    """Asks to rephrase; on the second miss in a row, offers the centre's counsellors."""

    action_name = "action_fallback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> EventList:
        """Reply, and count the miss."""
        self.log_query(tracker, answered=False)
        language = self.language(tracker)
        if self.add_to_open_ticket(tracker):
            self.say(
                dispatcher, Reply(self.replies.text("handoff_message_added", language)), language
            )
            return self.with_common_slots(tracker, [], misses=0)
        misses = int(tracker.get_slot("misses") or 0) + 1
        events: EventList = []
        if misses < 2:
            self.say(dispatcher, Reply(self.replies.text("fallback_rephrase", language)), language)
        else:
            self.say(
                dispatcher,
                Reply(self.replies.text("fallback_offer_counsellor", language)),
                language,
            )
            events = self.offer(dispatcher, tracker)
            misses = 0
        return self.with_common_slots(tracker, [*events, SlotSet("misses", misses)])
