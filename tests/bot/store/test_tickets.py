import datetime as dt

import pytest

from bot.store.models import utcnow
from bot.store.staff import StaffStore
from bot.store.tickets import TicketError, TicketStore


def open_ticket(store: TicketStore, pseudonym: str, urgent: bool = False) -> int:
    return store.create(
        pseudonym=pseudonym,
        channel="telegram",
        language="fa",
        country="AF",
        topic="trafficking_victim_help" if urgent else "job_scams",
        urgent=urgent,
        transcript=[("person", "my name is Ahmed, call 0799123456"), ("bot", "Vetted answer.")],
        reply_address="encrypted-address",
    )


def test_ticket_lifecycle(database_url: str) -> None:
    store = TicketStore(database_url)
    staff = StaffStore(database_url, create=False).add_user(
        "leila", "a long enough password", "counsellor", "Leila"
    )
    first = open_ticket(store, "p_a")
    urgent = open_ticket(store, "p_b", urgent=True)
    assert [t.id for t in store.queue()] == [urgent, first]
    assert [t.id for t in store.queue(language="ps")] == []
    assert store.open_for("p_a") is not None

    store.add_person_message(first, "my passport is AB1234567")
    store.claim(first, staff)
    store.reply(first, staff, "Hello, I am Leila from the centre.")
    store.note(first, staff, "check the agency licence")
    ticket, entries = store.get(first)
    assert ticket.status == "claimed" and ticket.claimed_by == staff
    assert [e.author for e in entries] == ["person", "bot", "person", "counsellor", "note"]
    texts = " ".join(e.text for e in entries)
    assert "Ahmed" not in texts and "0799123456" not in texts and "AB1234567" not in texts
    assert entries[3].staff_name == "Leila"

    assert store.reply_address(first) == "encrypted-address"
    store.resolve(first, staff, "referred to the labour office")
    assert store.reply_address(first) is None
    assert store.open_for("p_a") is None
    with pytest.raises(TicketError, match="resolved"):
        store.reply(first, staff, "too late")
    store.cancel(urgent)
    assert store.queue() == []


def test_erase_and_purge(database_url: str) -> None:
    store = TicketStore(database_url)
    first = open_ticket(store, "p_a")
    open_ticket(store, "p_b")
    assert store.erase("p_a") == 3  # the ticket and its two transcript lines
    with pytest.raises(TicketError):
        store.get(first)
    store.cancel(store.queue()[0].id)
    assert store.purge(utcnow() - dt.timedelta(days=1)) == 0
    assert store.purge(utcnow() + dt.timedelta(seconds=1)) == 1


def test_staff_users_sessions_and_audit(database_url: str) -> None:
    staff = StaffStore(database_url)
    user_id = staff.add_user("sam", "correct horse battery", "editor", "Sam")
    with pytest.raises(ValueError, match="already exists"):
        staff.add_user("sam", "correct horse battery", "editor")
    with pytest.raises(ValueError, match="role"):
        staff.add_user("kim", "correct horse battery", "boss")
    with pytest.raises(ValueError, match="at least"):
        staff.add_user("kim", "short", "admin")
    assert staff.authenticate("sam", "wrong password") is None
    assert staff.authenticate("nobody", "correct horse battery") is None
    user = staff.authenticate("sam", "correct horse battery")
    assert user is not None and user.role == "editor"

    token, csrf = staff.start_session(user_id, dt.timedelta(minutes=30))
    found = staff.session_user(token)
    assert found is not None and found[0].username == "sam" and found[1] == csrf
    assert staff.session_user("forged") is None
    expired, _ = staff.start_session(user_id, dt.timedelta(seconds=-1))
    assert staff.session_user(expired) is None
    staff.set_active(user_id, False)
    assert staff.session_user(token) is None
    assert staff.authenticate("sam", "correct horse battery") is None

    staff.audit(user_id, "view_ticket", 7, "transcript")
    assert [(r.user, r.action, r.ticket_id) for r in staff.audit_log()] == [
        ("sam", "view_ticket", 7)
    ]
