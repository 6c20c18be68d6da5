"""A live assistant (`mrcbot serve`) in a temporary data folder, for end-to-end tests."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.settings import ROOT, get_settings
from tests.model_fixtures import free_port, trained_model, wait_for

__all__ = ["LiveAssistant", "live_assistant", "trained_model"]


@dataclass
class LiveAssistant:
    """A running assistant: its address, data folder and captured output."""

    url: str
    data_dir: Path
    output: Path
    process: subprocess.Popen[bytes]


@pytest.fixture(scope="session")
def live_assistant(
    trained_model: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveAssistant]:
    data_dir = tmp_path_factory.mktemp("live-data")
    output = data_dir.parent / "live-output.txt"
    port = free_port()
    env = {
        **os.environ,
        "MRCBOT_DATA_DIR": str(data_dir),
        "MRCBOT_MODELS_DIR": str(get_settings().models_dir),
        "MRCBOT_PORT": str(port),
        "MRCBOT_ACTIONS_PORT": str(free_port()),
    }
    env.pop("MRCBOT_LOG_LEVEL", None)
    with output.open("wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot.cli", "serve"],
            cwd=ROOT,
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_for(f"http://127.0.0.1:{port}/", seconds=180)
            yield LiveAssistant(f"http://127.0.0.1:{port}", data_dir, output, process)
        finally:
            process.terminate()
            process.wait(timeout=60)
