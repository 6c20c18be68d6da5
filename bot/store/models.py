"""The database tables, as SQLAlchemy 1.4 models; Alembic migrations create them."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Column, DateTime, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import declarative_base

__all__ = [
    "AuditEntry",
    "Base",
    "QueryLog",
    "StaffSession",
    "StaffUser",
    "Ticket",
    "TicketMessage",
    "utcnow",
]

Base = declarative_base()


def utcnow() -> dt.datetime:
    """The current time in UTC, without a time zone (as stored)."""
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


class QueryLog(Base):  # type: ignore[misc,valid-type]
    """One message a person sent, anonymised, with what the assistant made of it."""

    __tablename__ = "query_log"

    id = Column(Integer, primary_key=True)
    pseudonym = Column(String(64), nullable=False, index=True)
    channel = Column(String(32), nullable=False, default="")
    language = Column(String(16), nullable=False, default="")
    country = Column(String(8), nullable=True)
    text = Column(Text, nullable=True)  # anonymised text only
    label = Column(String(64), nullable=False)
    confidence = Column(Float, nullable=False, default=0.0)
    answered = Column(Boolean, nullable=False, default=False)
    feedback = Column(String(16), nullable=True)  # helpful | unhelpful
    created_at = Column(DateTime, nullable=False, default=utcnow, index=True)

    __table_args__ = (
        # Editors: unanswered questions by language this week.
        Index("ix_query_log_answered_language_created", "answered", "language", "created_at"),
        # Editors: topics by helpfulness.
        Index("ix_query_log_label_feedback", "label", "feedback"),
    )


class Ticket(Base):  # type: ignore[misc,valid-type]
    """A person's request to talk to a counsellor, with their consent."""

    __tablename__ = "tickets"

    id = Column(Integer, primary_key=True)
    pseudonym = Column(String(64), nullable=False, index=True)
    channel = Column(String(32), nullable=False)
    language = Column(String(16), nullable=False)
    country = Column(String(8), nullable=True)
    topic = Column(String(64), nullable=True)
    urgent = Column(Boolean, nullable=False, default=False)
    status = Column(String(16), nullable=False, default="open")  # open|claimed|resolved|cancelled
    claimed_by = Column(Integer, ForeignKey("staff_users.id"), nullable=True)
    outcome = Column(Text, nullable=True)
    # Encrypted channel address needed to reply (e.g. a Telegram chat id); deleted on closing.
    reply_address = Column(Text, nullable=True)
    created_at = Column(DateTime, nullable=False, default=utcnow)
    updated_at = Column(DateTime, nullable=False, default=utcnow)
    closed_at = Column(DateTime, nullable=True)

    __table_args__ = (
        # Counsellors' queue: open tickets, urgent first, then oldest.
        Index("ix_tickets_queue", "status", "urgent", "created_at"),
    )


class TicketMessage(Base):  # type: ignore[misc,valid-type]
    """One entry of a ticket: the transcript, the person's messages, replies and notes."""

    __tablename__ = "ticket_messages"

    id = Column(Integer, primary_key=True)
    ticket_id = Column(
        Integer, ForeignKey("tickets.id", ondelete="CASCADE"), nullable=False, index=True
    )
    author = Column(String(16), nullable=False)  # person | bot | counsellor | note
    text = Column(Text, nullable=False)  # anonymised when the person wrote it
    staff_id = Column(Integer, ForeignKey("staff_users.id"), nullable=True)
    created_at = Column(DateTime, nullable=False, default=utcnow)


class StaffUser(Base):  # type: ignore[misc,valid-type]
    """A member of staff who uses the dashboard."""

    __tablename__ = "staff_users"

    id = Column(Integer, primary_key=True)
    username = Column(String(64), nullable=False, unique=True)
    display_name = Column(String(64), nullable=False)  # a first name or a role, shown to people
    password_hash = Column(String(255), nullable=False)
    role = Column(String(16), nullable=False)  # counsellor | editor | admin
    active = Column(Boolean, nullable=False, default=True)
    created_at = Column(DateTime, nullable=False, default=utcnow)


class StaffSession(Base):  # type: ignore[misc,valid-type]
    """A dashboard login; only a hash of its token is kept."""

    __tablename__ = "staff_sessions"

    id = Column(Integer, primary_key=True)
    token_hash = Column(String(64), nullable=False, unique=True)
    user_id = Column(Integer, ForeignKey("staff_users.id", ondelete="CASCADE"), nullable=False)
    csrf_token = Column(String(64), nullable=False)
    created_at = Column(DateTime, nullable=False, default=utcnow)
    expires_at = Column(DateTime, nullable=False, index=True)


class AuditEntry(Base):  # type: ignore[misc,valid-type]
    """Who did what in the dashboard, and when."""

    __tablename__ = "audit_log"

    id = Column(Integer, primary_key=True)
    user_id = Column(Integer, ForeignKey("staff_users.id"), nullable=True, index=True)
    action = Column(String(64), nullable=False)
    ticket_id = Column(Integer, nullable=True, index=True)
    detail = Column(Text, nullable=True)
    created_at = Column(DateTime, nullable=False, default=utcnow, index=True)
