"""The query log: what people asked (anonymised), what the assistant answered, and feedback."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import case, delete, func, select, update

from bot.privacy.anonymiser import anonymise
from bot.store.db import migrate, session_scope
from bot.store.models import QueryLog, utcnow

__all__ = ["LoggedQuery", "QueryLogStore", "TopicHelpfulness", "UnansweredText"]

HELPFUL = "helpful"
UNHELPFUL = "unhelpful"


@dataclass(frozen=True)
class LoggedQuery:
    """One message as an editor may see it."""

    pseudonym: str
    language: str
    label: str
    confidence: float
    text: str | None
    created_at: dt.datetime


@dataclass(frozen=True)
class UnansweredText:
    """An anonymised message the assistant could not answer, without who sent it."""

    language: str
    text: str
    created_at: dt.datetime


@dataclass(frozen=True)
class TopicHelpfulness:
    """How people rated the answers of one topic."""

    label: str
    helpful: int
    unhelpful: int


class QueryLogStore:
    """Writes and reads the query log in one database."""

    def __init__(self, url: str, create: bool = True) -> None:
        self.url = url
        if create:
            migrate(url)

    def record(
        self,
        *,
        pseudonym: str,
        channel: str,
        language: str,
        country: str | None,
        text: str | None,
        label: str,
        confidence: float,
        answered: bool,
    ) -> int:
        """Add one message, its text anonymised here; return the row id."""
        with session_scope(self.url) as session:
            row = QueryLog(
                pseudonym=pseudonym,
                channel=channel,
                language=language,
                country=country,
                text=anonymise(text) if text else None,
                label=label,
                confidence=confidence,
                answered=answered,
                created_at=utcnow(),
            )
            session.add(row)
            session.flush()
            return int(row.id)

    def record_feedback(self, pseudonym: str, helpful: bool) -> bool:
        """Attach feedback to the person's latest answered message; False if there is none."""
        with session_scope(self.url) as session:
            latest = session.execute(
                select(QueryLog.id)
                .where(QueryLog.pseudonym == pseudonym, QueryLog.answered.is_(True))
                .order_by(QueryLog.id.desc())
                .limit(1)
            ).scalar_one_or_none()
            if latest is None:
                return False
            session.execute(
                update(QueryLog)
                .where(QueryLog.id == latest)
                .values(feedback=HELPFUL if helpful else UNHELPFUL)
            )
            return True

    def erase(self, pseudonym: str) -> int:
        """Delete every row of a person; return how many were deleted."""
        with session_scope(self.url) as session:
            result = session.execute(delete(QueryLog).where(QueryLog.pseudonym == pseudonym))
            return int(result.rowcount or 0)

    def purge(self, before: dt.datetime) -> int:
        """Delete every row older than a time; return how many were deleted."""
        with session_scope(self.url) as session:
            result = session.execute(delete(QueryLog).where(QueryLog.created_at < before))
            return int(result.rowcount or 0)

    def unanswered(self, since: dt.datetime, language: str | None = None) -> list[LoggedQuery]:
        """Messages the assistant could not answer since a time, newest first."""
        query = select(QueryLog).where(QueryLog.answered.is_(False), QueryLog.created_at >= since)
        if language:
            query = query.where(QueryLog.language == language)
        with session_scope(self.url) as session:
            rows = session.execute(query.order_by(QueryLog.created_at.desc())).scalars()
            return [
                LoggedQuery(r.pseudonym, r.language, r.label, r.confidence, r.text, r.created_at)
                for r in rows
            ]

    def helpfulness(self) -> list[TopicHelpfulness]:
        """Feedback counts per topic, least helpful first."""
        helpful = func.sum(case((QueryLog.feedback == HELPFUL, 1), else_=0))
        unhelpful = func.sum(case((QueryLog.feedback == UNHELPFUL, 1), else_=0))
        with session_scope(self.url) as session:
            rows = session.execute(
                select(QueryLog.label, helpful, unhelpful)
                .where(QueryLog.feedback.is_not(None))
                .group_by(QueryLog.label)
                .order_by((unhelpful - helpful).desc(), QueryLog.label)
            ).all()
        return [TopicHelpfulness(str(r[0]), int(r[1]), int(r[2])) for r in rows]

    def unanswered_texts(
        self, since: dt.datetime, language: str | None = None
    ) -> list[UnansweredText]:
        """Texts of unanswered messages since a time, oldest first, without pseudonyms."""
        query = select(QueryLog.language, QueryLog.text, QueryLog.created_at).where(
            QueryLog.answered.is_(False),
            QueryLog.created_at >= since,
            QueryLog.text.is_not(None),
            QueryLog.text != "",
        )
        if language:
            query = query.where(QueryLog.language == language)
        with session_scope(self.url) as session:
            rows = session.execute(query.order_by(QueryLog.created_at, QueryLog.id)).all()
        return [UnansweredText(str(r[0]), str(r[1]), r[2]) for r in rows]
