"""Saving and loading the trained objects of the project's Rasa components."""

from __future__ import annotations

import pickle
from typing import Any

from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage

__all__ = ["load_object", "save_object"]


def save_object(model_storage: ModelStorage, resource: Resource, name: str, value: Any) -> None:
    """Pickle a trained object into the component's part of the model."""
    with model_storage.write_to(resource) as directory, (directory / name).open("wb") as handle:
        pickle.dump(value, handle)


def load_object(model_storage: ModelStorage, resource: Resource, name: str) -> Any | None:
    """The object `save_object` stored, or None if the model holds none."""
    try:
        with model_storage.read_from(resource) as directory, (directory / name).open("rb") as f:
            return pickle.load(f)
    except (ValueError, FileNotFoundError):
        return None
