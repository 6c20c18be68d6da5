"""What every dashboard route shares: the settings, the stores, the login limiter, the texts."""

from __future__ import annotations

import datetime as dt
import functools
import logging

from bot.content.compiler import RESPONSES_FILE
from bot.content.replies import Replies
from bot.dashboard.ratelimit import LoginLimiter
from bot.settings import Settings
from bot.store.querylog import QueryLogStore
from bot.store.staff import StaffStore
from bot.store.tickets import TicketStore

__all__ = ["Dashboard"]

logger = logging.getLogger(__name__)


class Dashboard:
    """The dashboard's state; its stores open (and migrate) on first use."""

    def __init__(self, settings: Settings, limiter: LoginLimiter | None = None) -> None:
        self.settings = settings
        self.limiter = limiter or LoginLimiter()
        self._replies: Replies | None = None

    @property
    def session_lifetime(self) -> dt.timedelta:
        """How long a login lasts."""
        return dt.timedelta(minutes=self.settings.dashboard_session_minutes)

    @functools.cached_property
    def staff(self) -> StaffStore:
        """Users, sessions and the audit log."""
        return StaffStore(self.settings.sqlalchemy_url)

    @functools.cached_property
    def tickets(self) -> TicketStore:
        """Handoff tickets."""
        return TicketStore(self.settings.sqlalchemy_url)

    @functools.cached_property
    def query_log(self) -> QueryLogStore:
        """The anonymised query log."""
        return QueryLogStore(self.settings.sqlalchemy_url)

    def replies(self) -> Replies | None:
        """The compiled response bundle, or None when `mrcbot build` has not run."""
        if self._replies is None:
            try:
                self._replies = Replies.load(self.settings.build_dir / RESPONSES_FILE)
            except (OSError, ValueError, KeyError):
                logger.error("dashboard: the response bundle is missing; run `mrcbot build`")
                return None
        return self._replies

    def staff_names(self) -> dict[int, str]:
        """The display name of every member of staff, by id."""
        return {user.id: user.display_name for user in self.staff.users()}

    def user_id(self, username: str) -> int | None:
        """The id of the user with this username, if there is one."""
        wanted = username.strip()
        return next((user.id for user in self.staff.users() if user.username == wanted), None)
