"""The sliding-window rate limit of the web chat."""

from __future__ import annotations

from connectors.webchat_rate import RateLimiter


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_the_limit_holds_within_the_window_and_frees_after_it() -> None:
    clock = Clock()
    limiter = RateLimiter(3, window=60, clock=clock)
    assert [limiter.hit("a") for _ in range(3)] == [0, 0, 0]
    clock.now += 10
    assert limiter.hit("a") == 50
    assert limiter.hit("b") == 0
    clock.now += 50
    assert limiter.hit("a") == 0


def test_refused_events_are_not_counted() -> None:
    clock = Clock()
    limiter = RateLimiter(1, window=10, clock=clock)
    limiter.hit("a")
    for _ in range(5):
        clock.now += 1
        assert limiter.hit("a") > 0
    clock.now += 5
    assert limiter.hit("a") == 0


def test_keys_are_bounded_and_idle_ones_forgotten() -> None:
    clock = Clock()
    limiter = RateLimiter(5, window=10, max_keys=2, clock=clock)
    for key in "abc":
        limiter.hit(key)
    assert len(limiter) == 2
    clock.now += 11
    limiter.hit("d")
    assert len(limiter) == 1
