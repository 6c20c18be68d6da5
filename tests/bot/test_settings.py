from pathlib import Path

import pytest

from bot.settings import Settings, SettingsError


def test_defaults_put_everything_under_var() -> None:
    settings = Settings.from_env({})
    assert settings.port == 5005
    assert settings.data_dir.name == "var"
    assert settings.sqlalchemy_url == f"sqlite:///{settings.data_dir / 'mrcbot.db'}"
    assert not settings.production
    assert settings.languages == ()


def test_reads_overrides(tmp_path: Path) -> None:
    settings = Settings.from_env(
        {
            "MRCBOT_PORT": "6006",
            "MRCBOT_DATA_DIR": str(tmp_path),
            "MRCBOT_ENV": "production",
            "MRCBOT_LANGUAGES": "en, fa ,ps",
        }
    )
    assert settings.port == 6006
    assert settings.data_dir == tmp_path.resolve()
    assert settings.models_dir == tmp_path.resolve() / "models"
    assert settings.production
    assert settings.languages == ("en", "fa", "ps")


def test_rejects_bad_values() -> None:
    with pytest.raises(SettingsError, match="MRCBOT_PORT"):
        Settings.from_env({"MRCBOT_PORT": "fifty"})
    with pytest.raises(SettingsError, match="MRCBOT_ENV"):
        Settings.from_env({"MRCBOT_ENV": "staging"})


def test_secret_is_not_shown() -> None:
    assert "hunter2" not in repr(Settings(secret_key="hunter2"))
