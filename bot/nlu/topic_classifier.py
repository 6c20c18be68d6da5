"""A Rasa intent classifier around the assistant's topic model."""

from __future__ import annotations

import logging
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.storage import load_object, save_object
from bot.topic_model import TopicModel, TopicModelConfig

__all__ = ["TopicClassifier"]

logger = logging.getLogger(__name__)
_FILE = "topic_model.pkl"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class TopicClassifier(IntentClassifier, GraphComponent):
    """Classifies each message into a topic or conversation intent, for every language."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """The defaults of `TopicModelConfig`, and how many labels to rank."""
        defaults = TopicModelConfig()
        return {
            "char_ngrams": list(defaults.char_ngrams),
            "word_ngrams": list(defaults.word_ngrams),
            "c": defaults.c,
            "sharpness": defaults.sharpness,
            "typo_copies": defaults.typo_copies,
            "ranking_length": 10,
        }

    def __init__(
        self,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        model: TopicModel | None = None,
    ) -> None:
        self.config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self.model = model

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> TopicClassifier:
        """Create an untrained classifier."""
        return cls(config, model_storage, resource)

    def _model_config(self) -> TopicModelConfig:
        return TopicModelConfig(
            char_ngrams=tuple(self.config["char_ngrams"]),
            word_ngrams=tuple(self.config["word_ngrams"]),
            c=float(self.config["c"]),
            sharpness=float(self.config["sharpness"]),
            typo_copies=int(self.config["typo_copies"]),
        )

    def train(self, training_data: TrainingData) -> Resource:
        """Train the topic model on every intent example."""
        examples = [
            (str(example.get(TEXT)), str(example.get(INTENT)))
            for example in training_data.intent_examples
            if example.get(TEXT) and example.get(INTENT)
        ]
        texts = [text for text, _ in examples]
        labels = [label for _, label in examples]
        self.model = TopicModel(self._model_config()).fit(texts, labels)
        self.persist()
        return self._resource

    def process(self, messages: list[Message]) -> list[Message]:
        """Set the intent and the intent ranking of each message."""
        if self.model is None:
            return messages
        texts = [str(message.get(TEXT) or "") for message in messages]
        rankings = self.model.rank(texts, top=int(self.config["ranking_length"]))
        for message, ranking in zip(messages, rankings, strict=True):
            entries = [{"name": name, "confidence": confidence} for name, confidence in ranking]
            message.set(INTENT, entries[0] if entries else None, add_to_output=True)
            message.set(INTENT_RANKING_KEY, entries, add_to_output=True)
        return messages

    def persist(self) -> None:
        """Save the trained model in the model storage."""
        save_object(self._model_storage, self._resource, _FILE, self.model)

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> TopicClassifier:
        """Load a trained classifier (an untrained one if nothing was saved)."""
        model = load_object(model_storage, resource, _FILE)
        if model is None:
            logger.warning("No trained topic model found; the classifier predicts nothing.")
        return cls(config, model_storage, resource, model)
