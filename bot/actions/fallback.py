"""Messages the model did not understand: ask to rephrase, then offer a counsellor."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rasa_sdk.events import SlotSet

from bot.actions.base import ContentAction, EventList
from bot.content.replies import Reply

if TYPE_CHECKING:
    from rasa_sdk import Tracker
    from rasa_sdk.executor import CollectingDispatcher

__all__ = ["ActionFallback"]


class ActionFallback(ContentAction):
    """Asks to rephrase; on the second miss in a row, offers the centre's counsellors."""

    action_name = "action_fallback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> EventList:
        """Reply, and count the miss."""
        self.log_query(tracker, answered=False)
        misses = int(tracker.get_slot("misses") or 0) + 1
        language = self.language(tracker)
        if misses < 2:
            self.say(dispatcher, Reply(self.replies.text("fallback_rephrase", language)), language)
        else:
            if not self.say_text(dispatcher, tracker, "fallback_offer"):
                self.say(dispatcher, self.replies.menu(language), language)
            misses = 0
        return self.with_common_slots(tracker, [SlotSet("misses", misses)])
