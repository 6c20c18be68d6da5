"""Fixtures that need a trained model: trained once per session, cached by its inputs' hash."""

from __future__ import annotations

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
        [sys.executable, "-m", "rasa_sdk", "--actions", "bot.actions", "--port", str(port)],
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
