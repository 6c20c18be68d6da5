"""Who is asking: the session cookie, roles on every route, and the CSRF check on every form."""

from __future__ import annotations

import functools
import hmac
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any

from sanic.request import Request
from sanic.response import HTTPResponse

from bot.dashboard.context import Dashboard
from bot.dashboard.layout import message_page
from bot.dashboard.web import form_value, html_page, json_reply, redirect, url
from bot.store.staff import StaffView

__all__ = [
    "ADMINS",
    "ANY_ROLE",
    "COUNSELLORS",
    "EDITORS",
    "SESSION_COOKIE",
    "TICKET_READERS",
    "Handler",
    "Staff",
    "clear_cookie",
    "guard",
    "set_cookie",
    "tokens_match",
]

SESSION_COOKIE = "mrc_dashboard"
# Who may do what. Admins see everything, but only counsellors act on tickets.
COUNSELLORS = frozenset({"counsellor"})
TICKET_READERS = frozenset({"counsellor", "admin"})
EDITORS = frozenset({"editor", "admin"})
ADMINS = frozenset({"admin"})
ANY_ROLE = frozenset({"counsellor", "editor", "admin"})


@dataclass(frozen=True)
class Staff:
    """The logged-in member of staff of a request, with their session's tokens."""

    user: StaffView
    csrf: str
    token: str


Handler = Callable[..., Coroutine[Any, Any, HTTPResponse]]


def tokens_match(given: str | None, expected: str | None) -> bool:
    """Whether two secret tokens are equal and not empty, compared in constant time."""
    if not given or not expected:
        return False
    return hmac.compare_digest(given.encode(), expected.encode())


def set_cookie(
    reply: HTTPResponse, request: Request, name: str, value: str, seconds: int, path: str
) -> None:
    """Set an HttpOnly, SameSite=Strict cookie (Secure when the request came over https)."""
    reply.cookies[name] = value
    cookie = reply.cookies[name]
    cookie["path"] = path
    cookie["max-age"] = seconds
    cookie["httponly"] = True
    cookie["samesite"] = "Strict"
    if request.scheme == "https":
        cookie["secure"] = True


def clear_cookie(reply: HTTPResponse, request: Request, name: str, path: str) -> None:
    """Tell the browser to forget a cookie."""
    set_cookie(reply, request, name, "", 0, path)


def current_staff(dashboard: Dashboard, request: Request) -> Staff | None:
    """The member of staff whose unexpired session cookie came with the request."""
    token = request.cookies.get(SESSION_COOKIE) or ""
    if not token or len(token) > 128:
        return None
    found = dashboard.staff.session_user(token)
    if found is None:
        return None
    user, csrf = found
    return Staff(user, csrf, token)


def _login_redirect(request: Request) -> HTTPResponse:
    if request.method == "GET":
        here = request.path + (f"?{request.query_string}" if request.query_string else "")
        return redirect(url("/login", next=here), status=302)
    return redirect(url("/login"))


def guard(
    dashboard: Dashboard, roles: frozenset[str], api: bool = False
) -> Callable[[Handler], Handler]:
    """Wrap a route: login required, one of `roles`, and a valid CSRF token on every POST.

    Args:
        dashboard: the dashboard's state.
        roles: the roles allowed on the route.
        api: whether the route answers JSON (401/403 answers) rather than pages
            (a redirect to the login page, or a 403 page).

    Returns:
        A decorator for handlers `handler(request, staff, **route_parameters)`.

    """

    def decorate(handler: Handler) -> Handler:
        @functools.wraps(handler)
        async def route(request: Request, **parameters: Any) -> HTTPResponse:
            staff = current_staff(dashboard, request)
            if staff is None:
                if api:
                    return json_reply({"error": "login_required"}, status=401)
                return _login_redirect(request)
            if staff.user.role not in roles:
                if api:
                    return json_reply({"error": "forbidden"}, status=403)
                return html_page(
                    message_page(
                        "Not allowed",
                        f"The {staff.user.role} role cannot open this page.",
                        staff,
                    ),
                    status=403,
                )
            if request.method == "POST" and not tokens_match(
                form_value(request, "csrf"), staff.csrf
            ):
                dashboard.staff.audit(staff.user.id, "csrf_refused", detail=request.path[:200])
                return html_page(
                    message_page(
                        "Form expired",
                        "This form has expired or did not come from the dashboard. "
                        "Go back, reload the page and try again.",
                        staff,
                    ),
                    status=403,
                )
            return await handler(request, staff, **parameters)

        return route

    return decorate
