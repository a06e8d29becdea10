"""The account plan, next actions and the App Home over real HTTP: plan edits through forms,
objectives, closing actions from buttons, and the home tab."""
from __future__ import annotations

import json
from datetime import date, datetime, timezone

from sqlmodel import Session, select

from drafting.drafting_data import HashEmbedder
from kam_domain.drafting.offline import OfflineDrafter
from kam_domain.index.chroma_index import ChromaIndex
from kam_domain.models import Account, Action, AuditEntry, Objective, PlanSection
from support import signing
from support.builders import add_account, add_member, add_stakeholder


def _seed(engine) -> dict[str, int]:
    with Session(engine) as session:
        acme = add_account(session, "T_ALPHA", "Acme Retail Group", tier="key", owner_user_id="U_ALICE",
                           plan_updated_at=datetime(2026, 6, 1, tzinfo=timezone.utc))
        add_member(session, acme, "U_BOB")
        add_stakeholder(session, acme, "Ana Ruiz", title="CFO", role="influencer", influence=5, attitude=1,
                        owner_user_id="U_ALICE", last_contact_on=date(2026, 8, 1))
        session.add(PlanSection(team_id="T_ALPHA", account_id=acme.id, section="customer_goals",
                                body="Open 40 stores in Iberia", updated_by="U_ALICE"))
        win = Objective(team_id="T_ALPHA", account_id=acme.id, horizon="short", title="Win the renewal",
                        owner_user_id="U_ALICE", due_on=date(2027, 1, 31), created_by="U_ALICE")
        session.add(win)
        session.flush()
        late = Action(team_id="T_ALPHA", account_id=acme.id, objective_id=win.id, title="Send the TCO model",
                      owner_user_id="U_ALICE", due_on=date(2026, 11, 18))
        session.add(late)
        other = add_account(session, "T_ALPHA", "Vantor Energy AS", tier="key", owner_user_id="U_CAROL")
        session.commit()
        return {"acme": acme.id, "win": win.id, "late": late.id, "vantor": other.id}


def _render(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def _accessories(blocks: list[dict], action_id: str) -> list[dict]:
    return [b["accessory"] for b in blocks if (b.get("accessory") or {}).get("action_id") == action_id]


def _click(scenario, action_id: str, value: str, name: str, **extra):
    payload = signing.block_action_payload(action_id, value, channel_id="C_GENERAL",
                                           response_url=scenario.fake.response_url(name), **extra)
    status, _, _ = scenario.interaction(payload)
    assert status == 200


def _submit(scenario, callback_id: str, state: dict, metadata: str):
    payload = signing.view_submission_payload(callback_id, state, private_metadata=metadata)
    return scenario.interaction(payload)


def test_the_plan_shows_every_part_with_its_edit_buttons(engine, scenario):
    ids = _seed(engine)
    scenario.command("plan acme")
    reply = scenario.replies()[0]
    blocks = reply["blocks"]
    rendered = _render(blocks)
    assert blocks[0]["text"]["text"] == "Account plan: Acme Retail Group"
    assert "plan 27% complete" in rendered and "last updated 175 days ago (stale after 90)" in rendered
    for part in ("*The customer's business*", "Open 40 stores in Iberia", "*Account team*", "*SWOT*",
                 "*Account goals*", "*Short term* (0-6 months)", "Win the renewal", "Send the TCO model"):
        assert part in rendered, part
    assert ":warning: was due Wed 18 Nov (5 days overdue)" in rendered
    edits = [json.loads(a["value"])["k"] for a in _accessories(blocks, "plans:section_edit")]
    assert edits == ["customer_goals", "financial_health", "initiatives", "competitors", "account_goals"]
    assert [a["value"] for a in _accessories(blocks, "plans:action_done")] == [str(ids["late"])]
    assert _accessories(blocks, "plans:objective_menu")
    assert len(blocks) <= 50


def test_a_section_is_edited_through_its_form(engine, scenario):
    ids = _seed(engine)
    value = json.dumps({"a": ids["acme"], "k": "competitors"})
    _click(scenario, "plans:section_edit", value, "section")
    view = scenario.fake.wait_for("views.open")[0].args["view"]
    assert view["callback_id"] == "plans_section"
    state = {"body": {"value": {"type": "plain_text_input", "value": "Kraftmann (10% cheaper), Dynaflex"}}}
    _, _, body = _submit(scenario, "plans_section", state, view["private_metadata"])
    assert "errors" not in body
    posted = scenario.fake.wait_for("chat.postMessage")[0].args
    assert "Competitors saved in the Acme Retail Group plan" in posted["text"]
    with Session(engine) as session:
        row = session.exec(select(PlanSection).where(PlanSection.section == "competitors")).one()
        assert row.body == "Kraftmann (10% cheaper), Dynaflex" and row.updated_by == "U_ALICE"
        assert session.get(Account, ids["acme"]).plan_updated_at.date() == date(2026, 11, 23)
        assert session.exec(select(AuditEntry).where(AuditEntry.action == "plan.section_saved")).one()


def test_an_objective_is_added_and_assigned_to_any_slack_user(engine, scenario):
    ids = _seed(engine)
    _click(scenario, "plans:objective_add", str(ids["acme"]), "objective")
    view = scenario.fake.wait_for("views.open")[0].args["view"]
    assert view["callback_id"] == "plans_objective"
    fields = {b.get("block_id"): b for b in view["blocks"]}
    assert fields["owner"]["element"]["type"] == "users_select"
    state = {"title": {"value": {"type": "plain_text_input", "value": "Win the Iberia rollout"}},
             "horizon": {"value": {"type": "static_select", "selected_option": {"value": "mid"}}},
             "owner": {"value": {"type": "users_select", "selected_user": "U_DAVE"}},
             "due": {"value": {"type": "datepicker", "selected_date": "2026-01-01"}}}
    _, _, body = _submit(scenario, "plans_objective", state, view["private_metadata"])
    assert json.loads(body)["errors"] == {"due": "Pick today or a later date."}
    state["due"] = {"value": {"type": "datepicker", "selected_date": "2027-06-30"}}
    _, _, body = _submit(scenario, "plans_objective", state, view["private_metadata"])
    assert "errors" not in body
    posted = scenario.fake.wait_for("chat.postMessage")[0].args
    assert "owner <@U_DAVE>" in _render(posted["blocks"])
    with Session(engine) as session:
        objective = session.exec(select(Objective).where(Objective.title == "Win the Iberia rollout")).one()
        assert (objective.horizon, objective.owner_user_id, objective.due_on) == ("mid", "U_DAVE", date(2027, 6, 30))


def test_an_action_is_added_under_an_objective_from_its_menu(engine, scenario):
    ids = _seed(engine)
    payload = signing.block_action_payload("plans:objective_menu", f"add_action:{ids['win']}", channel_id="C_GENERAL",
                                           response_url=scenario.fake.response_url("menu"), action_type="overflow")
    scenario.interaction(payload)
    view = scenario.fake.wait_for("views.open")[0].args["view"]
    assert view["callback_id"] == "plans_action"
    state = {"title": {"value": {"type": "plain_text_input", "value": "Book the CFO lunch"}},
             "owner": {"value": {"type": "users_select", "selected_user": "U_BOB"}},
             "due": {"value": {"type": "datepicker", "selected_date": "2026-12-04"}}}
    _submit(scenario, "plans_action", state, view["private_metadata"])
    scenario.fake.wait_for("chat.postMessage")
    with Session(engine) as session:
        action = session.exec(select(Action).where(Action.title == "Book the CFO lunch")).one()
        assert (action.objective_id, action.owner_user_id, action.status) == (ids["win"], "U_BOB", "open")


def test_the_done_button_closes_the_action(engine, scenario):
    ids = _seed(engine)
    scenario.command("plan acme")
    done = _accessories(scenario.replies()[0]["blocks"], "plans:action_done")[0]
    _click(scenario, done["action_id"], done["value"], "done")
    answer = scenario.replies(count=2)[1]
    assert "Done: Send the TCO model" in answer["text"]
    with Session(engine) as session:
        action = session.get(Action, ids["late"])
        assert action.status == "done" and action.done_at is not None
        entry = session.exec(select(AuditEntry).where(AuditEntry.action == "action.status")).one()
        assert entry.before["status"] == "open" and entry.after["status"] == "done"


def test_people_outside_the_team_read_the_plan_but_cannot_close_its_actions(engine, scenario):
    ids = _seed(engine)
    scenario.command("plan acme", user_id="U_MALLORY")
    blocks = scenario.replies()[0]["blocks"]
    assert not _accessories(blocks, "plans:action_done")
    _click(scenario, "plans:action_done", str(ids["late"]), "forged", user_id="U_MALLORY")
    assert "Only the account team" in scenario.replies(count=2)[1]["text"]
    with Session(engine) as session:
        assert session.get(Action, ids["late"]).status == "open"


def test_next_actions_come_with_reasons_and_a_suggestion_can_be_adopted(engine, scenario, tmp_path):
    # the registered `next` as it is (the drafts part included), over a real empty notes index
    index = ChromaIndex.local(tmp_path / "index", HashEmbedder)
    scenario.container.__dict__.update(notes_index=index, drafter=OfflineDrafter(HashEmbedder))
    _seed(engine)
    scenario.command("next acme")
    reply = scenario.replies()[0]
    rendered = _render(reply["blocks"])
    assert "Next actions: Acme Retail Group" in rendered
    assert "*1. Chase: Send the TCO model*" in rendered and "5 days overdue" in rendered
    assert "Find and map the economic buyer" in rendered and "Reconnect with Ana Ruiz (CFO)" in rendered
    adopt = next(a for a in _accessories(reply["blocks"], "plans:adopt") if "cold_key_person" in a["value"])
    _click(scenario, adopt["action_id"], adopt["value"], "adopt")
    answers = scenario.replies(count=2)
    assert "Action added: Reconnect with Ana Ruiz (CFO)" in answers[1]["text"]
    with Session(engine) as session:
        assert session.exec(select(Action).where(Action.title == "Reconnect with Ana Ruiz (CFO)")).one().status == "open"


def test_the_app_home_shows_my_accounts_and_actions_with_buttons(engine, scenario):
    ids = _seed(engine)
    scenario.event({"type": "app_home_opened", "user": "U_ALICE", "channel": "D1", "tab": "home"})
    view = scenario.fake.wait_for("views.publish")[0].args["view"]
    rendered = _render(view)
    assert view["type"] == "home"
    assert "Your actions due this week" in rendered and "Send the TCO model" in rendered
    assert "Acme Retail Group" in rendered and "Vantor" not in rendered
    # issue 15: no economic buyer and no decision maker known is red, whoever else supports us
    assert "coverage red" in rendered and ":snowflake: 1 gone cold" in rendered and "plan stale" in rendered
    buttons = [e for b in view["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert [e["text"]["text"] for e in buttons] == ["Log meeting", "Stakeholders", "Plan", "Next actions", "Card"]
    payload = signing.block_action_payload("plans:action_done", str(ids["late"]), view={"type": "home"})
    scenario.interaction(payload)
    again = scenario.fake.wait_for("views.publish", count=2)[1].args["view"]
    assert "Your actions due this week" not in _render(again)
    posted = scenario.fake.wait_for("chat.postMessage")[0].args
    assert posted["channel"] == "U_ALICE" and "Done: Send the TCO model" in posted["text"]
    log_button = next(e for e in buttons if e["action_id"] == "plans:log_open")
    scenario.interaction(signing.block_action_payload("plans:log_open", log_button["value"], view={"type": "home"}))
    opened = scenario.fake.wait_for("views.open")[0].args["view"]
    assert opened["callback_id"] == "plans_log" and json.loads(opened["private_metadata"])["h"] == 1
