"""Rasa custom actions: every text the bot sends is rendered here from vetted content."""

from bot.actions.answer import ActionAnswerTopic
from bot.actions.conversation import (
    ActionBotChallenge,
    ActionChangeCountry,
    ActionChangeLanguage,
    ActionGoodbye,
    ActionGreet,
    ActionOutOfScope,
    ActionSetCountry,
    ActionSetLanguage,
    ActionShowGroup,
    ActionShowMenu,
    ActionThanks,
    ActionUnknownButton,
    ActionUnsupportedMessage,
)
from bot.actions.fallback import ActionFallback
from bot.actions.feedback import ActionHandleYesNo, ActionRecordFeedback
from bot.actions.handoff import ActionHandOff, ActionHandoffCancel, ActionHandoffConsent
from bot.actions.privacy import ActionDeleteData

__all__ = [
    "ActionAnswerTopic",
    "ActionBotChallenge",
    "ActionChangeCountry",
    "ActionChangeLanguage",
    "ActionDeleteData",
    "ActionFallback",
    "ActionGoodbye",
    "ActionGreet",
    "ActionHandOff",
    "ActionHandleYesNo",
    "ActionHandoffCancel",
    "ActionHandoffConsent",
    "ActionOutOfScope",
    "ActionRecordFeedback",
    "ActionSetCountry",
    "ActionSetLanguage",
    "ActionShowGroup",
    "ActionShowMenu",
    "ActionThanks",
    "ActionUnknownButton",
    "ActionUnsupportedMessage",
]
