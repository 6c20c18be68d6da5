"""Hands the person to a counsellor at the Migrant Resource Centre."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rasa_sdk.events import SlotSet

from bot.actions.base import ContentAction, EventList

if TYPE_CHECKING:
    from rasa_sdk import Tracker
    from rasa_sdk.executor import CollectingDispatcher

__all__ = ["ActionHandOff"]


class ActionHandOff(ContentAction):
    """Gives the centre's contacts for the person's country."""

    action_name = "action_hand_off"

    async def respond(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> EventList:
        """Send the centre's contacts (and the country menu when the country is unknown)."""
        self.say_text(dispatcher, tracker, "handoff_contact")
        return [SlotSet("awaiting", None)]
