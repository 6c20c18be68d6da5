"""Login: wrong passwords, lockouts per username and per address, and their audit rows."""

from __future__ import annotations

from collections.abc import Callable

import httpx

from tests.bot.dashboard.conftest import PASSWORD, DashboardServer, login, page_csrf


def _user_id(server: DashboardServer, username: str) -> int:
    return next(u.id for u in server.staff.users() if u.username == username)


def _actions_of(server: DashboardServer, username: str) -> list[str]:
    return [e.action for e in reversed(server.staff.audit_log(10_000)) if e.user == username]


def test_wrong_password_is_refused_and_audited(
    client: httpx.Client, dashboard_server: DashboardServer, make_user: Callable[..., str]
) -> None:
    username = make_user("counsellor")
    reply = login(client, username, "not the password")
    assert reply.status_code == 401
    assert "Wrong username or password" in reply.text
    assert "mrc_dashboard" not in client.cookies
    assert _actions_of(dashboard_server, username) == ["login_failed"]


def test_login_and_logout_are_audited(
    client: httpx.Client, dashboard_server: DashboardServer, make_user: Callable[..., str]
) -> None:
    username = make_user("editor")
    reply = login(client, username)
    assert reply.status_code == 303
    assert reply.headers["location"] == "/dashboard/reports"
    client.post("/dashboard/logout", data={"csrf": page_csrf(client)})
    assert _actions_of(dashboard_server, username) == ["login", "view_report", "logout"]


def test_login_goes_back_to_the_page_asked_for(
    client: httpx.Client, make_user: Callable[..., str]
) -> None:
    username = make_user("counsellor")
    page = client.get("/dashboard/login?next=/dashboard/queue%3Flanguage%3Dfa")
    assert 'name="next" value="/dashboard/queue?language=fa"' in page.text
    token = page.text.split('name="csrf" value="')[1].split('"')[0]
    reply = client.post(
        "/dashboard/login",
        data={"csrf": token, "username": username, "password": PASSWORD, "next": "//evil.example"},
    )
    assert reply.headers["location"] == "/dashboard/queue"


def test_unknown_user_is_refused_without_saying_so(client: httpx.Client) -> None:
    reply = login(client, "nobody-here", "whatever-password")
    assert reply.status_code == 401
    assert "Wrong username or password" in reply.text


def test_disabled_user_cannot_log_in(
    client: httpx.Client, dashboard_server: DashboardServer, make_user: Callable[..., str]
) -> None:
    username = make_user("counsellor")
    dashboard_server.staff.set_active(_user_id(dashboard_server, username), False)
    assert login(client, username).status_code == 401


def test_five_failures_lock_the_username(
    dashboard_server: DashboardServer, make_user: Callable[..., str]
) -> None:
    username = make_user("counsellor")
    # Each attempt from another address: only the username's count can lock it.
    for n in range(5):
        with httpx.Client(
            base_url=dashboard_server.url, headers={"X-Forwarded-For": f"192.0.2.{n + 1}"}
        ) as attacker:
            assert login(attacker, username, f"guess number {n}").status_code == 401
    with httpx.Client(
        base_url=dashboard_server.url, headers={"X-Forwarded-For": "192.0.2.77"}
    ) as owner:
        reply = login(owner, username)  # even the right password waits now
        assert reply.status_code == 429
        assert 800 < int(reply.headers["retry-after"]) <= 900
        assert "mrc_dashboard" not in owner.cookies
    assert _actions_of(dashboard_server, username) == ["login_failed"] * 5 + ["login_blocked"]
    other = make_user("counsellor")
    with httpx.Client(
        base_url=dashboard_server.url, headers={"X-Forwarded-For": "192.0.2.78"}
    ) as colleague:
        assert login(colleague, other).status_code == 303


def test_five_failures_lock_the_address(
    dashboard_server: DashboardServer, make_user: Callable[..., str]
) -> None:
    victim = make_user("admin")
    headers = {"X-Forwarded-For": "203.0.113.50"}
    with httpx.Client(base_url=dashboard_server.url, headers=headers) as attacker:
        for n in range(5):
            assert login(attacker, f"guess-{n}", "some password").status_code == 401
        assert login(attacker, victim).status_code == 429
    with httpx.Client(
        base_url=dashboard_server.url, headers={"X-Forwarded-For": "203.0.113.51"}
    ) as owner:
        assert login(owner, victim).status_code == 303
