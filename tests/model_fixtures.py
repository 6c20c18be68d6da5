"""Fixtures that need a trained model: trained once per session, cached by its inputs' hash."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio

from bot.content.compiler import build
from bot.content.contract import load_contract
from bot.content.loader import load_content
from bot.processes import action_server_command
from bot.settings import ROOT, get_settings


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"{url} did not answer within {seconds} s")


@pytest.fixture(scope="session")
def trained_model() -> Path:
    from bot.model import train_if_needed

    settings = get_settings()
    contract = load_contract(settings.topics_file)
    content, problems = load_content(settings.content_dir, settings.centres_file)
    assert problems == []
    build(content, contract, ROOT, settings.build_dir)
    return train_if_needed(settings)


@pytest.fixture(scope="session")
def action_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("action-data")


@pytest.fixture(scope="session")
def action_server(trained_model: Path, action_data_dir: Path) -> Iterator[str]:
    port = free_port()
    process = subprocess.Popen(
        action_server_command(port),
        cwd=ROOT,
        env={**os.environ, "MRCBOT_DATA_DIR": str(action_data_dir)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(f"http://127.0.0.1:{port}/health")
        yield f"http://127.0.0.1:{port}/webhook"
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def agent(trained_model: Path, action_server: str) -> AsyncIterator[Any]:
    from rasa.core.agent import Agent
    from rasa.utils.endpoints import EndpointConfig

    yield Agent.load(str(trained_model), action_endpoint=EndpointConfig(url=action_server))


@contextlib.contextmanager
def rasa_server(
    model: Path,
    folder: Path,
    credentials: str,
    *,
    ready: str,
    action_url: str | None = None,
    enable_api: bool = False,
    **env: str,
) -> Iterator[tuple[str, Path]]:
    """`rasa run` with the given channels until the block ends; yields its address and log.

    Args:
        model: The trained model.
        folder: Where its credentials, endpoints and log go.
        credentials: The text of its credentials.yml.
        ready: A path that answers once the server is up.
        action_url: The action server's webhook, if the server needs one.
        enable_api: Whether to open Rasa's HTTP API (tests use it to push messages).
        env: Environment variables for the server, such as MRCBOT_DATA_DIR.
    """
    (folder / "credentials.yml").write_text(credentials, encoding="utf-8")
    command = [
        sys.executable,
        "-m",
        "rasa",
        "run",
        "--model",
        str(model),
        "--credentials",
        str(folder / "credentials.yml"),
        "--interface",
        "127.0.0.1",
        "--port",
        str(port := free_port()),
    ]
    if action_url:
        (folder / "endpoints.yml").write_text(
            f"action_endpoint:\n  url: {action_url}\n", encoding="utf-8"
        )
        command += ["--endpoints", str(folder / "endpoints.yml")]
    if enable_api:
        command.append("--enable-api")
    log = folder / "rasa.log"
    environment = {
        **os.environ,
        "RASA_TELEMETRY_ENABLED": "false",
        "LOG_LEVEL_LIBRARIES": "ERROR",
        **env,
    }
    with log.open("wb") as sink:
        process = subprocess.Popen(
            command, cwd=ROOT, env=environment, stdout=sink, stderr=subprocess.STDOUT
        )
    url = f"http://127.0.0.1:{port}"
    try:
        try:
            wait_for(f"{url}{ready}", seconds=240)
        except TimeoutError:
            tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
            raise TimeoutError(f"rasa run did not start; its log ends with:\n{tail}") from None
        yield url, log
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
