"""A running Rasa server with the web chat channel, for the API and the browser tests."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.privacy.pseudonym import pseudonymise
from tests.model_fixtures import rasa_server

__all__ = ["WebChatServer", "webchat_server"]

_STARTED = pytest.StashKey["WebChatServer"]()
CREDENTIALS = "connectors.webchat.WebChatInput:\n  messages_per_minute: 20\n"


@dataclass(frozen=True)
class WebChatServer:
    """The server's address and the key its channel pseudonymises session ids with."""

    url: str
    data_dir: Path
    log: Path

    def pseudonym(self, session: str) -> str:
        """The sender id Rasa knows a web chat session by."""
        key = (self.data_dir / "secret.key").read_bytes().strip()
        return pseudonymise(session, key, "webchat")


@pytest.fixture(scope="session")
def webchat_server(
    request: pytest.FixtureRequest,
    trained_model: Path,
    action_server: str,
    action_data_dir: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[WebChatServer]:
    """`rasa run` with the channel, started once per test run even when two folders ask.

    The API tests and the browser tests import this fixture in their own conftest; the
    first to run starts the server and the other reuses it (kept in the config's stash).
    """
    config = request.config
    if _STARTED in config.stash:
        yield config.stash[_STARTED]
        return
    folder = tmp_path_factory.mktemp("webchat-server")
    started = rasa_server(
        trained_model,
        folder,
        CREDENTIALS,
        ready="/webhooks/webchat",
        action_url=action_server,
        enable_api=True,
        # One data folder with the action server: one pseudonym key.
        MRCBOT_DATA_DIR=str(action_data_dir),
    )
    url, log = started.__enter__()
    config.add_cleanup(lambda: started.__exit__(None, None, None))
    server = WebChatServer(url=url, data_dir=action_data_dir, log=log)
    config.stash[_STARTED] = server
    yield server
