"""The editors' report: unanswered questions grouped, unhelpful answers, no transcripts."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import httpx
from sqlalchemy import update

from bot.store.db import session_scope
from bot.store.models import QueryLog, utcnow
from tests.bot.dashboard.conftest import DashboardServer, unique


def _ask(server: DashboardServer, text: str, language: str = "en", days_ago: int = 0) -> None:
    row = server.query_log.record(
        pseudonym=unique("p_editor_"),
        channel="telegram",
        language=language,
        country="PK",
        text=text,
        label="nlu_fallback",
        confidence=0.2,
        answered=False,
    )
    if days_ago:
        with session_scope(server.database_url) as session:
            session.execute(
                update(QueryLog)
                .where(QueryLog.id == row)
                .values(created_at=utcnow() - dt.timedelta(days=days_ago))
            )


def _rows(page: str) -> list[str]:
    table = page.split('id="unanswered"')[1].split("</table>")[0]
    return [re.sub(r"<[^>]+>", "|", row) for row in table.split("<tr>")[2:]]


def test_report_groups_unanswered_questions(
    dashboard_server: DashboardServer, as_role: Callable[..., httpx.Client]
) -> None:
    for text in (
        "can I take my goats to the pasture in Kuwait",
        "Can I take my goats to the pasture in Kuwait?",
        "can i bring my goats to the pasture in kuwait",
    ):
        _ask(dashboard_server, text)
    _ask(dashboard_server, "can I take my goats to the pasture in Kuwait", days_ago=8)
    _ask(dashboard_server, "where do zebras sleep at night")
    _ask(dashboard_server, "آیا می توانم بزهایم را به کویت ببرم", language="fa")
    _ask(dashboard_server, "my goat number is +92 300 1234567")
    editor = as_role("editor")
    page = editor.get("/dashboard/reports?weeks=4")
    assert page.status_code == 200
    rows = _rows(page.text)
    goats = next(row for row in rows if "pasture in Kuwait" in row and "|en|" in row)
    cells = [cell for cell in goats.split("|") if cell.strip()]
    assert cells[-5] == "4"  # total, then 4 weeks
    assert [int(n) for n in cells[-4:]] in ([0, 0, 1, 3], [0, 1, 0, 3])
    assert "can i bring my goats" in goats
    assert any("zebras" in row and "goats" not in row for row in rows)
    assert any("|fa|" in row and "کویت" in row for row in rows)
    assert "1234567" not in page.text
    assert re.search(r"my goat number is &lt;[A-Z_]+&gt;", page.text)
    assert "p_editor_" not in page.text
    assert "view_report" in dashboard_server.actions()


def test_report_filters_by_language(
    dashboard_server: DashboardServer, as_role: Callable[..., httpx.Client]
) -> None:
    _ask(dashboard_server, "сколько стоит билет на луну", language="ru")
    editor = as_role("editor")
    page = editor.get("/dashboard/reports?language=ru")
    assert all("|ru|" in row for row in _rows(page.text))
    assert "луну" in page.text


def test_report_lists_unhelpful_answers(
    dashboard_server: DashboardServer, as_role: Callable[..., httpx.Client]
) -> None:
    store = dashboard_server.query_log
    for helpful in (False, False, True):
        pseudonym = unique("p_feedback_")
        store.record(
            pseudonym=pseudonym,
            channel="webchat",
            language="en",
            country="PK",
            text="how do I send money home",
            label="remittances",
            confidence=0.9,
            answered=True,
        )
        store.record_feedback(pseudonym, helpful=helpful)
    page = as_role("editor").get("/dashboard/reports").text
    table = page.split('id="helpfulness"')[1].split("</table>")[0]
    assert re.search(r"\(remittances\)</td><td>1</td><td>2</td><td>67%</td>", table)
