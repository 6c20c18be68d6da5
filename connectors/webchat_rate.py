"""A sliding-window rate limit per key, bounded in memory."""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable

__all__ = ["RateLimiter"]


class RateLimiter:
    """Allows at most `limit` events per `window` seconds for each key."""

    def __init__(
        self,
        limit: int,
        window: float = 60.0,
        max_keys: int = 10000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limit = limit
        self.window = window
        self._max_keys = max_keys
        self._clock = clock
        self._events: OrderedDict[str, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._events)

    def hit(self, key: str) -> int:
        """Count one event for the key, unless that would pass the limit.

        Args:
            key: what is limited (a person's pseudonym).

        Returns:
            0 if the event is allowed (and counted), else the whole seconds to wait.

        """
        with self._lock:
            now = self._clock()
            self._forget_idle(now)
            events = self._events.pop(key, None) or deque()
            while events and now - events[0] >= self.window:
                events.popleft()
            self._events[key] = events
            if len(events) >= self.limit:
                return max(1, math.ceil(self.window - (now - events[0])))
            events.append(now)
            while len(self._events) > self._max_keys:
                self._events.popitem(last=False)
            return 0

    def _forget_idle(self, now: float) -> None:
        while self._events:
            key, events = next(iter(self._events.items()))
            if events and now - events[-1] < self.window:
                return
            del self._events[key]
