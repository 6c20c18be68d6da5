"""Admins: users and roles, disabling, the audit log, and the guards against locking out."""

from __future__ import annotations

from collections.abc import Callable

import httpx

from tests.bot.dashboard.conftest import PASSWORD, DashboardServer, login, page_csrf


def _user(server: DashboardServer, username: str) -> int:
    return next(u.id for u in server.staff.users() if u.username == username)


def test_admin_changes_a_role(
    dashboard_server: DashboardServer,
    as_role: Callable[..., httpx.Client],
    make_user: Callable[..., str],
) -> None:
    target = make_user("counsellor")
    admin = as_role("admin")
    page = admin.get("/dashboard/users")
    assert target in page.text
    assert "password" not in page.text.lower() or "argon2" not in page.text
    reply = admin.post(
        f"/dashboard/users/{_user(dashboard_server, target)}/role",
        data={"csrf": page_csrf(admin, "/dashboard/users"), "role": "editor"},
    )
    assert reply.headers["location"] == "/dashboard/users?done=role"
    assert dashboard_server.staff.user(_user(dashboard_server, target)).role == "editor"  # type: ignore[union-attr]
    entry = next(e for e in dashboard_server.staff.audit_log(20) if e.action == "role_change")
    assert entry.detail == f"user {_user(dashboard_server, target)}: counsellor -> editor"


def test_admin_disables_a_user_and_ends_their_session(
    dashboard_server: DashboardServer,
    as_role: Callable[..., httpx.Client],
    make_user: Callable[..., str],
) -> None:
    target = make_user("counsellor")
    with httpx.Client(base_url=dashboard_server.url) as their:
        login(their, target)
        assert their.get("/dashboard/queue").status_code == 200
        admin = as_role("admin")
        csrf = page_csrf(admin, "/dashboard/users")
        user_id = _user(dashboard_server, target)
        admin.post(f"/dashboard/users/{user_id}/active", data={"csrf": csrf, "active": "0"})
        assert their.get("/dashboard/queue").status_code == 302
        assert login(their, target, PASSWORD).status_code == 401
        admin.post(f"/dashboard/users/{user_id}/active", data={"csrf": csrf, "active": "1"})
        assert login(their, target, PASSWORD).status_code == 303
    actions = dashboard_server.actions()
    assert "disable_user" in actions and "enable_user" in actions


def test_admin_cannot_lock_themselves_out(
    dashboard_server: DashboardServer, as_role: Callable[..., httpx.Client]
) -> None:
    admin = as_role("admin")
    csrf = page_csrf(admin, "/dashboard/users")
    me = next(
        u.id
        for u in dashboard_server.staff.users()
        if u.role == "admin"
        and u.username in admin.get("/dashboard/users").text
        and f"/dashboard/users/{u.id}/role" not in admin.get("/dashboard/users").text
    )
    reply = admin.post(f"/dashboard/users/{me}/role", data={"csrf": csrf, "role": "editor"})
    assert reply.headers["location"].endswith("done=self")
    reply = admin.post(f"/dashboard/users/{me}/active", data={"csrf": csrf, "active": "0"})
    assert reply.headers["location"].endswith("done=self")
    assert dashboard_server.staff.user(me).role == "admin"  # type: ignore[union-attr]


def test_audit_log_page(as_role: Callable[..., httpx.Client]) -> None:
    admin = as_role("admin")
    page = admin.get("/dashboard/audit")
    assert page.status_code == 200
    assert "<td>login</td>" in page.text
