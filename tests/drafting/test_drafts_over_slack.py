"""`/kam swot`, `/kam next` (drafted part), Accept / Reject and `/kam ask` as signed Slack
requests into the real app; assertions on what reached the fake Slack and the database."""
from __future__ import annotations

import json

import pytest
from sqlmodel import Session, select

from drafting_data import index_everything, llm_drafter, seed
from kam_domain.drafting.schemas import ActionOut, ActionsOut, SwotOut, SwotPointOut
from kam_domain.index.chroma_index import ChromaIndex
from kam_domain.models import AuditEntry, SwotPoint
from support import signing

WAIT = 60  # seconds: drafting runs the embedding model, on a machine that may be busy


@pytest.fixture
def seeded(engine, notes_index):
    with Session(engine) as session:
        data = seed(session, injection=True)
    index_everything(engine, notes_index)
    return data


def buttons(reply) -> list[dict]:
    return [e for b in reply["blocks"] if b["type"] == "actions" for e in b["elements"]]


def click(scenario, element, user_id="U_ALICE", message=None, name="click"):
    payload = signing.block_action_payload(element["action_id"], element["value"], user_id=user_id,
                                           team_id="T_ALPHA", channel_id="C_GENERAL", message=message,
                                           response_url=scenario.fake.response_url(name))
    status, _, _ = scenario.interaction(payload)
    assert status == 200


def test_swot_over_slack_then_accept_and_reject(engine, drafting_scenario, notes_index, offline, embedder, seeded):
    scenario = drafting_scenario(engine, notes_index=notes_index, drafter=offline, embedder=embedder)
    status, _, _ = scenario.command("swot borealis")
    assert status == 200
    reply = scenario.replies(timeout=WAIT)[0]
    text = json.dumps(reply["blocks"])
    assert "SWOT draft: Borealis Logistics GmbH" in text and "Drafted offline from" in text
    for title in ("Strengths", "Weaknesses", "Opportunities", "Threats"):
        assert title in text
    assert "Source: note #" in text and "stale" in text
    assert "BETA-SECRET" not in text and "VANTOR-SECRET" not in text
    assert "<!here>" not in text and "<@U0BOSS>" not in text
    assert len(reply["blocks"]) <= 50
    accept = [b for b in buttons(reply) if b["action_id"] == "swot_point:accept"]
    reject = [b for b in buttons(reply) if b["action_id"] == "swot_point:reject"]
    assert accept and len(accept) == len(reject)

    click(scenario, accept[0], name="accept")  # the message does not come with the click: a confirmation
    confirmation = scenario.replies(count=2, timeout=WAIT)[1]
    assert confirmation["replace_original"] is False and "added to the plan" in json.dumps(confirmation["blocks"])
    chosen = json.loads(accept[0]["value"])
    with Session(engine) as session:
        [point] = session.exec(select(SwotPoint)).all()
        assert (point.source_note_id, point.text, point.accepted_by) == (chosen["n"], chosen["t"], "U_ALICE")

    original = {"type": "message", "ts": "1700000000.000100", "text": reply["text"], "blocks": reply["blocks"]}
    click(scenario, reject[1], message=original, name="reject")  # the message comes along: updated in place
    updated = scenario.replies(count=3, timeout=WAIT)[2]
    assert updated["replace_original"] is True
    gone = json.loads(reject[1]["value"])["p"]
    assert f"swot:{gone}" not in [b.get("block_id") for b in updated["blocks"]]
    assert "Rejected by" in json.dumps(updated["blocks"])
    with Session(engine) as session:
        assert len(session.exec(select(AuditEntry).where(AuditEntry.action == "swot_point.rejected")).all()) == 1

    scenario.command("swot borealis")
    again = scenario.replies(count=4, timeout=WAIT)[3]
    offered = {json.loads(b["value"])["p"] for b in buttons(again)}
    assert chosen["p"] not in offered and gone not in offered


def test_forged_or_foreign_buttons_write_nothing(engine, drafting_scenario, notes_index, offline, embedder, seeded):
    scenario = drafting_scenario(engine, notes_index=notes_index, drafter=offline, embedder=embedder)
    scenario.command("swot borealis")
    element = [b for b in buttons(scenario.replies(timeout=WAIT)[0]) if b["action_id"] == "swot_point:accept"][0]
    forged = dict(element, value=json.dumps({**json.loads(element["value"]), "n": seeded.beta_notes[0]}))
    click(scenario, forged, name="forged")
    assert "not a note of this account" in scenario.replies(count=2, timeout=WAIT)[1]["text"]
    click(scenario, element, user_id="U_STRANGER", name="stranger")
    assert "Only the account team" in scenario.replies(count=3, timeout=WAIT)[2]["text"]
    click(scenario, dict(element, value="{not json"), name="junk")
    assert "not valid any more" in scenario.replies(count=4, timeout=WAIT)[3]["text"]
    with Session(engine) as session:
        assert session.exec(select(SwotPoint)).all() == []


def test_next_shows_actions_drafted_from_the_notes(engine, drafting_scenario, notes_index, offline, embedder, seeded):
    scenario = drafting_scenario(engine, notes_index=notes_index, drafter=offline, embedder=embedder)
    scenario.command("next borealis")
    text = json.dumps(scenario.replies(timeout=WAIT)[0]["blocks"])
    assert "Drafted from the notes" in text
    assert "Send the revised TCO model by Friday" in text and "due 2026-11-27" in text
    assert "Find out: who signs off above 250k" in text
    assert "note #" in text and "BETA-SECRET" not in text


def test_swot_with_a_chat_model_and_its_failures(engine, drafting_scenario, notes_index, offline, embedder, seeded):
    good = SwotOut(points=[
        SwotPointOut(quadrant="strength", text="Their crew trusts our engineers", note_id=seeded.alpha_notes[0]),
        SwotPointOut(quadrant="threat", text="BETA-SECRET from the other workspace", note_id=seeded.beta_notes[0])])
    drafter, _ = llm_drafter(offline, good, "garbage", ("sleep", 3), timeout=1.0)
    scenario = drafting_scenario(engine, notes_index=notes_index, drafter=drafter, embedder=embedder)
    scenario.command("swot borealis")
    first = json.dumps(scenario.replies(timeout=WAIT)[0]["blocks"])
    assert "Drafted by fake:structured" in first and "Their crew trusts our engineers" in first
    assert "BETA-SECRET" not in first
    scenario.command("swot borealis")
    second = json.dumps(scenario.replies(count=2, timeout=WAIT)[1]["blocks"])
    assert "Drafted offline: the model's answer was not usable." in second and "Source: note #" in second
    scenario.command("swot borealis")
    third = json.dumps(scenario.replies(count=3, timeout=WAIT)[2]["blocks"])
    assert "Drafted offline: the model did not answer within 1 s." in third


def test_next_with_a_chat_model_cites_only_this_account_and_falls_back(engine, drafting_scenario, notes_index,
                                                                       offline, embedder, seeded):
    drafted = ActionsOut(actions=[
        ActionOut(text="Send Lars the revised TCO model", reason="promised on 20 Nov", kind="commitment",
                  note_id=seeded.alpha_notes[0]),
        ActionOut(text="Forward BETA-SECRET to the team", reason="the note asked", kind="request",
                  note_id=seeded.beta_notes[0])])
    drafter, fake = llm_drafter(offline, drafted, ("sleep", 3), timeout=1.0)
    scenario = drafting_scenario(engine, notes_index=notes_index, drafter=drafter, embedder=embedder)
    scenario.command("next borealis")
    first = json.dumps(scenario.replies(timeout=WAIT)[0]["blocks"])
    assert "Drafted from the notes" in first and "Drafted by fake:structured" in first
    assert "Send Lars the revised TCO model" in first and f"note #{seeded.alpha_notes[0]}" in first
    assert "BETA-SECRET" not in first and "BETA-SECRET" not in fake.prompt_text()
    scenario.command("next borealis")
    second = json.dumps(scenario.replies(count=2, timeout=WAIT)[1]["blocks"])
    assert "Drafted offline: the model did not answer within 1 s." in second
    assert "Send the revised TCO model by Friday" in second  # the offline drafter's own finding


def test_an_unavailable_index_degrades_to_the_database(engine, drafting_scenario, tmp_path, offline, embedder, seeded):
    broken = tmp_path / "index-is-a-file"
    broken.write_text("x")
    scenario = drafting_scenario(engine, notes_index=ChromaIndex.local(broken, lambda: embedder), drafter=offline,
                                 embedder=embedder)
    scenario.command("swot borealis")
    text = json.dumps(scenario.replies(timeout=WAIT)[0]["blocks"])
    assert "search index is unavailable" in text and "from the database" in text and "Source: note #" in text


def test_ask_a_method_question(engine, drafting_scenario, notes_index, offline, embedder, seeded):
    scenario = drafting_scenario(engine, notes_index=notes_index, drafter=offline, embedder=embedder)
    scenario.command("ask how do I run a QBR?")
    reply = scenario.replies(timeout=WAIT)[0]
    text = json.dumps(reply["blocks"])
    assert "knowledge/running-a-qbr.md" in text and "agenda" in text.lower()
    scenario.command("ask who are the decision makers at Borealis?")  # about an account: not the guides
    assert "knowledge/" not in json.dumps(scenario.replies(count=2, timeout=WAIT)[1])
