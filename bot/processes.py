"""Command lines of the assistant's own processes."""

from __future__ import annotations

import sys

__all__ = ["action_server_command"]


def action_server_command(port: int) -> list[str]:
    """The command that runs the action server (`bot.actions`) on a port."""
    return [sys.executable, "-m", "rasa_sdk", "--actions", "bot.actions", "--port", str(port)]
