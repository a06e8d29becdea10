"""Workspace isolation through every /kam subcommand, events, buttons, modals and the home tab.

Two workspaces (OAuth installs, each with its own bot token) hold the same demo portfolio: the
same account names, the same people, the same Slack user ids. Everything is driven as Slack
drives it (signed HTTP into the real app) and checked on what the fake Slack recorded and on the
database: the other workspace's marked text never shows, its rows never change, and every Web
API call carries the acting workspace's token.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Callable

import pytest

from bot.render import plans_common as plan_ids
from bot.render import reviews as review_ids
from bot.render import selection as selection_ids
from bot.render import selection_views as selection_forms
from bot.render.blocks import RUN_ACTION
from bot.listeners.streaming import FEEDBACK_ACTION
from bot.render import plan_drafts as plan_draft_ids
from bot.render.drafts import ACCEPT_ACTION, REJECT_ACTION
from bot.render.team import TEAM_FORM
from security_world import ALPHA, BETA, MARK, OTHER, TOKENS, changed_tables, snapshot
from security_world import module_engine, world  # noqa: F401  (fixtures; no conftest.py here: see security_world)
from support import signing


@dataclass(frozen=True)
class Case:
    text: str  # /kam text; {borealis}, {person}, ... filled from the world
    user: str = "kam"  # a key of World.users, or "admin"
    writes: bool = False  # must change the acting workspace (proves the command ran, not a refusal)
    expect: str | None = None  # text the reply must contain (proves it answered with the acting workspace's data)
    then: str | None = None  # a Web API call the command makes after its reply (waited for, so it is checked too)
    wait: float = 30  # seconds for the reply


# One case per subcommand `/kam help` lists; test_every_subcommand_has_an_isolation_case keeps it that way.
CASES: dict[str, Case] = {
    "help": Case("help"),
    "accounts": Case("accounts all", expect="{borealis}"),
    "account": Case("account borealis", expect="{mark}"),
    "ask": Case("ask who are the decision makers at borealis?", expect="{person}", wait=120),  # may load the model
    "swot": Case("swot borealis", expect="Borealis"),
    "plan": Case("plan borealis", expect="{mark}"),
    "next": Case("next borealis", expect="Borealis"),
    "stakeholders": Case("stakeholders borealis", expect="{mark}"),
    "stakeholder": Case("stakeholder borealis {person} title=\"Chief Isolation Officer\"", writes=True),
    "log": Case("log borealis met {person} today, positive about the renewal; send the contract Friday", writes=True),
    "review": Case("review borealis engagement=4 loyalty=4 outcome=\"on track\" plan=yes", writes=True),
    "criteria": Case("criteria thresholds cap=31", user="admin", writes=True),
    "score": Case("score borealis {criterion}=7", writes=True),
    "portfolio": Case("portfolio", expect="key", then="files.completeUploadExternal"),
    "nominate": Case("nominate {nominate} new plant doubles their volume", user="nominate_kam", writes=True),
    "demote": Case("demote {demote} volumes fell 60% and there is no growth plan", user="demote_kam", writes=True),
    "approve": Case("approve {approve} override isolation check", user="admin", writes=True),
    "reject": Case("reject {reject} volumes are too small until the new plant opens", user="admin", writes=True),
    "requests": Case("requests", expect="Pending tier changes"),
    "team": Case("team borealis add=<@U0SECNEW|new>:specialist channel=<#C0SECBOR|borealis>", writes=True),
    "plan-draft": Case("plan-draft borealis", expect="Borealis"),
    "revenue": Case("revenue borealis 8 quarters", expect="Borealis"),
    "reports": Case("reports {person}", expect="{person}"),
    "attitude": Case("attitude {person}", expect="{person}"),
    "promises": Case("promises borealis", expect="Borealis"),
    "changes": Case("changes borealis since 2025-01-01", expect="Borealis"),
    "growth": Case("growth leaders"),
    "margins": Case("margins loss"),
    "gaps": Case("gaps sponsor all"),
    "cold": Case("cold"),
    "trends": Case("trends meetings"),
    "movers": Case("movers"),
    "owned-by": Case("owned-by me"),
}


def _help_subcommands(world, team: str) -> set[str]:
    """The subcommands the product offers, as `/kam help` lists them to a user in Slack."""
    before = len(world.fake.calls("response_url"))
    status, _, _ = world.scenario.command("help", user_id=world.users["kam"], team_id=team)
    assert status == 200
    reply = world.fake.wait_for("response_url", count=before + 1, timeout=30)[before].args
    shown = json.dumps([reply.get("text", ""), reply.get("blocks", [])], ensure_ascii=False)
    return set(re.findall(r"/kam ([a-z][a-z_-]*)", shown))


@pytest.mark.parametrize("team", [ALPHA, BETA])
def test_every_subcommand_has_an_isolation_case(world, team):
    offered = _help_subcommands(world, team)
    assert len(offered) >= 10, offered  # the help was read, not an error message
    assert offered == set(CASES), ("every subcommand /kam help offers needs an isolation case (and no case for "
                                   f"one it no longer offers): missing {offered - set(CASES)}, "
                                   f"extra {set(CASES) - offered}")


def _user(world, key: str) -> str:
    return "U0SECADMIN" if key == "admin" else world.users[key]


def _fill(world, template: str, team: str) -> str:
    return template.format(mark=MARK[team], **world.names)


def _api_calls_since(world, start: int):
    return [c for c in world.fake.calls()[start:] if c.method not in ("response_url", "upload")]


def _assert_isolated(world, team: str, start: int, guarded_before: dict, replies: list) -> str:
    """Nothing of the other workspace shown or changed; every Web API call made with `team`'s token."""
    other = OTHER[team]
    shown = json.dumps(replies, ensure_ascii=False)
    assert MARK[other] not in shown, f"{other}'s data leaked into {team}'s reply"
    for call in _api_calls_since(world, start):
        assert call.token == TOKENS[team], f"{call.method} used {call.token} while serving {team}"
        assert MARK[other] not in json.dumps(call.args, default=str, ensure_ascii=False)
    assert changed_tables(guarded_before, snapshot(world.engine, other)) == []
    return shown


@pytest.mark.parametrize("team", [ALPHA, BETA])
@pytest.mark.parametrize("name", sorted(CASES))
def test_subcommand_stays_in_its_workspace(world, name, team):
    """One workspace acts, the other is guarded: in both directions, for every subcommand."""
    case = CASES[name]
    guarded = snapshot(world.engine, OTHER[team])
    mine = snapshot(world.engine, team)
    start = len(world.fake.calls())
    replies_before = len(world.fake.calls("response_url"))
    status, _, _ = world.scenario.command(_fill(world, case.text, team), user_id=_user(world, case.user),
                                          team_id=team)
    assert status == 200
    reply = world.fake.wait_for("response_url", count=replies_before + 1, timeout=case.wait)[replies_before].args
    if case.then:
        then_before = [c for c in world.fake.calls()[:start] if c.method == case.then]
        world.fake.wait_for(case.then, count=len(then_before) + 1, timeout=30)
    shown = _assert_isolated(world, team, start, guarded, [reply])
    assert "something went wrong on our side" not in reply.get("text", ""), reply.get("text")  # not a crash
    if case.expect:
        assert _fill(world, case.expect, team) in shown, reply.get("text")
    if case.writes:
        assert changed_tables(mine, snapshot(world.engine, team)), f"`{case.text}` wrote nothing: {reply.get('text')}"


def test_a_name_only_the_other_workspace_has_is_not_found_nor_suggested(world):
    from sqlmodel import Session

    from support.builders import add_account

    with Session(world.engine) as session:
        add_account(session, BETA, "Zephyrion Dynamics AG", industry="BetaSecret only")
        session.commit()
    before = len(world.fake.calls("response_url"))
    world.scenario.command("account zephyrion", user_id=world.users["kam"], team_id=ALPHA)
    reply = world.fake.wait_for("response_url", count=before + 1, timeout=10)[before].args
    assert "Zephyrion" not in json.dumps(reply) and "BetaSecret" not in json.dumps(reply)


# ---------------------------------------------------------------------------- events and the home tab


@pytest.mark.parametrize("team", [ALPHA, BETA])
@pytest.mark.parametrize("kind", ["app_mention", "message.im"])
def test_mentions_and_direct_messages_stay_in_their_workspace(world, kind, team):
    guarded = snapshot(world.engine, OTHER[team])
    start = len(world.fake.calls())
    posts = len(world.fake.calls("chat.postMessage"))
    if kind == "app_mention":
        event = signing.message_event(f"<@U_BOT_{team}> who are the stakeholders at borealis?",
                                      user_id=world.users["kam"], channel_id="C_KAM", team_id=team,
                                      event_type="app_mention")
    else:
        event = signing.message_event("stakeholders borealis", user_id=world.users["kam"], channel_id="D_KAM",
                                      team_id=team)
    status, _, _ = world.scenario.event(event, team_id=team)
    assert status == 200
    answer = world.fake.wait_for("chat.postMessage", count=posts + 1, timeout=30)[posts]
    shown = _assert_isolated(world, team, start, guarded, [answer.args])
    assert MARK[team] in shown  # the acting workspace's map, with its own people


@pytest.mark.parametrize("team", [ALPHA, BETA])
def test_home_tab_shows_only_its_workspace(world, team):
    guarded = snapshot(world.engine, OTHER[team])
    start = len(world.fake.calls())
    published = len(world.fake.calls("views.publish"))
    world.scenario.event({"type": "app_home_opened", "user": world.users["kam"], "tab": "home", "channel": "D1"},
                         team_id=team)
    view = world.fake.wait_for("views.publish", count=published + 1, timeout=10)[published]
    shown = _assert_isolated(world, team, start, guarded, [view.args])
    assert world.names["borealis"] in shown


# ---------------------------------------------------------------------------- buttons and modals with foreign ids
#
# A button value or a modal's private_metadata is written by us but comes back unsigned: a user
# of one workspace can replay it with the ids of the other workspace's rows. Each one must be
# refused (or answer "not found") without showing or touching the other workspace.


def _buttons(world) -> dict[str, Callable[[dict], tuple[str, str, str]]]:
    """action_id -> (action_id, value, action type) built from the other workspace's ids."""
    return {
        RUN_ACTION: lambda o: (RUN_ACTION, f"account #{o['borealis']}", "button"),
        plan_ids.LOG_OPEN: lambda o: (plan_ids.LOG_OPEN, json.dumps({"a": o["borealis"]}), "button"),
        plan_ids.EDIT_LOG: lambda o: (plan_ids.EDIT_LOG, str(o["interaction"]), "button"),
        plan_ids.PERSON_EDIT: lambda o: (plan_ids.PERSON_EDIT, json.dumps({"a": o["borealis"], "s": o["person"]}),
                                         "button"),
        plan_ids.PERSON_ADD: lambda o: (plan_ids.PERSON_ADD, json.dumps({"a": o["borealis"]}), "button"),
        plan_ids.SECTION_EDIT: lambda o: (plan_ids.SECTION_EDIT, json.dumps({"a": o["borealis"], "k": "goals"}),
                                          "button"),
        plan_ids.OBJECTIVE_ADD: lambda o: (plan_ids.OBJECTIVE_ADD, str(o["borealis"]), "button"),
        plan_ids.OBJECTIVE_MENU: lambda o: (plan_ids.OBJECTIVE_MENU, f"done:{o['objective']}", "overflow"),
        plan_ids.ACTION_DONE: lambda o: (plan_ids.ACTION_DONE, str(o["action"]), "button"),
        plan_ids.ACTIONS_EDIT: lambda o: (plan_ids.ACTIONS_EDIT, json.dumps({"a": o["borealis"]}), "button"),
        plan_ids.ADOPT: lambda o: (plan_ids.ADOPT, json.dumps({"a": o["borealis"], "k": "review"}), "button"),
        plan_ids.ADD_PERSON: lambda o: (plan_ids.ADD_PERSON, json.dumps({"i": o["interaction"], "n": "Eve"}),
                                        "button"),
        plan_ids.ACCEPT: lambda o: (plan_ids.ACCEPT, json.dumps({"s": o["person"], "a": o["borealis"],
                                                                  "f": "attitude", "v": 2}), "button"),
        ACCEPT_ACTION: lambda o: (ACCEPT_ACTION, json.dumps({"a": o["borealis"], "n": o["note"], "q": "s",
                                                              "p": "s1", "t": "strong ties"}), "button"),
        REJECT_ACTION: lambda o: (REJECT_ACTION, json.dumps({"a": o["borealis"], "n": o["note"], "q": "s",
                                                              "p": "s1", "t": "strong ties"}), "button"),
        plan_draft_ids.ACCEPT_ACTION: lambda o: (plan_draft_ids.ACCEPT_ACTION, f"{o['borealis']}:0123456789ab",
                                                 "button"),
        plan_draft_ids.REJECT_ACTION: lambda o: (plan_draft_ids.REJECT_ACTION, f"{o['borealis']}:0123456789ab",
                                                 "button"),
        selection_ids.APPROVE_ACTION: lambda o: (selection_ids.APPROVE_ACTION, str(o["request"]), "button"),
        selection_ids.REJECT_ACTION: lambda o: (selection_ids.REJECT_ACTION, str(o["request"]), "button"),
        review_ids.START_REVIEW: lambda o: (review_ids.START_REVIEW, str(o["borealis"]), "button"),
        review_ids.NUDGE_DONE: lambda o: (review_ids.NUDGE_DONE, f"action:{o['action']}", "button"),
        review_ids.NUDGE_SNOOZE: lambda o: (review_ids.NUDGE_SNOOZE, f"person:{o['person']}", "button"),
    }


def _forms(world) -> dict[str, Callable[[dict], tuple[str, dict]]]:
    """callback_id -> (private_metadata, state values) built from the other workspace's ids."""
    text = lambda block, value: {block: {"value": {"type": "plain_text_input", "value": value}}}  # noqa: E731
    return {
        selection_forms.SCORE_FORM: lambda o: (json.dumps({"account_id": o["borealis"]}),
                                               text(selection_forms.SCORE_BLOCK + world.names["criterion"], "9")),
        selection_forms.REJECT_FORM: lambda o: (json.dumps({"tier_change_id": o["request"]}),
                                                text(selection_forms.REASON_BLOCK, "not this quarter")),
        selection_forms.OVERRIDE_FORM: lambda o: (json.dumps({"tier_change_id": o["request"]}),
                                                  text(selection_forms.REASON_BLOCK, "board priority")),
        review_ids.REVIEW_FORM: lambda o: (json.dumps({"account_id": o["borealis"]}),
                                           {**text("outcome", "all good"), **text("engagement", "4")}),
        plan_ids.LOG_FORM: lambda o: (json.dumps({"a": o["borealis"]}), text("notes", "met them, all good")),
        plan_ids.LOG_MESSAGE_FORM: lambda o: (json.dumps({"a": o["borealis"]}),
                                              {**text("notes", "met them"),
                                               "account": {"value": {"type": "external_select", "selected_option": {
                                                   "value": str(o["borealis"]), "text": {"type": "plain_text",
                                                                                         "text": "x"}}}}}),
        plan_ids.PERSON_FORM: lambda o: (json.dumps({"a": o["borealis"], "s": o["person"]}),
                                         text("name", "Renamed Person")),
        plan_ids.SECTION_FORM: lambda o: (json.dumps({"a": o["borealis"], "k": "goals"}), text("body", "new goals")),
        plan_ids.OBJECTIVE_FORM: lambda o: (json.dumps({"a": o["borealis"]}), text("title", "win everything")),
        plan_ids.ACTION_FORM: lambda o: (json.dumps({"a": o["borealis"]}), text("title", "call them")),
        plan_ids.ACTIONS_FORM: lambda o: (json.dumps({"a": o["borealis"], "ids": [o["action"]]}),
                                          text(f"title_{o['action']}", "renamed")),
        TEAM_FORM: lambda o: (json.dumps({"a": o["borealis"], "k": 1}),
                              {"sponsor": {"value": {"type": "users_select", "selected_user": "U0SECADMIN"}},
                               "members": {"value": {"type": "multi_users_select", "selected_users": []}}}),
    }


def test_every_button_and_form_has_a_foreign_id_case(world):
    from bot.listeners import plans as plan_listeners  # noqa: F401  (the registrations below are the truth)

    app = world.scenario.container  # noqa: F841
    declared_forms = {selection_forms.SCORE_FORM, selection_forms.REJECT_FORM, selection_forms.OVERRIDE_FORM,
                      review_ids.REVIEW_FORM, plan_ids.LOG_FORM, plan_ids.LOG_MESSAGE_FORM, plan_ids.PERSON_FORM,
                      plan_ids.SECTION_FORM, plan_ids.OBJECTIVE_FORM, plan_ids.ACTION_FORM, plan_ids.ACTIONS_FORM,
                      TEAM_FORM}
    assert set(_forms(world)) == declared_forms
    listened = _listened_ids()
    assert listened["view"] == declared_forms, "a new modal needs a foreign-id case in _forms"
    missing = {a for a in listened["action"] if not any(_matches(a, b) for b in _buttons(world))}
    # Feedback on a streamed draft reads no id and writes nothing (a log line): there is no reply to wait for.
    assert missing <= {plan_ids.ATTENDEES, plan_ids.ACCOUNT_PICK, selection_ids.OVERRIDE_ACTION, plan_ids.ACCEPT_ALL,
                       FEEDBACK_ACTION}, \
        f"buttons without a foreign-id case: {missing}"


def _listened_ids() -> dict[str, set[str]]:
    """The action and view callback ids the real app registers (read from a fresh Bolt app)."""
    import re

    from slack_bolt import App

    from bot.listeners import register_all

    seen: dict[str, set[str]] = {"action": set(), "view": set()}

    class Recorder(App):
        def action(self, constraints, *a, **k):
            seen["action"].add(constraints.pattern if isinstance(constraints, re.Pattern) else constraints)
            return super().action(constraints, *a, **k)

        def view(self, constraints, *a, **k):
            seen["view"].add(constraints)
            return super().view(constraints, *a, **k)

    from bot.bootstrap import Container
    from bot.settings import load_settings

    app = Recorder(token="xoxb-x", signing_secret="s", token_verification_enabled=False)
    register_all(app, Container(load_settings(KAM_DATA_DIR="/tmp/kam-security-unused")))
    return seen


def _matches(listened: str, action_id: str) -> bool:
    import re

    return listened == action_id or bool(re.fullmatch(listened, action_id))


@pytest.mark.parametrize("team", [ALPHA, BETA])
def test_buttons_carrying_the_other_workspaces_ids_reach_nothing(world, team):
    other = OTHER[team]
    guarded = snapshot(world.engine, other)
    start = len(world.fake.calls())
    answers = []
    for name, build in _buttons(world).items():
        action_id, value, kind = build(world.ids[other])
        replies = len(world.fake.calls("response_url"))
        payload = signing.block_action_payload(action_id, value, user_id="U0SECADMIN", team_id=team,
                                               channel_id="C_KAM", action_type=kind,
                                               response_url=world.fake.response_url(f"btn-{team}-{name}"))
        status, _, _ = world.scenario.interaction(payload)
        assert status == 200, name
        answer = world.fake.wait_for("response_url", count=replies + 1, timeout=30)[replies].args
        assert MARK[other] not in json.dumps(answer, ensure_ascii=False), f"{name} showed {other}'s data"
        answers.append(answer)
    world.scenario.settle()  # what the clicks started (views.open included) is recorded and checked below
    assert len(answers) == len(_buttons(world))
    _assert_isolated(world, team, start, guarded, answers)


@pytest.mark.parametrize("team", [ALPHA, BETA])
def test_forms_carrying_the_other_workspaces_ids_write_nothing(world, team):
    other = OTHER[team]
    guarded = snapshot(world.engine, other)
    mine = snapshot(world.engine, team)
    start = len(world.fake.calls())
    answers = []
    for callback_id, build in _forms(world).items():
        metadata, state = build(world.ids[other])
        payload = signing.view_submission_payload(callback_id, state, user_id="U0SECADMIN", team_id=team,
                                                  private_metadata=metadata)
        status, _, body = world.scenario.interaction(payload)
        assert status == 200, callback_id
        answer = json.loads(body) if body else {}
        assert answer.get("response_action") == "errors", f"{callback_id} accepted a foreign id: {body}"
        assert MARK[other] not in body
        answers.append(answer)
    world.scenario.settle()
    assert answers and all(a["errors"] for a in answers)
    _assert_isolated(world, team, start, guarded, answers)
    assert changed_tables(mine, snapshot(world.engine, team)) == []


# ---------------------------------------------------------------------------- authorization through Slack


def _command_reply(world, text: str, user_id: str, team: str = ALPHA) -> dict:
    before = len(world.fake.calls("response_url"))
    status, _, _ = world.scenario.command(text, user_id=user_id, team_id=team)
    assert status == 200
    return world.fake.wait_for("response_url", count=before + 1, timeout=30)[before].args


def test_a_slack_guest_is_refused_clearly_and_nothing_is_written(world):
    world.fake.set_user("U_GUEST1", is_restricted=True)
    world.fake.set_user("U_GUEST2", is_ultra_restricted=True)
    before = snapshot(world.engine, ALPHA)
    for guest, text in (("U_GUEST1", "score borealis {criterion}=2"), ("U_GUEST2", "account borealis"),
                        ("U_GUEST1", "requests")):
        reply = _command_reply(world, _fill(world, text, ALPHA), guest)
        assert reply["text"] == "Guests and people from other organisations can't use the KAM assistant here."
        assert "blocks" not in reply or world.names["person"] not in json.dumps(reply)
    assert changed_tables(before, snapshot(world.engine, ALPHA)) == []


def test_a_member_outside_the_account_team_cannot_change_the_map(world):
    before = snapshot(world.engine, ALPHA)
    reply = _command_reply(world, _fill(world, "stakeholder borealis {person} title=Intruder", ALPHA), "U_NOT_ON_TEAM")
    assert reply["text"] == "Only the account team, its executive sponsor or an admin can change this account."
    assert changed_tables(before, snapshot(world.engine, ALPHA)) == []


def test_a_user_of_another_organisation_in_a_shared_channel_gets_nothing(world):
    before = snapshot(world.engine, ALPHA)
    posts = len(world.fake.calls("chat.postMessage"))
    event = signing.message_event("<@U_BOT_T_ALPHA> who are the stakeholders at borealis?", user_id="U_CUSTOMER",
                                  channel_id="C_SHARED", team_id="T_CUSTOMER", event_type="app_mention")
    event["user_team"] = "T_CUSTOMER"
    world.scenario.event(event, team_id=ALPHA)
    answer = world.fake.wait_for("chat.postMessage", count=posts + 1, timeout=30)[posts].args
    assert answer["text"] == "Guests and people from other organisations can't use the KAM assistant here."
    assert MARK[ALPHA] not in json.dumps(answer)
    # Only bookkeeping may change (the event id; the language layer's conversation memory, see the report).
    assert set(changed_tables(before, snapshot(world.engine, ALPHA))) <= {"processedevent", "conversationmemory"}


def test_whoever_nominates_cannot_approve_it_in_slack_without_a_written_reason(world):
    sponsor = world.users["sponsor"]
    asked = _command_reply(world, _fill(world, "nominate {four_eyes} strategic for the north region", ALPHA),
                           "U0SECADMIN")
    assert "sent for approval" in asked["text"], asked["text"]
    before = snapshot(world.engine, ALPHA)
    reply = _command_reply(world, "requests", sponsor)
    assert "Pending" in reply["text"]
    # the admin asked for it above; the admin approving it without a reason is refused, nothing changes
    refused = _command_reply(world, _fill(world, "approve {four_eyes}", ALPHA), "U0SECADMIN")
    assert "only with a written reason" in refused["text"] and "nothing was changed" in refused["text"]
    assert changed_tables(before, snapshot(world.engine, ALPHA)) == []
