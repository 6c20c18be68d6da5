"""Erasing everything stored about a person, after they confirm."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from rasa_sdk.events import Restarted, SlotSet

from bot.actions.base import ContentAction, EventList, query_log
from bot.actions.handoff import tickets
from bot.content.replies import Button, Reply, intent_payload

if TYPE_CHECKING:
    from rasa_sdk import Tracker
    from rasa_sdk.executor import CollectingDispatcher

__all__ = ["ActionDeleteData"]

logger = logging.getLogger(__name__)


class ActionDeleteData(ContentAction):
    """`/delete`: asks for confirmation, then erases the person's data and conversation."""

    action_name = "action_delete_data"

    async def respond(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> EventList:
        """Confirm first; on yes erase the query log rows and restart the conversation."""
        language = self.language(tracker)
        confirm = next(tracker.get_latest_entity_values("confirm"), None)
        if confirm == "no":
            self.say(dispatcher, Reply(self.replies.text("delete_cancelled", language)), language)
            return []
        if confirm != "yes":
            buttons = (
                Button(
                    self.replies.text("button_delete_yes", language),
                    intent_payload("delete_data", confirm="yes"),
                ),
                Button(
                    self.replies.text("button_delete_no", language),
                    intent_payload("delete_data", confirm="no"),
                ),
            )
            self.say(
                dispatcher, Reply(self.replies.text("delete_confirm", language), buttons), language
            )
            return []
        pseudonym = self.pseudonym(tracker)
        erased = query_log().erase(pseudonym) + tickets().erase(pseudonym)
        # The conversation itself is erased by the tracker store when it sees this restart.
        erased += sum(1 for event in tracker.events if event.get("event") == "user")
        text = self.replies.text("delete_done", language).replace("{count}", str(erased))
        self.say(dispatcher, Reply(text), language)
        return [Restarted(), SlotSet("language", language)]
