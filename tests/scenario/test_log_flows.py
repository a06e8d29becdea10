"""Meeting logs over real HTTP into the real app: the one-liner, the form, the message shortcut and
the one-click fixes, asserted on what the fake Slack recorded and on the store."""
from __future__ import annotations

import json
from datetime import date

import pytest
from sqlmodel import Session, select

from drafting.drafting_data import HashEmbedder
from kam_domain.index.chroma_index import ChromaIndex
from kam_domain.models import Action, AuditEntry, Interaction, InteractionAttendee, Note, Stakeholder
from support import signing
from support.app_server import serving
from support.builders import add_account, add_member, add_stakeholder
from support.scenario_helpers import build_container, indexing_running, wait_until

LINE = "met Ana Ruiz (CFO) today, keen on the 3-year deal; send draft contract by Friday"


@pytest.fixture
def scenario(engine, fake_slack, tmp_path):
    """The real app with a real notes index (Chroma in tmp, the hash embedder): the indexing a Slack log
    asks for runs for real, and the tests wait for the note to be in the right workspace's index."""
    index = ChromaIndex.local(tmp_path / "index", HashEmbedder)
    container = build_container(engine, fake_slack, tmp_path)
    container.__dict__["notes_index"] = index
    with serving(container, fake_slack) as scenario:
        yield scenario
    wait_until(lambda: not indexing_running(), timeout=10, what="the indexing pass to end")
    index.close()


def assert_indexed_in_its_workspace(engine, scenario, note_id: int) -> None:
    """The note logged in T_ALPHA reaches T_ALPHA's index (and is marked indexed), never T_BETA's."""
    index = scenario.container.notes_index
    wait_until(lambda: note_id in index.note_ids("T_ALPHA"), what=f"note {note_id} in T_ALPHA's index")
    # the pass writes to the index first and marks the note in the database after: wait for the pass to end
    wait_until(lambda: not indexing_running(), what="the indexing pass to end")
    assert note_id not in index.note_ids("T_BETA")
    with Session(engine) as session:
        assert session.get(Note, note_id).indexed_at is not None


def _seed(engine) -> dict[str, int]:
    with Session(engine) as session:
        acme = add_account(session, "T_ALPHA", "Acme Retail Group", tier="key", owner_user_id="U_ALICE")
        add_member(session, acme, "U_BOB")
        ana = add_stakeholder(session, acme, "Ana Ruiz", title="CFO", role="economic_buyer", influence=5, attitude=0,
                              contact_level="brief", last_contact_on=date(2026, 10, 1), owner_user_id="U_ALICE")
        tom = add_stakeholder(session, acme, "Tom Berg", title="Head of IT", role="technical_buyer", influence=3,
                              attitude=1, contact_level="multiple")
        beta = add_account(session, "T_BETA", "Acme Retail Group", tier="key", owner_user_id="U_BETA")
        spy = add_stakeholder(session, beta, "Beta Person", influence=5)
        session.commit()
        return {"acme": acme.id, "ana": ana.id, "tom": tom.id, "beta": beta.id, "spy": spy.id}


def _render(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def _elements(blocks: list[dict]) -> list[dict]:
    found = []
    for block in blocks:
        if block.get("accessory"):
            found.append({**block["accessory"], "block_id": block.get("block_id")})
        for element in block.get("elements", []) if block.get("type") == "actions" else []:
            found.append({**element, "block_id": block.get("block_id")})
    return found


def _button(blocks: list[dict], action_id: str, label: str | None = None) -> dict:
    for element in _elements(blocks):
        if element.get("action_id") == action_id and (label is None or element["text"]["text"] == label):
            return element
    raise AssertionError(f"no {action_id} button in {json.dumps(blocks)[:400]}")


def _click(scenario, element: dict, url_name: str, **extra) -> None:
    payload = signing.block_action_payload(element["action_id"], element["value"], channel_id="C_GENERAL",
                                           response_url=scenario.fake.response_url(url_name),
                                           block_id=element.get("block_id") or "actions", **extra)
    status, _, _ = scenario.interaction(payload)
    assert status == 200


def _state(**blocks) -> dict:
    return {block_id: {"value": element} for block_id, element in blocks.items()}


def _text(value: str) -> dict:
    return {"type": "plain_text_input", "value": value}


def _date(value: str | None) -> dict:
    return {"type": "datepicker", "selected_date": value}


def _option(value: str | None) -> dict:
    return {"type": "static_select", "selected_option": {"value": value} if value is not None else None}


def _submit(scenario, callback_id: str, state: dict, metadata: str, user_id: str = "U_ALICE"):
    payload = signing.view_submission_payload(callback_id, state, user_id=user_id, private_metadata=metadata)
    return scenario.interaction(payload)


def _counts(engine) -> tuple:
    with Session(engine) as session:
        return tuple(len(session.exec(select(m)).all()) for m in (Interaction, Note, Action, AuditEntry))


def test_a_one_line_log_is_recorded_and_the_reply_shows_what_was_understood(engine, scenario):
    ids = _seed(engine)
    status, _, _ = scenario.command(f"log Acme {LINE}")
    assert status == 200
    reply = scenario.replies()[0]
    rendered = _render(reply["blocks"])
    assert reply["response_type"] == "ephemeral"
    assert "Meeting logged for *Acme Retail Group*" in rendered
    assert "Ana Ruiz (CFO)" in rendered and "Send draft contract by Friday" in rendered and "Fri 27 Nov" in rendered
    assert "+1 positive" in rendered
    assert _button(reply["blocks"], "plans:accept", "Accept")
    assert _button(reply["blocks"], "plans:edit_log")
    with Session(engine) as session:
        interaction = session.exec(select(Interaction)).one()
        assert interaction.team_id == "T_ALPHA" and interaction.logged_by == "U_ALICE"
        note = session.get(Note, interaction.note_id)
        assert note.source == "log" and note.team_id == "T_ALPHA"
        action = session.exec(select(Action)).one()
        assert (action.owner_user_id, action.due_on) == ("U_ALICE", date(2026, 11, 27))
        assert session.get(Stakeholder, ids["ana"]).last_contact_on == date(2026, 11, 23)
    assert_indexed_in_its_workspace(engine, scenario, interaction.note_id)


def test_accepting_a_proposal_with_one_click_updates_the_map(engine, scenario):
    ids = _seed(engine)
    scenario.command(f"log Acme {LINE}")
    reply = scenario.replies()[0]
    accept = next(e for e in _elements(reply["blocks"])
                  if e.get("action_id") == "plans:accept" and json.loads(e["value"])["f"] == "attitude")
    _click(scenario, accept, "accept")
    answer = scenario.replies(count=2)[1]
    assert "Ana Ruiz's attitude: 0 neutral → +1 positive" in _render(answer["blocks"])
    with Session(engine) as session:
        assert session.get(Stakeholder, ids["ana"]).attitude == 1
        assert session.get(Stakeholder, ids["ana"]).contact_level == "brief"  # not accepted
        entry = session.exec(select(AuditEntry).where(AuditEntry.reason.startswith("accepted from"))).one()
        assert entry.before == {"attitude": 0} and entry.after == {"attitude": 1} and entry.actor == "U_ALICE"


def test_accept_all_on_a_posted_log_marks_the_message_in_place(engine, scenario):
    ids = _seed(engine)
    scenario.command(f"log Acme {LINE}")
    blocks = scenario.replies()[0]["blocks"]
    accept_all = _button(blocks, "plans:accept_all")
    message = {"type": "message", "user": "U_BOT", "ts": "1700000100.000100", "text": "Meeting logged",
               "blocks": blocks}
    _click(scenario, accept_all, "all", message=message)
    update = scenario.fake.wait_for("chat.update")[0].args
    assert update["ts"] == "1700000100.000100"
    rendered = _render(update["blocks"])
    assert "plans:accept" not in rendered and "by <@U_ALICE>" in rendered
    with Session(engine) as session:
        ana = session.get(Stakeholder, ids["ana"])
        assert (ana.attitude, ana.contact_level) == (1, "multiple")


def test_a_forged_accept_button_cannot_touch_another_workspace(engine, scenario):
    beta_id = _seed(engine)["spy"]
    forged = {"action_id": "plans:accept", "value": json.dumps({"s": beta_id, "f": "attitude", "o": 0, "n": 2})}
    _click(scenario, forged, "forged")
    reply = scenario.replies()[0]
    assert "no longer on a stakeholder map in this workspace" in reply["text"]
    with Session(engine) as session:
        assert session.get(Stakeholder, beta_id).attitude == 0


def test_an_unknown_attendee_is_added_to_the_map_from_the_log(engine, scenario):
    _seed(engine)
    scenario.command("log Acme met Lea Vogt (CTO) and Tom Berg yesterday, constructive")
    reply = scenario.replies()[0]
    assert "*Lea Vogt (CTO)* is not on the Acme Retail Group map" in _render(reply["blocks"])
    _click(scenario, _button(reply["blocks"], "plans:add_person"), "add")
    answer = scenario.replies(count=2)[1]
    assert "Lea Vogt (CTO)* added to the *Acme Retail Group* map" in _render(answer["blocks"])
    with Session(engine) as session:
        lea = session.exec(select(Stakeholder).where(Stakeholder.name == "Lea Vogt")).one()
        assert (lea.title, lea.last_contact_on, lea.contact_level) == ("CTO", date(2026, 11, 22), "brief")
        assert session.exec(select(InteractionAttendee).where(InteractionAttendee.stakeholder_id == lea.id)).one()


def test_the_account_alone_opens_the_form_and_its_submission_logs_the_meeting(engine, scenario):
    ids = _seed(engine)
    scenario.command("log Acme")
    opened = scenario.fake.wait_for("views.open")[0].args
    view = opened["view"]
    assert view["callback_id"] == "plans_log" and opened["trigger_id"]
    blocks = {b.get("block_id"): b for b in view["blocks"]}
    assert {"date", "attendees", "new_people", "notes", "sentiment", "next_step", "due"} <= set(blocks)
    labels = [o["text"]["text"] for o in blocks["attendees"]["element"]["options"]]
    assert labels == ["Ana Ruiz (CFO)", "Tom Berg (Head of IT)"]
    state = _state(date=_date("2026-11-20"), notes=_text("QBR went well, they liked the pilot"),
                   new_people=_text("Lea Vogt (CTO)"), sentiment=_option("auto"),
                   next_step=_text("Send the rollout plan"), due=_date("2026-11-30"))
    state["attendees"] = {"plans:attendees": {"type": "multi_static_select",
                                              "selected_options": [{"value": str(ids["ana"])}]}}
    state[f"attitude_{ids['ana']}"] = {"value": {"type": "static_select", "selected_option": {"value": "2"}}}
    status, _, body = _submit(scenario, "plans_log", state, view["private_metadata"])
    assert status == 200 and body in ("", "{}") or "errors" not in body
    posted = scenario.fake.wait_for("chat.postMessage")[0].args
    assert posted["channel"] == "U_ALICE" and "Meeting logged" in posted["text"]
    with Session(engine) as session:
        interaction = session.exec(select(Interaction)).one()
        assert interaction.occurred_on == date(2026, 11, 20) and interaction.sentiment >= 1
        people = {a.stakeholder_id for a in session.exec(select(InteractionAttendee)).all()}
        lea = session.exec(select(Stakeholder).where(Stakeholder.name == "Lea Vogt")).one()
        assert people == {ids["ana"], lea.id}
        assert session.get(Stakeholder, ids["ana"]).attitude == 2
        assert session.exec(select(Action.due_on)).one() == date(2026, 11, 30)
        note_id = interaction.note_id
    assert_indexed_in_its_workspace(engine, scenario, note_id)


def test_picking_attendees_grows_an_attitude_field_for_each(engine, scenario):
    ids = _seed(engine)
    scenario.command("log Acme")
    view = scenario.fake.wait_for("views.open")[0].args["view"]
    payload = signing.block_action_payload("plans:attendees", "", view={**view, "hash": "1.abc"},
                                           block_id="attendees", action_type="multi_static_select")
    payload["actions"][0]["selected_options"] = [{"value": str(ids["tom"])}]
    status, _, _ = scenario.interaction(payload)
    assert status == 200
    updated = scenario.fake.wait_for("views.update")[0].args
    blocks = {b.get("block_id"): b for b in updated["view"]["blocks"]}
    assert f"attitude_{ids['tom']}" in blocks and f"attitude_{ids['ana']}" not in blocks
    assert blocks[f"attitude_{ids['tom']}"]["element"]["initial_option"]["value"] == "1"
    assert updated["hash"] == "1.abc"


def test_a_form_with_errors_is_answered_per_field_and_writes_nothing(engine, scenario):
    ids = _seed(engine)
    before = _counts(engine)
    metadata = json.dumps({"a": ids["acme"]})
    state = _state(date=_date("2026-12-01"), notes=_text("fine"), next_step=_text(""), due=_date("2026-11-01"))
    status, _, body = _submit(scenario, "plans_log", state, metadata)
    answer = json.loads(body)
    assert status == 200 and answer["response_action"] == "errors"
    assert set(answer["errors"]) >= {"date", "due"}
    assert "in the future" in answer["errors"]["date"]
    forged = json.dumps({"a": ids["beta"]})
    status, _, body = _submit(scenario, "plans_log", _state(date=_date("2026-11-20"), notes=_text("hi")), forged)
    assert "no longer exists in this workspace" in _render(json.loads(body)["errors"])
    assert _counts(engine) == before


def test_the_message_shortcut_turns_a_message_into_a_log(engine, scenario):
    ids = _seed(engine)
    text = "Call with Tom Berg: happy with the pilot. Next step: book the rollout workshop next week"
    payload = signing.message_shortcut_payload("log_as_meeting", text, message_ts="1795392000.000100",
                                               response_url=scenario.fake.response_url("shortcut"))
    status, _, _ = scenario.interaction(payload)
    assert status == 200
    opened = scenario.fake.wait_for("views.open")[0].args
    view = opened["view"]
    assert view["callback_id"] == "plans_log_message"
    blocks = {b.get("block_id"): b for b in view["blocks"]}
    assert blocks["notes"]["element"]["initial_value"] == text
    assert blocks["account"]["element"]["type"] == "external_select"
    assert blocks["date"]["element"]["initial_date"] == "2026-11-23"
    suggestion = {"type": "block_suggestion", "action_id": "plans:account_pick", "block_id": "account", "value": "acm",
                  "team": {"id": "T_ALPHA", "domain": "t-alpha"}, "user": {"id": "U_ALICE", "team_id": "T_ALPHA"},
                  "api_app_id": "A_KAM", "token": signing.VERIFICATION_TOKEN, "view": view}
    status, _, body = scenario.interaction(suggestion)
    options = json.loads(body)["options"]
    assert [o["text"]["text"] for o in options] == ["Acme Retail Group"] and options[0]["value"] == str(ids["acme"])
    state = {"account": {"plans:account_pick": {"type": "external_select",
                                                "selected_option": {"value": str(ids["acme"])}}},
             "date": {"value": _date("2026-11-20")}, "notes": {"value": _text(text)}}
    status, _, body = _submit(scenario, "plans_log_message", state, view["private_metadata"])
    assert "errors" not in body
    posted = scenario.fake.wait_for("chat.postMessage")[0].args
    assert "Tom Berg" in _render(posted["blocks"])
    with Session(engine) as session:
        interaction = session.exec(select(Interaction)).one()
        assert interaction.occurred_on == date(2026, 11, 20) and interaction.account_id == ids["acme"]
        assert session.exec(select(Action.title)).one().startswith("Book the rollout workshop")
        assert session.get(Note, interaction.note_id).body == text


def test_the_shortcut_form_without_an_account_says_so(engine, scenario):
    _seed(engine)
    state = {"date": {"value": _date("2026-11-20")}, "notes": {"value": _text("hello")},
             "account": {"plans:account_pick": {"type": "external_select", "selected_option": None}}}
    status, _, body = _submit(scenario, "plans_log_message", state, "{}")
    assert json.loads(body)["errors"] == {"account": "Pick the account this meeting was with."}


def test_edit_log_opens_the_form_filled_in_and_saves_the_fix(engine, scenario):
    ids = _seed(engine)
    scenario.command(f"log Acme {LINE}")
    reply = scenario.replies()[0]
    _click(scenario, _button(reply["blocks"], "plans:edit_log"), "edit")
    view = scenario.fake.wait_for("views.open")[0].args["view"]
    blocks = {b.get("block_id"): b for b in view["blocks"]}
    assert blocks["notes"]["element"]["initial_value"] == LINE
    assert blocks["next_step"]["element"]["initial_value"] == "Send draft contract by Friday"
    assert json.loads(view["private_metadata"])["i"]
    state = _state(date=_date("2026-11-20"), notes=_text(LINE), sentiment=_option("1"),
                   next_step=_text("Send draft contract"), due=_date("2026-11-27"))
    state["attendees"] = {"plans:attendees": {"type": "multi_static_select",
                                              "selected_options": [{"value": str(ids["tom"])}]}}
    _submit(scenario, "plans_log", state, view["private_metadata"])
    posted = scenario.fake.wait_for("chat.postMessage")[0].args
    assert "Meeting updated" in posted["text"]
    with Session(engine) as session:
        assert session.exec(select(Interaction.occurred_on)).one() == date(2026, 11, 20)
        assert session.get(Stakeholder, ids["ana"]).last_contact_on == date(2026, 10, 1)
        assert session.exec(select(Action.title)).one() == "Send draft contract"
