from pathlib import Path

import pytest
import yaml

from bot.content.contract import Contract
from bot.content.loader import Content, check_content, load_content
from bot.settings import ROOT

GOOD_TOPIC = {
    "id": "job_scams",
    "follow_ups": ["recruitment_agencies"],
    "sources": [
        {
            "organisation": "International Labour Organization (ILO)",
            "title": "Fair Recruitment Initiative",
            "url": "https://www.ilo.org/topics-and-sectors/fair-recruitment/fair-recruitment-initiative",
        }
    ],
    "translations": {
        "en": {
            "review": {
                "status": "approved",
                "reviewer_role": "MRC counsellor",
                "reviewed": "2026-11-25",
                "review_due": "2027-05-25",
            },
            "label": "Fake job offers",
            "answer": ["A real work visa is given only by the destination country.\n{centre}"],
            "examples": ["is this job offer fake", "free visa from agent real?"],
        }
    },
}


def write_tree(root: Path, topic: dict[str, object] | str) -> Path:
    (root / "topics").mkdir(parents=True)
    (root / "conversation").mkdir()
    text = topic if isinstance(topic, str) else yaml.safe_dump(topic, allow_unicode=True)
    (root / "topics" / "job_scams.yml").write_text(text, encoding="utf-8")
    for name in ("conversation/en.yml", "centres.yml"):
        (root / name).write_text((ROOT / "content" / name).read_text(encoding="utf-8"))
    return root


def problems_of(tmp_path: Path, topic: dict[str, object] | str) -> list[str]:
    _, problems = load_content(write_tree(tmp_path / "content", topic))
    return [str(problem) for problem in problems]


def broken(**changes: object) -> dict[str, object]:
    topic = yaml.safe_load(yaml.safe_dump(GOOD_TOPIC))
    translation = topic["translations"]["en"]
    for key, value in changes.items():
        if key in translation:
            translation[key] = value
        elif key in translation["review"]:
            translation["review"][key] = value
        else:
            topic[key] = value
    return topic


def test_good_file_loads(tmp_path: Path) -> None:
    content, problems = load_content(write_tree(tmp_path / "content", GOOD_TOPIC))
    assert problems == []
    assert content.translation("job_scams", "en") is not None


@pytest.mark.parametrize(
    ("changes", "field", "fix"),
    [
        ({"answer": ["x" * 701]}, "translations.en.answer", "split it into two messages"),
        ({"answer": []}, "translations.en.answer", "give 1 to 4 messages"),
        ({"answer": ["Call {phone} now"]}, "translations.en.answer", "unknown placeholder {phone}"),
        ({"label": "x" * 40}, "translations.en.label", "at most 32 characters"),
        ({"status": "published"}, "translations.en.review.status", "'draft', 'approved'"),
        ({"review_due": "2026-01-01"}, "translations.en.review.review_due", "later than"),
        ({"sources": []}, "sources", "at least 1 items"),
        (
            {"url": None, "sources": [{"organisation": "ILO", "title": "Home", "url": "ilo.org"}]},
            "sources.0.url",
            "https://",
        ),
        ({"examples": ["same", "Same"]}, "translations.en.examples", "listed twice"),
        ({"colour": "blue"}, "colour", "not a known field"),
    ],
)
def test_broken_file_names_field_and_fix(
    tmp_path: Path, changes: dict[str, object], field: str, fix: str
) -> None:
    changes = {k: v for k, v in changes.items() if v is not None}
    problems = problems_of(tmp_path, broken(**changes))
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"content/topics/job_scams.yml: {field}: ")
    assert fix in problems[0]


def test_missing_field_is_named(tmp_path: Path) -> None:
    topic = broken()
    del topic["translations"]["en"]["label"]
    assert problems_of(tmp_path, topic) == [
        "content/topics/job_scams.yml: translations.en.label: "
        "is missing: add it (see content/README.md)"
    ]


def test_invalid_yaml_names_the_line(tmp_path: Path) -> None:
    problems = problems_of(tmp_path, "id: job_scams\nsources: [\n  - broken: : :\n")
    assert len(problems) == 1
    assert "content/topics/job_scams.yml: line" in problems[0]
    assert "not valid YAML" in problems[0]


def test_file_name_must_match_id(tmp_path: Path) -> None:
    problems = problems_of(tmp_path, broken(id="fake_jobs"))
    assert problems == [
        "content/topics/job_scams.yml: id: is 'fake_jobs': rename the file to fake_jobs.yml"
    ]


def test_check_requires_every_topic_approved_with_examples(
    tmp_path: Path, contract: Contract
) -> None:
    content, _ = load_content(write_tree(tmp_path / "content", broken(status="draft")))
    problems = [str(p) for p in check_content(content, contract, ["en"])]
    assert (
        "content/topics/job_scams.yml: translations.en.review.status: "
        "is draft: review and approve it" in problems
    )
    assert any("job_scams.yml: translations.en.examples: has 2 examples" in p for p in problems)
    assert "content/topics/legal_pathways.yml: is missing: every topic id needs a file" in problems


def test_check_requires_every_language(content: Content, contract: Contract) -> None:
    problems = [str(p) for p in check_content(content, contract, ["en", "xx"])]
    assert "content/conversation/xx.yml: is missing: translate conversation/en.yml" in problems
    assert "content/topics/job_scams.yml: translations.xx: is missing: write it" in problems


def test_shipped_content_is_complete_in_english(content: Content, contract: Contract) -> None:
    assert check_content(content, contract, ["en"]) == []
    for topic_id in contract.topics:
        translation = content.translation(topic_id, "en")
        assert translation is not None and len(translation.examples) >= 15, topic_id


def test_shipped_centres_are_marked_as_examples(content: Content, contract: Contract) -> None:
    assert content.centres is not None
    assert set(content.centres.countries) == set(contract.countries)
    assert all(country.example for country in content.centres.countries.values())


def test_left_over_english_in_other_languages_is_an_error(
    content: Content, contract: Contract
) -> None:
    topic = content.topics["remittances"].copy(deep=True)
    translation = topic.translations["fa"]
    translation.answer = [*translation.answer[:-1], translation.answer[-1] + " Please send money."]
    translation.label = "IOM و EU Blue Card"
    patched = Content(
        root=content.root,
        topics={**content.topics, "remittances": topic},
        conversation=content.conversation,
        centres=content.centres,
        keep_in_latin=content.keep_in_latin,
    )
    problems = [str(p) for p in check_content(patched, contract)]
    last = len(translation.answer) - 1
    assert problems == [
        f"content/topics/remittances.yml: translations.fa.answer.{last}: has left-over English"
        " (Please, money, send): translate it, or add the term to content/glossary.yml if"
        " people need it in Latin letters"
    ]
