"""`mrcbot user add`: create a dashboard user, the password read from standard input."""

from __future__ import annotations

import getpass
import sys
from typing import TextIO

from bot.settings import Settings
from bot.store.staff import ROLES, StaffError, StaffStore

__all__ = ["add_user", "read_password"]


def read_password(stdin: TextIO, prompt: str = "Password: ") -> str:
    """The password: typed without echo on a terminal, else the first line of the input.

    Args:
        stdin: standard input (or any text stream).
        prompt: what a terminal shows before reading.

    Returns:
        The password without its line ending; empty when nothing was given.

    """
    if stdin.isatty():
        first = getpass.getpass(prompt)
        again = getpass.getpass("Again: ")
        return first if first == again else ""
    return stdin.readline().rstrip("\r\n")


def add_user(settings: Settings, username: str, role: str, name: str | None, stdin: TextIO) -> int:
    """Create a dashboard user and print what was done.

    Args:
        settings: where the database is.
        username: the login name.
        role: counsellor, editor or admin.
        name: the name people see on replies: a first name or a role (one word); the role
            when not given.
        stdin: where the password comes from (see `read_password`).

    Returns:
        0 when the user was created, 2 when they could not be (the reason is printed).

    """
    if role not in ROLES:
        print(f"error: --role must be one of {', '.join(ROLES)}", file=sys.stderr)
        return 2
    shown = (name or "").strip()
    if len(shown.split()) > 1 or len(shown) > 32:
        print(
            "error: --name is what people see on replies: one word, a first name or a role"
            " (at most 32 characters)",
            file=sys.stderr,
        )
        return 2
    password = read_password(stdin)
    if not password:
        print(
            "error: no password: type it twice on a terminal, or pipe it as the first line",
            file=sys.stderr,
        )
        return 2
    try:
        user_id = StaffStore(settings.sqlalchemy_url).add_user(username, password, role, shown)
    except StaffError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"added {role} {username.strip()!r} (id {user_id})")
    return 0
