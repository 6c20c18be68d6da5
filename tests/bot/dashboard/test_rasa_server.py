"""The dashboard mounted by `rasa run` through credentials.yml, next to the web chat."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from bot.store.staff import StaffStore
from tests.bot.dashboard.conftest import PASSWORD, login
from tests.model_fixtures import rasa_server, trained_model

__all__ = ["trained_model"]

CREDENTIALS = "connectors.webchat.WebChatInput:\nbot.dashboard.channel.DashboardChannel:\n"


@pytest.fixture(scope="module")
def rasa_with_dashboard(
    trained_model: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, str]]:
    folder = tmp_path_factory.mktemp("rasa-dashboard")
    data_dir = folder / "var"
    database_url = f"sqlite:///{data_dir / 'mrcbot.db'}"
    StaffStore(database_url).add_user("rasa-admin", PASSWORD, "admin", "Sam")
    with rasa_server(
        trained_model,
        folder,
        CREDENTIALS,
        ready="/dashboard/style.css",
        MRCBOT_DATA_DIR=str(data_dir),
    ) as (url, _):
        yield url, database_url


@pytest.mark.model
def test_rasa_serves_the_dashboard(rasa_with_dashboard: tuple[str, str]) -> None:
    url, database_url = rasa_with_dashboard
    with httpx.Client(base_url=url, follow_redirects=False, timeout=30) as client:
        assert client.get("/dashboard/queue").status_code == 302
        assert client.get("/dashboard/api/queue").status_code == 401
        assert client.get("/webhooks/webchat").status_code == 200
        assert login(client, "rasa-admin").status_code == 303
        assert client.get("/dashboard/users").status_code == 200
        assert client.get("/dashboard/queue").status_code == 200
    actions = [e.action for e in StaffStore(database_url, create=False).audit_log()]
    assert actions == ["login"]
