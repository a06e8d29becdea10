"""Selection over real HTTP into the real app: scores and the score form, nominations and demotions
with their approvals, the key-account cap and its override, the portfolio chart."""
from __future__ import annotations

import io
import json
import time
from datetime import timedelta

import pytest
from PIL import Image
from sqlmodel import Session, select

from kam_domain.models import Account, AuditEntry, Review, Score, TierChange, Workspace
from support import signing
from support.constants import NOW
from support.builders import add_account, add_criteria, add_financials, add_member, add_scores

TEAM = "T_ALPHA"
SPECS = [("product_fit", 3, "attractiveness"), ("solvency", 2, "attractiveness"),
         ("relationship_strength", 2, "strength")]


@pytest.fixture(autouse=True)
def account_channels(scenario):
    """The bot was invited to the accounts' channels (announcements go there)."""
    scenario.fake.join("C_BOREALIS", "C_HELIOS")


def seed(engine, cap: int = 35) -> dict[str, int]:
    with Session(engine) as session:
        c = add_criteria(session, TEAM, SPECS)
        session.get(Workspace, TEAM).key_account_cap = cap
        borealis = add_account(session, TEAM, "Borealis Logistics GmbH", tier="key", owner_user_id="U_ALICE",
                               sponsor_user_id="U_SPONSOR", channel_id="C_BOREALIS", customer_rating=5.0)
        helios = add_account(session, TEAM, "Helios Foods AG", owner_user_id="U_ALICE", sponsor_user_id="U_SPONSOR",
                             channel_id="C_HELIOS", potential_annual_value=900_000)
        lumen = add_account(session, TEAM, "Lumen Solar BV", owner_user_id="U_BOB")
        add_member(session, helios, "U_MEMBER")
        add_scores(session, borealis, c, {"product_fit": 8, "solvency": 8, "relationship_strength": 8})
        add_scores(session, helios, c, {"product_fit": 7, "solvency": 6, "relationship_strength": 4})
        add_scores(session, lumen, c, {"product_fit": 4, "solvency": 5, "relationship_strength": 7})
        for row in session.exec(select(Score)).all():  # builders use the wall clock; the app's is fixed
            row.scored_at = NOW - timedelta(days=30)
        for account, revenue, cost in ((borealis, 1_000_000, 300_000), (helios, 200_000, 150_000),
                                       (lumen, 150_000, 50_000)):
            add_financials(session, account, [(q, revenue, cost) for q in
                                               ("2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3")])
        session.commit()
        return {"borealis": borealis.id, "helios": helios.id, "lumen": lumen.id}


def blocks_text(blocks) -> str:
    return json.dumps(blocks, ensure_ascii=False)


def posted_to(fake, channel: str, count: int = 1, timeout: float = 10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = [c for c in fake.calls("chat.postMessage") if c.args.get("channel") == channel]
        if len(found) >= count:
            return found
        time.sleep(0.05)
    raise AssertionError(f"no chat.postMessage to {channel}; saw {fake.methods()}")


def click(scenario, action_id: str, value: str, user_id: str, channel_id: str = "D_DM", name: str = "click"):
    response_url = scenario.fake.response_url(f"{name}-{time.monotonic_ns()}")
    payload = signing.block_action_payload(action_id, value, user_id=user_id, team_id=TEAM, channel_id=channel_id,
                                           response_url=response_url)
    status, _, _ = scenario.interaction(payload)
    assert status == 200
    return response_url, payload


def last_reply(scenario, count: int) -> dict:
    return scenario.replies(count=count)[count - 1]


def tier_of(engine, account_id: int) -> str:
    with Session(engine) as session:
        return session.get(Account, account_id).tier


def submit_view(scenario, callback_id: str, values: dict, metadata: dict, user_id: str = "U_ALICE"):
    payload = signing.view_submission_payload(callback_id, signing.plain_text_state(values), user_id=user_id,
                                              team_id=TEAM, private_metadata=json.dumps(metadata))
    status, _, body = scenario.interaction(payload)
    assert status == 200
    return json.loads(body) if body.strip() else {}


# ---------------------------------------------------------------------------- scores


def test_score_shows_sets_and_opens_the_form(engine, scenario):
    ids = seed(engine)
    scenario.command("score helios product_fit=9 solvency=6")
    saved = scenario.replies()[0]
    assert "Scores: Helios Foods AG (saved)" in saved["text"]
    assert "Product fit" in blocks_text(saved["blocks"]) and "Strategic" not in saved["text"]
    with Session(engine) as session:
        newest = session.exec(select(Score).order_by(Score.id.desc())).first()
        assert (newest.value, newest.scored_by) == (9, "U_ALICE")

    scenario.command("score helios")
    opened = scenario.fake.wait_for("views.open")[0].args["view"]
    assert opened["callback_id"] == "score_form"
    inputs = {b["block_id"]: b["element"] for b in opened["blocks"] if b["type"] == "input"}
    assert set(inputs) == {"score_product_fit", "score_solvency", "score_relationship_strength"}
    assert inputs["score_product_fit"]["initial_value"] == "9"
    assert json.loads(opened["private_metadata"])["account_id"] == ids["helios"]

    scenario.command("score helios", user_id="U_OUTSIDER")  # may read, not score: the card, no form
    card = scenario.replies(count=2)[1]
    assert "Scores: Helios Foods AG" in card["text"]
    assert len(scenario.fake.calls("views.open")) == 1


def test_score_form_with_a_bad_value_gets_per_field_errors_and_writes_nothing(engine, scenario):
    ids = seed(engine)
    with Session(engine) as session:
        before = len(session.exec(select(Score)).all())
    answer = submit_view(scenario, "score_form", {"score_product_fit": {"value": "11"},
                                                  "score_solvency": {"value": "5"},
                                                  "score_relationship_strength": {"value": ""}},
                         {"account_id": ids["helios"]})
    assert answer["response_action"] == "errors"
    assert "out of range" in answer["errors"]["score_product_fit"]
    assert set(answer["errors"]) == {"score_product_fit"}
    with Session(engine) as session:
        assert len(session.exec(select(Score)).all()) == before

    answer = submit_view(scenario, "score_form", {"score_product_fit": {"value": "9"}}, {"account_id": ids["helios"]},
                         user_id="U_OUTSIDER")
    assert "Only the account team" in answer["errors"]["score_product_fit"]

    answer = submit_view(scenario, "score_form", {"score_product_fit": {"value": "9"},
                                                  "score_relationship_strength": {"value": "8"}},
                         {"account_id": ids["helios"]})
    assert answer == {}
    confirmation = posted_to(scenario.fake, "U_ALICE")[0]
    assert "Strategic" in blocks_text(confirmation.args["blocks"])
    with Session(engine) as session:
        values = {s.value for s in session.exec(select(Score).where(Score.scored_by == "U_ALICE",
                                                                    Score.account_id == ids["helios"])).all()}
    assert {9, 8} <= values


# ---------------------------------------------------------------------------- nominate and approve


def test_nomination_reaches_the_sponsor_who_approves_it_and_it_is_announced(engine, scenario):
    ids = seed(engine)
    scenario.command("nominate helios new plant doubles their volume")
    ack = scenario.replies()[0]
    assert "sent for approval" in ack["text"] and "<@U_SPONSOR>" in blocks_text(ack["blocks"])
    request = posted_to(scenario.fake, "U_SPONSOR")[0].args
    buttons = [e for b in request["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert [(b["action_id"], b["text"]["text"]) for b in buttons] == [
        ("tier_decision:approve", "Approve"), ("tier_decision:reject", "Reject")]
    assert "new plant doubles their volume" in blocks_text(request["blocks"])
    assert request["metadata"]["event_payload"]["key"].endswith(":approver:U_SPONSOR")
    tier_change_id = buttons[0]["value"]

    click(scenario, "tier_decision:approve", tier_change_id, user_id="U_MEMBER")  # on the team, not an approver
    refused = last_reply(scenario, 2)
    assert "Only the account's executive sponsor or an admin" in refused["text"]
    assert tier_of(engine, ids["helios"]) == "regular"

    click(scenario, "tier_decision:approve", tier_change_id, user_id="U_SPONSOR")
    approved = last_reply(scenario, 3)
    assert approved["replace_original"] is True and "is now a key account" in approved["text"]
    announcement = posted_to(scenario.fake, "C_HELIOS")[0].args
    assert "Helios Foods AG is now a key account" in announcement["text"]
    assert "new plant doubles their volume" in blocks_text(announcement["blocks"])
    assert posted_to(scenario.fake, "U_ALICE")  # the requester is told
    assert any(c.args.get("channel") == "C_HELIOS" for c in scenario.fake.calls("conversations.info"))
    with Session(engine) as session:
        account = session.get(Account, ids["helios"])
        assert (account.tier, account.review_cadence_days) == ("key", None)
        assert session.exec(select(Review).where(Review.account_id == account.id)).one()
        actions = {a.action for a in session.exec(select(AuditEntry)).all()}
    assert {"tier_change.requested", "tier_change.approved", "account.tier_changed"} <= actions

    click(scenario, "tier_decision:approve", tier_change_id, user_id="U_SPONSOR")
    assert "already approved" in last_reply(scenario, 4)["text"]


def test_over_the_cap_the_admin_overrides_with_a_written_reason(engine, scenario):
    ids = seed(engine, cap=1)
    scenario.command("nominate helios", user_id="U_ALICE")
    scenario.replies()
    tier_change_id = [e for b in posted_to(scenario.fake, "U_SPONSOR")[0].args["blocks"] if b["type"] == "actions"
                      for e in b["elements"]][0]["value"]

    click(scenario, "tier_decision:approve", tier_change_id, user_id="U_SPONSOR")
    refused = last_reply(scenario, 2)
    assert "over the cap of 1" in refused["text"] and "An admin can override" in refused["text"]
    assert "tier_decision:override" not in blocks_text(refused["blocks"])

    click(scenario, "tier_decision:approve", tier_change_id, user_id="U0ADMIN")
    offered = last_reply(scenario, 3)
    override = [e for b in offered["blocks"] if b["type"] == "actions" for e in b["elements"]][0]
    assert override["action_id"] == "tier_decision:override"
    assert tier_of(engine, ids["helios"]) == "regular"

    click(scenario, "tier_decision:override", override["value"], user_id="U0ADMIN")
    form = scenario.fake.wait_for("views.open")[0].args["view"]
    assert form["callback_id"] == "tier_override"
    metadata = json.loads(form["private_metadata"])
    answer = submit_view(scenario, "tier_override", {"reason": {"value": ""}}, metadata, user_id="U0ADMIN")
    assert "over the cap" in answer["errors"]["reason"]
    assert tier_of(engine, ids["helios"]) == "regular"

    answer = submit_view(scenario, "tier_override", {"reason": {"value": "Board priority for 2027"}}, metadata,
                         user_id="U0ADMIN")
    assert answer == {}
    announcement = posted_to(scenario.fake, "C_HELIOS")[0].args
    assert "Approved over the key-account cap: Board priority for 2027" in blocks_text(announcement["blocks"])
    with Session(engine) as session:
        change = session.get(TierChange, int(tier_change_id))
        assert (change.status, change.decided_by, change.override_reason) == (
            "approved", "U0ADMIN", "Board priority for 2027")
    assert tier_of(engine, ids["helios"]) == "key"


def test_reject_asks_for_a_reason_and_updates_the_request_message(engine, scenario):
    ids = seed(engine)
    scenario.command("nominate helios")
    scenario.replies()
    tier_change_id = [e for b in posted_to(scenario.fake, "U_SPONSOR")[0].args["blocks"] if b["type"] == "actions"
                      for e in b["elements"]][0]["value"]
    _, payload = click(scenario, "tier_decision:reject", tier_change_id, user_id="U_SPONSOR", channel_id="DU_SPONSOR")
    form = scenario.fake.wait_for("views.open")[0].args["view"]
    assert form["callback_id"] == "tier_reject"
    metadata = json.loads(form["private_metadata"])
    assert metadata["message_ts"] == payload["message"]["ts"]
    answer = submit_view(scenario, "tier_reject", {"reason": {"value": "Volumes too small until 2027"}}, metadata,
                         user_id="U_SPONSOR")
    assert answer == {}
    updated = scenario.fake.wait_for("chat.update")[0].args
    assert updated["channel"] == "DU_SPONSOR" and "Rejected" in updated["text"]
    assert tier_of(engine, ids["helios"]) == "regular"
    assert posted_to(scenario.fake, "U_ALICE")  # the requester hears why
    assert not [c for c in scenario.fake.calls("chat.postMessage") if c.args.get("channel") == "C_HELIOS"]


# ---------------------------------------------------------------------------- demote


def test_demotion_needs_a_reason_then_goes_through_approval_and_is_announced(engine, scenario):
    ids = seed(engine)
    scenario.command("demote borealis")
    usage = scenario.replies()[0]
    assert "needs a written reason" in usage["text"] and "Usage: `/kam demote ACCOUNT reason`" in usage["text"]
    with Session(engine) as session:
        assert session.exec(select(TierChange)).all() == []

    scenario.command("demote borealis volumes fell 60% and there is no growth plan")
    scenario.replies(count=2)
    request = posted_to(scenario.fake, "U_SPONSOR")[0].args
    assert "end key status" in blocks_text(request["blocks"])
    tier_change_id = [e for b in request["blocks"] if b["type"] == "actions" for e in b["elements"]][0]["value"]
    click(scenario, "tier_decision:approve", tier_change_id, user_id="U_SPONSOR")
    announcement = posted_to(scenario.fake, "C_BOREALIS")[0].args
    assert "no longer a key account" in announcement["text"]
    assert "volumes fell 60%" in blocks_text(announcement["blocks"])
    assert tier_of(engine, ids["borealis"]) == "regular"


# ---------------------------------------------------------------------------- portfolio


def test_portfolio_posts_the_matrix_png_and_the_80_20_text(engine, scenario):
    seed(engine)
    scenario.command("portfolio", channel_id="C_SALES")
    reply = scenario.replies()[0]
    text = blocks_text(reply["blocks"])
    assert "Portfolio: 3 accounts, 1 key (cap 35)" in reply["text"]
    assert "80/20" in text and "Concentration risk" in text and "Borealis Logistics GmbH" in text
    completed = scenario.fake.wait_for("files.completeUploadExternal")[0].args
    assert completed["channel_id"] == "C_SALES"
    assert "accounts make 80% of profit" in completed["initial_comment"]
    files = scenario.fake.uploaded_files()
    assert len(files) == 1
    image = Image.open(io.BytesIO(next(iter(files.values()))))
    assert (image.format, image.size) == ("PNG", (1200, 900))


def test_portfolio_is_never_posted_in_a_channel_shared_with_another_organisation(engine, scenario):
    seed(engine)
    scenario.fake.set_channel("C_SHARED", is_ext_shared=True)
    scenario.command("portfolio", channel_id="C_SHARED")
    replies = scenario.replies(count=2)
    assert "shared with another organisation" in replies[1]["text"]
    assert scenario.fake.uploaded_files() == {}


def test_portfolio_check_answers_whether_the_criteria_are_right(engine, scenario):
    seed(engine)
    scenario.command("portfolio check")
    reply = scenario.replies()[0]
    assert "Are our criteria right?" in reply["text"]
    text = blocks_text(reply["blocks"])
    assert "Growth, 2025-Q4–2026-Q1 against 2026-Q2–2026-Q3" in text
    assert "Key accounts (1)" in text and "Other accounts (2)" in text
    assert "Which scores went with profit growth" in text


def test_watch_list_has_nominate_buttons(engine, scenario):
    ids = seed(engine)
    with Session(engine) as session:
        session.get(Account, ids["lumen"]).tier = "candidate"
        session.commit()
    scenario.command("accounts candidates")
    reply = scenario.replies()[0]
    assert f"nominate #{ids['lumen']}" in blocks_text(reply["blocks"])
    assert "on the watch-list as a candidate" in blocks_text(reply["blocks"])
