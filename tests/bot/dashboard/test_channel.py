import pytest
from sanic import Blueprint

from bot.dashboard.channel import DashboardChannel
from bot.dashboard.context import Dashboard
from bot.settings import Settings, SettingsError


def test_mounts_at_the_root_with_its_name(settings: Settings) -> None:
    channel = DashboardChannel(Dashboard(settings))
    assert DashboardChannel.name() == "dashboard"
    assert channel.url_prefix() == "/"

    async def ignore(message: object) -> None:
        return None

    blueprint = channel.blueprint(ignore)
    assert isinstance(blueprint, Blueprint)


def test_credentials() -> None:
    channel = DashboardChannel.from_credentials({"login_failures": 3, "login_window_minutes": 5})
    assert channel.dashboard is not None
    assert channel.dashboard.limiter.failures == 3
    assert channel.dashboard.limiter.window == 300
    assert DashboardChannel.from_credentials(None).dashboard is not None
    with pytest.raises(ValueError, match="unknown dashboard settings"):
        DashboardChannel.from_credentials({"password": "x"})
    with pytest.raises(ValueError, match="whole number"):
        DashboardChannel.from_credentials({"login_failures": 0})


def test_session_minutes_setting() -> None:
    assert Settings.from_env({}).dashboard_session_minutes == 60
    assert (
        Settings.from_env({"MRCBOT_DASHBOARD_SESSION_MINUTES": "15"}).dashboard_session_minutes
        == 15
    )
    with pytest.raises(SettingsError, match="MRCBOT_DASHBOARD_SESSION_MINUTES"):
        Settings.from_env({"MRCBOT_DASHBOARD_SESSION_MINUTES": "0"})
