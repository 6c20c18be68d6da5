from __future__ import annotations

import io

import pytest

from bot.dashboard.users_cli import add_user, read_password
from bot.settings import Settings
from bot.store.staff import StaffStore


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_adds_a_user_with_the_piped_password(
    settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    code = add_user(settings, "amina", "counsellor", "Amina", io.StringIO("long enough pw\nrest\n"))
    assert code == 0
    assert "added counsellor 'amina'" in capsys.readouterr().out
    store = StaffStore(settings.sqlalchemy_url)
    user = store.authenticate("amina", "long enough pw")
    assert user is not None and user.display_name == "Amina" and user.role == "counsellor"


def test_name_defaults_to_the_role(settings: Settings) -> None:
    assert add_user(settings, "ed", "editor", None, io.StringIO("long enough pw")) == 0
    assert StaffStore(settings.sqlalchemy_url).users()[0].display_name == "editor"


@pytest.mark.parametrize(
    ("role", "name", "stdin", "message"),
    [
        ("boss", None, "long enough pw\n", "--role must be one of"),
        ("admin", "Amina Rahimi", "long enough pw\n", "one word"),
        ("admin", None, "\n", "no password"),
        ("admin", None, "short\n", "at least 10 characters"),
    ],
)
def test_refuses_bad_input(
    settings: Settings,
    capsys: pytest.CaptureFixture[str],
    role: str,
    name: str | None,
    stdin: str,
    message: str,
) -> None:
    assert add_user(settings, "someone", role, name, io.StringIO(stdin)) == 2
    assert message in capsys.readouterr().err


def test_refuses_a_taken_username(settings: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    add_user(settings, "amina", "admin", None, io.StringIO("long enough pw"))
    assert add_user(settings, "amina", "admin", None, io.StringIO("long enough pw")) == 2
    assert "already exists" in capsys.readouterr().err


def test_terminal_asks_twice_without_echo(monkeypatch: pytest.MonkeyPatch) -> None:
    answers = iter(["secret password", "secret password", "one", "two"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    assert read_password(Terminal()) == "secret password"
    assert read_password(Terminal()) == ""
