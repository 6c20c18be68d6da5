"""The dashboard in headless Chromium: log in, see the urgent ticket first, reply."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright import sync_api as playwright

from bot.settings import ROOT
from tests.bot.dashboard.conftest import PASSWORD, DashboardServer, open_ticket
from tests.browser.chromium import launch

ARTIFACTS = ROOT / "tests" / "artifacts"


@pytest.mark.usefixtures("empty_queue")
def test_log_in_see_urgent_first_and_reply(
    dashboard_server: DashboardServer, make_user: Callable[..., str]
) -> None:
    expect = playwright.expect
    older = open_ticket(dashboard_server, topic="job_scams")
    urgent = open_ticket(
        dashboard_server,
        urgent=True,
        topic="trafficking_victim_help",
        transcript=[
            (
                "person",
                "they locked us in the factory and took our passports, call +92 300 1234567",
            ),
            ("bot", "If you are in danger now, call the emergency numbers."),
        ],
    )
    username = make_user("counsellor", "Amina")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    policy_errors: list[str] = []
    with playwright.sync_playwright() as driver:
        browser = launch(driver)
        try:
            page = browser.new_page()
            page.on(
                "console",
                lambda message: (
                    policy_errors.append(message.text)
                    if "Content Security Policy" in message.text
                    else None
                ),
            )
            page.goto(f"{dashboard_server.url}/dashboard")
            expect(page).to_have_url(re.compile(r"/dashboard/login"))
            page.get_by_label("Username").fill(username)
            page.get_by_label("Password").fill(PASSWORD)
            page.screenshot(path=str(ARTIFACTS / "dashboard-login.png"))
            page.get_by_role("button", name="Log in").click()

            expect(page).to_have_url(re.compile(r"/dashboard/queue$"))
            rows = page.locator("#queue tbody tr")
            expect(rows).to_have_count(2)
            expect(rows.nth(0)).to_contain_text("URGENT")
            expect(rows.nth(0)).to_contain_text(f"#{urgent}")
            expect(rows.nth(1)).to_contain_text(f"#{older}")
            page.screenshot(path=str(ARTIFACTS / "dashboard-queue.png"), full_page=True)

            rows.nth(0).get_by_role("link", name=f"#{urgent}").click()
            expect(page.locator("ol.transcript")).to_contain_text("they locked us in the factory")
            expect(page.locator("ol.transcript")).to_contain_text(re.compile(r"call <[A-Z_]+>"))
            expect(page.locator("body")).not_to_contain_text("1234567")
            page.get_by_label("Reply to the person").fill(
                "We are calling the hotline for you now. Stay where you are if it is safe."
            )
            page.get_by_role("button", name="Send reply").click()
            expect(page.get_by_role("status")).to_contain_text("Your reply was sent")
            expect(page.locator("ol.transcript li.counsellor")).to_contain_text(
                "We are calling the hotline"
            )
            page.screenshot(path=str(ARTIFACTS / "dashboard-reply.png"), full_page=True)
            background = page.locator("body").evaluate("e => getComputedStyle(e).backgroundColor")
        finally:
            browser.close()
    view, _ = dashboard_server.tickets.get(urgent)
    assert view.status == "claimed"
    sent = [d for d in dashboard_server.deliveries() if d["pseudonym"] == view.pseudonym]
    assert sent[0]["messages"][0]["text"] == (
        "Message from the centre (Amina):\n"
        "We are calling the hotline for you now. Stay where you are if it is safe."
    )
    assert background == "rgb(246, 247, 249)"  # the style sheet loaded under the CSP
    assert policy_errors == []
