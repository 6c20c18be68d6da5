"""The page frame: header, navigation by role, the logout form and notices."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from bot.dashboard.html import Safe, join, render
from bot.dashboard.web import url

if TYPE_CHECKING:
    from bot.dashboard.auth import Staff

__all__ = ["csrf_field", "document", "message_page", "notice", "when"]

_NAVIGATION = {
    "counsellor": (("Queue", "/queue"),),
    "editor": (("Reports", "/reports"),),
    "admin": (
        ("Queue", "/queue"),
        ("Reports", "/reports"),
        ("Users", "/users"),
        ("Audit", "/audit"),
    ),
}


def csrf_field(staff: Staff) -> Safe:
    """The hidden field that proves a form came from this session's page."""
    return render('<input type="hidden" name="csrf" value="{token}">', token=staff.csrf)


def notice(text: str | None, kind: str = "info") -> Safe:
    """A notice above the page's content (`info`, `ok` or `error`)."""
    if not text:
        return Safe("")
    role = "alert" if kind == "error" else "status"
    return render(
        '<p class="notice {kind}" role="{role}">{text}</p>', kind=kind, role=role, text=text
    )


def when(moment: dt.datetime | None) -> str:
    """A stored UTC time as people read it."""
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment else ""


def _header(staff: Staff | None) -> Safe:
    if staff is None:
        return Safe('<header><span class="brand">MRC dashboard</span></header>')
    links = join(
        render('<a href="{href}">{label}</a>', href=url(path), label=label)
        for label, path in _NAVIGATION.get(staff.user.role, ())
    )
    return render(
        '<header><span class="brand">MRC dashboard</span><nav aria-label="Main">{links}</nav>'
        '<span class="meta">{name} ({role})</span>'
        '<form method="post" action="{logout}">{csrf}'
        '<button class="secondary" type="submit">Log out</button></form></header>',
        links=links,
        name=staff.user.display_name,
        role=staff.user.role,
        logout=url("/logout"),
        csrf=csrf_field(staff),
    )


def document(title: str, body: Safe, staff: Staff | None = None) -> Safe:
    """A whole page: the frame around the body."""
    return render(
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>{title} · MRC dashboard</title>"
        '<link rel="stylesheet" href="{css}"></head>'
        "<body>{header}<main>{body}</main></body></html>",
        title=title,
        css=url("/style.css"),
        header=_header(staff),
        body=body,
    )


def message_page(title: str, text: str, staff: Staff | None = None) -> Safe:
    """A page that only says something (an error, a refusal)."""
    return document(title, render("<h1>{title}</h1><p>{text}</p>", title=title, text=text), staff)
