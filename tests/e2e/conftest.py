"""A live assistant (`mrcbot serve`) in a temporary data folder, for end-to-end tests."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.settings import ROOT, get_settings
from tests.model_fixtures import free_port, trained_model, wait_for

__all__ = ["LiveAssistant", "live_assistant", "start_live", "trained_model"]


@dataclass
class LiveAssistant:
    """A running assistant: its address, data folder and captured output."""

    url: str
    data_dir: Path
    output: Path
    process: subprocess.Popen[bytes]

    @property
    def database_url(self) -> str:
        """The assistant's SQLite database."""
        return f"sqlite:///{self.data_dir / 'mrcbot.db'}"


@contextlib.contextmanager
def start_live(folder: Path, **extra_env: str) -> Iterator[LiveAssistant]:
    """Run `mrcbot serve` with its data in `folder` until the block ends."""
    data_dir = folder / "var"
    output = folder / "live-output.txt"
    port = free_port()
    env = {
        **os.environ,
        "MRCBOT_DATA_DIR": str(data_dir),
        "MRCBOT_MODELS_DIR": str(get_settings().models_dir),
        "MRCBOT_PORT": str(port),
        "MRCBOT_ACTIONS_PORT": str(free_port()),
        **extra_env,
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


@pytest.fixture(scope="session")
def live_assistant(
    trained_model: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveAssistant]:
    with start_live(tmp_path_factory.mktemp("live")) as live:
        yield live
