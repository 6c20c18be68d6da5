import pytest

from bot.content.compiler import build
from bot.content.contract import Contract
from bot.content.loader import Content
from bot.content.replies import Replies, intent_payload
from bot.settings import ROOT


@pytest.fixture(scope="module")
def replies(
    tmp_path_factory: pytest.TempPathFactory, content: Content, contract: Contract
) -> Replies:
    result = build(content, contract, ROOT, tmp_path_factory.mktemp("build"))
    return Replies.load(result.responses)


def test_answer_has_messages_then_follow_up_buttons(replies: Replies, content: Content) -> None:
    answer = replies.answer("recruitment_fees", "en", "PK")
    expected = content.topics["recruitment_fees"].translations["en"].answer
    assert len(answer) == len(expected)
    assert answer[-1].buttons
    assert [b.payload for b in answer[-1].buttons] == [
        f"/{topic}" for topic in content.topics["recruitment_fees"].follow_ups
    ]
    assert all(len(reply.text) <= 700 + 400 for reply in answer)


def test_centre_placeholder_is_filled_for_the_country(replies: Replies) -> None:
    text = replies.answer("mrc_contact", "en", "BD")[-1].text
    assert "{centre}" not in text
    assert "Migrant Resource Centre, Bangladesh (example)" in text
    assert "examples only" in text


def test_centre_placeholder_without_country_asks_for_it(replies: Replies) -> None:
    text = replies.answer("mrc_contact", "en", None)[-1].text
    assert "Choose your country" in text
    assert "(example)" not in text


def test_urgent_topics_lead_with_hotlines(replies: Replies) -> None:
    first = replies.answer("trafficking_victim_help", "en", "IQ")[0].text
    assert "Anti-trafficking hotline (example)" in first
    # Without a country, every country's numbers are shown rather than none.
    first = replies.answer("emergency_help", "en", None)[0].text
    assert first.count("Police (example)") == len(replies.countries)


def test_menu_group_and_language_buttons(replies: Replies, contract: Contract) -> None:
    menu = replies.menu("en")
    assert [b.payload for b in menu.buttons] == [
        *(intent_payload("choose_group", group=g) for g in contract.groups),
        "/change_language",
    ]
    group = replies.group("mrc", "en")
    assert [b.payload for b in group.buttons] == [f"/{t.id}" for t in contract.topics_in("mrc")]
    assert replies.language_menu("en").buttons[0].payload == '/set_language{"language":"en"}'


def test_unknown_language_falls_back_to_default(replies: Replies) -> None:
    assert replies.language("xx") == "en"
    assert replies.text("goodbye", "xx").startswith("Goodbye")


def test_feedback_question_has_yes_and_no(replies: Replies) -> None:
    question = replies.feedback_question("en")
    assert [b.payload for b in question.buttons] == [
        '/feedback{"helpful":"yes"}',
        '/feedback{"helpful":"no"}',
    ]


def test_payload_keeps_non_latin_text() -> None:
    assert intent_payload("set_language", language="فا") == '/set_language{"language":"فا"}'
