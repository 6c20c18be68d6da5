"""Every setting of the assistant, read once from the environment."""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "ROOT",
    "Settings",
    "SettingsError",
    "child_environment",
    "get_settings",
    "quiet_libraries",
]

ROOT = Path(__file__).resolve().parent.parent

_ENVIRONMENTS = ("development", "production")


class SettingsError(ValueError):
    """A setting has a value the assistant cannot use."""


def _path(value: str | None, default: Path) -> Path:
    return Path(value).expanduser().resolve() if value else default


def _int(env: dict[str, str], name: str, default: int) -> int:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as error:
        raise SettingsError(f"{name} must be a whole number, not {raw!r}") from error


def _positive(env: dict[str, str], name: str, default: int) -> int:
    value = _int(env, name, default)
    if value < 1:
        raise SettingsError(f"{name} must be 1 or more, not {value}")
    return value


@dataclass(frozen=True)
class Settings:
    """The assistant's settings; see `.env.example` for what each one does."""

    environment: str = "development"
    data_dir: Path = ROOT / "var"
    content_dir: Path = ROOT / "content"
    centres_file: Path = ROOT / "content" / "centres.yml"
    topics_file: Path = ROOT.parent / "shared" / "topics.yml"
    build_dir: Path = ROOT / "build"
    models_path: Path | None = None
    host: str = "127.0.0.1"
    port: int = 5005
    actions_port: int = 5055
    database_url: str = ""
    # Redis for the conversation lock store when several server processes share the work.
    redis_url: str = ""
    secret_key: str = field(default="", repr=False)
    retention_days: int = 90
    log_level: str = "WARNING"
    # Languages content must cover before it is served; empty means topics.yml's required ones.
    languages: tuple[str, ...] = ()
    telegram_bot_token: str = field(default="", repr=False)
    telegram_webhook_secret: str = field(default="", repr=False)
    telegram_api_base_url: str = "https://api.telegram.org/bot"
    # Minutes a dashboard login lasts before staff must log in again.
    dashboard_session_minutes: int = 60
    # Reverse proxies in front of the server whose forwarded headers are trusted (0: none).
    proxies_count: int = 0

    @property
    def production(self) -> bool:
        """Whether the assistant runs for real people, with every safety check enforced."""
        return self.environment == "production"

    @property
    def models_dir(self) -> Path:
        """Where trained models are kept: `models_path`, or `models` in the data folder."""
        return self.models_path or self.data_dir / "models"

    @property
    def logs_dir(self) -> Path:
        """Where the running assistant writes its logs."""
        return self.data_dir / "logs"

    @property
    def sqlalchemy_url(self) -> str:
        """The database URL: `database_url`, or a SQLite file in the data folder."""
        return self.database_url or f"sqlite:///{self.data_dir / 'mrcbot.db'}"

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Settings:
        """Read the settings from environment variables (or the given mapping)."""
        env = dict(os.environ) if env is None else env
        environment = env.get("MRCBOT_ENV", "development")
        if environment not in _ENVIRONMENTS:
            raise SettingsError(f"MRCBOT_ENV must be one of {', '.join(_ENVIRONMENTS)}")
        data_dir = _path(env.get("MRCBOT_DATA_DIR"), ROOT / "var")
        content_dir = _path(env.get("MRCBOT_CONTENT_DIR"), ROOT / "content")
        return cls(
            environment=environment,
            data_dir=data_dir,
            content_dir=content_dir,
            centres_file=_path(env.get("MRCBOT_CENTRES_FILE"), content_dir / "centres.yml"),
            topics_file=_path(env.get("MRCBOT_TOPICS_FILE"), ROOT.parent / "shared" / "topics.yml"),
            build_dir=_path(env.get("MRCBOT_BUILD_DIR"), ROOT / "build"),
            models_path=_path(env.get("MRCBOT_MODELS_DIR"), data_dir / "models"),
            host=env.get("MRCBOT_HOST", "127.0.0.1"),
            port=_int(env, "MRCBOT_PORT", 5005),
            actions_port=_int(env, "MRCBOT_ACTIONS_PORT", 5055),
            database_url=env.get("MRCBOT_DATABASE_URL", ""),
            redis_url=env.get("MRCBOT_REDIS_URL", ""),
            secret_key=env.get("MRCBOT_SECRET_KEY", ""),
            retention_days=_int(env, "MRCBOT_RETENTION_DAYS", 90),
            log_level=env.get("MRCBOT_LOG_LEVEL", "WARNING").upper(),
            languages=tuple(
                code.strip() for code in env.get("MRCBOT_LANGUAGES", "").split(",") if code.strip()
            ),
            telegram_bot_token=env.get("TELEGRAM_BOT_TOKEN", ""),
            telegram_webhook_secret=env.get("TELEGRAM_WEBHOOK_SECRET", ""),
            telegram_api_base_url=env.get("TELEGRAM_API_BASE_URL", "https://api.telegram.org/bot"),
            dashboard_session_minutes=_positive(env, "MRCBOT_DASHBOARD_SESSION_MINUTES", 60),
            proxies_count=_int(env, "MRCBOT_PROXIES_COUNT", 0),
        )


@functools.lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The settings of this process, read from the environment on first use."""
    return Settings.from_env()


def child_environment(**overrides: str) -> dict[str, str]:
    """The environment for a child process: this process's, with some values changed."""
    return {**os.environ, **overrides}


def quiet_libraries() -> None:
    """Ask libraries that read their own variables (TensorFlow) to log only warnings."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
