"""Whether an answer helped, and yes or no typed in reply to the last question."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from rasa_sdk.events import SlotSet

from bot.actions.base import ContentAction, EventList, query_log
from bot.actions.handoff import HandoffMixin
from bot.content.replies import Reply

if TYPE_CHECKING:
    from rasa_sdk import Tracker
    from rasa_sdk.executor import CollectingDispatcher

__all__ = ["ActionHandleYesNo", "ActionRecordFeedback"]

logger = logging.getLogger(__name__)


class ActionRecordFeedback(ContentAction):
    """Records the person's feedback on the last answer and thanks them."""

    action_name = "action_record_feedback"

    async def respond(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> EventList:
        """Record whether the last answer helped, and thank the person."""
        helpful = next(tracker.get_latest_entity_values("helpful"), None)
        return self.thank(dispatcher, tracker, helpful == "yes")

    def thank(self, dispatcher: CollectingDispatcher, tracker: Tracker, helpful: bool) -> EventList:
        """Record the feedback, thank the person; after an unhelpful answer offer a counsellor."""
        try:
            query_log().record_feedback(self.pseudonym(tracker), helpful)
        except Exception:
            logger.exception("could not record feedback")
        language = self.language(tracker)
        if helpful:
            self.say(
                dispatcher, Reply(self.replies.text("feedback_thanks_yes", language)), language
            )
        else:
            self.say(
                dispatcher,
                Reply(
                    self.replies.text("feedback_thanks_no", language),
                    (self.replies.counsellor_button(language),),
                ),
                language,
            )
        return [SlotSet("awaiting", None)]


class ActionHandleYesNo(ActionRecordFeedback, HandoffMixin):
    """A typed yes or no: consent or feedback if the bot just asked for it, else a prompt."""

    action_name = "action_handle_yes_no"

    async def respond(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> EventList:
        """Answer the question the bot asked last."""
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if str(tracker.get_slot("awaiting") or "").startswith("handoff"):
            return self.consent(dispatcher, tracker, intent == "affirm")
        if tracker.get_slot("awaiting") == "feedback":
            return self.thank(dispatcher, tracker, intent == "affirm")
        language = self.language(tracker)
        self.say(
            dispatcher, Reply(self.replies.text("yes_no_without_question", language)), language
        )
        return []
