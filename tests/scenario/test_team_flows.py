"""The account team over real HTTP: `/kam team` with Slack's mention and channel markup, a refusal
that writes nothing, the form opened by `/kam team X` alone and its submission, and the account
card showing the team afterwards."""
from __future__ import annotations

import json

from sqlmodel import Session, func, select

from kam_domain.models import Account, AuditEntry, TeamMember
from support import signing
from support.builders import add_account, add_member, two_workspaces_with_borealis


def _seed(engine) -> dict[str, int]:
    with Session(engine) as session:
        alpha, beta = two_workspaces_with_borealis(session)
        add_member(session, alpha, "U_ALICE", role="kam")
        add_member(session, alpha, "U_BOB")
        acme = add_account(session, "T_ALPHA", "Acme Retail Group", tier="key", owner_user_id="U_ALICE")
        session.commit()
        return {"borealis": alpha.id, "beta": beta.id, "acme": acme.id}


def _account(engine, account_id: int) -> Account:
    with Session(engine) as session:
        return session.get(Account, account_id)


def _members(engine, account_id: int) -> dict[str, str]:
    with Session(engine) as session:
        return {m.user_id: m.role for m in session.exec(select(TeamMember).where(TeamMember.account_id == account_id))}


def _audits(engine) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(AuditEntry)).one()


def test_the_kam_sets_sponsor_specialist_and_channel_with_slack_markup(engine, scenario):
    ids = _seed(engine)
    scenario.command("team borealis sponsor=<@U_BO|bo> add=<@U_CY|cy>:specialist channel=<#C9ACME|acme>")
    reply = scenario.replies()[0]
    assert reply["response_type"] == "ephemeral"
    rendered = json.dumps(reply["blocks"], ensure_ascii=False)
    assert "*Borealis Logistics GmbH* team updated" in rendered
    assert "Executive sponsor: none → <@U_BO>" in rendered
    assert "Added <@U_CY> as specialist" in rendered
    assert "Account channel: none → <#C9ACME>" in rendered
    account = _account(engine, ids["borealis"])
    assert (account.sponsor_user_id, account.channel_id) == ("U_BO", "C9ACME")
    assert _members(engine, ids["borealis"]) == {"U_ALICE": "kam", "U_BOB": "member", "U_BO": "sponsor",
                                                 "U_CY": "specialist"}
    assert _audits(engine) == 3
    assert _account(engine, ids["beta"]).sponsor_user_id is None  # the same-named account of another workspace

    scenario.command("account borealis")  # the card shows the team now
    card = json.dumps(scenario.replies(count=2)[1]["blocks"], ensure_ascii=False)
    assert "*Executive sponsor*\\n<@U_BO>" in card and "*Owner*\\n<@U_ALICE>" in card
    assert "*Account channel*\\n<#C9ACME>" in card and "<@U_CY>" in card


def test_repeated_add_keys_and_a_bad_channel(engine, scenario):
    ids = _seed(engine)
    scenario.command("team acme add=<@U_CY|cy>:specialist add=U_DEE channel=general")
    reply = scenario.replies()[0]
    assert "`general` is not a channel" in reply["text"] and "Nothing was changed." in reply["text"]
    assert _members(engine, ids["acme"]) == {} and _audits(engine) == 0
    scenario.command("team acme add=<@U_CY|cy>:specialist add=U_DEE")
    assert "Added <@U_CY> as specialist" in json.dumps(scenario.replies(count=2)[1]["blocks"])
    assert _members(engine, ids["acme"]) == {"U_CY": "specialist", "U_DEE": "member"}


def test_an_outsider_is_refused_ephemerally_and_nothing_is_written(engine, scenario):
    ids = _seed(engine)
    scenario.command("team borealis sponsor=<@U_MALLORY|m> channel=<#C9EVIL|evil>", user_id="U_MALLORY")
    reply = scenario.replies()[0]
    assert reply["response_type"] == "ephemeral"
    assert "Only the account's KAM, its executive sponsor or an admin can change this account's team." in reply["text"]
    account = _account(engine, ids["borealis"])
    assert (account.sponsor_user_id, account.channel_id) == (None, None)
    assert _audits(engine) == 0
    assert scenario.fake.calls("views.open") == []


def test_the_team_alone_opens_the_form_for_the_kam_and_its_submission_changes_the_team(engine, scenario):
    ids = _seed(engine)
    scenario.command("team borealis")
    view = scenario.fake.wait_for("views.open")[0].args["view"]
    view = json.loads(view) if isinstance(view, str) else view
    assert view["callback_id"] == "team_edit"
    blocks = {b.get("block_id"): b for b in view["blocks"]}
    assert blocks["owner"]["element"] == {"type": "users_select", "action_id": "value",
                                          "placeholder": {"type": "plain_text", "text": "Pick someone", "emoji": True},
                                          "initial_user": "U_ALICE"}
    assert blocks["sponsor"]["element"]["type"] == "users_select"
    assert blocks["members"]["element"]["type"] == "multi_users_select"
    assert blocks["members"]["element"]["initial_users"] == ["U_BOB"]
    assert blocks["channel"]["element"]["type"] == "conversations_select"
    assert json.loads(view["private_metadata"]) == {"a": ids["borealis"], "k": 1}

    state = {
        "owner": {"value": {"type": "users_select", "selected_user": "U_ALICE"}},
        "sponsor": {"value": {"type": "users_select", "selected_user": "U_ALICE"}},
        "members": {"value": {"type": "multi_users_select", "selected_users": ["U_BOB", "U_CY"]}},
        "channel": {"value": {"type": "conversations_select", "selected_conversation": "C9BOR"}},
    }
    payload = signing.view_submission_payload("team_edit", state, private_metadata=view["private_metadata"])
    payload["view"]["blocks"] = view["blocks"]
    _, _, body = scenario.interaction(payload)
    errors = json.loads(body)["errors"]
    assert "can't be both the KAM and the executive sponsor" in errors["sponsor"]
    assert _audits(engine) == 0 and _account(engine, ids["borealis"]).sponsor_user_id is None

    state["sponsor"] = {"value": {"type": "users_select", "selected_user": "U_BO"}}
    payload = signing.view_submission_payload("team_edit", state, private_metadata=view["private_metadata"])
    payload["view"]["blocks"] = view["blocks"]
    _, _, body = scenario.interaction(payload)
    assert "errors" not in body
    posted = scenario.fake.wait_for("chat.postMessage")[0].args
    assert posted["channel"] == "U_ALICE" and "Borealis Logistics GmbH team:" in posted["text"]
    account = _account(engine, ids["borealis"])
    assert (account.sponsor_user_id, account.channel_id) == ("U_BO", "C9BOR")
    assert _members(engine, ids["borealis"]) == {"U_ALICE": "kam", "U_BOB": "member", "U_BO": "sponsor",
                                                 "U_CY": "member"}

    scenario.command("account borealis")
    card = json.dumps(scenario.replies()[0]["blocks"], ensure_ascii=False)
    assert "*Executive sponsor*\\n<@U_BO>" in card and "*Account channel*\\n<#C9BOR>" in card


def test_a_member_without_edit_rights_sees_the_team_instead_of_the_form(engine, scenario):
    _seed(engine)
    scenario.command("team borealis", user_id="U_BOB")
    reply = scenario.replies()[0]
    rendered = json.dumps(reply["blocks"], ensure_ascii=False)
    assert "Account team: Borealis Logistics GmbH" in rendered
    assert "*Key account manager*\\n<@U_ALICE>" in rendered and "<@U_BOB> · Team member" in rendered
    assert "Edit team" not in rendered
    assert scenario.fake.calls("views.open") == []


def test_a_form_pointed_at_another_workspaces_account_changes_nothing(engine, scenario):
    ids = _seed(engine)
    state = {"sponsor": {"value": {"type": "users_select", "selected_user": "U_BO"}},
             "members": {"value": {"type": "multi_users_select", "selected_users": []}}}
    payload = signing.view_submission_payload("team_edit", state, private_metadata=json.dumps({"a": ids["beta"]}))
    _, _, body = scenario.interaction(payload)
    assert "no longer exists in this workspace" in json.dumps(json.loads(body)["errors"])
    assert _account(engine, ids["beta"]).sponsor_user_id is None and _audits(engine) == 0
