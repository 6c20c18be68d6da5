"""Answers a content topic in the person's language, for their country."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rasa_sdk.events import SlotSet

from bot.actions.base import ContentAction, EventList

if TYPE_CHECKING:
    from rasa_sdk import Tracker
    from rasa_sdk.executor import CollectingDispatcher

__all__ = ["ActionAnswerTopic"]


class ActionAnswerTopic(ContentAction):
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
        for reply in self.replies.answer(topic, language, country):
            self.say(dispatcher, reply, language)
        if country is None and self.replies.answer_needs_country(topic, language):
            self.say(dispatcher, self.replies.country_menu(language), language)
        self.say(dispatcher, self.replies.feedback_question(language), language)
        return [SlotSet("last_topic", topic), SlotSet("awaiting", "feedback")]
