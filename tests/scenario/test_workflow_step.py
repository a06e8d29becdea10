"""The Workflow Builder step "Log a key-account meeting" over real HTTP into the real app: Slack's
function_executed event in, the meeting in the store, the confirmation in Slack and the execution
completed (or failed with what to fix) exactly once, as the fake Slack recorded it."""
from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session, select

from bot.listeners.workflow_step import LOG_MEETING_STEP
from drafting.drafting_data import HashEmbedder
from kam_domain.index.chroma_index import ChromaIndex
from kam_domain.models import Action, AuditEntry, Interaction, InteractionAttendee, Note, Stakeholder
from support.app_server import serving
from support.builders import add_account, add_stakeholder
from support.scenario_helpers import build_container, indexing_running, wait_until

INPUTS = {"account": "Acme Retail Group", "logged_by": {"id": "U_ALICE", "secret": "c2VjcmV0"},
          "attendees": "Ana Ruiz, Lea Vogt (CTO)", "colleagues": ["U_BOB"],
          "notes": "Keen on the 3-year deal; worried about the migration.",
          "next_step": "Send the draft contract by Friday"}


@pytest.fixture
def scenario(engine, fake_slack, tmp_path):
    """The real app with a real notes index (Chroma in tmp, the hash embedder), so the indexing the
    step asks for runs for real."""
    index = ChromaIndex.local(tmp_path / "index", HashEmbedder)
    container = build_container(engine, fake_slack, tmp_path)
    container.__dict__["notes_index"] = index
    with serving(container, fake_slack) as scenario:
        yield scenario
    wait_until(lambda: not indexing_running(), what="the indexing pass to end")
    index.close()


def _seed(engine, channel_id: str | None = "C_ACME") -> dict[str, int]:
    with Session(engine) as session:
        acme = add_account(session, "T_ALPHA", "Acme Retail Group", tier="key", owner_user_id="U_ALICE",
                           channel_id=channel_id)
        ana = add_stakeholder(session, acme, "Ana Ruiz", title="CFO", role="economic_buyer", influence=5,
                              contact_level="brief", last_contact_on=date(2026, 10, 1))
        add_account(session, "T_ALPHA", "Acme Labs", owner_user_id="U_ALICE")
        session.commit()
        return {"acme": acme.id, "ana": ana.id}


def _run(scenario, inputs: dict, team_id: str = "T_ALPHA", event: dict | None = None, **post) -> dict:
    event = event or scenario.fake.function_executed_event(LOG_MEETING_STEP, inputs)
    status, _, _ = scenario.event(event, team_id=team_id, **post)
    assert status == 200
    scenario.settle()
    return event


def _execution(scenario, event: dict) -> dict:
    return scenario.fake.function_execution(event["function_execution_id"])


def _counts(engine) -> tuple:
    with Session(engine) as session:
        return tuple(len(session.exec(select(m)).all()) for m in (Interaction, Note, Action, AuditEntry, Stakeholder))


def test_the_step_logs_the_meeting_posts_it_in_the_account_channel_and_completes_with_its_link(engine, scenario):
    ids = _seed(engine)
    scenario.fake.join("C_ACME")
    scenario.fake.add_user("U_BOB", real_name="Bob Lee")
    event = _run(scenario, INPUTS)

    execution = _execution(scenario, event)
    posted = scenario.fake.last("chat.postMessage")
    assert execution["state"] == "completed"
    # the app's own token: buttons on a message posted with the workflow's token die with the execution
    assert posted.args["channel"] == "C_ACME" and posted.token == "xoxb-test"
    assert scenario.fake.last("functions.completeSuccess").token == event["bot_access_token"]
    message = scenario.fake.history("C_ACME")[-1]
    assert execution["outputs"] == {"meeting_link": scenario.fake.last("chat.getPermalink").response["permalink"]}
    assert message["ts"].replace(".", "") in execution["outputs"]["meeting_link"]
    assert "Meeting logged for *Acme Retail Group*" in str(posted.args["blocks"])
    assert "Logged by <@U_ALICE> with the workflow step" in str(posted.args["blocks"])
    with Session(engine) as session:
        interaction = session.exec(select(Interaction)).one()
        assert (interaction.team_id, interaction.account_id, interaction.logged_by) == ("T_ALPHA", ids["acme"], "U_ALICE")
        assert interaction.occurred_on == date(2026, 11, 23)
        note = session.get(Note, interaction.note_id)
        assert note.body == "Keen on the 3-year deal; worried about the migration.\n\nOur side: Bob Lee."
        attendees = session.exec(select(InteractionAttendee.stakeholder_id)
                                 .where(InteractionAttendee.interaction_id == interaction.id)).all()
        lea = session.exec(select(Stakeholder).where(Stakeholder.name == "Lea Vogt")).one()
        assert sorted(attendees) == sorted([ids["ana"], lea.id]) and lea.title == "CTO"
        assert session.get(Stakeholder, ids["ana"]).last_contact_on == date(2026, 11, 23)
        action = session.exec(select(Action)).one()
        assert (action.title, action.owner_user_id, action.due_on) == (
            "Send the draft contract by Friday", "U_ALICE", date(2026, 11, 27))
    index = scenario.container.notes_index
    wait_until(lambda: interaction.note_id in index.note_ids("T_ALPHA"), what="the note in T_ALPHA's index")


def test_a_retried_delivery_logs_nothing_twice_and_completes_once(engine, scenario):
    _seed(engine)
    scenario.fake.join("C_ACME")
    event = _run(scenario, INPUTS, event_id="Ev_STEP_1")
    _run(scenario, INPUTS, event=event, event_id="Ev_STEP_1",
         headers={"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"})

    assert _execution(scenario, event)["state"] == "completed"
    assert len(scenario.fake.calls("functions.completeSuccess")) == 1
    assert not scenario.fake.calls("functions.completeError")
    assert len(scenario.fake.calls("chat.postMessage")) == 1
    with Session(engine) as session:
        assert len(session.exec(select(Interaction)).all()) == 1


@pytest.mark.parametrize("change, fix", [
    ({"account": "Zenith Shipping"}, "Fix the step's Account field"),
    ({"account": "Acme"}, "Write the account's full name in the step's Account field"),
    ({"account": "  "}, "The step's Account field is empty"),
    ({"notes": "   "}, "The step's Notes field is empty"),
    ({"attendees": "Ana Ruiz, " + ", ".join(f"Person {i}" for i in range(40))}, "keep it to 30"),
])
def test_bad_input_fails_the_step_with_what_to_fix_and_writes_nothing(engine, scenario, change, fix):
    _seed(engine)
    scenario.fake.join("C_ACME")
    before = _counts(engine)
    event = _run(scenario, {**INPUTS, **change})

    execution = _execution(scenario, event)
    assert execution["state"] == "failed"
    assert fix in execution["error"] and "Nothing was logged." in execution["error"]
    assert _counts(engine) == before
    assert not scenario.fake.calls("chat.postMessage") and not scenario.fake.calls("functions.completeSuccess")


def test_an_ambiguous_account_names_the_candidates(engine, scenario):
    _seed(engine)
    event = _run(scenario, {**INPUTS, "account": "Acme"})
    error = _execution(scenario, event)["error"]
    assert "Acme Retail Group" in error and "Acme Labs" in error


@pytest.mark.parametrize("user_id, guest, expected", [
    ("U_CAROL", False, "Only the account team, its executive sponsor or an admin can change this account."),
    ("U_GUEST", True, "Guests and people from other organisations can't use the KAM assistant here."),
])
def test_a_person_without_rights_on_the_account_fails_the_step_and_nothing_is_written(
        engine, scenario, user_id, guest, expected):
    _seed(engine)
    scenario.fake.add_user(user_id, real_name=user_id, is_restricted=guest)
    before = _counts(engine)
    event = _run(scenario, {**INPUTS, "logged_by": {"id": user_id, "secret": "x"}})

    execution = _execution(scenario, event)
    assert (execution["state"], execution["error"]) == ("failed", expected)
    assert _counts(engine) == before and not scenario.fake.calls("chat.postMessage")


def test_a_run_from_another_workspace_cannot_log_for_this_ones_account(engine, scenario):
    _seed(engine)
    before = _counts(engine)
    event = _run(scenario, {**INPUTS, "logged_by": {"id": "U_BETA", "secret": "x"}}, team_id="T_BETA")

    execution = _execution(scenario, event)
    assert execution["state"] == "failed" and "No account matches" in execution["error"]
    assert _counts(engine) == before


def test_the_step_fails_when_slack_does_not_say_who_logs(engine, scenario):
    _seed(engine)
    event = _run(scenario, {key: value for key, value in INPUTS.items() if key != "logged_by"})
    assert "Logged by" in _execution(scenario, event)["error"]
    with Session(engine) as session:
        assert not session.exec(select(Interaction)).all()


@pytest.mark.parametrize("channel_id, channel", [
    (None, None),
    ("C_ACME", {"is_ext_shared": True}),  # the customer can read it: the notes go by DM instead
    ("C_ACME", {"is_member": False}),  # the bot was never invited
])
def test_without_a_channel_it_may_post_in_the_confirmation_goes_by_dm(engine, scenario, channel_id, channel):
    _seed(engine, channel_id=channel_id)
    if channel is not None:
        scenario.fake.set_channel("C_ACME", **channel)
        scenario.fake.expect_refusal("not_in_channel")
    event = _run(scenario, INPUTS)

    execution = _execution(scenario, event)
    assert execution["state"] == "completed"
    assert not scenario.fake.history("C_ACME")
    dm = scenario.fake.calls("chat.postMessage", ok=True)
    assert len(dm) == 1 and dm[0].args["channel"] == "U_ALICE"
    assert execution["outputs"]["meeting_link"] == scenario.fake.last("chat.getPermalink").response["permalink"]
    with Session(engine) as session:
        assert len(session.exec(select(Interaction)).all()) == 1


def test_when_slack_takes_no_confirmation_the_meeting_stays_logged_and_the_step_completes(engine, scenario):
    _seed(engine, channel_id=None)
    scenario.fake.set_response("chat.postMessage", {"ok": False, "error": "user_not_found"})
    event = _run(scenario, INPUTS)

    execution = _execution(scenario, event)
    assert (execution["state"], execution["outputs"]) == ("completed", {})
    with Session(engine) as session:
        assert len(session.exec(select(Interaction)).all()) == 1
