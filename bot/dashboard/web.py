"""Responses of the dashboard, each with its security headers."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlencode

from sanic import response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.dashboard.html import Safe

__all__ = [
    "PREFIX",
    "client_address",
    "form_value",
    "html_page",
    "json_reply",
    "redirect",
    "safe_next",
    "secured",
    "url",
]

PREFIX = "/dashboard"
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
}
_NEXT = re.compile(r"/dashboard(?:/[A-Za-z0-9_/-]*)?(?:\?[A-Za-z0-9_=&%.-]*)?")


def secured(reply: HTTPResponse, cache: str = "no-store") -> HTTPResponse:
    """Add the security headers and a caching rule to a response."""
    for name, value in SECURITY_HEADERS.items():
        reply.headers[name] = value
    reply.headers["Cache-Control"] = cache
    if cache == "no-store":
        reply.headers["Pragma"] = "no-cache"
    return reply


def html_page(body: Safe, status: int = 200, headers: dict[str, str] | None = None) -> HTTPResponse:
    """An HTML page that no cache keeps."""
    return secured(response.html(str(body), status=status, headers=headers))


def json_reply(body: Any, status: int = 200) -> HTTPResponse:
    """A JSON answer that no cache keeps."""
    return secured(response.json(body, status=status))


def redirect(to: str, status: int = 303) -> HTTPResponse:
    """Send the browser to another dashboard address (303 after a form, else 302)."""
    return secured(response.redirect(to, status=status))


def url(path: str, **query: object) -> str:
    """A dashboard address with the query parameters that have a value."""
    values = {key: str(value) for key, value in query.items() if value not in (None, "")}
    address = PREFIX + path
    return f"{address}?{urlencode(values)}" if values else address


def safe_next(value: str | None) -> str | None:
    """The address to go to after login, if it is a dashboard address (no open redirect)."""
    if value and _NEXT.fullmatch(value) and "//" not in value:
        return value
    return None


def form_value(request: Request, name: str, limit: int = 10_000) -> str:
    """One field of a submitted form, stripped; empty when absent; cut at `limit` characters."""
    value = request.form.get(name) if request.form else None
    return str(value or "").strip()[: limit + 1]


def client_address(request: Request) -> str:
    """The client's address (from the proxy headers only when the server trusts them)."""
    return str(request.remote_addr or request.ip or "unknown")
