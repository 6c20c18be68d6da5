"""A running Rasa server with the web chat channel, for the API and the browser tests."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.privacy.pseudonym import pseudonymise
from bot.settings import ROOT
from tests.model_fixtures import free_port, wait_for

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
    endpoints = folder / "endpoints.yml"
    endpoints.write_text(f"action_endpoint:\n  url: {action_server}\n", encoding="utf-8")
    credentials = folder / "credentials.yml"
    credentials.write_text(CREDENTIALS, encoding="utf-8")
    log = folder / "rasa.log"
    port = free_port()
    env = {
        **os.environ,
        # One data folder with the action server: one pseudonym key.
        "MRCBOT_DATA_DIR": str(action_data_dir),
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
                "--endpoints",
                str(endpoints),
                "--credentials",
                str(credentials),
                "--interface",
                "127.0.0.1",
                "--port",
                str(port),
                "--enable-api",
            ],
            cwd=ROOT,
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
        )

    def stop() -> None:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)

    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{url}/webhooks/webchat", seconds=240)
    except TimeoutError:
        stop()
        tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise TimeoutError(f"the Rasa server did not start; its log ends with:\n{tail}") from None
    server = WebChatServer(url=url, data_dir=action_data_dir, log=log)
    config.stash[_STARTED] = server
    config.add_cleanup(stop)
    yield server
