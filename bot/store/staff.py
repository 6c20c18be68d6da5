"""Dashboard staff: users with argon2 password hashes, sessions and the audit log."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select

from bot.store.db import migrate, session_scope
from bot.store.models import AuditEntry, StaffSession, StaffUser, utcnow

__all__ = ["ROLES", "AuditRecord", "StaffError", "StaffStore", "StaffView"]

ROLES = ("counsellor", "editor", "admin")
MIN_PASSWORD_LENGTH = 10
_hasher = PasswordHasher()
# A hash to verify against when the user does not exist, so timing does not tell.
_DUMMY_HASH = _hasher.hash("not a real password")


class StaffError(ValueError):
    """A staff operation that cannot be done; the message says why."""


@dataclass(frozen=True)
class StaffView:
    """A member of staff, without their password hash."""

    id: int
    username: str
    display_name: str
    role: str
    active: bool


@dataclass(frozen=True)
class AuditRecord:
    """One audit log entry."""

    user: str | None
    action: str
    ticket_id: int | None
    detail: str | None
    created_at: dt.datetime


def _view(user: StaffUser) -> StaffView:
    return StaffView(user.id, user.username, user.display_name, user.role, bool(user.active))


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class StaffStore:
    """Users, sessions and audit entries of the dashboard."""

    def __init__(self, url: str, create: bool = True) -> None:
        self.url = url
        if create:
            migrate(url)

    def add_user(self, username: str, password: str, role: str, display_name: str = "") -> int:
        """Create a user; return their id."""
        username = username.strip()
        if role not in ROLES:
            raise StaffError(f"role must be one of {', '.join(ROLES)}")
        if not username or len(username) > 64:
            raise StaffError("the username must be 1 to 64 characters")
        if len(password) < MIN_PASSWORD_LENGTH:
            raise StaffError(f"the password must have at least {MIN_PASSWORD_LENGTH} characters")
        with session_scope(self.url) as session:
            if session.execute(select(StaffUser.id).where(StaffUser.username == username)).first():
                raise StaffError(f"user {username!r} already exists")
            user = StaffUser(
                username=username,
                display_name=(display_name or role).strip()[:64],
                password_hash=_hasher.hash(password),
                role=role,
                active=True,
                created_at=utcnow(),
            )
            session.add(user)
            session.flush()
            return int(user.id)

    def authenticate(self, username: str, password: str) -> StaffView | None:
        """The active user with this username and password, else None."""
        with session_scope(self.url) as session:
            user = session.execute(
                select(StaffUser).where(StaffUser.username == username.strip())
            ).scalar_one_or_none()
            try:
                _hasher.verify(user.password_hash if user else _DUMMY_HASH, password)
            except (VerificationError, InvalidHashError):
                return None
            if user is None or not user.active:
                return None
            return _view(user)

    def users(self) -> list[StaffView]:
        """Every user, by username."""
        with session_scope(self.url) as session:
            rows = session.execute(select(StaffUser).order_by(StaffUser.username)).scalars()
            return [_view(user) for user in rows]

    def user(self, user_id: int) -> StaffView | None:
        """One user by id."""
        with session_scope(self.url) as session:
            user = session.get(StaffUser, user_id)
            return _view(user) if user else None

    def set_role(self, user_id: int, role: str) -> None:
        """Change a user's role."""
        if role not in ROLES:
            raise StaffError(f"role must be one of {', '.join(ROLES)}")
        with session_scope(self.url) as session:
            user = session.get(StaffUser, user_id)
            if user is None:
                raise StaffError(f"user {user_id} does not exist")
            user.role = role

    def set_active(self, user_id: int, active: bool) -> None:
        """Enable or disable a user; disabling ends their sessions."""
        with session_scope(self.url) as session:
            user = session.get(StaffUser, user_id)
            if user is None:
                raise StaffError(f"user {user_id} does not exist")
            user.active = active
            if not active:
                session.execute(delete(StaffSession).where(StaffSession.user_id == user_id))

    def start_session(self, user_id: int, lifetime: dt.timedelta) -> tuple[str, str]:
        """Start a login; return the session token (for a cookie) and its CSRF token."""
        token = secrets.token_urlsafe(32)
        csrf = secrets.token_urlsafe(32)
        now = utcnow()
        with session_scope(self.url) as session:
            session.execute(delete(StaffSession).where(StaffSession.expires_at < now))
            session.add(
                StaffSession(
                    token_hash=_hash_token(token),
                    user_id=user_id,
                    csrf_token=csrf,
                    created_at=now,
                    expires_at=now + lifetime,
                )
            )
        return token, csrf

    def session_user(self, token: str) -> tuple[StaffView, str] | None:
        """The active user of an unexpired session and its CSRF token, else None."""
        if not token:
            return None
        with session_scope(self.url) as session:
            row = session.execute(
                select(StaffSession, StaffUser)
                .join(StaffUser, StaffUser.id == StaffSession.user_id)
                .where(StaffSession.token_hash == _hash_token(token))
            ).first()
            if row is None:
                return None
            staff_session, user = row
            if staff_session.expires_at < utcnow() or not user.active:
                return None
            return _view(user), str(staff_session.csrf_token)

    def end_session(self, token: str) -> None:
        """Log out."""
        with session_scope(self.url) as session:
            session.execute(
                delete(StaffSession).where(StaffSession.token_hash == _hash_token(token))
            )

    def audit(
        self,
        user_id: int | None,
        action: str,
        ticket_id: int | None = None,
        detail: str | None = None,
    ) -> None:
        """Write one audit entry."""
        with session_scope(self.url) as session:
            session.add(
                AuditEntry(
                    user_id=user_id,
                    action=action,
                    ticket_id=ticket_id,
                    detail=detail,
                    created_at=utcnow(),
                )
            )

    def audit_log(self, limit: int = 200) -> list[AuditRecord]:
        """The latest audit entries, newest first."""
        with session_scope(self.url) as session:
            rows = session.execute(
                select(AuditEntry, StaffUser.username)
                .outerjoin(StaffUser, StaffUser.id == AuditEntry.user_id)
                .order_by(AuditEntry.id.desc())
                .limit(limit)
            ).all()
            return [
                AuditRecord(name, entry.action, entry.ticket_id, entry.detail, entry.created_at)
                for entry, name in rows
            ]
