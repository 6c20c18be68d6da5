"""A dashboard server in a temporary data folder, its stores, users and logged-in clients."""

from __future__ import annotations

import itertools
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from bot.content.compiler import build
from bot.content.contract import Contract
from bot.content.loader import Content
from bot.settings import ROOT
from bot.store.querylog import QueryLogStore
from bot.store.staff import StaffStore
from bot.store.tickets import OPEN_STATUSES, TicketStore
from tests.bot.dashboard.server import DELIVERIES, FAIL
from tests.model_fixtures import free_port, wait_for

PASSWORD = "correct horse battery"
_CSRF = re.compile(r'name="csrf" value="([^"]+)"')
_numbers = itertools.count(1)


@dataclass(frozen=True)
class DashboardServer:
    """A running dashboard: its address, data folder and database."""

    url: str
    data_dir: Path
    database_url: str
    log: Path

    @property
    def staff(self) -> StaffStore:
        return StaffStore(self.database_url, create=False)

    @property
    def tickets(self) -> TicketStore:
        return TicketStore(self.database_url, create=False)

    @property
    def query_log(self) -> QueryLogStore:
        return QueryLogStore(self.database_url, create=False)

    def deliveries(self) -> list[dict[str, Any]]:
        path = self.data_dir / DELIVERIES
        if not path.exists():
            return []
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]

    def fail_deliveries(self, fail: bool) -> None:
        flag = self.data_dir / FAIL
        if fail:
            flag.touch()
        else:
            flag.unlink(missing_ok=True)

    def actions(self, ticket_id: int | None = None) -> list[str]:
        return [
            entry.action
            for entry in self.staff.audit_log(10_000)
            if ticket_id is None or entry.ticket_id == ticket_id
        ]


@pytest.fixture(scope="session")
def dashboard_server(
    content: Content, contract: Contract, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[DashboardServer]:
    folder = tmp_path_factory.mktemp("dashboard")
    data_dir, build_dir = folder / "var", folder / "build"
    build(content, contract, ROOT, build_dir)
    database_url = f"sqlite:///{data_dir / 'mrcbot.db'}"
    StaffStore(database_url)  # migrate before the server starts
    port = free_port()
    log = folder / "server.log"
    env = {
        **os.environ,
        "MRCBOT_DATA_DIR": str(data_dir),
        "MRCBOT_BUILD_DIR": str(build_dir),
        "MRCBOT_DASHBOARD_SESSION_MINUTES": "60",
    }
    env.pop("MRCBOT_DATABASE_URL", None)
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.bot.dashboard.server", str(port)],
            cwd=ROOT,
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        try:
            wait_for(f"{url}/dashboard/style.css", seconds=120)
        except TimeoutError:
            tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
            raise TimeoutError(f"the dashboard server did not start:\n{tail}") from None
        yield DashboardServer(url, data_dir, database_url, log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def unique(prefix: str) -> str:
    return f"{prefix}{next(_numbers)}"


@pytest.fixture
def make_user(dashboard_server: DashboardServer) -> Callable[..., str]:
    """Create a user with a fresh username and `PASSWORD`; return the username."""

    def make(role: str, name: str = "") -> str:
        username = unique(role)
        dashboard_server.staff.add_user(username, PASSWORD, role, name or role)
        return username

    return make


def csrf_in(page: str) -> str:
    found = _CSRF.search(page)
    assert found, "the page has no CSRF field"
    return found.group(1)


def login(client: httpx.Client, username: str, password: str = PASSWORD) -> httpx.Response:
    """Log in through the form, as a browser does."""
    form = client.get("/dashboard/login")
    assert form.status_code == 200
    return client.post(
        "/dashboard/login",
        data={"csrf": csrf_in(form.text), "username": username, "password": password},
    )


@pytest.fixture
def client(dashboard_server: DashboardServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=dashboard_server.url, follow_redirects=False, timeout=20) as c:
        yield c


@pytest.fixture
def as_role(
    dashboard_server: DashboardServer, make_user: Callable[..., str]
) -> Iterator[Callable[..., httpx.Client]]:
    """A logged-in client for a new user of a role."""
    clients: list[httpx.Client] = []

    def open_client(role: str, name: str = "") -> httpx.Client:
        c = httpx.Client(base_url=dashboard_server.url, follow_redirects=False, timeout=20)
        clients.append(c)
        reply = login(c, make_user(role, name))
        assert reply.status_code == 303, reply.text
        return c

    yield open_client
    for c in clients:
        c.close()


def page_csrf(client: httpx.Client, path: str = "/dashboard") -> str:
    """The CSRF token of the client's session, from a page it may open."""
    reply = client.get(path, follow_redirects=True)
    return csrf_in(reply.text)


@pytest.fixture
def empty_queue(dashboard_server: DashboardServer) -> None:
    """Cancel every open ticket left by other tests."""
    tickets = dashboard_server.tickets
    for ticket in tickets.queue(statuses=OPEN_STATUSES):
        tickets.cancel(ticket.id)


def open_ticket(
    server: DashboardServer,
    *,
    urgent: bool = False,
    language: str = "en",
    country: str | None = "PK",
    topic: str | None = "job_scams",
    channel: str = "telegram",
    transcript: list[tuple[str, str]] | None = None,
    reply_address: str | None = "enc:v1:opaque-address",
) -> int:
    return server.tickets.create(
        pseudonym="p_" + f"{next(_numbers):032x}",
        channel=channel,
        language=language,
        country=country,
        topic=topic,
        urgent=urgent,
        transcript=transcript or [("person", "is this job offer real?"), ("bot", "Let me help.")],
        reply_address=reply_address,
    )
