"""A Rasa tracker store that never writes raw text or raw sender ids.

Every user text, slot value and entity value is anonymised and every sender id is
pseudonymised before it reaches the database; channel metadata is not stored at all. When a
person confirms `/delete`, everything stored for them is erased.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from typing import Any

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker

from bot.privacy.anonymiser import anonymise
from bot.privacy.pseudonym import sender_pseudonym
from bot.settings import get_settings

__all__ = ["PrivateTrackerStore", "scrub_event"]

logger = logging.getLogger(__name__)
ERASE_ACTION = "action_delete_data"


def _scrub_value(value: Any) -> Any:
    if isinstance(value, str):
        return anonymise(value)
    if isinstance(value, list):
        return [_scrub_value(item) for item in value]
    if isinstance(value, dict):
        return {key: _scrub_value(item) for key, item in value.items()}
    return value


def scrub_event(data: dict[str, Any]) -> dict[str, Any]:
    """An event as it may be stored: anonymised texts and values, no channel metadata."""
    data = dict(data)
    kind = data.get("event")
    if kind == "user":
        data["text"] = anonymise(data.get("text") or "")
        data["metadata"] = {}
        parse = dict(data.get("parse_data") or {})
        parse["text"] = data["text"]
        parse.pop("metadata", None)
        parse["entities"] = _scrub_value(parse.get("entities") or [])
        data["parse_data"] = parse
    elif kind == "slot":
        data["value"] = _scrub_value(data.get("value"))
    elif kind == "bot" or kind in {"action", "session_started", "restart"}:
        data["metadata"] = {}
    return data


class PrivateTrackerStore(SQLTrackerStore):
    """SQL tracker store (SQLite or PostgreSQL) that keeps only anonymised conversations."""

    def __init__(
        self,
        domain: Domain | None = None,
        url: str | None = None,
        event_broker: Any = None,
        **kwargs: Any,
    ) -> None:
        """Connect to `url`, or to the assistant's database from the settings."""
        for key in ("dialect", "host", "db", "port", "username", "password", "login_db"):
            kwargs.pop(key, None)
        super().__init__(
            domain, host=url or get_settings().sqlalchemy_url, event_broker=event_broker, **kwargs
        )

    @staticmethod
    def pseudonym(sender_id: str) -> str:
        """The id under which a sender's conversation is stored."""
        return sender_pseudonym(sender_id, "")

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        """The person's conversation since the last session start."""
        return await super().retrieve(self.pseudonym(sender_id))

    async def retrieve_full_tracker(self, conversation_id: str) -> DialogueStateTracker | None:
        """The person's whole conversation."""
        return await super().retrieve_full_tracker(self.pseudonym(conversation_id))

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Store the tracker's new events, anonymised, under the sender's pseudonym."""
        pseudonym = self.pseudonym(tracker.sender_id)
        with self.session_scope() as session:
            stored = self._event_query(
                session, pseudonym, fetch_events_from_all_sessions=False
            ).count()
            events = list(tracker.events)
            new = events[stored:]
            erase_at = _erasure_point(new)
            if erase_at is not None:
                session.query(self.SQLEvent).filter(self.SQLEvent.sender_id == pseudonym).delete()
                new = new[erase_at:]
            for event in new:
                data = scrub_event(event.as_dict())
                session.add(
                    self.SQLEvent(
                        sender_id=pseudonym,
                        type_name=event.type_name,
                        timestamp=data.get("timestamp"),
                        intent_name=(data.get("parse_data") or {}).get("intent", {}).get("name"),
                        action_name=data.get("name"),
                        data=json.dumps(data),
                    )
                )
            session.commit()

    def erase(self, sender_id: str) -> int:
        """Delete every stored event of a sender; return how many were deleted."""
        pseudonym = self.pseudonym(sender_id)
        with self.session_scope() as session:
            count = (
                session.query(self.SQLEvent).filter(self.SQLEvent.sender_id == pseudonym).delete()
            )
            session.commit()
            return int(count)

    def purge(self, before: dt.datetime) -> int:
        """Delete conversations whose last event is older than `before`; return events deleted."""
        cutoff = before.replace(tzinfo=dt.timezone.utc).timestamp()
        from sqlalchemy import func

        with self.session_scope() as session:
            stale = [
                sender
                for sender, last in session.query(
                    self.SQLEvent.sender_id, func.max(self.SQLEvent.timestamp)
                ).group_by(self.SQLEvent.sender_id)
                if last is not None and last < cutoff
            ]
            count = 0
            for sender in stale:
                count += (
                    session.query(self.SQLEvent).filter(self.SQLEvent.sender_id == sender).delete()
                )
            session.commit()
            return int(count)


def _erasure_point(events: list[Any]) -> int | None:
    """Where a confirmed erasure restarts the conversation among new events, if it does."""
    erasing = False
    for index, event in enumerate(events):
        data = event.as_dict()
        if data.get("event") == "action" and data.get("name") == ERASE_ACTION:
            erasing = True
        elif erasing and data.get("event") == "restart":
            return index
    return None
