"""The Rasa input channel that mounts the dashboard inside the Rasa server.

It receives no messages: it only serves the dashboard's blueprint at `/dashboard`.
Credentials (all optional)::

    bot.dashboard.channel.DashboardChannel:
      login_failures: 5          # failed logins per username or address ...
      login_window_minutes: 15   # ... within this many minutes before a lockout (429)
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint

from bot.dashboard.blueprint import dashboard_blueprint
from bot.dashboard.context import Dashboard
from bot.dashboard.ratelimit import LoginLimiter
from bot.settings import get_settings

__all__ = ["DashboardChannel"]

_SETTINGS = {"login_failures", "login_window_minutes"}


class DashboardChannel(InputChannel):
    """Serves the staff dashboard; people never write to it."""

    def __init__(self, dashboard: Dashboard | None = None) -> None:
        self.dashboard = dashboard

    @classmethod
    def name(cls) -> str:
        """The channel's id."""
        return "dashboard"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> DashboardChannel:
        """Build the channel from its (optional) entry in credentials.yml.

        Raises:
            ValueError: an entry is unknown or not a whole number of 1 or more.

        """
        credentials = credentials or {}
        unknown = set(credentials) - _SETTINGS
        if unknown:
            raise ValueError(
                f"credentials.yml: unknown dashboard settings {sorted(unknown)}; "
                f"known: {sorted(_SETTINGS)}"
            )
        for key in _SETTINGS & set(credentials):
            value = credentials[key]
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"credentials.yml: dashboard {key} must be a whole number >= 1")
        limiter = LoginLimiter(
            failures=credentials.get("login_failures", 5),
            window=60 * credentials.get("login_window_minutes", 15),
        )
        return cls(Dashboard(get_settings(), limiter))

    def url_prefix(self) -> str:
        """Mount at the root: the blueprint's routes start with `/dashboard`."""
        return "/"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """The dashboard's routes."""
        settings = get_settings()
        if self.dashboard is None:
            self.dashboard = Dashboard(settings)
        blueprint = dashboard_blueprint(self.dashboard)
        proxies = settings.proxies_count

        @blueprint.listener("before_server_start")
        async def trust_proxies(app: Any, loop: Any) -> None:
            # Behind a reverse proxy, client addresses (login lockouts) and the https scheme
            # (Secure cookies) come from the proxy's forwarded headers.
            if proxies:
                app.config.PROXIES_COUNT = proxies

        return blueprint
