"""Every route refuses without a login or with the wrong role; every form needs its CSRF token."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import httpx
import pytest

from tests.bot.dashboard.conftest import (
    PASSWORD,
    DashboardServer,
    csrf_in,
    login,
    open_ticket,
    page_csrf,
)

# (method, path, roles allowed); {ticket} and {user} are filled in by the test.
ROUTES = [
    ("GET", "/dashboard", {"counsellor", "editor", "admin"}),
    ("POST", "/dashboard/logout", {"counsellor", "editor", "admin"}),
    ("GET", "/dashboard/queue", {"counsellor", "admin"}),
    ("GET", "/dashboard/api/queue", {"counsellor", "admin"}),
    ("GET", "/dashboard/tickets/{ticket}", {"counsellor", "admin"}),
    ("POST", "/dashboard/tickets/{ticket}/claim", {"counsellor"}),
    ("POST", "/dashboard/tickets/{ticket}/reply", {"counsellor"}),
    ("POST", "/dashboard/tickets/{ticket}/note", {"counsellor"}),
    ("POST", "/dashboard/tickets/{ticket}/resolve", {"counsellor"}),
    ("GET", "/dashboard/reports", {"editor", "admin"}),
    ("GET", "/dashboard/users", {"admin"}),
    ("POST", "/dashboard/users/{user}/role", {"admin"}),
    ("POST", "/dashboard/users/{user}/active", {"admin"}),
    ("GET", "/dashboard/audit", {"admin"}),
]
ROLES = ("counsellor", "editor", "admin")


@pytest.fixture
def targets(dashboard_server: DashboardServer, make_user: Callable[..., str]) -> dict[str, int]:
    ticket = open_ticket(dashboard_server)
    username = make_user("counsellor")
    user = next(u.id for u in dashboard_server.staff.users() if u.username == username)
    return {"ticket": ticket, "user": user}


def _form(path: str, csrf: str) -> dict[str, str]:
    if path.endswith("/role"):
        return {"csrf": csrf, "role": "editor"}
    if path.endswith("/active"):
        return {"csrf": csrf, "active": "0"}
    if path.endswith("/resolve"):
        return {"csrf": csrf, "outcome": "answered"}
    return {"csrf": csrf, "text": "hello"}


@pytest.mark.parametrize(("method", "path", "roles"), ROUTES)
def test_refused_without_login(
    client: httpx.Client,
    targets: dict[str, int],
    dashboard_server: DashboardServer,
    method: str,
    path: str,
    roles: set[str],
) -> None:
    address = path.format(**targets)
    before = dashboard_server.tickets.get(targets["ticket"])
    reply = client.request(method, address, data={"text": "hello", "outcome": "answered"})
    if "/api/" in address:
        assert reply.status_code == 401
        assert reply.json() == {"error": "login_required"}
    else:
        assert reply.status_code in (302, 303)
        assert reply.headers["location"].startswith("/dashboard/login")
        assert "p_" not in reply.text
    assert dashboard_server.tickets.get(targets["ticket"]) == before


def test_login_redirect_keeps_the_page(client: httpx.Client, targets: dict[str, int]) -> None:
    reply = client.get(f"/dashboard/tickets/{targets['ticket']}")
    assert reply.headers["location"] == (
        f"/dashboard/login?next=%2Fdashboard%2Ftickets%2F{targets['ticket']}"
    )


@pytest.mark.parametrize("role", ROLES)
def test_refused_with_the_wrong_role(
    as_role: Callable[..., httpx.Client],
    targets: dict[str, int],
    dashboard_server: DashboardServer,
    role: str,
) -> None:
    user = as_role(role)
    csrf = page_csrf(user)
    for method, path, roles in ROUTES:
        if role in roles:
            continue
        address = path.format(**targets)
        reply = user.request(method, address, data=_form(address, csrf))
        assert reply.status_code == 403, (role, address)
        if "/api/" in address:
            assert reply.json() == {"error": "forbidden"}
        else:
            assert "Not allowed" in reply.text
        assert "p_0" not in reply.text and "is this job offer real" not in reply.text
    ticket, _ = dashboard_server.tickets.get(targets["ticket"])
    assert ticket.status == "open"
    assert dashboard_server.staff.user(targets["user"]).role == "counsellor"  # type: ignore[union-attr]


@pytest.mark.parametrize("role", ROLES)
def test_pages_open_with_the_right_role(
    as_role: Callable[..., httpx.Client], targets: dict[str, int], role: str
) -> None:
    user = as_role(role)
    for method, path, roles in ROUTES:
        if method == "GET" and role in roles and path != "/dashboard":
            reply = user.get(path.format(**targets))
            assert reply.status_code == 200, (role, path)
    home = user.get("/dashboard")
    assert home.status_code == 302
    assert (
        home.headers["location"]
        == {
            "counsellor": "/dashboard/queue",
            "editor": "/dashboard/reports",
            "admin": "/dashboard/users",
        }[role]
    )


@pytest.mark.parametrize("token", [None, "wrong-token"])
def test_csrf_refused(
    as_role: Callable[..., httpx.Client],
    targets: dict[str, int],
    dashboard_server: DashboardServer,
    token: str | None,
) -> None:
    counsellor = as_role("counsellor")
    ticket = targets["ticket"]
    for action, form in (
        ("claim", {}),
        ("reply", {"text": "hello"}),
        ("note", {"text": "a note"}),
        ("resolve", {"outcome": "answered"}),
    ):
        data = {**form, **({"csrf": token} if token else {})}
        reply = counsellor.post(f"/dashboard/tickets/{ticket}/{action}", data=data)
        assert reply.status_code == 403, action
        assert "Form expired" in reply.text
    view, entries = dashboard_server.tickets.get(ticket)
    assert view.status == "open" and view.claimed_by is None
    assert [e.author for e in entries] == ["person", "bot"]
    assert all(d["pseudonym"] != view.pseudonym for d in dashboard_server.deliveries())
    assert "csrf_refused" in dashboard_server.actions()


def test_csrf_of_another_session_is_refused(
    as_role: Callable[..., httpx.Client], targets: dict[str, int]
) -> None:
    first, second = as_role("counsellor"), as_role("counsellor")
    reply = second.post(
        f"/dashboard/tickets/{targets['ticket']}/claim", data={"csrf": page_csrf(first)}
    )
    assert reply.status_code == 403


def test_logout_needs_csrf_and_ends_the_session(as_role: Callable[..., httpx.Client]) -> None:
    editor = as_role("editor")
    assert editor.post("/dashboard/logout").status_code == 403
    assert editor.get("/dashboard/reports").status_code == 200
    reply = editor.post("/dashboard/logout", data={"csrf": page_csrf(editor)})
    assert reply.status_code == 303
    assert reply.headers["location"] == "/dashboard/login"
    assert editor.get("/dashboard/reports").status_code == 302


def test_login_form_needs_its_token(client: httpx.Client, make_user: Callable[..., str]) -> None:
    username = make_user("counsellor")
    client.get("/dashboard/login")
    reply = client.post("/dashboard/login", data={"username": username, "password": "x" * 12})
    assert reply.status_code == 403
    other = client.post(
        "/dashboard/login",
        data={"csrf": "not-the-cookie", "username": username, "password": "x" * 12},
    )
    assert other.status_code == 403
    assert "mrc_dashboard" not in {c for c in client.cookies if c != "mrc_dashboard_login"}


def test_session_cookie_is_strict_and_expires(
    client: httpx.Client, make_user: Callable[..., str]
) -> None:
    reply = login(client, make_user("counsellor"))
    cookie = next(
        value
        for value in reply.headers.get_list("set-cookie")
        if value.startswith("mrc_dashboard=")
    )
    parts = {part.strip().split("=")[0].lower() for part in cookie.split(";")}
    assert {"httponly", "samesite", "max-age", "path"} <= parts
    assert "SameSite=Strict" in cookie and "Max-Age=3600" in cookie and "Path=/dashboard" in cookie
    assert "secure" not in parts  # plain http in the test


def test_session_cookie_is_secure_over_https(
    dashboard_server: DashboardServer, make_user: Callable[..., str]
) -> None:
    headers = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "198.51.100.20"}
    with httpx.Client(base_url=dashboard_server.url, headers=headers) as secure:
        form = secure.get("/dashboard/login")
        token = csrf_in(form.text)
        secure.cookies.set("mrc_dashboard_login", token)  # a Secure cookie: httpx keeps it back
        reply = secure.post(
            "/dashboard/login",
            data={"csrf": token, "username": make_user("editor"), "password": PASSWORD},
        )
    cookie = next(v for v in reply.headers.get_list("set-cookie") if v.startswith("mrc_dashboard="))
    assert "Secure" in cookie


def test_expired_session_is_refused(
    client: httpx.Client, dashboard_server: DashboardServer, make_user: Callable[..., str]
) -> None:
    username = make_user("counsellor")
    user = next(u for u in dashboard_server.staff.users() if u.username == username)
    token, _ = dashboard_server.staff.start_session(user.id, dt.timedelta(seconds=-1))
    client.cookies.set("mrc_dashboard", token, path="/dashboard")
    assert client.get("/dashboard/queue").status_code == 302
    assert client.get("/dashboard/api/queue").status_code == 401


def test_pages_carry_security_headers(
    as_role: Callable[..., httpx.Client], targets: dict[str, int]
) -> None:
    counsellor = as_role("counsellor")
    for path in ("/dashboard/login", "/dashboard/queue", f"/dashboard/tickets/{targets['ticket']}"):
        reply = counsellor.get(path)
        assert reply.headers["content-security-policy"].startswith("default-src 'self'")
        assert reply.headers["x-frame-options"] == "DENY"
        assert reply.headers["cache-control"] == "no-store"
    assert "<style" not in counsellor.get("/dashboard/queue").text
    assert "<script" not in counsellor.get("/dashboard/queue").text
