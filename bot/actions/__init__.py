"""Rasa custom actions: every text the bot sends is rendered here from vetted content."""

from bot.actions.answer import ActionAnswerTopic
from bot.actions.conversation import (
    ActionBotChallenge,
    ActionChangeLanguage,
    ActionGoodbye,
    ActionGreet,
    ActionOutOfScope,
    ActionSetCountry,
    ActionSetLanguage,
    ActionShowGroup,
    ActionShowMenu,
    ActionThanks,
)
from bot.actions.fallback import ActionFallback
from bot.actions.feedback import ActionHandleYesNo, ActionRecordFeedback
from bot.actions.handoff import ActionHandOff

__all__ = [
    "ActionAnswerTopic",
    "ActionBotChallenge",
    "ActionChangeLanguage",
    "ActionFallback",
    "ActionGoodbye",
    "ActionGreet",
    "ActionHandOff",
    "ActionHandleYesNo",
    "ActionOutOfScope",
    "ActionRecordFeedback",
    "ActionSetCountry",
    "ActionSetLanguage",
    "ActionShowGroup",
    "ActionShowMenu",
    "ActionThanks",
]
