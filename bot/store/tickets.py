"""Handoff tickets: created with the person's consent, worked on by counsellors."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import delete, select

from bot.privacy.anonymiser import anonymise
from bot.store.db import migrate, session_scope
from bot.store.models import StaffUser, Ticket, TicketMessage, utcnow

__all__ = ["OPEN_STATUSES", "TicketEntry", "TicketError", "TicketStore", "TicketView"]

OPEN_STATUSES = ("open", "claimed")
AUTHORS = ("person", "bot", "counsellor", "note")


class TicketError(ValueError):
    """A ticket operation that cannot be done (unknown ticket, already closed, ...)."""


@dataclass(frozen=True)
class TicketView:
    """A ticket as the dashboard shows it."""

    id: int
    pseudonym: str
    channel: str
    language: str
    country: str | None
    topic: str | None
    urgent: bool
    status: str
    claimed_by: int | None
    outcome: str | None
    created_at: dt.datetime
    updated_at: dt.datetime

    @property
    def is_open(self) -> bool:
        """Whether a counsellor can still work on it."""
        return self.status in OPEN_STATUSES


@dataclass(frozen=True)
class TicketEntry:
    """One line of a ticket's transcript."""

    author: str
    text: str
    created_at: dt.datetime
    staff_name: str | None = None


def _view(ticket: Ticket) -> TicketView:
    return TicketView(
        id=ticket.id,
        pseudonym=ticket.pseudonym,
        channel=ticket.channel,
        language=ticket.language,
        country=ticket.country,
        topic=ticket.topic,
        urgent=bool(ticket.urgent),
        status=ticket.status,
        claimed_by=ticket.claimed_by,
        outcome=ticket.outcome,
        created_at=ticket.created_at,
        updated_at=ticket.updated_at,
    )


class TicketStore:
    """Reads and writes tickets; every text the person wrote is anonymised on the way in."""

    def __init__(self, url: str, create: bool = True) -> None:
        self.url = url
        if create:
            migrate(url)

    def create(
        self,
        *,
        pseudonym: str,
        channel: str,
        language: str,
        country: str | None,
        topic: str | None,
        urgent: bool,
        transcript: Sequence[tuple[str, str]],
        reply_address: str | None = None,
    ) -> int:
        """Open a ticket with the conversation so far; return its id."""
        now = utcnow()
        with session_scope(self.url) as session:
            ticket = Ticket(
                pseudonym=pseudonym,
                channel=channel,
                language=language,
                country=country,
                topic=topic,
                urgent=urgent,
                status="open",
                reply_address=reply_address,
                created_at=now,
                updated_at=now,
            )
            session.add(ticket)
            session.flush()
            for author, text in transcript:
                session.add(_entry(ticket.id, author, text, now))
            return int(ticket.id)

    def open_for(self, pseudonym: str) -> TicketView | None:
        """The person's open ticket, if there is one."""
        with session_scope(self.url) as session:
            ticket = session.execute(
                select(Ticket)
                .where(Ticket.pseudonym == pseudonym, Ticket.status.in_(OPEN_STATUSES))
                .order_by(Ticket.id.desc())
                .limit(1)
            ).scalar_one_or_none()
            return _view(ticket) if ticket else None

    def add_person_message(self, ticket_id: int, text: str) -> None:
        """Add what the person wrote (anonymised) to an open ticket."""
        with session_scope(self.url) as session:
            ticket = _open_ticket(session, ticket_id)
            ticket.updated_at = utcnow()
            session.add(_entry(ticket_id, "person", text, ticket.updated_at))

    def cancel(self, ticket_id: int) -> None:
        """The person withdrew the request."""
        self._close(ticket_id, "cancelled", None, None)

    def queue(
        self,
        *,
        statuses: Sequence[str] = OPEN_STATUSES,
        language: str | None = None,
        country: str | None = None,
        topic: str | None = None,
    ) -> list[TicketView]:
        """Tickets for counsellors: urgent first, then oldest first."""
        query = select(Ticket).where(Ticket.status.in_(list(statuses)))
        if language:
            query = query.where(Ticket.language == language)
        if country:
            query = query.where(Ticket.country == country)
        if topic:
            query = query.where(Ticket.topic == topic)
        query = query.order_by(Ticket.urgent.desc(), Ticket.created_at, Ticket.id)
        with session_scope(self.url) as session:
            return [_view(ticket) for ticket in session.execute(query).scalars()]

    def get(self, ticket_id: int) -> tuple[TicketView, list[TicketEntry]]:
        """A ticket and its transcript, oldest entry first."""
        with session_scope(self.url) as session:
            ticket = session.get(Ticket, ticket_id)
            if ticket is None:
                raise TicketError(f"ticket {ticket_id} does not exist")
            rows = session.execute(
                select(TicketMessage, StaffUser.display_name)
                .outerjoin(StaffUser, StaffUser.id == TicketMessage.staff_id)
                .where(TicketMessage.ticket_id == ticket_id)
                .order_by(TicketMessage.id)
            ).all()
            entries = [
                TicketEntry(message.author, message.text, message.created_at, name)
                for message, name in rows
            ]
            return _view(ticket), entries

    def reply_address(self, ticket_id: int) -> str | None:
        """The encrypted address to reply to, while the ticket is open."""
        with session_scope(self.url) as session:
            ticket = session.get(Ticket, ticket_id)
            return ticket.reply_address if ticket is not None else None

    def claim(self, ticket_id: int, staff_id: int) -> None:
        """A counsellor takes the ticket."""
        with session_scope(self.url) as session:
            ticket = _open_ticket(session, ticket_id)
            ticket.status = "claimed"
            ticket.claimed_by = staff_id
            ticket.updated_at = utcnow()

    def reply(self, ticket_id: int, staff_id: int, text: str) -> None:
        """Record a counsellor's reply to the person (delivered by the channel)."""
        self._staff_entry(ticket_id, staff_id, "counsellor", text)

    def note(self, ticket_id: int, staff_id: int, text: str) -> None:
        """Add an internal note that the person never sees."""
        self._staff_entry(ticket_id, staff_id, "note", text)

    def resolve(self, ticket_id: int, staff_id: int, outcome: str) -> None:
        """Close the ticket with an outcome; the reply address is deleted."""
        self._close(ticket_id, "resolved", staff_id, outcome)

    def erase(self, pseudonym: str) -> int:
        """Delete every ticket of a person with its messages; return how many rows went."""
        with session_scope(self.url) as session:
            ids = list(
                session.execute(select(Ticket.id).where(Ticket.pseudonym == pseudonym)).scalars()
            )
            if not ids:
                return 0
            messages = session.execute(
                delete(TicketMessage).where(TicketMessage.ticket_id.in_(ids))
            )
            tickets = session.execute(delete(Ticket).where(Ticket.id.in_(ids)))
            return int(messages.rowcount or 0) + int(tickets.rowcount or 0)

    def purge(self, before: dt.datetime) -> int:
        """Delete closed tickets closed before a time; return how many tickets went."""
        with session_scope(self.url) as session:
            ids = list(
                session.execute(
                    select(Ticket.id).where(
                        Ticket.status.not_in(OPEN_STATUSES), Ticket.closed_at < before
                    )
                ).scalars()
            )
            if not ids:
                return 0
            session.execute(delete(TicketMessage).where(TicketMessage.ticket_id.in_(ids)))
            return int(session.execute(delete(Ticket).where(Ticket.id.in_(ids))).rowcount or 0)

    def _staff_entry(self, ticket_id: int, staff_id: int, author: str, text: str) -> None:
        if not text.strip():
            raise TicketError("the message is empty")
        with session_scope(self.url) as session:
            ticket = _open_ticket(session, ticket_id)
            ticket.updated_at = utcnow()
            session.add(
                TicketMessage(
                    ticket_id=ticket_id,
                    author=author,
                    text=text.strip(),
                    staff_id=staff_id,
                    created_at=ticket.updated_at,
                )
            )

    def _close(
        self, ticket_id: int, status: str, staff_id: int | None, outcome: str | None
    ) -> None:
        with session_scope(self.url) as session:
            ticket = _open_ticket(session, ticket_id)
            ticket.status = status
            ticket.outcome = outcome
            ticket.reply_address = None
            ticket.closed_at = ticket.updated_at = utcnow()
            if staff_id is not None and ticket.claimed_by is None:
                ticket.claimed_by = staff_id


def _open_ticket(session: object, ticket_id: int) -> Ticket:
    ticket = session.get(Ticket, ticket_id)  # type: ignore[attr-defined]
    if ticket is None:
        raise TicketError(f"ticket {ticket_id} does not exist")
    if ticket.status not in OPEN_STATUSES:
        raise TicketError(f"ticket {ticket_id} is {ticket.status}")
    return ticket


def _entry(ticket_id: int, author: str, text: str, when: dt.datetime) -> TicketMessage:
    if author not in AUTHORS:
        raise TicketError(f"unknown author {author!r}")
    stored = anonymise(text) if author == "person" else text
    return TicketMessage(ticket_id=ticket_id, author=author, text=stored, created_at=when)
