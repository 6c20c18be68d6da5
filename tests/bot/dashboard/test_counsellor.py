"""A counsellor's work: the queue, a ticket, claim, reply (delivered), note, resolve, audit."""

from __future__ import annotations

import re
from collections.abc import Callable

import httpx
import pytest

from tests.bot.dashboard.conftest import DashboardServer, open_ticket, page_csrf


def _queue_ids(page: str) -> list[int]:
    return [int(n) for n in re.findall(r'href="/dashboard/tickets/(\d+)"', page)]


@pytest.mark.usefixtures("empty_queue")
def test_urgent_first_then_oldest(
    dashboard_server: DashboardServer, as_role: Callable[..., httpx.Client]
) -> None:
    oldest = open_ticket(dashboard_server)
    newer = open_ticket(dashboard_server)
    urgent = open_ticket(dashboard_server, urgent=True, topic="trafficking_victim_help")
    counsellor = as_role("counsellor")
    page = counsellor.get("/dashboard/queue")
    assert _queue_ids(page.text) == [urgent, oldest, newer]
    assert page.text.index("URGENT") < page.text.index(f"#{oldest}")
    api = counsellor.get("/dashboard/api/queue").json()["tickets"]
    assert [t["id"] for t in api] == [urgent, oldest, newer]
    assert api[0]["urgent"] is True


@pytest.mark.usefixtures("empty_queue")
def test_queue_filters(
    dashboard_server: DashboardServer, as_role: Callable[..., httpx.Client]
) -> None:
    farsi = open_ticket(dashboard_server, language="fa", country="AF", topic="remittances")
    english = open_ticket(dashboard_server, language="en", country="PK", topic="job_scams")
    done = open_ticket(dashboard_server, language="en", country="PK", topic="job_scams")
    dashboard_server.tickets.resolve(done, 1, "answered")
    counsellor = as_role("counsellor")
    assert _queue_ids(counsellor.get("/dashboard/queue?language=fa").text) == [farsi]
    assert _queue_ids(counsellor.get("/dashboard/queue?country=PK").text) == [english]
    assert _queue_ids(counsellor.get("/dashboard/queue?topic=remittances").text) == [farsi]
    assert _queue_ids(counsellor.get("/dashboard/queue?status=resolved").text)[-1] == done
    assert done not in _queue_ids(counsellor.get("/dashboard/queue").text)
    # Unknown filter values are ignored, never passed on.
    assert _queue_ids(counsellor.get("/dashboard/queue?language=<x>").text) == [farsi, english]


def test_claim_reply_note_resolve(
    dashboard_server: DashboardServer, as_role: Callable[..., httpx.Client]
) -> None:
    ticket = open_ticket(dashboard_server, urgent=True, language="en")
    counsellor = as_role("counsellor", "Amina")
    page = counsellor.get(f"/dashboard/tickets/{ticket}")
    assert page.status_code == 200
    assert "is this job offer real?" in page.text
    csrf = page_csrf(counsellor, f"/dashboard/tickets/{ticket}")
    base = f"/dashboard/tickets/{ticket}"

    claimed = counsellor.post(f"{base}/claim", data={"csrf": csrf})
    assert claimed.status_code == 303
    assert claimed.headers["location"] == f"{base}?done=claimed"
    view, _ = dashboard_server.tickets.get(ticket)
    assert view.status == "claimed"

    replied = counsellor.post(f"{base}/reply", data={"csrf": csrf, "text": "Do not pay any fee."})
    assert replied.headers["location"] == f"{base}?done=replied"
    delivered = [d for d in dashboard_server.deliveries() if d["pseudonym"] == view.pseudonym]
    assert delivered == [
        {
            "channel": "telegram",
            "pseudonym": view.pseudonym,
            "reply_address": "enc:v1:opaque-address",
            "messages": [{"text": "Message from the centre (Amina):\nDo not pay any fee."}],
        }
    ]
    assert "Your reply was sent" in counsellor.get(replied.headers["location"]).text

    counsellor.post(f"{base}/note", data={"csrf": csrf, "text": "Called the embassy."})
    assert len([d for d in dashboard_server.deliveries() if d["pseudonym"] == view.pseudonym]) == 1

    resolved = counsellor.post(
        f"{base}/resolve", data={"csrf": csrf, "outcome": "referred", "detail": "to the MRC"}
    )
    assert resolved.headers["location"] == f"{base}?done=resolved"
    view, entries = dashboard_server.tickets.get(ticket)
    assert view.status == "resolved"
    assert view.outcome == "Referred to a service or the centre: to the MRC"
    assert [(e.author, e.text) for e in entries][-2:] == [
        ("counsellor", "Do not pay any fee."),
        ("note", "Called the embassy."),
    ]
    assert dashboard_server.tickets.reply_address(ticket) is None
    actions = list(reversed(dashboard_server.actions(ticket)))
    for action in ("view_ticket", "claim", "reply", "note", "resolve"):
        assert action in actions
    assert actions.index("claim") < actions.index("reply") < actions.index("note")
    assert actions.index("note") < actions.index("resolve")
    closed = counsellor.get(base).text
    assert "Referred to a service" in closed and "Send reply" not in closed


def test_reply_to_an_unclaimed_ticket_claims_it(
    dashboard_server: DashboardServer, as_role: Callable[..., httpx.Client]
) -> None:
    ticket = open_ticket(dashboard_server, channel="webchat", reply_address=None, language="fa")
    counsellor = as_role("counsellor", "Reza")
    csrf = page_csrf(counsellor, f"/dashboard/tickets/{ticket}")
    counsellor.post(f"/dashboard/tickets/{ticket}/reply", data={"csrf": csrf, "text": "سلام"})
    view, _ = dashboard_server.tickets.get(ticket)
    assert view.status == "claimed"
    sent = next(d for d in dashboard_server.deliveries() if d["pseudonym"] == view.pseudonym)
    assert sent["channel"] == "webchat" and sent["reply_address"] is None
    assert sent["messages"][0]["text"] == "پیام از طرف مرکز (Reza):\nسلام"


def test_failed_delivery_is_shown_and_the_reply_kept(
    dashboard_server: DashboardServer, as_role: Callable[..., httpx.Client]
) -> None:
    ticket = open_ticket(dashboard_server)
    counsellor = as_role("counsellor")
    csrf = page_csrf(counsellor, f"/dashboard/tickets/{ticket}")
    dashboard_server.fail_deliveries(True)
    try:
        reply = counsellor.post(
            f"/dashboard/tickets/{ticket}/reply", data={"csrf": csrf, "text": "Are you safe?"}
        )
    finally:
        dashboard_server.fail_deliveries(False)
    page = counsellor.get(reply.headers["location"]).text
    assert "could not be delivered" in page
    _, entries = dashboard_server.tickets.get(ticket)
    assert entries[-1].author == "counsellor" and entries[-1].text == "Are you safe?"
    audit = dashboard_server.staff.audit_log(50)
    assert any(e.action == "reply" and e.detail == "not delivered" for e in audit)


def test_a_channel_that_cannot_deliver(
    dashboard_server: DashboardServer, as_role: Callable[..., httpx.Client]
) -> None:
    ticket = open_ticket(dashboard_server, channel="rest")
    counsellor = as_role("counsellor")
    csrf = page_csrf(counsellor, f"/dashboard/tickets/{ticket}")
    reply = counsellor.post(
        f"/dashboard/tickets/{ticket}/reply", data={"csrf": csrf, "text": "hello"}
    )
    assert reply.headers["location"].endswith("done=not_delivered")


def test_empty_and_invalid_forms_change_nothing(
    dashboard_server: DashboardServer, as_role: Callable[..., httpx.Client]
) -> None:
    ticket = open_ticket(dashboard_server)
    counsellor = as_role("counsellor")
    csrf = page_csrf(counsellor, f"/dashboard/tickets/{ticket}")
    base = f"/dashboard/tickets/{ticket}"
    assert (
        counsellor.post(f"{base}/reply", data={"csrf": csrf, "text": "  "})
        .headers["location"]
        .endswith("done=empty")
    )
    assert (
        counsellor.post(f"{base}/resolve", data={"csrf": csrf, "outcome": "x"})
        .headers["location"]
        .endswith("done=no_outcome")
    )
    long = counsellor.post(f"{base}/reply", data={"csrf": csrf, "text": "a" * 5000})
    assert long.headers["location"].endswith("done=too_long")
    view, entries = dashboard_server.tickets.get(ticket)
    assert view.status == "open" and len(entries) == 2
    assert counsellor.get("/dashboard/tickets/999999").status_code == 404


def test_admin_sees_the_ticket_but_cannot_act(
    dashboard_server: DashboardServer, as_role: Callable[..., httpx.Client]
) -> None:
    ticket = open_ticket(dashboard_server)
    admin = as_role("admin")
    page = admin.get(f"/dashboard/tickets/{ticket}")
    assert page.status_code == 200
    assert "Only counsellors can act" in page.text
    assert "view_ticket" in dashboard_server.actions(ticket)
