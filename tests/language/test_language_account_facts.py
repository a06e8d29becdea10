"""Facts about one account or person asked in plain words (issue 16, class 3): over Slack (@mention, DM,
a thread follow-up) and at the console, the answer holds the number, person or notes asked for, and
never another workspace's rows."""
from __future__ import annotations

import json
from datetime import date, datetime, timezone

import pytest
from sqlmodel import Session

from bot.console import ChatSession, answer_line
from kam_domain.models import Account, Action, AuditEntry, Note, Stakeholder
from lang_app import language_container
from lang_store import seed_language_store
from support import signing
from support.builders import add_financials

pytestmark = pytest.mark.slow
WAIT = 60.0
QUARTERS = [("2024-Q4", 80_000, 60_000), ("2025-Q1", 90_000, 61_000), ("2025-Q2", 95_000, 62_000),
            ("2025-Q3", 97_000, 70_000), ("2025-Q4", 100_000, 71_000), ("2026-Q1", 120_000, 80_000),
            ("2026-Q2", 125_000, 85_000), ("2026-Q3", 131_000, 90_000)]
BETA_REVENUE = 7_777_777


def _note(session, account_id, team, day, author, body):
    session.add(Note(team_id=team, account_id=account_id, written_on=day, author=author, body=body,
                     content_hash=f"{account_id}-{day}-{author}-{len(body)}"))


def seed_facts(engine, store) -> None:
    """Money, a reports-to link, notes, an action and an audited change on top of the language store."""
    a = store.accounts
    with Session(engine) as session:
        add_financials(session, session.get(Account, a["borealis"]), QUARTERS)
        add_financials(session, session.get(Account, a["beta_borealis"]), [("2026-Q3", BETA_REVENUE, 1)])
        jan = session.get(Stakeholder, store.people["Jan Novak"])
        jan.reports_to_id = store.people["Lars Henriksen"]
        session.add(jan)
        _note(session, a["acme"], "T_ALPHA", date(2026, 11, 2), "Alice Example",
              "Ana Ruiz is a strong supporter of the renewal and defends us with the board.")
        _note(session, a["beta_borealis"], "T_BETA", date(2026, 11, 2), "Beta Writer",
              "Beta Secret Person is a strong supporter; beta-only note.")
        _note(session, a["nordic"], "T_ALPHA", date(2026, 11, 16), "Bob Example",
              "Met Henrik Lund. I promised to send the revised TCO model by Friday.")
        session.add(Action(team_id="T_ALPHA", account_id=a["nordic"], title="Send the pricing model", status="open",
                           due_on=date(2026, 11, 30), owner_user_id="U_ALICE"))
        _note(session, a["helios"], "T_ALPHA", date(2026, 11, 12), "Alice Example",
              "Nina Patel asked for a pilot proposal in the new plant.")
        session.add(AuditEntry(team_id="T_ALPHA", account_id=a["helios"], actor="U_ALICE", action="plan.section_saved",
                               entity="plan_section", entity_id=1, after={"section": "goals"},
                               at=datetime(2026, 11, 10, 9, 0, tzinfo=timezone.utc)))
        session.commit()


def _total(rows, column: int) -> str:
    return f"{sum(r[column] for r in rows):,.0f}"


def _said(message_args) -> str:
    return json.dumps(message_args.get("blocks") or [], ensure_ascii=False) + (message_args.get("text") or "")


def _dm(scenario, text, thread_ts=None):
    event = signing.message_event(text, user_id="U_ALICE", channel_id="D_ALICE", thread_ts=thread_ts,
                                  channel_type="im")
    scenario.event(event)
    return event


def _mention(scenario, text, thread_ts=None):
    event = signing.message_event(f"<@U_BOT> {text}", user_id="U_ALICE", channel_id="C_SALES", thread_ts=thread_ts,
                                  event_type="app_mention")
    scenario.event(event)
    return event


def _posted(scenario, count):
    return [c.args for c in scenario.fake.wait_for("chat.postMessage", count=count, timeout=WAIT)][count - 1]


# --------------------------------------------------------------------------- Slack


def test_revenue_over_8_quarters_by_mention_has_the_total_and_its_period(language_scenario, engine):
    scenario, store = language_scenario
    seed_facts(engine, store)
    _mention(scenario, "total revenue from borealis over the last 8 quarters")
    said = _said(_posted(scenario, 1))
    assert _total(QUARTERS, 1) in said and "2024-Q4 to 2026-Q3" in said and "imported financials" in said
    assert '"type": "table"' in said and f"{BETA_REVENUE:,.0f}" not in said


def test_profit_by_dm_then_a_thread_follow_up_widens_the_window(language_scenario, engine):
    scenario, store = language_scenario
    seed_facts(engine, store)
    first = _dm(scenario, "how much profit do we make on borealis?")
    said = _said(_posted(scenario, 1))
    last4 = [(p, r - c) for p, r, c in QUARTERS[-4:]]
    assert _total(last4, 1) in said and "2025-Q4 to 2026-Q3" in said
    _dm(scenario, "and over 8 quarters?", thread_ts=first["ts"])
    follow = _posted(scenario, 2)
    assert follow["thread_ts"] == first["ts"] and _total(QUARTERS, 1) in _said(follow)


def test_who_a_person_reports_to_by_mention(language_scenario, engine):
    scenario, store = language_scenario
    seed_facts(engine, store)
    _mention(scenario, "who does Jan Novak report to?")
    said = _said(_posted(scenario, 1))
    assert "Jan Novak" in said and "reports to Lars Henriksen" in said


def test_for_or_against_us_by_dm_cites_the_notes_and_not_another_workspaces(language_scenario, engine):
    scenario, store = language_scenario
    seed_facts(engine, store)
    _dm(scenario, "is Ana Ruiz for or against us?")
    said = _said(_posted(scenario, 1))
    assert "is for us" in said and "strong supporter of the renewal" in said
    assert "2026-11-02" in said and "Alice Example" in said and "beta-only" not in said


def test_what_we_promised_by_mention_lists_actions_and_note_commitments(language_scenario, engine):
    scenario, store = language_scenario
    seed_facts(engine, store)
    _mention(scenario, "what did we promise Nordic Paper?")
    said = _said(_posted(scenario, 1))
    assert "Send the pricing model" in said and "revised TCO model" in said and "Bob Example" in said


def test_what_changed_since_a_day_by_dm(language_scenario, engine):
    scenario, store = language_scenario
    seed_facts(engine, store)
    _dm(scenario, "what changed at helios since 1 Nov?")
    said = _said(_posted(scenario, 1))
    assert "since 2026-11-01" in said and "pilot proposal" in said and "Plan section saved" in said


# --------------------------------------------------------------------------- console


@pytest.fixture
def console(sqlite_engine, tmp_path, loaded_embedder):
    with Session(sqlite_engine) as session:
        store = seed_language_store(session)
        session.commit()
    seed_facts(sqlite_engine, store)
    return language_container(sqlite_engine, tmp_path, loaded_embedder), store


def test_the_console_answers_each_fact(console):
    container, _store = console
    chat = ChatSession()
    money = answer_line(container, "profit on borealis over the last 6 quarters", session=chat)
    assert _total([(p, r - c) for p, r, c in QUARTERS[-6:]], 1) in money and "2025-Q2 to 2026-Q3" in money
    assert _total(QUARTERS, 1) in answer_line(container, "and over 8 quarters?", session=chat)
    assert "reports to Lars Henriksen" in answer_line(container, "who does Jan Novak report to?")
    attitude = answer_line(container, "is Ana Ruiz for or against us?")
    assert "is for us" in attitude and "2026-11-02, Alice Example" in attitude
    promised = answer_line(container, "what did we promise Nordic Paper?")
    assert "Send the pricing model" in promised and "revised TCO model" in promised
    changed = answer_line(container, "what changed at helios since 1 Nov?")
    assert "pilot proposal" in changed and "Plan section saved" in changed
    assert "beta-only" not in answer_line(container, "attitude Beta Secret Person")


def test_the_console_commands_have_a_grammar_and_say_what_to_fix(console):
    container, _store = console
    assert "2025-Q4 to 2026-Q3" in answer_line(container, "revenue Borealis")
    assert "1 to 40" in answer_line(container, "revenue Borealis 99 quarters")
    assert "can't read" in answer_line(container, "changes Helios since whenever")
    assert "Lars Henriksen" in answer_line(container, "reports Jan Novak at Borealis")
