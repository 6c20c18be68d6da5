"""The counsellors' routes: the queue, a ticket with its transcript, claim, reply, note, resolve."""

from __future__ import annotations

from sanic import Blueprint
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.content.replies import Replies
from bot.dashboard.auth import COUNSELLORS, TICKET_READERS, Staff, guard
from bot.dashboard.context import Dashboard
from bot.dashboard.delivery import deliver
from bot.dashboard.layout import message_page
from bot.dashboard.ticket_pages import (
    MAX_NOTE,
    MAX_OUTCOME_DETAIL,
    MAX_REPLY,
    OUTCOMES,
    STATUSES,
    queue_page,
    ticket_page,
)
from bot.dashboard.web import form_value, html_page, json_reply, redirect, url
from bot.store.tickets import TicketError, TicketView

__all__ = ["register"]


def _filters(request: Request, replies: Replies | None) -> dict[str, str]:
    """The queue's filters from the address, unknown values dropped."""
    known = {
        "language": set(replies.languages) if replies else set(),
        "country": set(replies.countries) if replies else set(),
        "topic": set(replies.topics) if replies else set(),
        "status": set(STATUSES),
    }
    chosen: dict[str, str] = {}
    for name, allowed in known.items():
        value = str(request.args.get(name) or "")
        if value in allowed:
            chosen[name] = value
    return chosen


def _not_found(staff: Staff) -> HTTPResponse:
    return html_page(message_page("No such ticket", "This ticket does not exist.", staff), 404)


def register(blueprint: Blueprint, dashboard: Dashboard) -> None:
    """Add the queue, the ticket page, its actions, and the queue's JSON API."""

    def queue_for(request: Request) -> tuple[list[TicketView], dict[str, str]]:
        filters = _filters(request, dashboard.replies())
        found = dashboard.tickets.queue(
            statuses=STATUSES[filters.get("status", "active")],
            language=filters.get("language"),
            country=filters.get("country"),
            topic=filters.get("topic"),
        )
        return found, filters

    @guard(dashboard, TICKET_READERS)
    async def queue(request: Request, staff: Staff) -> HTTPResponse:
        found, filters = queue_for(request)
        page = queue_page(staff, found, filters, dashboard.replies(), dashboard.staff_names())
        return html_page(page)

    @guard(dashboard, TICKET_READERS, api=True)
    async def queue_api(request: Request, staff: Staff) -> HTTPResponse:
        found, _ = queue_for(request)
        return json_reply(
            {
                "tickets": [
                    {
                        "id": t.id,
                        "pseudonym": t.pseudonym,
                        "channel": t.channel,
                        "language": t.language,
                        "country": t.country,
                        "topic": t.topic,
                        "urgent": t.urgent,
                        "status": t.status,
                        "created_at": t.created_at.isoformat() + "Z",
                    }
                    for t in found
                ]
            }
        )

    @guard(dashboard, TICKET_READERS)
    async def ticket(request: Request, staff: Staff, ticket_id: int) -> HTTPResponse:
        try:
            found, entries = dashboard.tickets.get(ticket_id)
        except TicketError:
            return _not_found(staff)
        dashboard.staff.audit(staff.user.id, "view_ticket", ticket_id)
        page = ticket_page(
            staff,
            found,
            entries,
            dashboard.replies(),
            dashboard.staff_names(),
            str(request.args.get("done") or ""),
        )
        return html_page(page)

    def back(ticket_id: int, done: str) -> HTTPResponse:
        return redirect(url(f"/tickets/{ticket_id}", done=done))

    def claim_if_free(staff: Staff, ticket: TicketView) -> None:
        if ticket.claimed_by is None:
            dashboard.tickets.claim(ticket.id, staff.user.id)
            dashboard.staff.audit(staff.user.id, "claim", ticket.id)

    def open_ticket(ticket_id: int) -> TicketView | None:
        try:
            found, _ = dashboard.tickets.get(ticket_id)
        except TicketError:
            return None
        return found

    @guard(dashboard, COUNSELLORS)
    async def claim(request: Request, staff: Staff, ticket_id: int) -> HTTPResponse:
        found = open_ticket(ticket_id)
        if found is None:
            return _not_found(staff)
        try:
            dashboard.tickets.claim(ticket_id, staff.user.id)
        except TicketError:
            return back(ticket_id, "closed")
        dashboard.staff.audit(staff.user.id, "claim", ticket_id)
        return back(ticket_id, "claimed")

    @guard(dashboard, COUNSELLORS)
    async def reply(request: Request, staff: Staff, ticket_id: int) -> HTTPResponse:
        found = open_ticket(ticket_id)
        if found is None:
            return _not_found(staff)
        text = form_value(request, "text", MAX_REPLY)
        if not text:
            return back(ticket_id, "empty")
        if len(text) > MAX_REPLY:
            return back(ticket_id, "too_long")
        try:
            claim_if_free(staff, found)
            dashboard.tickets.reply(ticket_id, staff.user.id, text)
        except TicketError:
            return back(ticket_id, "closed")
        replies = dashboard.replies()
        delivered = replies is not None and await deliver(
            request.app,
            found,
            text,
            staff.user.display_name,
            replies=replies,
            tickets=dashboard.tickets,
        )
        detail = "delivered" if delivered else "not delivered"
        dashboard.staff.audit(staff.user.id, "reply", ticket_id, detail)
        return back(ticket_id, "replied" if delivered else "not_delivered")

    @guard(dashboard, COUNSELLORS)
    async def note(request: Request, staff: Staff, ticket_id: int) -> HTTPResponse:
        if open_ticket(ticket_id) is None:
            return _not_found(staff)
        text = form_value(request, "text", MAX_NOTE)
        if not text:
            return back(ticket_id, "empty")
        if len(text) > MAX_NOTE:
            return back(ticket_id, "too_long")
        try:
            dashboard.tickets.note(ticket_id, staff.user.id, text)
        except TicketError:
            return back(ticket_id, "closed")
        dashboard.staff.audit(staff.user.id, "note", ticket_id)
        return back(ticket_id, "noted")

    @guard(dashboard, COUNSELLORS)
    async def resolve(request: Request, staff: Staff, ticket_id: int) -> HTTPResponse:
        if open_ticket(ticket_id) is None:
            return _not_found(staff)
        code = form_value(request, "outcome", 32)
        if code not in OUTCOMES:
            return back(ticket_id, "no_outcome")
        detail = form_value(request, "detail", MAX_OUTCOME_DETAIL)[:MAX_OUTCOME_DETAIL]
        outcome = f"{OUTCOMES[code]}: {detail}" if detail else OUTCOMES[code]
        try:
            dashboard.tickets.resolve(ticket_id, staff.user.id, outcome)
        except TicketError:
            return back(ticket_id, "closed")
        dashboard.staff.audit(staff.user.id, "resolve", ticket_id, code)
        return back(ticket_id, "resolved")

    blueprint.add_route(queue, url("/queue"), methods=["GET"], name="queue")
    blueprint.add_route(queue_api, url("/api/queue"), methods=["GET"], name="queue_api")
    blueprint.add_route(ticket, url("/tickets/<ticket_id:int>"), methods=["GET"], name="ticket")
    for name, handler in (("claim", claim), ("reply", reply), ("note", note), ("resolve", resolve)):
        blueprint.add_route(
            handler, url(f"/tickets/<ticket_id:int>/{name}"), methods=["POST"], name=name
        )
