"""Loading and checking content files; every problem names the file, the field and the fix."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from bot.content.contract import Contract
from bot.content.schema import CentresFile, ConversationFile, TopicFile, Translation

__all__ = [
    "MIN_EXAMPLES",
    "MIN_ROMANIZED_EXAMPLES",
    "Content",
    "ContentError",
    "ContentProblem",
    "check_content",
    "load_content",
]

# Example questions each language needs per topic before the topic counts as covered.
MIN_EXAMPLES = {"en": 15}
MIN_EXAMPLES_DEFAULT = 12
# Languages also written in Latin letters, and the examples each needs in that form.
MIN_ROMANIZED_EXAMPLES = {"ur": 8}

_Model = TypeVar("_Model", bound=BaseModel)


@dataclass(frozen=True)
class ContentProblem:
    """One problem in one content file."""

    file: str
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}: {self.field}" if self.field else self.file
        return f"{where}: {self.message}"


class ContentError(Exception):
    """Content that cannot be served; `problems` lists each one."""

    def __init__(self, problems: list[ContentProblem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


@dataclass
class Content:
    """Every content file, parsed and validated."""

    root: Path
    topics: dict[str, TopicFile] = field(default_factory=dict)
    conversation: dict[str, ConversationFile] = field(default_factory=dict)
    centres: CentresFile | None = None
    keep_in_latin: list[str] = field(default_factory=list)

    def translation(self, topic_id: str, language: str) -> Translation | None:
        """The approved translation of a topic in a language, if there is one."""
        topic = self.topics.get(topic_id)
        translation = topic.translations.get(language) if topic else None
        if translation is None or translation.review.status != "approved":
            return None
        return translation

    def languages(self) -> list[str]:
        """Languages that have conversation texts."""
        return sorted(self.conversation)


def _relative(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)


def _parse(
    path: Path, model: type[_Model], root: Path, problems: list[ContentProblem]
) -> _Model | None:
    name = _relative(path, root)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f"line {mark.line + 1}" if mark is not None else ""
        problems.append(
            ContentProblem(
                name, line, f"is not valid YAML ({error}); check quotes and indentation there"
            )
        )
        return None
    except UnicodeDecodeError:
        problems.append(ContentProblem(name, "", "is not UTF-8 text: save it as UTF-8"))
        return None
    if not isinstance(data, dict):
        problems.append(ContentProblem(name, "", "must be a YAML mapping (key: value lines)"))
        return None
    try:
        return model.parse_obj(data)
    except ValidationError as error:
        for item in error.errors():
            where = ".".join(str(part) for part in item["loc"])
            message = item["msg"]
            if item["type"] == "value_error.missing":
                message = "is missing: add it (see content/README.md)"
            elif item["type"] == "value_error.extra":
                message = "is not a known field: remove it or fix its spelling"
            problems.append(ContentProblem(name, where, message))
        return None


def load_content(
    root: Path, centres_file: Path | None = None
) -> tuple[Content, list[ContentProblem]]:
    """Parse every content file under `root`; return what parsed and the problems found."""
    problems: list[ContentProblem] = []
    content = Content(root=root)
    for path in sorted((root / "topics").glob("*.yml")):
        topic = _parse(path, TopicFile, root, problems)
        if topic is None:
            continue
        if topic.id != path.stem:
            problems.append(
                ContentProblem(
                    _relative(path, root),
                    "id",
                    f"is {topic.id!r}: rename the file to {topic.id}.yml",
                )
            )
            continue
        content.topics[topic.id] = topic
    for path in sorted((root / "conversation").glob("*.yml")):
        conversation = _parse(path, ConversationFile, root, problems)
        if conversation is None:
            continue
        if conversation.language != path.stem:
            problems.append(
                ContentProblem(
                    _relative(path, root),
                    "language",
                    f"is {conversation.language!r}: it must match the file name {path.stem!r}",
                )
            )
            continue
        content.conversation[conversation.language] = conversation
    glossary = root / "glossary.yml"
    if glossary.exists():
        data = yaml.safe_load(glossary.read_text(encoding="utf-8")) or {}
        content.keep_in_latin = [str(term) for term in data.get("keep_in_latin") or []]
    centres_path = centres_file or root / "centres.yml"
    if centres_path.exists():
        content.centres = _parse(centres_path, CentresFile, root, problems)
    else:
        problems.append(
            ContentProblem(
                str(centres_path), "", "is missing: copy content/centres.yml and fill it"
            )
        )
    return content, problems


def check_content(
    content: Content, contract: Contract, languages: list[str] | None = None
) -> list[ContentProblem]:
    """Check content against the contract: every topic in every language, approved."""
    problems: list[ContentProblem] = []
    wanted = languages if languages is not None else list(contract.required_languages)
    for topic_id in contract.topics:
        file = f"content/topics/{topic_id}.yml"
        topic = content.topics.get(topic_id)
        if topic is None:
            problems.append(ContentProblem(file, "", "is missing: every topic id needs a file"))
            continue
        for follow_up in topic.follow_ups:
            if follow_up not in contract.topics or follow_up == topic_id:
                problems.append(
                    ContentProblem(
                        file, "follow_ups", f"{follow_up!r} is not another topic id of topics.yml"
                    )
                )
        for language in wanted:
            translation = topic.translations.get(language)
            field_name = f"translations.{language}"
            if translation is None:
                problems.append(ContentProblem(file, field_name, "is missing: write it"))
                continue
            if translation.review.status != "approved":
                problems.append(
                    ContentProblem(
                        file, f"{field_name}.review.status", "is draft: review and approve it"
                    )
                )
            minimum = MIN_EXAMPLES.get(language, MIN_EXAMPLES_DEFAULT)
            if len(translation.examples) < minimum:
                problems.append(
                    ContentProblem(
                        file,
                        f"{field_name}.examples",
                        f"has {len(translation.examples)} examples; add at least"
                        f" {minimum - len(translation.examples)} more",
                    )
                )
            romanized = MIN_ROMANIZED_EXAMPLES.get(language, 0)
            if len(translation.romanized_examples) < romanized:
                problems.append(
                    ContentProblem(
                        file,
                        f"{field_name}.romanized_examples",
                        f"has {len(translation.romanized_examples)} examples in Latin letters;"
                        f" add at least {romanized - len(translation.romanized_examples)} more",
                    )
                )
            if language != "en":
                problems.extend(_left_over_english(file, field_name, translation, content))
            for country in translation.answer_by_country:
                if country not in contract.countries:
                    problems.append(
                        ContentProblem(
                            file,
                            f"{field_name}.answer_by_country.{country}",
                            "is not a country code of countries_served in topics.yml",
                        )
                    )
    for topic_id in content.topics:
        if topic_id not in contract.topics:
            problems.append(
                ContentProblem(
                    f"content/topics/{topic_id}.yml", "id", "is not a topic id of topics.yml"
                )
            )
    problems.extend(_check_conversation(content, wanted))
    problems.extend(_check_centres(content, contract))
    return problems


_ACRONYM = re.compile(r"(?<![A-Za-z])[A-Z][A-Z&]{1,5}(?![A-Za-z])-?")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def _left_over_english(
    file: str, field_name: str, translation: Translation, content: Content
) -> list[ContentProblem]:
    """Latin-letter words in a non-English answer that are not acronyms or kept names."""
    problems = []
    texts = {
        "label": translation.label,
        **{f"answer.{i}": t for i, t in enumerate(translation.answer)},
    }
    for where, text in texts.items():
        text = re.sub(r"\{[a-z_]+\}", " ", text)
        for term in content.keep_in_latin:
            text = text.replace(term, " ")
        text = _ACRONYM.sub(" ", text)
        words = sorted(set(_LATIN_WORD.findall(text)))
        if words:
            problems.append(
                ContentProblem(
                    file,
                    f"{field_name}.{where}",
                    f"has left-over English ({', '.join(words)}): translate it, or add the"
                    " term to content/glossary.yml if people need it in Latin letters",
                )
            )
    return problems


def _check_conversation(content: Content, languages: list[str]) -> list[ContentProblem]:
    problems: list[ContentProblem] = []
    reference = content.conversation.get("en")
    keys = set(reference.texts) if reference else set()
    for language in languages:
        file = f"content/conversation/{language}.yml"
        conversation = content.conversation.get(language)
        if conversation is None:
            problems.append(ContentProblem(file, "", "is missing: translate conversation/en.yml"))
            continue
        if conversation.review.status != "approved":
            problems.append(
                ContentProblem(file, "review.status", "is draft: review and approve it")
            )
        for key in sorted(keys - set(conversation.texts)):
            problems.append(ContentProblem(file, f"texts.{key}", "is missing: translate it"))
        for key in sorted(set(conversation.texts) - keys):
            problems.append(
                ContentProblem(file, f"texts.{key}", "is not in conversation/en.yml: remove it")
            )
    return problems


def _check_centres(content: Content, contract: Contract) -> list[ContentProblem]:
    if content.centres is None:
        return []
    return [
        ContentProblem(
            "content/centres.yml", f"countries.{country}", "is missing: add the centre's contacts"
        )
        for country in contract.countries
        if country not in content.centres.countries
    ]
