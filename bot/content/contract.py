"""The contract of topic ids, languages and countries in `shared/topics.yml`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

__all__ = ["CONVERSATION_LABELS", "SPECIAL_LABELS", "Contract", "Topic", "load_contract"]

# Labels that are not content topics but that the model recognises (see topics.yml).
SPECIAL_LABELS = ("handoff", "out_of_scope")
CONVERSATION_LABELS = (
    "greet",
    "goodbye",
    "thanks",
    "bot_challenge",
    "affirm",
    "deny",
    "change_language",
    "feedback",
    "menu",
)


@dataclass(frozen=True)
class Topic:
    """One topic of the contract."""

    id: str
    group: str
    about: str
    urgent: bool = False


@dataclass(frozen=True)
class Contract:
    """Topic ids, required languages and countries served."""

    topics: dict[str, Topic]
    required_languages: dict[str, str]
    next_languages: dict[str, str]
    countries: dict[str, str]

    @property
    def groups(self) -> list[str]:
        """Topic groups in the order they first appear."""
        return list(dict.fromkeys(topic.group for topic in self.topics.values()))

    @property
    def labels(self) -> list[str]:
        """Every label the classifier may predict that the evaluation scores."""
        return [*self.topics, *SPECIAL_LABELS]

    def topics_in(self, group: str) -> list[Topic]:
        """The topics of one group, in contract order."""
        return [topic for topic in self.topics.values() if topic.group == group]


def load_contract(path: Path) -> Contract:
    """Read `topics.yml`."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    topics = {
        topic_id: Topic(
            id=topic_id,
            group=str(spec["group"]),
            about=str(spec.get("about", "")),
            urgent=bool(spec.get("urgent", False)),
        )
        for topic_id, spec in data["topics"].items()
    }
    return Contract(
        topics=topics,
        required_languages=dict(data["required_languages"]),
        next_languages=dict(data.get("next_languages") or {}),
        countries=dict(data["countries_served"]),
    )
