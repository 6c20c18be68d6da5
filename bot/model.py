"""Training the Rasa model when its inputs changed, and predicting topics with it."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.content.compiler import DATA_DIR, DOMAIN_FILE, training_fingerprint
from bot.settings import ROOT, Settings, quiet_libraries

if TYPE_CHECKING:
    from rasa.core.agent import Agent

__all__ = [
    "FALLBACK_LABEL",
    "Prediction",
    "Predictor",
    "model_path",
    "quiet",
    "to_prediction",
    "train_if_needed",
]

# The label an evaluation reports when the model is not confident enough to answer.
FALLBACK_LABEL = "out_of_scope"
_FALLBACK_INTENT = "nlu_fallback"
# Code whose changes change what a trained model predicts.
_MODEL_CODE = tuple(ROOT / "bot" / name for name in ("topic_model.py", "language.py", "text.py"))


def quiet(settings: Settings) -> None:
    """Keep Rasa's and TensorFlow's logs at the configured level."""
    quiet_libraries()
    from rasa.utils.common import configure_logging_and_warnings
    from rasa.utils.log_utils import configure_structlog

    level = logging.getLevelName(settings.log_level)
    configure_logging_and_warnings(log_level=level)
    configure_structlog(level)


def model_path(settings: Settings, config: Path | None = None) -> Path:
    """Where the model for the current training inputs is (or will be) stored."""
    import rasa

    code = "".join(
        path.read_text(encoding="utf-8")
        for path in (*_MODEL_CODE, *sorted((ROOT / "bot" / "nlu").glob("*.py")))
    )
    fingerprint = training_fingerprint(
        ROOT,
        settings.build_dir,
        extra=f"{rasa.__version__}:{config.read_text() if config else ''}:{code}",
    )
    return settings.models_dir / f"model-{fingerprint}.tar.gz"


def train_if_needed(settings: Settings, config: Path | None = None, force: bool = False) -> Path:
    """Train a model unless one for the same inputs exists; return its path."""
    target = model_path(settings, config)
    if target.exists() and not force:
        return target
    quiet(settings)
    from rasa.model_training import train

    target.parent.mkdir(parents=True, exist_ok=True)
    result = train(
        domain=str(settings.build_dir / DOMAIN_FILE),
        config=str(config or ROOT / "config.yml"),
        training_files=[
            str(ROOT / "nlu"),
            str(ROOT / "stories"),
            str(settings.build_dir / DATA_DIR),
        ],
        output=str(target.parent),
        fixed_model_name=target.name.removesuffix(".tar.gz"),
        force_training=True,
    )
    if result.code != 0 or result.model is None:
        raise RuntimeError(f"training failed with code {result.code}")
    return target


@dataclass(frozen=True)
class Prediction:
    """The label the model gives a message, and how sure it is."""

    label: str
    confidence: float
    ranking: tuple[tuple[str, float], ...] = ()
    language: str | None = None  # the detected language; `ur-latn` for Roman Urdu


def to_prediction(parsed: dict[str, Any]) -> Prediction:
    """Turn Rasa's parse result into a prediction; a fallback becomes `out_of_scope`."""
    intent = parsed.get("intent") or {}
    ranking = tuple(
        (str(item["name"]), float(item["confidence"]))
        for item in parsed.get("intent_ranking") or []
        if item.get("name") != _FALLBACK_INTENT
    )
    label = str(intent.get("name") or _FALLBACK_INTENT)
    confidence = float(intent.get("confidence") or 0.0)
    if label == _FALLBACK_INTENT:
        label = FALLBACK_LABEL
        confidence = ranking[0][1] if ranking else 0.0
    detected = parsed.get("language") or {}
    language = detected.get("variant") or detected.get("language")
    return Prediction(label, confidence, ranking, language)


class Predictor:
    """Parses messages with a trained model, as the live assistant does."""

    def __init__(self, agent: Agent) -> None:
        self._agent = agent

    @classmethod
    def load(cls, path: Path, settings: Settings | None = None) -> Predictor:
        """Load a trained model, with Rasa's logs at the configured level."""
        from rasa.core.agent import Agent

        from bot.settings import get_settings

        quiet(settings or get_settings())
        return cls(Agent.load(str(path)))

    async def predict(self, text: str) -> Prediction:
        """The label of one message."""
        return to_prediction(await self._agent.parse_message(text))

    def predict_all(self, texts: list[str]) -> list[Prediction]:
        """The labels of many messages."""

        async def run() -> list[Prediction]:
            return [await self.predict(text) for text in texts]

        return asyncio.run(run())
