import pytest

from bot.dashboard.ratelimit import LoginLimiter


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_locks_after_the_limit_and_unlocks_after_the_window() -> None:
    clock = Clock()
    limiter = LoginLimiter(failures=3, window=60, clock=clock)
    for _ in range(2):
        limiter.fail("user:a", "address:1")
        assert limiter.retry_after("user:a") == 0
    clock.now += 10
    limiter.fail("user:a", "address:1")
    assert limiter.retry_after("user:a") == 50
    assert limiter.retry_after("user:b", "address:1") == 50
    assert limiter.retry_after("user:b", "address:2") == 0
    clock.now += 49
    assert limiter.retry_after("user:a") == 1
    clock.now += 1  # the first two failures leave the window
    assert limiter.retry_after("user:a", "address:1") == 0
    limiter.fail("user:a")
    assert limiter.retry_after("user:a") == 0
    limiter.fail("user:a")  # the failures at 1010, 1060 and 1060
    assert limiter.retry_after("user:a") == 10


def test_clear_forgets_a_key() -> None:
    limiter = LoginLimiter(failures=1, window=60, clock=Clock())
    limiter.fail("user:a", "address:1")
    limiter.clear("user:a")
    assert limiter.retry_after("user:a") == 0
    assert limiter.retry_after("address:1") == 60


def test_rejects_a_useless_limit() -> None:
    with pytest.raises(ValueError):
        LoginLimiter(failures=0)
