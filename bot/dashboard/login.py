"""Logging in and out: a rate-limited form, a session cookie that expires, a login CSRF token."""

from __future__ import annotations

import asyncio
import secrets

from sanic import Blueprint
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.dashboard.auth import (
    ANY_ROLE,
    SESSION_COOKIE,
    Staff,
    clear_cookie,
    current_staff,
    guard,
    set_cookie,
    tokens_match,
)
from bot.dashboard.context import Dashboard
from bot.dashboard.html import Safe, render
from bot.dashboard.layout import document, message_page, notice
from bot.dashboard.web import (
    PREFIX,
    client_address,
    form_value,
    html_page,
    redirect,
    safe_next,
    url,
)

__all__ = ["LOGIN_COOKIE", "home_for", "register"]

LOGIN_COOKIE = "mrc_dashboard_login"
LOGIN_COOKIE_SECONDS = 3600
MAX_USERNAME = 64
MAX_PASSWORD = 1024
HOMES = {"counsellor": "/queue", "editor": "/reports", "admin": "/users"}


def home_for(role: str) -> str:
    """The first page of a role."""
    return url(HOMES.get(role, "/queue"))


def _form(token: str, next_page: str | None, username: str = "", error: str = "") -> Safe:
    return document(
        "Log in",
        render(
            '<div class="login"><h1>Staff login</h1>{error}'
            '<form class="stack" method="post" action="{action}">'
            '<input type="hidden" name="csrf" value="{token}">'
            '<input type="hidden" name="next" value="{next_page}">'
            '<label>Username<input name="username" autocomplete="username" required '
            'maxlength="64" value="{username}" autofocus></label>'
            '<label>Password<input name="password" type="password" required '
            'autocomplete="current-password"></label>'
            '<button type="submit">Log in</button></form></div>',
            error=notice(error, "error"),
            action=url("/login"),
            token=token,
            next_page=next_page or "",
            username=username,
        ),
    )


def _login_page(
    request: Request, next_page: str | None, status: int = 200, username: str = "", error: str = ""
) -> HTTPResponse:
    token = secrets.token_urlsafe(32)
    reply = html_page(_form(token, next_page, username, error), status=status)
    set_cookie(reply, request, LOGIN_COOKIE, token, LOGIN_COOKIE_SECONDS, url("/login"))
    return reply


def register(blueprint: Blueprint, dashboard: Dashboard) -> None:
    """Add the login and logout routes."""

    async def show(request: Request) -> HTTPResponse:
        staff = current_staff(dashboard, request)
        if staff is not None:
            return redirect(home_for(staff.user.role), status=302)
        return _login_page(request, safe_next(request.args.get("next")))

    async def submit(request: Request) -> HTTPResponse:
        if not tokens_match(form_value(request, "csrf"), request.cookies.get(LOGIN_COOKIE)):
            return _login_page(
                request, None, 403, error="The login form expired. Please log in again."
            )
        username = form_value(request, "username", MAX_USERNAME)
        password = str((request.form.get("password") if request.form else "") or "")
        next_page = safe_next(form_value(request, "next", 300))
        if not username or not password or len(username) > MAX_USERNAME:
            return _login_page(request, next_page, 400, error="Enter a username and a password.")
        keys = (f"user:{username.casefold()}", f"address:{client_address(request)}")
        wait = dashboard.limiter.retry_after(*keys)
        if wait:
            dashboard.staff.audit(dashboard.user_id(username), "login_blocked")
            minutes = max(1, round(wait / 60))
            reply = html_page(
                message_page(
                    "Too many attempts",
                    f"Too many failed logins. Try again in about {minutes} minute(s).",
                ),
                status=429,
            )
            reply.headers["Retry-After"] = str(wait)
            return reply
        user = None
        if len(password) <= MAX_PASSWORD:
            user = await asyncio.to_thread(dashboard.staff.authenticate, username, password)
        if user is None:
            dashboard.limiter.fail(*keys)
            known = dashboard.user_id(username)
            dashboard.staff.audit(
                known, "login_failed", detail=None if known else "unknown username"
            )
            return _login_page(request, next_page, 401, username, "Wrong username or password.")
        dashboard.limiter.clear(keys[0])
        token, _ = dashboard.staff.start_session(user.id, dashboard.session_lifetime)
        dashboard.staff.audit(user.id, "login")
        reply = redirect(next_page or home_for(user.role))
        set_cookie(
            reply,
            request,
            SESSION_COOKIE,
            token,
            int(dashboard.session_lifetime.total_seconds()),
            PREFIX,
        )
        clear_cookie(reply, request, LOGIN_COOKIE, url("/login"))
        return reply

    @guard(dashboard, ANY_ROLE)
    async def logout(request: Request, staff: Staff) -> HTTPResponse:
        dashboard.staff.end_session(staff.token)
        dashboard.staff.audit(staff.user.id, "logout")
        reply = redirect(url("/login"))
        clear_cookie(reply, request, SESSION_COOKIE, PREFIX)
        return reply

    @guard(dashboard, ANY_ROLE)
    async def home(request: Request, staff: Staff) -> HTTPResponse:
        return redirect(home_for(staff.user.role), status=302)

    blueprint.add_route(show, url("/login"), methods=["GET"], name="login_page")
    blueprint.add_route(submit, url("/login"), methods=["POST"], name="login_submit")
    blueprint.add_route(logout, url("/logout"), methods=["POST"], name="logout")
    blueprint.add_route(home, PREFIX, methods=["GET"], name="home")
