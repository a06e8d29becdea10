"""The account plan as the account channel's canvas, over real HTTP: `/kam plan ACCOUNT canvas` and the
plan's button create it; a plan change is synced by the outbox into the bot's own sections only, once,
across a crash and a restart; a canvas people made is kept and the bot's sections added at its end;
a missing scope, a missing channel and a user who may not edit the plan each get one clear line."""
from __future__ import annotations

from datetime import date, datetime, timezone

from sqlalchemy import update
from sqlmodel import Session, select

from bot.delivery import recover_stuck, send_pending
from kam_domain.models import Account, Delivery, Objective, PlanSection
from kam_domain.services.plan_canvas import MARK
from kam_domain.services.plan_canvas_queue import PLAN_CANVAS
from support import signing, slack_rules
from support.builders import add_account, add_stakeholder
from support.web_api import client

CHANNEL = "C_BOREALIS"
HEADINGS = ("Business", "Team and sponsor", "SWOT", "Objectives", "Stakeholder coverage")
PERSON_NOTES = "## Notes by Ana\nCall Ana before the board meeting. Keep this!\n"


def _seed(engine, channel: str | None = CHANNEL) -> int:
    with Session(engine) as session:
        borealis = add_account(session, "T_ALPHA", "Borealis Logistics", tier="key", owner_user_id="U_ALICE",
                               sponsor_user_id="U_SPONSOR", channel_id=channel,
                               plan_updated_at=datetime(2026, 11, 1, tzinfo=timezone.utc))
        session.add(PlanSection(team_id="T_ALPHA", account_id=borealis.id, section="customer_goals",
                                body="# Grow in the Nordics\n- open *two* hubs | 2027", updated_by="U_ALICE"))
        session.add(Objective(team_id="T_ALPHA", account_id=borealis.id, horizon="short", title="Win the renewal",
                              owner_user_id="U_ALICE", due_on=date(2027, 1, 31), created_by="U_ALICE"))
        add_stakeholder(session, borealis, "Ana Ruiz", title="CFO", role="economic_buyer", influence=5, attitude=1,
                        owner_user_id="U_ALICE", last_contact_on=date(2026, 11, 2))
        session.commit()
        return borealis.id


def _canvas_markdown(fake) -> str:
    canvas = fake.channel_canvas(CHANNEL)
    assert canvas is not None, "no canvas in the account channel"
    return canvas.markdown


def _each_bot_section_once(markdown: str) -> None:
    for title in HEADINGS:
        assert markdown.count(f"## {title} {MARK}\n") == 1, (title, markdown)


def _section(markdown: str, title: str) -> str:
    start = markdown.index(f"## {title} {MARK}")
    following = markdown.find("\n#", start + 1)
    return markdown[start:] if following < 0 else markdown[start:following + 1]


def _rows(engine, status: str | None = None) -> list[Delivery]:
    with Session(engine) as session:
        query = select(Delivery).where(Delivery.kind == PLAN_CANVAS)
        if status:
            query = query.where(Delivery.status == status)
        return list(session.exec(query.order_by(Delivery.id)).all())


def _ask(scenario, text: str, user_id: str = "U_ALICE") -> str:
    before = len(scenario.fake.calls("response_url"))
    scenario.command(text, user_id=user_id, channel_id=CHANNEL)
    reply = scenario.replies(count=before + 1)[-1]
    return reply.get("text", "") + " " + str(reply.get("blocks", ""))


def _outbox(scenario):
    """The scheduler's outbox pass (what runs after a restart too)."""
    return send_pending(scenario.container, scenario.container.slack_client)


def test_the_plan_goes_into_the_channel_canvas_and_only_the_bots_sections_follow_the_plan(engine, scenario):
    account_id = _seed(engine)
    scenario.fake.join(CHANNEL)

    said = _ask(scenario, "plan Borealis canvas")

    assert "plan is in the canvas of" in said
    markdown = _canvas_markdown(scenario.fake)
    _each_bot_section_once(markdown)
    assert "Win the renewal | ![](@U_ALICE) | 2027-01-31" in _section(markdown, "Objectives")
    assert "Key account manager: ![](@U_ALICE)" in markdown and "Executive sponsor: ![](@U_SPONSOR)" in markdown
    assert "Ana Ruiz (CFO)" in _section(markdown, "Stakeholder coverage")
    business = _section(markdown, "Business")
    assert "\\# Grow in the Nordics" in business and "\\- open \\*two\\* hubs \\| 2027" in business  # customer text escaped
    canvas_id = scenario.fake.channel_canvas(CHANNEL).canvas_id
    with Session(engine) as session:
        assert session.get(Account, account_id).plan_canvas_id == canvas_id

    # someone writes their own section in the canvas, then the plan changes
    scenario.fake.edit_canvas_as_user(canvas_id, "insert_at_end", PERSON_NOTES)
    said = _ask(scenario, 'plan Borealis add objective "Open the Lisbon hub" horizon=mid due=2027-06-30')
    assert "Objective added" in said
    assert len(_rows(engine, "pending")) == 1

    report = _outbox(scenario)

    assert len(report.sent) == 1
    markdown = _canvas_markdown(scenario.fake)
    _each_bot_section_once(markdown)
    assert "Open the Lisbon hub | _no owner_ | 2027-06-30" in _section(markdown, "Objectives")
    assert markdown.count(PERSON_NOTES) == 1
    assert scenario.fake.channel_canvas(CHANNEL).canvas_id == canvas_id  # never a second canvas
    changes = [c.args["changes"][0] for c in scenario.fake.calls("canvases.edit")]
    assert changes and all(c["operation"] == "replace" and c["section_id"] for c in changes)  # never the whole document

    # a restart runs the outbox again: nothing is written or sent
    edits, posts = len(scenario.fake.calls("canvases.edit")), len(scenario.fake.calls("chat.postMessage"))
    report = _outbox(scenario)
    assert not report.sent and not report.failed
    assert len(scenario.fake.calls("canvases.edit")) == edits and len(scenario.fake.calls("chat.postMessage")) == posts
    assert _canvas_markdown(scenario.fake) == markdown


def test_a_crash_between_the_edit_and_its_record_leaves_one_copy_of_each_section(engine, scenario):
    _seed(engine)
    scenario.fake.join(CHANNEL)
    _ask(scenario, "plan Borealis canvas")
    canvas_id = scenario.fake.channel_canvas(CHANNEL).canvas_id
    scenario.fake.edit_canvas_as_user(canvas_id, "insert_at_end", PERSON_NOTES)
    _ask(scenario, 'plan Borealis add objective "Open the Lisbon hub" horizon=mid')
    _ask(scenario, 'plan Borealis add objective "Name a second sponsor" horizon=long')
    assert [r.status for r in _rows(engine)][-2:] == ["cancelled", "pending"]  # the newer sync supersedes

    scenario.fake.fail_after_next("canvases.edit")  # the edit lands, Slack answers 500
    report = _outbox(scenario)

    assert len(report.failed) == 1
    with Session(engine) as session:  # the backoff has passed
        session.exec(update(Delivery).where(Delivery.retry_at.is_not(None)).values(
            retry_at=datetime(2026, 1, 1, tzinfo=timezone.utc)))
        session.commit()
    report = _outbox(scenario)

    assert len(report.sent) == 1
    markdown = _canvas_markdown(scenario.fake)
    _each_bot_section_once(markdown)
    objectives = _section(markdown, "Objectives")
    assert "Open the Lisbon hub" in objectives and "Name a second sponsor" in objectives
    assert markdown.count(PERSON_NOTES) == 1


def test_a_sync_a_crashed_process_left_claimed_is_done_again_without_a_history_lookup(engine, scenario):
    _seed(engine)
    scenario.fake.join(CHANNEL)
    _ask(scenario, "plan Borealis canvas")
    _ask(scenario, 'plan Borealis add objective "Open the Lisbon hub" horizon=mid')
    pending = _rows(engine, "pending")[0]
    with Session(engine) as session:  # a sender claimed it, edited, and died before recording
        session.exec(update(Delivery).where(Delivery.id == pending.id).values(
            status="sending", attempts=1, claimed_at=datetime(2026, 1, 1, tzinfo=timezone.utc), claimed_by="gone:1"))
        session.commit()
    history = len(scenario.fake.calls("conversations.history"))

    assert recover_stuck(scenario.container, scenario.container.slack_client) == 1
    report = _outbox(scenario)

    assert report.sent == [pending.id]
    assert len(scenario.fake.calls("conversations.history")) == history
    markdown = _canvas_markdown(scenario.fake)
    _each_bot_section_once(markdown)
    assert "Open the Lisbon hub" in markdown


def test_a_canvas_people_made_is_kept_and_the_plan_added_at_its_end(engine, scenario):
    account_id = _seed(engine)
    scenario.fake.join(CHANNEL)
    theirs = client(scenario.fake).conversations_canvases_create(
        channel_id=CHANNEL, document_content={"type": "markdown", "markdown": "# Our Borealis room\nHello team\n"})
    scenario.fake.expect_refusal("channel_canvas_already_exists")

    scenario.command("plan Borealis", channel_id=CHANNEL)
    blocks = scenario.replies()[0]["blocks"]
    button = next(e for b in blocks if b.get("type") == "actions" for e in b["elements"]
                  if e.get("action_id") == "kam_run:plan_canvas")
    assert button["value"] == f"plan #{account_id} canvas"
    payload = signing.block_action_payload(button["action_id"], button["value"], user_id="U_ALICE",
                                           channel_id=CHANNEL, response_url=scenario.fake.response_url("click"))
    status, _, _ = scenario.interaction(payload)
    assert status == 200
    said = scenario.replies(count=2)[-1]
    assert "plan is in the canvas of" in said.get("text", "")

    markdown = _canvas_markdown(scenario.fake)
    assert markdown.startswith("# Our Borealis room\nHello team\n")
    _each_bot_section_once(markdown)
    assert scenario.fake.channel_canvas(CHANNEL).canvas_id == theirs["canvas_id"]
    with Session(engine) as session:
        assert session.get(Account, account_id).plan_canvas_id == theirs["canvas_id"]
    assert not [c for c in scenario.fake.calls("canvases.edit") if c.args["changes"][0]["operation"] != "insert_at_end"]


def test_without_the_canvas_scopes_one_line_to_the_user_and_one_dm_to_an_admin(engine, scenario):
    _seed(engine)
    scenario.fake.join(CHANNEL)
    scopes = slack_rules.manifest_bot_scopes() - {"canvases:write", "canvases:read"}
    scenario.fake.set_token("xoxb-test", "T_ALPHA", scopes=scopes)
    scenario.fake.expect_refusal("missing_scope")

    first = _ask(scenario, "plan Borealis canvas")
    second = _ask(scenario, "plan Borealis canvas")

    for said in (first, second):
        assert "I can't write the canvas of" in said and "`canvases:write`" in said and "told an admin" in said
    assert scenario.fake.channel_canvas(CHANNEL) is None
    admin_dms = [c for c in scenario.fake.calls("chat.postMessage", ok=True) if c.args.get("channel") == "U0ADMIN"]
    assert len(admin_dms) == 1 and "canvas" in admin_dms[0].args["text"]
    assert [(r.status, r.last_error) for r in _rows(engine)] == [("blocked", "slack: missing_scope")] * 2
    assert not _outbox(scenario).sent  # a blocked sync is not retried


def test_an_account_without_a_channel_is_told_how_to_set_one(engine, scenario):
    _seed(engine, channel=None)

    said = _ask(scenario, "plan Borealis canvas")

    assert "has no account channel yet" in said and "/kam team Borealis Logistics channel=#channel" in said
    assert not _rows(engine) and not scenario.fake.calls("conversations.canvases.create")


def test_only_who_may_edit_the_plan_puts_it_in_the_canvas(engine, scenario):
    _seed(engine)
    scenario.fake.join(CHANNEL)

    said = _ask(scenario, "plan Borealis canvas", user_id="U_MALLORY")

    assert "Only the account team, its executive sponsor or an admin can change this account" in said
    assert not _rows(engine) and scenario.fake.channel_canvas(CHANNEL) is None
    scenario.command("plan Borealis", user_id="U_MALLORY", channel_id=CHANNEL)
    shown = str(scenario.replies(count=2)[-1]["blocks"])
    assert "Account plan: Borealis Logistics" in shown and "kam_run:plan_canvas" not in shown


def test_map_and_team_changes_are_coalesced_into_one_sync_of_the_plan_as_it_is(engine, scenario):
    _seed(engine)
    scenario.fake.join(CHANNEL)
    _ask(scenario, "plan Borealis canvas")

    assert "Tom Berg" in _ask(scenario, "stakeholder Borealis Tom Berg title=CTO role=decision_maker influence=4 attitude=1")
    assert "U_NEWBOSS" in _ask(scenario, "team Borealis sponsor=@U_NEWBOSS")
    assert [r.status for r in _rows(engine)] == ["sent", "cancelled", "pending"]

    report = _outbox(scenario)

    assert len(report.sent) == 1
    markdown = _canvas_markdown(scenario.fake)
    _each_bot_section_once(markdown)
    assert "| Tom Berg (CTO) | Decision maker |" in _section(markdown, "Stakeholder coverage")
    assert "Executive sponsor: ![](@U_NEWBOSS)" in _section(markdown, "Team and sponsor")


def test_a_workspace_whose_plan_has_no_channel_canvases_is_told_once(engine, scenario):
    _seed(engine)
    scenario.fake.join(CHANNEL)
    scenario.fake.deny_feature("conversations.canvases.create", "team_tier_cannot_create_channel_canvases")

    said = _ask(scenario, "plan Borealis canvas")
    _ask(scenario, "plan Borealis canvas")

    assert "does not allow channel canvases for apps. I told an admin" in said
    admin_dms = [c for c in scenario.fake.calls("chat.postMessage", ok=True) if c.args.get("channel") == "U0ADMIN"]
    assert len(admin_dms) == 1
    assert [r.status for r in _rows(engine)] == ["blocked", "blocked"]


def test_a_channel_shared_with_another_organisation_gets_no_plan(engine, scenario):
    _seed(engine)
    scenario.fake.join(CHANNEL)
    scenario.fake.set_channel(CHANNEL, is_shared=True, is_ext_shared=True)

    said = _ask(scenario, "plan Borealis canvas")

    assert "shared with another organisation, so the plan stays out of it" in said
    assert scenario.fake.channel_canvas(CHANNEL) is None and not scenario.fake.calls("conversations.canvases.create")
