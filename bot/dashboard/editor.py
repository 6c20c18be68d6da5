"""The editors' report: unanswered questions grouped by similarity, and unhelpful answers."""

from __future__ import annotations

from sanic import Blueprint
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.content.replies import Replies
from bot.dashboard.auth import EDITORS, Staff, guard
from bot.dashboard.context import Dashboard
from bot.dashboard.grouping import QuestionGroup, group_questions, weeks_back
from bot.dashboard.html import Safe, join, render
from bot.dashboard.layout import document
from bot.dashboard.web import html_page, url
from bot.store.models import utcnow
from bot.store.querylog import TopicHelpfulness

__all__ = ["DEFAULT_WEEKS", "MAX_GROUPS", "register"]

DEFAULT_WEEKS = 8
MAX_WEEKS = 26
MAX_GROUPS = 100


def _weeks(value: str | None) -> int:
    try:
        return min(max(int(value or DEFAULT_WEEKS), 1), MAX_WEEKS)
    except ValueError:
        return DEFAULT_WEEKS


def _variants(group: QuestionGroup) -> Safe:
    others = group.variants()
    if not others:
        return Safe("")
    items = join((render('<span dir="auto">“{text}”</span>', text=text) for text in others), "; ")
    return render('<div class="meta">Also: {items}</div>', items=items)


def _groups_table(groups: list[QuestionGroup], weeks: list[str]) -> Safe:
    if not groups:
        return Safe("<p>No unanswered questions in this period.</p>")
    head = join(render("<th>{week}</th>", week=week) for week in weeks)
    rows = join(
        render(
            '<tr><td>{language}</td><td><div class="text" dir="auto">{example}</div>{variants}</td>'
            "<td>{total}</td>{cells}</tr>",
            language=group.language,
            example=group.example,
            variants=_variants(group),
            total=group.total,
            cells=join(render("<td>{n}</td>", n=group.weeks.get(week, 0)) for week in weeks),
        )
        for group in groups[:MAX_GROUPS]
    )
    return render(
        '<table id="unanswered"><thead><tr><th>Language</th><th>Question (anonymised)</th>'
        "<th>Total</th>{head}</tr></thead><tbody>{rows}</tbody></table>",
        head=head,
        rows=rows,
    )


def _helpfulness_table(rows: list[TopicHelpfulness], replies: Replies | None) -> Safe:
    if not rows:
        return Safe("<p>No feedback yet.</p>")

    def label(topic: str) -> str:
        try:
            return f"{replies.label(topic, 'en')} ({topic})" if replies else topic
        except (KeyError, TypeError):
            return topic

    body = join(
        render(
            "<tr><td>{topic}</td><td>{helpful}</td><td>{unhelpful}</td><td>{share}</td></tr>",
            topic=label(row.label),
            helpful=row.helpful,
            unhelpful=row.unhelpful,
            share=f"{row.unhelpful / max(row.helpful + row.unhelpful, 1):.0%}",
        )
        for row in rows
    )
    return render(
        '<table id="helpfulness"><thead><tr><th>Topic</th><th>Helpful</th><th>Unhelpful</th>'
        "<th>Unhelpful share</th></tr></thead><tbody>{body}</tbody></table>",
        body=body,
    )


def register(blueprint: Blueprint, dashboard: Dashboard) -> None:
    """Add the report page."""

    @guard(dashboard, EDITORS)
    async def report(request: Request, staff: Staff) -> HTTPResponse:
        replies = dashboard.replies()
        languages = list(replies.languages) if replies else []
        language = str(request.args.get("language") or "")
        language = language if language in languages else ""
        count = _weeks(request.args.get("weeks"))
        since, weeks = weeks_back(utcnow().date(), count)
        texts = dashboard.query_log.unanswered_texts(since, language or None)
        groups = group_questions(texts)
        dashboard.staff.audit(staff.user.id, "view_report", detail=f"weeks={count}")
        options = join(
            render(
                '<option value="{code}"{selected}>{text}</option>',
                code=code,
                text=code or "Any",
                selected=Safe(" selected") if code == language else "",
            )
            for code in ["", *languages]
        )
        body = render(
            "<h1>What to write next</h1>"
            '<form class="filters" method="get" action="{action}">'
            '<label>Language<select name="language">{options}</select></label>'
            '<label>Weeks<input name="weeks" type="number" min="1" max="{max_weeks}" '
            'value="{count}"></label><button type="submit">Show</button></form>'
            "<h2>Questions the assistant could not answer</h2>"
            '<p class="meta">Fallbacks and out-of-scope messages since {since}, similar questions '
            "grouped by language; {shown} of {total} groups shown, biggest first.</p>{groups}"
            "<h2>Answers people found unhelpful</h2>{helpfulness}",
            action=url("/reports"),
            options=options,
            max_weeks=MAX_WEEKS,
            count=count,
            since=since.date().isoformat(),
            shown=min(len(groups), MAX_GROUPS),
            total=len(groups),
            groups=_groups_table(groups, weeks),
            helpfulness=_helpfulness_table(dashboard.query_log.helpfulness(), replies),
        )
        return html_page(document("Reports", body, staff))

    blueprint.add_route(report, url("/reports"), methods=["GET"], name="reports")
