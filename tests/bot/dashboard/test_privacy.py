"""No page shows raw personal data: only anonymised text and pseudonyms."""

from __future__ import annotations

import re
from collections.abc import Callable

import httpx

from tests.bot.dashboard.conftest import DashboardServer, open_ticket

RAW = ("+92 300 1234567", "3001234567", "amina.k@example.com", "AB1234567")
SECRET_ADDRESS = "enc:v1:the-encrypted-chat-id"


def test_no_raw_personal_data_on_any_page(
    dashboard_server: DashboardServer, as_role: Callable[..., httpx.Client]
) -> None:
    said = "call me on +92 300 1234567 or amina.k@example.com, passport AB1234567"
    ticket = open_ticket(
        dashboard_server,
        transcript=[("person", said), ("bot", "A counsellor will answer.")],
        reply_address=SECRET_ADDRESS,
    )
    dashboard_server.tickets.add_person_message(ticket, "my number again: +92 300 1234567")
    dashboard_server.query_log.record(
        pseudonym="p_" + "a" * 32,
        channel="telegram",
        language="en",
        country="PK",
        text=said,
        label="nlu_fallback",
        confidence=0.1,
        answered=False,
    )
    pages: dict[str, str] = {}
    for role in ("counsellor", "editor", "admin"):
        client = as_role(role)
        for path in (
            "/dashboard/queue",
            "/dashboard/api/queue",
            f"/dashboard/tickets/{ticket}",
            "/dashboard/reports",
            "/dashboard/users",
            "/dashboard/audit",
        ):
            reply = client.get(path)
            if reply.status_code == 200:
                pages[f"{role} {path}"] = reply.text
    assert len(pages) == 10  # counsellor 3, editor 1, admin 6
    for name, text in pages.items():
        for raw in (*RAW, SECRET_ADDRESS):
            assert raw not in text, (name, raw)
    transcript = pages[f"counsellor /dashboard/tickets/{ticket}"]
    assert re.search(r"call me on &lt;[A-Z_]+&gt; or &lt;EMAIL&gt;", transcript)
    view, _ = dashboard_server.tickets.get(ticket)
    assert view.pseudonym in transcript
    assert re.fullmatch(r"p_[0-9a-f]{32}", view.pseudonym)


def test_script_in_a_message_is_shown_as_text(
    dashboard_server: DashboardServer, as_role: Callable[..., httpx.Client]
) -> None:
    ticket = open_ticket(
        dashboard_server, transcript=[("person", '<script>alert("x")</script><b>hi</b>')]
    )
    page = as_role("counsellor").get(f"/dashboard/tickets/{ticket}").text
    assert "<script>" not in page and "&lt;script&gt;" in page and "<b>hi" not in page
