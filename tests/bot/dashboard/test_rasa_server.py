"""The dashboard mounted by `rasa run` through credentials.yml, next to the web chat."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from bot.settings import ROOT
from bot.store.staff import StaffStore
from tests.bot.dashboard.conftest import PASSWORD, login
from tests.model_fixtures import free_port, trained_model, wait_for

__all__ = ["trained_model"]

CREDENTIALS = "connectors.webchat.WebChatInput:\nbot.dashboard.channel.DashboardChannel:\n"


@pytest.fixture(scope="module")
def rasa_server(
    trained_model: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, str]]:
    folder = tmp_path_factory.mktemp("rasa-dashboard")
    credentials = folder / "credentials.yml"
    credentials.write_text(CREDENTIALS, encoding="utf-8")
    data_dir = folder / "var"
    database_url = f"sqlite:///{data_dir / 'mrcbot.db'}"
    StaffStore(database_url).add_user("rasa-admin", PASSWORD, "admin", "Sam")
    port = free_port()
    log = folder / "rasa.log"
    env = {
        **os.environ,
        "MRCBOT_DATA_DIR": str(data_dir),
        "RASA_TELEMETRY_ENABLED": "false",
        "LOG_LEVEL_LIBRARIES": "ERROR",
    }
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "rasa",
                "run",
                "--model",
                str(trained_model),
                "--credentials",
                str(credentials),
                "--interface",
                "127.0.0.1",
                "--port",
                str(port),
            ],
            cwd=ROOT,
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        try:
            wait_for(f"{url}/dashboard/style.css", seconds=240)
        except TimeoutError:
            tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
            raise TimeoutError(f"rasa run did not start:\n{tail}") from None
        yield url, database_url
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.mark.model
def test_rasa_serves_the_dashboard(rasa_server: tuple[str, str]) -> None:
    url, database_url = rasa_server
    with httpx.Client(base_url=url, follow_redirects=False, timeout=30) as client:
        assert client.get("/dashboard/queue").status_code == 302
        assert client.get("/dashboard/api/queue").status_code == 401
        assert client.get("/webhooks/webchat").status_code == 200
        assert login(client, "rasa-admin").status_code == 303
        assert client.get("/dashboard/users").status_code == 200
        assert client.get("/dashboard/queue").status_code == 200
    actions = [e.action for e in StaffStore(database_url, create=False).audit_log()]
    assert actions == ["login"]
