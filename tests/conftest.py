"""Shared fixtures: settings in a temporary data folder, the real content and contract."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.content.contract import Contract, load_contract
from bot.content.loader import Content, load_content
from bot.settings import ROOT, Settings


@pytest.fixture(scope="session")
def contract() -> Contract:
    return load_contract(Settings().topics_file)


@pytest.fixture(scope="session")
def content() -> Content:
    loaded, problems = load_content(ROOT / "content")
    assert problems == []
    return loaded


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "var", build_dir=tmp_path / "build")
