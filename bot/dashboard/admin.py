"""The admins' pages: users and their roles, and the audit log."""

from __future__ import annotations

from sanic import Blueprint
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.dashboard.auth import ADMINS, Staff, guard
from bot.dashboard.context import Dashboard
from bot.dashboard.html import Safe, join, render
from bot.dashboard.layout import csrf_field, document, notice, when
from bot.dashboard.web import form_value, html_page, redirect, url
from bot.store.staff import ROLES, StaffError, StaffView

__all__ = ["register"]

AUDIT_ROWS = 200
NOTICES = {
    "role": ("The role was changed.", "ok"),
    "disabled": ("The user is disabled and logged out.", "ok"),
    "enabled": ("The user is enabled.", "ok"),
    "self": ("You cannot change your own role or disable yourself.", "error"),
    "last_admin": ("At least one active admin must remain.", "error"),
    "unknown": ("There is no such user or role.", "error"),
}


def _user_row(staff: Staff, user: StaffView) -> Safe:
    if user.id == staff.user.id:
        controls = Safe('<td colspan="2" class="meta">you</td>')
    else:
        options = join(
            render(
                '<option value="{role}"{selected}>{role}</option>',
                role=role,
                selected=Safe(" selected") if role == user.role else "",
            )
            for role in ROLES
        )
        controls = render(
            '<td><form class="inline" method="post" action="{role_action}">{csrf}'
            '<label>Role of {username} <select name="role">{options}</select></label> '
            '<button class="secondary" type="submit">Change</button></form></td>'
            '<td><form class="inline" method="post" action="{active_action}">{csrf}'
            '<input type="hidden" name="active" value="{value}">'
            '<button class="secondary" type="submit">{verb}</button></form></td>',
            role_action=url(f"/users/{user.id}/role"),
            active_action=url(f"/users/{user.id}/active"),
            csrf=csrf_field(staff),
            username=user.username,
            options=options,
            value="0" if user.active else "1",
            verb="Disable" if user.active else "Enable",
        )
    return render(
        "<tr><td>{username}</td><td>{name}</td><td>{role}</td><td>{state}</td>{controls}</tr>",
        username=user.username,
        name=user.display_name,
        role=user.role,
        state="active" if user.active else "disabled",
        controls=controls,
    )


def register(blueprint: Blueprint, dashboard: Dashboard) -> None:
    """Add the users page, its role and enable/disable actions, and the audit log page."""

    @guard(dashboard, ADMINS)
    async def users(request: Request, staff: Staff) -> HTTPResponse:
        text, kind = NOTICES.get(str(request.args.get("done") or ""), ("", "info"))
        rows = join(_user_row(staff, user) for user in dashboard.staff.users())
        body = render(
            "<h1>Users</h1>{notice}"
            '<p class="meta">Add users with <code>mrcbot user add --username U --role ROLE '
            "--name FIRST_NAME</code>.</p>"
            '<table id="users"><thead><tr><th>Username</th><th>Shown to people as</th>'
            "<th>Role</th><th>State</th><th>Role</th><th>Access</th></tr></thead>"
            "<tbody>{rows}</tbody></table>",
            notice=notice(text, kind),
            rows=rows,
        )
        return html_page(document("Users", body, staff))

    def would_leave_no_admin(user_id: int, role: str | None, active: bool) -> bool:
        remaining = [
            user
            for user in dashboard.staff.users()
            if user.active and user.role == "admin" and user.id != user_id
        ]
        return not remaining and (role != "admin" or not active)

    @guard(dashboard, ADMINS)
    async def change_role(request: Request, staff: Staff, user_id: int) -> HTTPResponse:
        role = form_value(request, "role", 16)
        user = dashboard.staff.user(user_id)
        if user is None or role not in ROLES:
            return redirect(url("/users", done="unknown"))
        if user_id == staff.user.id:
            return redirect(url("/users", done="self"))
        if would_leave_no_admin(user_id, role, user.active):
            return redirect(url("/users", done="last_admin"))
        try:
            dashboard.staff.set_role(user_id, role)
        except StaffError:
            return redirect(url("/users", done="unknown"))
        dashboard.staff.audit(
            staff.user.id, "role_change", detail=f"user {user_id}: {user.role} -> {role}"
        )
        return redirect(url("/users", done="role"))

    @guard(dashboard, ADMINS)
    async def set_active(request: Request, staff: Staff, user_id: int) -> HTTPResponse:
        active = form_value(request, "active", 1) == "1"
        user = dashboard.staff.user(user_id)
        if user is None:
            return redirect(url("/users", done="unknown"))
        if user_id == staff.user.id:
            return redirect(url("/users", done="self"))
        if would_leave_no_admin(user_id, user.role, active):
            return redirect(url("/users", done="last_admin"))
        dashboard.staff.set_active(user_id, active)
        action = "enable_user" if active else "disable_user"
        dashboard.staff.audit(staff.user.id, action, detail=f"user {user_id}")
        return redirect(url("/users", done="enabled" if active else "disabled"))

    @guard(dashboard, ADMINS)
    async def audit(request: Request, staff: Staff) -> HTTPResponse:
        rows = join(
            render(
                "<tr><td>{at}</td><td>{user}</td><td>{action}</td><td>{ticket}</td>"
                "<td>{detail}</td></tr>",
                at=when(entry.created_at),
                user=entry.user or "",
                action=entry.action,
                ticket=f"#{entry.ticket_id}" if entry.ticket_id else "",
                detail=entry.detail or "",
            )
            for entry in dashboard.staff.audit_log(AUDIT_ROWS)
        )
        body = render(
            '<h1>Audit log</h1><p class="meta">The latest {count} entries, newest first.</p>'
            '<table id="audit"><thead><tr><th>When</th><th>User</th><th>Action</th>'
            "<th>Ticket</th><th>Detail</th></tr></thead><tbody>{rows}</tbody></table>",
            count=AUDIT_ROWS,
            rows=rows,
        )
        return html_page(document("Audit log", body, staff))

    blueprint.add_route(users, url("/users"), methods=["GET"], name="users")
    blueprint.add_route(
        change_role, url("/users/<user_id:int>/role"), methods=["POST"], name="user_role"
    )
    blueprint.add_route(
        set_active, url("/users/<user_id:int>/active"), methods=["POST"], name="user_active"
    )
    blueprint.add_route(audit, url("/audit"), methods=["GET"], name="audit")
