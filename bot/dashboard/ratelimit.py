"""Login attempts: too many failures for one username or one address lock it for a while."""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable

__all__ = ["LoginLimiter"]

MAX_KEYS = 10_000


class LoginLimiter:
    """Counts failed logins per key (a username or a client address) in a sliding window.

    A key with `failures` failures within `window` seconds is refused until the oldest of
    them leaves the window. Counts live in this process only.
    """

    def __init__(
        self,
        failures: int = 5,
        window: float = 15 * 60,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if failures < 1 or window <= 0:
            raise ValueError("a login limit needs 1 or more failures in a positive window")
        self.failures = failures
        self.window = window
        self._clock = clock
        self._seen: dict[str, deque[float]] = {}

    def retry_after(self, *keys: str) -> int:
        """Seconds until every key may try again; 0 when all may try now."""
        now = self._clock()
        wait = 0.0
        for key in keys:
            times = self._recent(key, now)
            if len(times) >= self.failures:
                wait = max(wait, times[0] + self.window - now)
        return math.ceil(wait) if wait > 0 else 0

    def fail(self, *keys: str) -> None:
        """Count one failed attempt for each key."""
        now = self._clock()
        for key in keys:
            times = self._recent(key, now)
            times.append(now)
            self._seen[key] = times
        if len(self._seen) > MAX_KEYS:
            self._forget(now)

    def clear(self, key: str) -> None:
        """Forget a key's failures (after a successful login)."""
        self._seen.pop(key, None)

    def _recent(self, key: str, now: float) -> deque[float]:
        times = self._seen.get(key) or deque()
        while times and times[0] <= now - self.window:
            times.popleft()
        if not times:
            self._seen.pop(key, None)
        return times

    def _forget(self, now: float) -> None:
        for key in list(self._seen):
            self._recent(key, now)
        while len(self._seen) > MAX_KEYS:
            oldest = min(self._seen, key=lambda key: self._seen[key][-1])
            del self._seen[oldest]
