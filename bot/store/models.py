"""The database tables, as SQLAlchemy 1.4 models; Alembic migrations create them."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Column, DateTime, Float, Index, Integer, String, Text
from sqlalchemy.orm import declarative_base

__all__ = ["Base", "QueryLog", "utcnow"]

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
