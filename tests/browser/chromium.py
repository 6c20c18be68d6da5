"""How the browser tests start Debian's Chromium (never a downloaded browser)."""

from __future__ import annotations

from typing import Any

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "launch"]

CHROMIUM = "/usr/bin/chromium"
# Headless, and without the background connections this closed network refuses.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def launch(playwright: Any) -> Any:
    """A Chromium browser from a Playwright driver (`make test` installs Chromium)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
