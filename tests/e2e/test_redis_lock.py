"""With MRCBOT_REDIS_URL set, conversations are locked in Redis (several server processes)."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
import redis

from tests.e2e.conftest import start_live

pytestmark = pytest.mark.model

REDIS_URL = "redis://127.0.0.1:6379/5"


def commands_processed(client: redis.Redis) -> int:
    return int(client.info("stats")["total_commands_processed"])


def test_conversations_are_locked_in_redis(trained_model: Path, tmp_path: Path) -> None:
    client = redis.Redis.from_url(REDIS_URL)
    with start_live(tmp_path, MRCBOT_REDIS_URL=REDIS_URL) as live:
        before = commands_processed(client)
        for message in ("hello", "how do i send money home safely"):
            reply = httpx.post(
                f"{live.url}/webhooks/rest/webhook",
                json={"sender": "redis-lock-person", "message": message},
                timeout=60,
            )
            assert reply.status_code == 200 and reply.json()
        # Each message takes and releases its conversation's lock in Redis.
        assert commands_processed(client) - before >= 6
        assert not client.keys("mrcbot*")  # locks are released once answered
    client.close()
