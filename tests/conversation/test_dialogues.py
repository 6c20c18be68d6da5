"""Whole dialogues against the trained model and the real action server."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bot.content.contract import Contract
from bot.content.loader import Content
from bot.privacy.pseudonym import is_pseudonym, pseudonymise
from bot.store.db import session_scope
from bot.store.models import QueryLog
from bot.store.querylog import QueryLogStore
from bot.store.tickets import TicketStore

pytestmark = pytest.mark.model

_senders = itertools.count()


class Chat:
    """One person talking to the assistant."""

    def __init__(self, agent: Any) -> None:
        self.agent = agent
        self.sender = f"tester-{next(_senders)}"

    async def say(self, text: str) -> list[dict[str, Any]]:
        return list(await self.agent.handle_text(text, sender_id=self.sender) or [])


def texts(replies: list[dict[str, Any]]) -> list[str]:
    return [reply.get("text", "") for reply in replies]


def answer_start(content: Content, topic: str) -> str:
    return content.topics[topic].translations["en"].answer[0].split("{")[0].strip()[:60]


async def test_greeting_explains_and_shows_the_menu(agent: Any, contract: Contract) -> None:
    replies = await Chat(agent).say("hello")
    assert "Migrant Resource Centre's assistant" in replies[0]["text"]
    assert "cannot judge your personal case" in replies[1]["text"]
    assert [b["payload"] for b in replies[-1]["buttons"]] == [
        *(f'/choose_group{{"group":"{group}"}}' for group in contract.groups),
        "/change_language",
    ]


async def test_job_offer_question_gets_the_vetted_answer(agent: Any, content: Content) -> None:
    replies = await Chat(agent).say("is my job offer from dubai real?")
    starts = {answer_start(content, t) for t in ("job_scams", "recruitment_agencies")}
    assert any(replies[0]["text"].startswith(start) for start in starts)
    assert replies[-1]["text"] == "Was this answer helpful?"


async def test_every_topic_button_gives_its_answer(
    agent: Any, content: Content, contract: Contract
) -> None:
    chat = Chat(agent)
    for topic in contract.topics:
        replies = await chat.say(f"/{topic}")
        joined = "\n".join(texts(replies))
        assert answer_start(content, topic) in joined, topic


@pytest.mark.parametrize(
    ("message", "topic"),
    [
        ("how can i know the agency has a licence", "recruitment_agencies"),
        ("who should pay the recruitment fee, me or the company", "recruitment_fees"),
        ("smugglers want to take me to europe by boat is it safe", "smuggling_dangers"),
        ("my visa finished but i still work here", "overstaying"),
        ("my brother is missing on the way to turkey", "missing_migrant"),
        ("how do i send money home cheap", "remittances"),
        ("what happens to my data", "data_privacy"),
    ],
)
async def test_typed_questions_reach_their_topic(
    agent: Any, content: Content, message: str, topic: str
) -> None:
    replies = await Chat(agent).say(message)
    assert answer_start(content, topic) in "\n".join(texts(replies))


async def test_urgent_message_leads_with_emergency_guidance(agent: Any) -> None:
    replies = await Chat(agent).say("they locked us in the factory and took our passports")
    assert "hotline" in replies[0]["text"].lower()
    assert "Police (example)" in replies[0]["text"]
    assert replies[-1]["buttons"][0]["payload"] == '/handoff_consent{"consent":"yes"}'


async def test_country_is_asked_then_used(agent: Any) -> None:
    chat = Chat(agent)
    replies = await chat.say("where is the centre office and when is it open")
    assert any(r.get("text", "").startswith("Which country are you in?") for r in replies)
    replies = await chat.say('/set_country{"country":"LK"}')
    assert "Migrant Resource Centre, Sri Lanka (example)" in replies[1]["text"]
    replies = await chat.say("/mrc_contact")
    joined = "\n".join(texts(replies))
    assert "Migrant Resource Centre, Sri Lanka (example)" in joined
    assert "Which country are you in?" not in joined


async def test_two_misses_offer_a_counsellor(agent: Any) -> None:
    candidates = ["?", "...", "and then?", "so what now", "it is about my cousin", "\U0001f642"]
    misses = [
        text
        for text in candidates
        if (await agent.parse_message(text))["intent"]["name"] == "nlu_fallback"
    ]
    assert len(misses) >= 3, "the model should not be sure of these"
    chat = Chat(agent)
    first = await chat.say(misses[0])
    assert first[0]["text"].startswith("Sorry, I did not understand")
    second = await chat.say(misses[1])
    assert second[0]["text"].startswith("Sorry, I still did not understand")
    assert second[1]["text"].startswith("I can pass your question to a counsellor")
    assert [b["payload"] for b in second[2]["buttons"]] == [
        '/handoff_consent{"consent":"yes"}',
        '/handoff_consent{"consent":"no"}',
    ]
    third = await chat.say(misses[2])
    assert third[0]["text"].startswith("Sorry, I did not understand")


async def test_out_of_scope_is_refused_politely(agent: Any) -> None:
    replies = await Chat(agent).say("who won the cricket match yesterday")
    assert replies[0]["text"].startswith("Sorry, I can only help with questions about migration")
    assert replies[-1]["buttons"]


async def test_feedback_buttons_and_typed_yes(agent: Any) -> None:
    chat = Chat(agent)
    await chat.say("/remittances")
    replies = await chat.say('/feedback{"helpful":"no"}')
    assert replies[0]["text"].startswith("Thank you for telling us")
    assert replies[0]["buttons"][0]["payload"] == "/handoff"
    await chat.say("/job_scams")
    assert (await chat.say("yes"))[0]["text"].startswith("Thank you!")
    assert (await chat.say("yes"))[0]["text"].startswith("Okay. Ask me a question")


async def test_counsellor_bot_challenge_thanks_goodbye(agent: Any) -> None:
    chat = Chat(agent)
    offer = await chat.say("i want to talk to a real person")
    assert offer[0]["text"].startswith("I can pass your question to a counsellor")
    assert "within 2 working days (example)" in offer[0]["text"]
    declined = await chat.say('/handoff_consent{"consent":"no"}')
    assert declined[0]["text"].startswith("That is fine.")
    assert "automatic assistant" in (await chat.say("are you a bot"))[0]["text"]
    assert (await chat.say("thank you so much"))[0]["text"].startswith("You are welcome")
    assert (await chat.say("bye"))[0]["text"].startswith("Goodbye")


async def test_unknown_button_payloads_are_answered(agent: Any) -> None:
    chat = Chat(agent)
    replies = await chat.say('/choose_group{"group":"nonsense"}')
    assert replies[0]["text"].startswith("Choose a subject")
    replies = await chat.say('/set_country{"country":"FR"}')
    assert replies[0]["text"].startswith("Which country are you in?")


async def test_answers_and_feedback_are_logged_under_a_pseudonym(
    agent: Any, action_data_dir: Path
) -> None:
    chat = Chat(agent)
    await chat.say("/costs_and_debt")
    await chat.say('/feedback{"helpful":"no"}')
    await chat.say("who won the cricket match yesterday")
    store = QueryLogStore(f"sqlite:///{action_data_dir / 'mrcbot.db'}")
    key = (action_data_dir / "secret.key").read_bytes()
    with session_scope(store.url) as session:
        rows = session.execute(select(QueryLog).order_by(QueryLog.id)).scalars().all()
        assert all(is_pseudonym(r.pseudonym) for r in rows)
        assert chat.sender not in {r.pseudonym for r in rows}
        mine = [
            (r.label, r.answered, r.feedback)
            for r in rows
            if r.pseudonym == pseudonymise(chat.sender, key)
        ]
    assert mine == [("costs_and_debt", True, "unhelpful"), ("out_of_scope", False, None)]


LANGUAGES = ["en", "fa", "ps", "ur", "bn", "ar", "ru"]


def plain(text: str) -> str:
    return text.replace("\u200f", "")


@pytest.mark.parametrize("language", LANGUAGES)
async def test_a_conversation_stays_in_the_persons_language(
    agent: Any, content: Content, language: str
) -> None:
    texts_of = content.conversation[language].texts
    translation = content.topics["remittances"].translations[language]
    chat = Chat(agent)

    replies = await chat.say(translation.examples[0])
    assert plain(replies[0]["text"]).startswith(translation.answer[0].split("\n")[0][:40])
    follow_up = content.topics["remittances"].follow_ups[0]
    titles = {plain(b["title"]) for r in replies for b in r.get("buttons", [])}
    assert content.topics[follow_up].translations[language].label in titles
    assert plain(replies[-1]["text"]) == texts_of["feedback_question"]

    # Too short to tell: the conversation keeps its language.
    replies = await chat.say("\U0001f642")
    assert plain(replies[0]["text"]) == texts_of["fallback_rephrase"].strip()

    replies = await chat.say("/menu")
    assert plain(replies[0]["buttons"][0]["title"]) == texts_of["group_legal"]
    if language in {"fa", "ps", "ur", "ar"}:
        assert all(line.startswith("\u200f") for line in replies[0]["text"].split("\n"))


async def test_roman_urdu_is_answered_in_urdu(agent: Any, content: Content) -> None:
    translation = content.topics["recruitment_agencies"].translations["ur"]
    replies = await Chat(agent).say(translation.romanized_examples[0])
    assert plain(replies[0]["text"]).startswith(translation.answer[0].split("\n")[0][:40])


async def test_language_can_be_changed_by_button_and_then_sticks(
    agent: Any, content: Content
) -> None:
    chat = Chat(agent)
    replies = await chat.say("change the language")
    payloads = [b["payload"] for b in replies[0]["buttons"]]
    assert payloads == [f'/set_language{{"language":"{code}"}}' for code in LANGUAGES]
    replies = await chat.say('/set_language{"language":"ps"}')
    assert plain(replies[0]["text"]) == content.conversation["ps"].texts["language_set"]
    replies = await chat.say("ok")
    assert plain(replies[0]["text"]) in {
        content.conversation["ps"].texts[key].strip()
        for key in ("yes_no_without_question", "fallback_rephrase")
    }


async def test_code_mixed_dari_is_answered_in_dari(agent: Any, content: Content) -> None:
    replies = await Chat(agent).say("ده WhatsApp یک job offer از Dubai آمده، fake اس یا نه؟")
    dari = content.topics["job_scams"].translations["fa"].answer[0].split("\n")[0][:40]
    assert plain(replies[0]["text"]).startswith(dari)


@pytest.mark.parametrize("language", LANGUAGES)
async def test_handoff_with_consent_opens_a_ticket(
    agent: Any, content: Content, action_data_dir: Path, language: str
) -> None:
    texts_of = content.conversation[language].texts
    chat = Chat(agent)
    await chat.say(f'/set_language{{"language":"{language}"}}')
    await chat.say(content.topics["job_scams"].translations[language].examples[0])
    offer = await chat.say("/handoff")
    assert plain(offer[0]["text"]).startswith(texts_of["handoff_explain"].split("{")[0].strip())
    assert plain(offer[1]["text"]) == texts_of["handoff_consent_question"]

    created = await chat.say('/handoff_consent{"consent":"yes"}')
    assert plain(created[0]["text"]) == texts_of["handoff_created"].strip()
    store = TicketStore(f"sqlite:///{action_data_dir / 'mrcbot.db'}", create=False)
    key = (action_data_dir / "secret.key").read_bytes()
    ticket = store.open_for(pseudonymise(chat.sender, key))
    assert ticket is not None
    assert (ticket.language, ticket.topic, ticket.urgent) == (language, "job_scams", False)

    follow_up = content.topics["recruitment_fees"].translations[language].examples[1]
    await chat.say(f"{follow_up} 0300 1234567")
    again = await chat.say("/handoff")
    assert plain(again[0]["text"]) == texts_of["handoff_already_open"].strip()
    _, entries = store.get(ticket.id)
    authors = [e.author for e in entries]
    assert "bot" in authors and authors.count("person") >= 2
    assert entries[-1].author == "person"
    assert "<PHONE>" in entries[-1].text and "0300" not in entries[-1].text

    cancelled = await chat.say("/handoff_cancel")
    assert plain(cancelled[0]["text"]) == texts_of["handoff_cancelled"]
    assert store.open_for(pseudonymise(chat.sender, key)) is None


async def test_urgent_consent_by_typing_yes_flags_the_ticket(
    agent: Any, action_data_dir: Path
) -> None:
    chat = Chat(agent)
    await chat.say("they locked us in the factory and took our passports")
    replies = await chat.say("yes")
    assert replies[0]["text"].startswith("Your request has been sent to a counsellor")
    assert any("marked urgent" in r.get("text", "") for r in replies)
    store = TicketStore(f"sqlite:///{action_data_dir / 'mrcbot.db'}", create=False)
    key = (action_data_dir / "secret.key").read_bytes()
    ticket = store.open_for(pseudonymise(chat.sender, key))
    assert ticket is not None and ticket.urgent
    assert store.queue()[0].urgent


async def test_asking_for_a_language_by_name_switches_to_it(agent: Any, content: Content) -> None:
    replies = await Chat(agent).say("please speak russian")
    assert replies[0]["text"] == content.conversation["ru"].texts["language_set"]
