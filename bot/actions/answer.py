"""Answers a content topic in the person's language, for their country."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rasa_sdk.events import SlotSet

from bot.actions.base import EventList
from bot.actions.handoff import HandoffMixin
from bot.content.replies import Reply

if TYPE_CHECKING:
    from rasa_sdk import Tracker
    from rasa_sdk.executor import CollectingDispatcher

__all__ = ["ActionAnswerTopic"]


class ActionAnswerTopic(HandoffMixin):
    """Sends the vetted answer of the predicted topic, related topics and the feedback question."""

    action_name = "action_answer_topic"

    async def respond(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> EventList:
        """Answer the topic of the latest message."""
        topic = (tracker.latest_message.get("intent") or {}).get("name")
        language = self.language(tracker)
        country = self.country(tracker)
        if not topic or not self.replies.has_answer(topic, language):
            self.say_text(dispatcher, tracker, "fallback_rephrase")
            return []
        self.log_query(tracker, answered=True)
        added = self.add_to_open_ticket(tracker)
        for reply in self.replies.answer(topic, language, country):
            self.say(dispatcher, reply, language)
        if country is None and self.replies.answer_needs_country(topic, language):
            self.say(dispatcher, self.replies.country_menu(language), language)
        if added:
            self.say(
                dispatcher, Reply(self.replies.text("handoff_message_added", language)), language
            )
        if self.replies.topics[topic]["urgent"]:
            # Emergency guidance came first; now offer a counsellor with priority.
            events = self.offer(dispatcher, tracker, urgent=True)
            return [SlotSet("last_topic", topic), *events]
        self.say(dispatcher, self.replies.feedback_question(language), language)
        return [SlotSet("last_topic", topic), SlotSet("awaiting", "feedback")]
