"""A Rasa component that tells each message's language, for the actions to answer in it."""

from __future__ import annotations

import logging
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import METADATA, METADATA_EXAMPLE, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.language import LanguageIdentifier as Identifier
from bot.nlu.storage import load_object, save_object

__all__ = ["LANGUAGE_KEY", "LanguageIdentifier"]

logger = logging.getLogger(__name__)
LANGUAGE_KEY = "language"
_FILE = "language_identifier.pkl"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=True)
class LanguageIdentifier(GraphComponent):
    """Adds `language` ({language, variant, confidence, script}) to each parsed message."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """The languages to tell apart."""
        return {"languages": ["en", "fa", "ps", "ur", "bn", "ar", "ru"]}

    def __init__(
        self,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        identifier: Identifier | None = None,
    ) -> None:
        self.config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self.identifier = identifier or Identifier(self.config["languages"])

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> LanguageIdentifier:
        """Create an untrained identifier."""
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        """Learn from examples whose metadata names their language."""
        texts, labels = [], []
        for example in training_data.intent_examples:
            language = ((example.get(METADATA) or {}).get(METADATA_EXAMPLE) or {}).get("language")
            if language and example.get(TEXT):
                texts.append(str(example.get(TEXT)))
                labels.append(str(language))
        self.identifier = Identifier(self.config["languages"]).fit(texts, labels)
        save_object(self._model_storage, self._resource, _FILE, self.identifier)
        return self._resource

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Leave training data as it is."""
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        """Set each message's language."""
        for message in messages:
            detection = self.identifier.detect(str(message.get(TEXT) or ""))
            message.set(
                LANGUAGE_KEY,
                {
                    "language": detection.language,
                    "variant": detection.variant,
                    "confidence": round(detection.confidence, 4),
                    "script": detection.script,
                },
                add_to_output=True,
            )
        return messages

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> LanguageIdentifier:
        """Load a trained identifier."""
        identifier = load_object(model_storage, resource, _FILE)
        if identifier is None:
            logger.warning("No trained language identifier found; using lingua and letters only.")
        return cls(config, model_storage, resource, identifier)
