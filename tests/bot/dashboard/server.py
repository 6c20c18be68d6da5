"""A Sanic server with the dashboard mounted the way Rasa mounts channels, for the tests.

Next to the dashboard it opens two fake channels named `telegram` and `webchat` whose
`deliver` appends what it gets to `deliveries.jsonl` in the data folder (or fails while a
file `fail-delivery` exists there). The server trusts one proxy, so tests can play clients
at other addresses (`X-Forwarded-For`) and over https (`X-Forwarded-Proto`).

Run: `python -m tests.bot.dashboard.server PORT` with MRCBOT_DATA_DIR and MRCBOT_BUILD_DIR set.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from rasa.core.channels.channel import InputChannel, UserMessage, register
from sanic import Blueprint, Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.dashboard.channel import DashboardChannel
from bot.settings import get_settings

DELIVERIES = "deliveries.jsonl"
FAIL = "fail-delivery"


class RecordingChannel(InputChannel):
    """A channel that records the replies it is asked to deliver."""

    def __init__(self, channel: str, folder: Path) -> None:
        self.channel = channel
        self.folder = folder

    def name(self) -> str:
        return self.channel

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        blueprint = Blueprint(f"fake_{self.channel}")

        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        blueprint.add_route(health, "/", methods=["GET"])
        return blueprint

    async def deliver(
        self, pseudonym: str, reply_address: str | None, messages: list[dict[str, Any]]
    ) -> bool:
        if (self.folder / FAIL).exists():
            return False
        record = {
            "channel": self.channel,
            "pseudonym": pseudonym,
            "reply_address": reply_address,
            "messages": messages,
        }
        with (self.folder / DELIVERIES).open("a", encoding="utf-8") as sink:
            sink.write(json.dumps(record, ensure_ascii=False) + "\n")
        return True


def main() -> None:
    port = int(sys.argv[1])
    folder = get_settings().data_dir
    app = Sanic("dashboard_test")
    app.config.PROXIES_COUNT = 1
    channels = [
        DashboardChannel.from_credentials({"login_failures": 5, "login_window_minutes": 15}),
        RecordingChannel("telegram", folder),
        RecordingChannel("webchat", folder),
    ]
    register(channels, app, route="/webhooks/")
    app.run(host="127.0.0.1", port=port, access_log=False, motd=False)


if __name__ == "__main__":
    main()
