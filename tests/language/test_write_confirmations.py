"""A plain-language meeting log is confirmed showing what it will record (issue 16, class 5): the date,
people matched on the map or new with their titles, how it went, the next step, its due date and owner;
clicking "Yes, do it" records exactly that
and offers to add the new people. Over Slack (DM) and at the console."""
from __future__ import annotations

import json

from sqlmodel import Session, select

from kam_domain.models import Action, Interaction, Stakeholder
from support import signing

WAIT = 60.0
LOG = "met Ana Ruiz at acme yesterday with Tom Berger (COO), positive about the renewal; send the draft contract by Friday"


def _confirmation(scenario) -> dict:
    event = signing.message_event(LOG, user_id="U_ALICE", channel_id="D_ALICE", channel_type="im")
    scenario.event(event)
    return scenario.fake.wait_for("chat.postMessage", count=1, timeout=WAIT)[0].args


def test_the_confirmation_shows_what_the_log_will_record(language_scenario, engine):
    scenario, store = language_scenario
    confirm = _confirmation(scenario)
    shown = json.dumps(confirm["blocks"])

    for expected in ("*Date:* Sun 22 Nov", "Ana Ruiz (CFO)", "*Not on the map yet (offered to add after logging):* Tom Berger (COO)",
                     "*How it went:* positive", "*Next step:* Send the draft contract by Friday",
                     "*Due:* Fri 27 Nov", "*Owner:* you"):
        assert expected in shown, (expected, shown)
    with Session(engine) as session:
        assert session.exec(select(Interaction)).all() == []  # nothing written before the click

    yes = next(e for b in confirm["blocks"] if b["type"] == "actions" for e in b["elements"])
    payload = signing.block_action_payload(yes["action_id"], yes["value"], user_id="U_ALICE", team_id="T_ALPHA",
                                           channel_id="D_ALICE", response_url=scenario.fake.response_url("yes"))
    scenario.interaction(payload)
    scenario.replies()
    with Session(engine) as session:
        [meeting] = session.exec(select(Interaction)).all()
        assert meeting.occurred_on.isoformat() == "2026-11-22" and meeting.account_id == store.accounts["acme"]
        [step] = session.exec(select(Action).where(Action.account_id == store.accounts["acme"],
                                                   Action.title.contains("draft contract"))).all()
        assert step.due_on.isoformat() == "2026-11-27"
        assert session.exec(select(Stakeholder).where(Stakeholder.name == "Tom Berger")).all() == []  # offered
    logged = json.dumps(scenario.replies()[0]["blocks"])
    assert "Tom Berger (COO)* is not on the Acme Retail Group map" in logged


def test_the_console_confirmation_lists_the_same(sqlite_engine, tmp_path, loaded_embedder, language_store):
    from bot.console import answer_line
    from lang_app import language_container

    container = language_container(sqlite_engine, tmp_path, loaded_embedder)
    for line in (LOG, "log that I " + LOG):
        shown = answer_line(container, line)
        assert "Nothing is written yet" in shown and "Date: Sun 22 Nov" in shown, shown
        assert "Not on the map yet (offered to add after logging): Tom Berger (COO)" in shown and "Due: Fri 27 Nov" in shown
    with Session(sqlite_engine) as session:
        assert session.exec(select(Interaction)).all() == []
