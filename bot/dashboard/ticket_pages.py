"""The counsellors' pages as HTML: the queue with its filters, and a ticket with its actions."""

from __future__ import annotations

from bot.content.replies import Replies
from bot.dashboard.auth import COUNSELLORS, Staff
from bot.dashboard.html import Safe, join, render
from bot.dashboard.layout import csrf_field, document, notice, when
from bot.dashboard.web import url
from bot.store.tickets import OPEN_STATUSES, TicketEntry, TicketView

__all__ = [
    "MAX_NOTE",
    "MAX_OUTCOME_DETAIL",
    "MAX_REPLY",
    "NOTICES",
    "OUTCOMES",
    "STATUSES",
    "queue_page",
    "ticket_page",
]

MAX_REPLY = 3500
MAX_NOTE = 4000
MAX_OUTCOME_DETAIL = 500
STATUSES = {
    "active": OPEN_STATUSES,
    "open": ("open",),
    "claimed": ("claimed",),
    "resolved": ("resolved",),
    "cancelled": ("cancelled",),
    "all": ("open", "claimed", "resolved", "cancelled"),
}
OUTCOMES = {
    "answered": "Answered the question",
    "referred": "Referred to a service or the centre",
    "emergency": "Emergency help arranged",
    "no_reply": "The person did not reply",
    "duplicate": "Duplicate request",
    "other": "Other",
}
# Notices after an action, by the code in `?done=`: (text, kind).
NOTICES = {
    "claimed": ("You have claimed this ticket.", "ok"),
    "replied": ("Your reply was sent to the person.", "ok"),
    "not_delivered": (
        "Your reply is recorded, but it could not be delivered to the person's chat. "
        "Try again later or contact the person another way.",
        "error",
    ),
    "noted": ("Your note was added.", "ok"),
    "resolved": ("The ticket is resolved.", "ok"),
    "empty": ("Write a message first.", "error"),
    "too_long": ("That message is too long; shorten it and send it again.", "error"),
    "no_outcome": ("Choose an outcome to resolve the ticket.", "error"),
    "closed": ("This ticket is closed; nothing was changed.", "error"),
}
_AUTHORS = {"person": "Person", "bot": "Assistant", "counsellor": "Reply", "note": "Internal note"}


def _topic_label(replies: Replies | None, topic: str | None) -> str:
    if not topic:
        return ""
    try:
        return replies.label(topic, "en") if replies else topic
    except (KeyError, TypeError):
        return topic


def _select(name: str, label: str, options: list[tuple[str, str]], chosen: str) -> Safe:
    items = join(
        render(
            '<option value="{value}"{selected}>{text}</option>',
            value=value,
            text=text,
            selected=Safe(" selected") if value == chosen else "",
        )
        for value, text in options
    )
    return render(
        '<label>{label}<select name="{name}">{items}</select></label>',
        label=label,
        name=name,
        items=items,
    )


def queue_page(
    staff: Staff,
    tickets: list[TicketView],
    filters: dict[str, str],
    replies: Replies | None,
    names: dict[int, str],
) -> Safe:
    """The queue: filters, then the tickets, urgent first."""
    languages = [("", "Any"), *((code, code) for code in (replies.languages if replies else []))]
    countries = [("", "Any"), *sorted((replies.countries if replies else {}).items())]
    known = replies.topics if replies else {}
    labels = ((topic, _topic_label(replies, topic)) for topic in known)
    topics = [("", "Any"), *sorted(labels, key=lambda pair: pair[1])]
    statuses = [(code, code.capitalize()) for code in STATUSES]
    form = render(
        '<form class="filters" method="get" action="{action}">{a}{b}{c}{d}'
        '<button type="submit">Filter</button></form>',
        action=url("/queue"),
        a=_select("language", "Language", languages, filters.get("language", "")),
        b=_select("country", "Country", countries, filters.get("country", "")),
        c=_select("topic", "Topic", topics, filters.get("topic", "")),
        d=_select("status", "Status", statuses, filters.get("status", "active")),
    )
    rows = join(
        render(
            '<tr class="{row}"><td>{flag}</td><td><a href="{href}">#{id}</a></td><td>{created}</td>'
            "<td>{language}</td><td>{country}</td><td>{topic}</td><td>{status}</td>"
            "<td>{claimed}</td><td>{channel}</td></tr>",
            row="urgent" if ticket.urgent else "",
            flag=Safe('<span class="badge urgent">URGENT</span>') if ticket.urgent else "",
            href=url(f"/tickets/{ticket.id}"),
            id=ticket.id,
            created=when(ticket.created_at),
            language=ticket.language,
            country=ticket.country or "",
            topic=_topic_label(replies, ticket.topic),
            status=ticket.status,
            claimed=names.get(ticket.claimed_by, "") if ticket.claimed_by else "",
            channel=ticket.channel,
        )
        for ticket in tickets
    )
    table = (
        render(
            '<table id="queue"><thead><tr><th></th><th>Ticket</th><th>Opened</th><th>Language</th>'
            "<th>Country</th><th>Topic</th><th>Status</th><th>Claimed by</th><th>Channel</th>"
            "</tr></thead><tbody>{rows}</tbody></table>",
            rows=rows,
        )
        if tickets
        else Safe("<p>No tickets match these filters.</p>")
    )
    body = render(
        '<h1>Queue</h1><p class="meta">Urgent tickets first, then the oldest.</p>{form}{table}',
        form=form,
        table=table,
    )
    return document("Queue", body, staff)


def _entry(entry: TicketEntry) -> Safe:
    who = _AUTHORS.get(entry.author, entry.author)
    if entry.author in ("counsellor", "note") and entry.staff_name:
        who = f"{who} ({entry.staff_name})"
    return render(
        '<li class="{author}"><div class="who">{who} · {at}</div>'
        '<div class="text" dir="auto">{text}</div></li>',
        author=entry.author,
        who=who,
        at=when(entry.created_at),
        text=entry.text,
    )


def _actions(staff: Staff, ticket: TicketView) -> Safe:
    if not ticket.is_open:
        return render(
            "<h2>Outcome</h2><p>{status}: {outcome}</p>",
            status=ticket.status.capitalize(),
            outcome=ticket.outcome or "",
        )
    if staff.user.role not in COUNSELLORS:
        return Safe('<p class="meta">Only counsellors can act on tickets.</p>')
    base = f"/tickets/{ticket.id}"
    claim = (
        Safe("")
        if ticket.claimed_by == staff.user.id
        else render(
            '<form method="post" action="{action}">{csrf}'
            '<button type="submit">Claim this ticket</button></form>',
            action=url(base + "/claim"),
            csrf=csrf_field(staff),
        )
    )
    outcomes = join(
        render('<option value="{code}">{text}</option>', code=code, text=text)
        for code, text in OUTCOMES.items()
    )
    return render(
        '<h2>Actions</h2>{claim}<div class="actions">'
        '<section><form class="stack" method="post" action="{reply}">{csrf}'
        "<label>Reply to the person (they see your first name only)"
        '<textarea name="text" maxlength="{max_reply}" required dir="auto"></textarea></label>'
        '<button type="submit">Send reply</button></form></section>'
        '<section><form class="stack" method="post" action="{note}">{csrf}'
        "<label>Internal note (the person never sees it)"
        '<textarea name="text" maxlength="{max_note}" required dir="auto"></textarea></label>'
        '<button class="secondary" type="submit">Add note</button></form></section>'
        '<section><form class="stack" method="post" action="{resolve}">{csrf}'
        '<label>Outcome<select name="outcome" required><option value="">Choose…</option>'
        "{outcomes}</select></label>"
        '<label>Detail (optional)<input name="detail" maxlength="{max_detail}"></label>'
        '<button type="submit">Resolve</button></form></section></div>',
        claim=claim,
        csrf=csrf_field(staff),
        reply=url(base + "/reply"),
        note=url(base + "/note"),
        resolve=url(base + "/resolve"),
        outcomes=outcomes,
        max_reply=MAX_REPLY,
        max_note=MAX_NOTE,
        max_detail=MAX_OUTCOME_DETAIL,
    )


def ticket_page(
    staff: Staff,
    ticket: TicketView,
    entries: list[TicketEntry],
    replies: Replies | None,
    names: dict[int, str],
    done: str,
) -> Safe:
    """A ticket: its details, the anonymised transcript, and what a counsellor can do."""
    text, kind = NOTICES.get(done, ("", "info"))
    claimed = names.get(ticket.claimed_by, "") if ticket.claimed_by else ""
    body = render(
        '<p><a href="{queue}">← Queue</a></p>{notice}'
        "<h1>Ticket #{id} {flag}</h1>"
        '<p class="meta">Person <code class="pseudonym">{pseudonym}</code> · {channel} · '
        "language {language} · country {country} · topic {topic} · status {status}{claimed}"
        " · opened {created}</p>"
        '<h2>Conversation (anonymised)</h2><ol class="transcript">{entries}</ol>{actions}',
        queue=url("/queue"),
        notice=notice(text, kind),
        id=ticket.id,
        flag=Safe('<span class="badge urgent">URGENT</span>') if ticket.urgent else "",
        pseudonym=ticket.pseudonym,
        channel=ticket.channel,
        language=ticket.language,
        country=ticket.country or "unknown",
        topic=_topic_label(replies, ticket.topic) or "none",
        status=ticket.status,
        claimed=f" (claimed by {claimed})" if claimed else "",
        created=when(ticket.created_at),
        entries=join(_entry(entry) for entry in entries),
        actions=_actions(staff, ticket),
    )
    return document(f"Ticket #{ticket.id}", body, staff)
