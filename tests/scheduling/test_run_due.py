"""`run_due` on a real database (SQLite and PostgreSQL) against the fake Slack, with an injected clock."""
from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone

from sqlalchemy import update
from sqlmodel import Session, select

from bot.delivery import ChannelPacer
from bot.scheduler import run_due
from scheduling_support import TEAM, assert_each_once, at, key_account, posted, warm_person
from kam_domain.models import (
    Account, Action, AuditEntry, Delivery, Financial, QuadrantSnapshot, Review, UserProfile, Workspace,
)
from support.builders import add_account, add_criteria, add_scores, add_stakeholder

TODAY = date(2026, 11, 23)  # Monday


def _texts(call) -> str:
    return json.dumps(call.args.get("blocks"), ensure_ascii=False) + call.args.get("text", "")


def _statuses(engine) -> dict[str, str]:
    with Session(engine, expire_on_commit=False) as session:
        return {d.idempotency_key: d.status for d in session.exec(select(Delivery)).all()}


# ---------------------------------------------------------------------------- review reminders


def test_reminder_reaches_the_account_channel_before_due_once(engine, fake, container):
    with Session(engine, expire_on_commit=False) as session:
        account = key_account(session, "Borealis Logistics", channel="C_BOREALIS", review_due=date(2026, 11, 26))
        warm_person(session, account)
        session.commit()
    assert posted(fake, "C_BOREALIS") == []
    run_due(container, at("2026-11-20T09:00:00Z"))  # Friday: the reminder's day has not come
    assert posted(fake, "C_BOREALIS") == []
    report = run_due(container, at("2026-11-23T08:59:00Z"))  # planned, held until 09:00
    assert report.enqueued >= 1 and posted(fake, "C_BOREALIS") == []
    run_due(container, at("2026-11-23T09:00:00Z"))
    run_due(container, at("2026-11-23T09:05:00Z"))
    reminders = posted(fake, "C_BOREALIS")
    assert len(reminders) == 1
    text = _texts(reminders[0])
    assert "Review due: Borealis Logistics" in text and "Thu 26 Nov" in text and "in 3 days" in text
    buttons = [e for b in reminders[0].args["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert buttons[0]["action_id"] == "kam_review_start" and buttons[0]["value"] == str(account.id)
    assert reminders[0].args["metadata"]["event_payload"]["key"] == \
        f"review_reminder:{TEAM}:C_BOREALIS:{account.id}:2026-11-23T09:00Z"
    assert_each_once(fake)


def test_a_review_done_before_its_reminder_is_sent_cancels_it(engine, fake, container):
    with Session(engine, expire_on_commit=False) as session:
        account = key_account(session, "Borealis Logistics", channel="C_BOREALIS", review_due=date(2026, 11, 26))
        session.commit()
    run_due(container, at("2026-11-23T08:30:00Z"))  # enqueued for 09:00
    with Session(engine, expire_on_commit=False) as session:
        review = session.exec(select(Review).where(Review.account_id == account.id)).one()
        review.done_at, review.done_by = at("2026-11-23T08:45:00Z"), "U_ALICE"
        session.add(review)
        session.commit()
    report = run_due(container, at("2026-11-23T09:00:00Z"))
    assert posted(fake, "C_BOREALIS") == []
    assert report.send.cancelled


def test_cadence_schedules_the_first_review_by_tier_and_workspace_settings(engine, fake, container):
    with Session(engine, expire_on_commit=False) as session:
        criteria = add_criteria(session, TEAM, [("fit", 1, "attractiveness"), ("size", 1, "attractiveness"),
                                                ("bond", 1, "strength")])
        strategic = key_account(session, "Strategic Co")
        add_scores(session, strategic, criteria, {"fit": 9, "size": 8, "bond": 8})
        status = key_account(session, "Status Co")
        add_scores(session, status, criteria, {"fit": 2, "size": 3, "bond": 8})
        unplaced = key_account(session, "Unplaced Co")
        candidate = add_account(session, TEAM, "Candidate Co", tier="candidate", owner_user_id="U_ALICE")
        regular = add_account(session, TEAM, "Regular Co", owner_user_id="U_ALICE")
        own = key_account(session, "Own Cadence Co", review_cadence_days=7)
        session.get(Workspace, TEAM).settings = {"review_cadence": {"strategic": 14, "candidate": 60}}
        session.commit()
    report = run_due(container, at("2026-11-23T09:00:00Z"))
    assert report.reviews_scheduled == 5
    with Session(engine, expire_on_commit=False) as session:
        due = dict(session.exec(select(Review.account_id, Review.due_on).where(Review.done_at.is_(None))).all())
    assert due == {strategic.id: TODAY + timedelta(days=14), status.id: TODAY + timedelta(days=90),
                   unplaced.id: TODAY + timedelta(days=30), candidate.id: TODAY + timedelta(days=60),
                   own.id: TODAY + timedelta(days=7)}
    assert regular.id not in due
    run_due(container, at("2026-11-23T09:05:00Z"))
    with Session(engine, expire_on_commit=False) as session:
        assert len(session.exec(select(Review)).all()) == 5  # scheduled once


# ---------------------------------------------------------------------------- escalation


def test_an_overdue_review_escalates_to_the_sponsor_after_seven_days(engine, fake, container):
    with Session(engine, expire_on_commit=False) as session:
        account = key_account(session, "Nordic Paper", channel="C_NORDIC", review_due=date(2026, 11, 10))
        warm_person(session, account)
        session.commit()
    run_due(container, at("2026-11-16T10:00:00Z"))  # 6 days overdue: not yet
    assert posted(fake, "U_SPONSOR") == []
    run_due(container, at("2026-11-17T08:00:00Z"))  # 7 days: 09:00 in Berlin, the sponsor's zone (fake users.info)
    run_due(container, at("2026-11-17T12:00:00Z"))
    escalations = posted(fake, "U_SPONSOR")
    assert len(escalations) == 1
    assert "Overdue review: Nordic Paper" in _texts(escalations[0]) and "7 days overdue" in _texts(escalations[0])
    assert_each_once(fake)


def test_without_a_sponsor_the_admins_are_told(engine, fake, container):
    with Session(engine, expire_on_commit=False) as session:
        key_account(session, "Nordic Paper", sponsor=None, channel="C_NORDIC", review_due=date(2026, 11, 10))
        session.commit()
    run_due(container, at("2026-11-17T09:00:00Z"))
    told = posted(fake, "U0ADMIN")
    assert len(told) == 1 and "comes to you as an admin" in _texts(told[0])


# ---------------------------------------------------------------------------- nudges


def _nudge_world(engine):
    with Session(engine, expire_on_commit=False) as session:
        borealis = key_account(session, "Borealis Logistics", channel="C_BOREALIS", review_due=date(2027, 1, 15),
                               plan_updated_at=at("2026-06-01T10:00:00Z"))
        warm_person(session, borealis)
        add_stakeholder(session, borealis, "Lars Henriksen", title="COO", role="decision_maker", influence=5,
                        attitude=1, owner_user_id="U_ALICE", last_contact_on=date(2026, 9, 1))
        acme = add_account(session, TEAM, "Acme Regular", owner_user_id="U_BOB")
        session.add_all([
            Action(team_id=TEAM, account_id=borealis.id, title="Send the draft contract", owner_user_id="U_ALICE",
                   due_on=date(2026, 11, 20)),
            Action(team_id=TEAM, account_id=acme.id, title="Call about the renewal", owner_user_id="U_ALICE",
                   due_on=date(2026, 11, 24)),
            Action(team_id=TEAM, account_id=acme.id, title="Quote for spare parts", owner_user_id="U_BOB",
                   due_on=date(2026, 11, 23)),
        ])
        session.commit()
        return borealis, acme


def test_one_grouped_nudge_per_person_per_day_with_all_their_items(engine, fake, container):
    _nudge_world(engine)
    run_due(container, at("2026-11-23T09:00:00Z"))
    run_due(container, at("2026-11-23T09:05:00Z"))
    run_due(container, at("2026-11-23T14:00:00Z"))
    alice = posted(fake, "U_ALICE")
    assert len(alice) == 1
    text = _texts(alice[0])
    for item in ("Send the draft contract", "Call about the renewal", "Lars Henriksen", "account plan of *Borealis"):
        assert item in text, item
    assert "Ana Ruiz" not in text  # spoken to last week
    assert "Quote for spare parts" not in text  # Bob's
    assert len(posted(fake, "U_BOB")) == 1
    blocks = alice[0].args["blocks"]
    ids = [e["action_id"] for b in blocks if b["type"] == "actions" for e in b["elements"]]
    assert any(i.startswith("kam_nudge_done") for i in ids) and any(i.startswith("kam_nudge_snooze") for i in ids)
    log = [e for b in blocks if b["type"] == "actions" for e in b["elements"] if e["text"]["text"] == "Log meeting"]
    assert log and log[0]["action_id"].startswith("kam_run") and log[0]["value"].startswith("log #")
    run_due(container, at("2026-11-24T09:00:00Z"))  # the next day: the next nudge
    assert len(posted(fake, "U_ALICE")) == 2
    assert_each_once(fake)


def test_a_nudge_computed_at_three_in_the_morning_waits_until_nine(engine, fake, container):
    fake.set_user("U_ALICE", tz="Asia/Tokyo", tz_offset=9 * 3600)
    _nudge_world(engine)
    three_am_tokyo = at("2026-11-23T18:00:00Z")
    report = run_due(container, three_am_tokyo)
    assert report.enqueued and posted(fake, "U_ALICE") == []
    with Session(engine, expire_on_commit=False) as session:
        profile = session.get(UserProfile, (TEAM, "U_ALICE"))
        assert profile.tz == "Asia/Tokyo"  # cached from users.info
        nudge = session.exec(select(Delivery).where(Delivery.target == "U_ALICE")).one()
        assert nudge.due_at == at("2026-11-24T00:00:00Z")
    run_due(container, at("2026-11-23T23:59:00Z"))
    assert posted(fake, "U_ALICE") == []
    run_due(container, at("2026-11-24T00:00:00Z"))  # 09:00 in Tokyo
    run_due(container, at("2026-11-24T01:00:00Z"))
    assert len(posted(fake, "U_ALICE")) == 1


def test_a_nudge_whose_working_day_ended_unsent_is_not_sent_at_night(engine, fake, container):
    _nudge_world(engine)
    fake.error_next("chat.postMessage", "ratelimited", times=20)  # Slack refuses all day long
    run_due(container, at("2026-11-23T09:00:00Z"))
    with Session(engine, expire_on_commit=False) as session:
        session.exec(update(Delivery).values(retry_at=None))
        session.commit()
    report = run_due(container, at("2026-11-23T20:00:00Z"))  # 21:00 in Berlin
    assert posted(fake, "U_ALICE") == []
    assert report.send.cancelled  # expired: tomorrow's nudge carries the same items
    fake.reset()


# ---------------------------------------------------------------------------- the digest


def test_weekly_digest_to_the_kam_channel(engine, fake, digest_container):
    container = digest_container
    with Session(engine, expire_on_commit=False) as session:
        criteria = add_criteria(session, TEAM, [("fit", 1, "attractiveness"), ("size", 1, "attractiveness"),
                                                ("bond", 1, "strength")])
        borealis = key_account(session, "Borealis Logistics", channel="C_BOREALIS", review_due=date(2026, 11, 26))
        warm_person(session, borealis)
        add_scores(session, borealis, criteria, {"fit": 9, "size": 9, "bond": 8})
        nordic = key_account(session, "Nordic Paper", channel="C_NORDIC", review_due=date(2026, 11, 12))
        add_scores(session, nordic, criteria, {"fit": 3, "size": 3, "bond": 3})
        helios = add_account(session, TEAM, "Helios Foods", tier="candidate", owner_user_id="U_BOB")
        secret = key_account(session, "Secret Defence Co", restricted=True, review_due=date(2026, 11, 1))
        session.add(Review(team_id=TEAM, account_id=borealis.id, due_on=date(2026, 10, 27),
                           done_at=at("2026-11-18T15:00:00Z"), done_by="U_ALICE", engagement_rating=4,
                           loyalty_rating=3, outcome="renewal on track", checklist={}))
        last_week = date(2026, 11, 16)
        session.add_all([QuadrantSnapshot(team_id=TEAM, week_start=last_week, account_id=borealis.id, tier="key",
                                          quadrant="star", watch=False),
                         QuadrantSnapshot(team_id=TEAM, week_start=last_week, account_id=nordic.id, tier="key",
                                          quadrant="streamline", watch=False),
                         QuadrantSnapshot(team_id=TEAM, week_start=last_week, account_id=helios.id,
                                          tier="regular", quadrant=None, watch=False),
                         QuadrantSnapshot(team_id=TEAM, week_start=last_week, account_id=secret.id, tier="key",
                                          quadrant="star", watch=False)])
        for account, revenue, cost in ((borealis, 900_000, 200_000), (nordic, 100_000, 90_000),
                                       (helios, 500_000, 100_000)):
            session.add(Financial(team_id=TEAM, account_id=account.id, period="2026-Q3", revenue=revenue,
                                  cost_to_serve=cost))
        session.commit()
    run_due(container, at("2026-11-23T09:00:00Z"))
    run_due(container, at("2026-11-23T09:30:00Z"))
    digests = posted(fake, "C_DIGEST")
    assert len(digests) == 1
    text = _texts(digests[0])
    assert "Weekly KAM digest" in text
    assert "Reviews done (1)" in text and "Borealis Logistics: engagement 4, loyalty 3" in text
    assert "Due in the coming week (1)" in text and "Borealis Logistics, Thu 26 Nov" in text
    assert "Overdue (1)" in text and "Nordic Paper, due Thu 12 Nov (11 days)" in text
    assert "Coverage gaps of key accounts" in text and "Nordic Paper" in text
    assert "Borealis Logistics: Star → Strategic" in text
    assert "New on the watch-list (1)" in text and "Helios Foods" in text
    assert "2 of 3 accounts make 80% of profit" in text and "Not key but in the top: Helios Foods" in text
    assert "Secret Defence" not in text and "restricted account(s) left out" in text
    with Session(engine, expire_on_commit=False) as session:
        assert session.exec(select(QuadrantSnapshot).where(QuadrantSnapshot.week_start == TODAY)).all()


# ---------------------------------------------------------------------------- never to a customer


def test_a_channel_shared_with_another_organisation_gets_nothing(engine, fake, container):
    fake.set_channel("C_SHARED", is_ext_shared=True)
    with Session(engine, expire_on_commit=False) as session:
        account = key_account(session, "Borealis Logistics", channel="C_SHARED", review_due=date(2026, 11, 26))
        warm_person(session, account)
        session.commit()
    run_due(container, at("2026-11-23T09:00:00Z"))
    assert posted(fake, "C_SHARED") == []
    assert "blocked" in _statuses(engine).values()
    run_due(container, at("2026-11-23T09:05:00Z"))  # the next tick routes the reminder to the KAM instead
    assert posted(fake, "C_SHARED") == []
    to_kam = [c for c in posted(fake, "U_ALICE") if "Review due" in _texts(c)]
    assert len(to_kam) == 1


def test_people_outside_the_workspace_are_never_dmed(engine, fake, container):
    fake.set_user("U_STRANGER", is_stranger=True)
    fake.set_user("U_OTHERTEAM", team_id="T_CUSTOMER")
    fake.set_user("U_GONE", deleted=True)
    fake.set_user("U_ROBOT", is_bot=True)
    fake.set_user("U_GUEST", is_restricted=True)
    outsiders = ["U_STRANGER", "U_OTHERTEAM", "U_GONE", "U_ROBOT", "U_GUEST"]
    with Session(engine, expire_on_commit=False) as session:
        for n, user in enumerate(outsiders):
            account = key_account(session, f"Account {n}", owner=user, sponsor=user, channel=None,
                                  review_due=date(2026, 11, 12))
            session.add(Action(team_id=TEAM, account_id=account.id, title="Overdue thing", owner_user_id=user,
                               due_on=date(2026, 11, 1)))
        session.commit()
    run_due(container, at("2026-11-23T09:00:00Z"))
    run_due(container, at("2026-11-23T09:05:00Z"))
    assert [c.args["channel"] for c in posted(fake) if c.args["channel"] in outsiders] == []
    assert len(posted(fake, "U0ADMIN")) == len(outsiders)  # escalations reach the admin instead
    with Session(engine, expire_on_commit=False) as session:
        profiles = {p.user_id: p.reachable for p in session.exec(select(UserProfile)).all()}
    assert all(profiles[u] is False for u in outsiders)


def test_a_dm_is_checked_at_send_time_too(engine, fake, container):
    with Session(engine, expire_on_commit=False) as session:
        key_account(session, "Borealis Logistics", channel=None, review_due=date(2026, 11, 26))
        session.commit()
    run_due(container, at("2026-11-23T07:00:00Z"))  # profile cached while U_ALICE was one of us
    fake.set_user("U_ALICE", deleted=True)
    run_due(container, at("2026-11-23T09:00:00Z"))
    assert posted(fake, "U_ALICE") == []
    assert "blocked" in _statuses(engine).values()


# ---------------------------------------------------------------------------- Slack failing


def test_429_then_500_then_ok_delivers_each_message_exactly_once(engine, fake, container, no_sleep):
    with Session(engine, expire_on_commit=False) as session:
        for name, channel in (("Borealis Logistics", "C_BOREALIS"), ("Vantor Energy", "C_VANTOR")):
            warm_person(session, key_account(session, name, channel=channel, review_due=date(2026, 11, 26)))
        session.commit()
    fake.fail_next("chat.postMessage", status=429, retry_after=0)
    fake.fail_next("chat.postMessage", status=500)
    report = run_due(container, at("2026-11-23T09:00:00Z"))
    outcomes = [c.outcome for c in fake.calls("chat.postMessage")]
    assert outcomes[:3] == ["ratelimited", "http_500", "ok"]
    assert len(report.send.sent) == 2 and not report.send.failed
    keys = assert_each_once(fake)
    assert sorted(k.split(":")[2] for k in keys) == ["C_BOREALIS", "C_VANTOR"]
    assert fake.calls("conversations.history")  # it looked before posting again after the 500
    assert no_sleep  # backed off (recorded, not slept)


def test_a_500_that_was_posted_anyway_is_not_posted_twice(engine, fake, container):
    with Session(engine, expire_on_commit=False) as session:
        account = key_account(session, "Borealis Logistics", channel="C_BOREALIS", review_due=date(2026, 11, 26))
        warm_person(session, account)
        session.commit()
    key = f"review_reminder:{TEAM}:C_BOREALIS:{account.id}:2026-11-23T09:00Z"
    fake.fail_next("chat.postMessage", status=500)  # ... but Slack had stored the message:
    fake.advance(1)  # the post that "failed" is in the channel's history, with its key in the metadata
    ghost = fake.add_message("C_BOREALIS", text="Review due", user="U_BOT", bot_id="B_BOT",
                             metadata={"event_type": "kam_delivery", "event_payload": {"key": key}})
    report = run_due(container, at("2026-11-23T09:00:00Z"))
    assert [c.outcome for c in fake.calls("chat.postMessage")] == ["http_500"]  # not posted again
    assert len(report.send.sent) == 1
    with Session(engine, expire_on_commit=False) as session:
        row = session.exec(select(Delivery).where(Delivery.idempotency_key == key)).one()
        assert (row.status, row.slack_ts) == ("sent", ghost["ts"])


def test_a_failed_send_stays_pending_and_is_retried(engine, fake, container):
    with Session(engine, expire_on_commit=False) as session:
        warm_person(session, key_account(session, "Borealis Logistics", channel="C_BOREALIS",
                                         review_due=date(2026, 11, 26)))
        session.commit()
    fake.error_next("chat.postMessage", "not_in_channel")
    report = run_due(container, at("2026-11-23T09:00:00Z"))
    assert report.send.failed and posted(fake, "C_BOREALIS") == []
    with Session(engine, expire_on_commit=False) as session:
        row = session.exec(select(Delivery)).one()
        assert row.status == "pending" and row.last_error == "slack 200: not_in_channel" and row.retry_at
    run_due(container, at("2026-11-23T09:05:00Z"))  # still backing off
    assert posted(fake, "C_BOREALIS") == []
    with Session(engine, expire_on_commit=False) as session:  # the backoff has passed
        session.exec(update(Delivery).values(retry_at=datetime(2026, 1, 1, tzinfo=timezone.utc)))
        session.commit()
    run_due(container, at("2026-11-23T09:10:00Z"))
    assert len(posted(fake, "C_BOREALIS")) == 1
    assert_each_once(fake)


def test_without_a_slack_token_run_due_plans_but_sends_nothing(engine, fake, tmp_path):
    from bot.bootstrap import Container
    from bot.settings import load_settings
    from kam_domain.clock import FixedClock

    with Session(engine, expire_on_commit=False) as session:
        key_account(session, "Borealis Logistics", channel="C_BOREALIS")
        session.commit()
    container = Container(load_settings(KAM_DATA_DIR=str(tmp_path), KAM_TEAM_ID=TEAM), engine=engine,
                          clock=FixedClock(at("2026-11-23T09:00:00Z")))
    report = run_due(container, at("2026-11-23T09:00:00Z"))
    assert "no Slack token" in str(report) and report.reviews_scheduled == 1
    assert fake.calls() == []


def test_channel_pacer_spaces_messages_to_one_conversation():
    waits: list[float] = []
    now = [100.0]
    pacer = ChannelPacer(interval=1.0, clock=lambda: now[0], wait=waits.append)
    pacer.wait("C1")
    pacer.wait("C2")
    pacer.wait("C1")
    pacer.wait("C1")
    assert waits == [1.0, 2.0]
    now[0] += 5
    pacer.wait("C1")
    assert waits == [1.0, 2.0]


def test_run_due_report_reads_well(engine, fake, container):
    with Session(engine, expire_on_commit=False) as session:
        key_account(session, "Borealis Logistics", channel="C_BOREALIS", review_due=date(2026, 11, 26))
        session.commit()
    text = str(run_due(container, at("2026-11-23T09:00:00Z")))
    assert text.startswith("2026-11-23T09:00:00Z: due ") and "sent 1" in text


def test_audit_is_untouched_by_sending(engine, fake, container):
    with Session(engine, expire_on_commit=False) as session:
        key_account(session, "Borealis Logistics", channel="C_BOREALIS", review_due=date(2026, 11, 26))
        session.commit()
    run_due(container, at("2026-11-23T09:00:00Z"))
    with Session(engine, expire_on_commit=False) as session:
        assert session.exec(select(AuditEntry)).all() == []
        assert session.exec(select(Account)).all()


# ---------------------------------------------------------------------------- recovering interrupted sends


def _stuck(engine, container, claimed_by: str, claimed_at: datetime) -> Delivery:
    with Session(engine, expire_on_commit=False) as session:
        warm_person(session, key_account(session, "Borealis Logistics", channel="C_BOREALIS",
                                         review_due=date(2026, 11, 26)))
        session.commit()
    run_due(container, at("2026-11-23T08:00:00Z"))  # planned for 09:00, not sent yet
    with Session(engine, expire_on_commit=False) as session:
        row = session.exec(select(Delivery)).one()
        row.status, row.attempts, row.claimed_by, row.claimed_at = "sending", 1, claimed_by, claimed_at
        session.add(row)
        session.commit()
        return row


def test_a_live_senders_claim_is_left_alone_until_its_lease_ends(engine, fake, container):
    import os
    import socket

    from bot.delivery import recover_stuck
    from kam_domain.models import utcnow

    alive = f"{socket.gethostname()}:{os.getppid()}"  # our parent: alive, on this host, not us
    row = _stuck(engine, container, alive, utcnow())
    assert recover_stuck(container, container.slack_client) == 0
    run_due(container, at("2026-11-23T09:00:00Z"))
    assert posted(fake, "C_BOREALIS") == []  # it may be posting right now: never a second copy
    with Session(engine) as session:
        session.exec(update(Delivery).values(claimed_at=utcnow() - timedelta(minutes=11)))
        session.commit()
    assert recover_stuck(container, container.slack_client) == 1  # the lease ended: nothing in Slack, so again
    run_due(container, at("2026-11-23T09:05:00Z"))
    assert len(posted(fake, "C_BOREALIS")) == 1
    assert row.id


def test_a_dead_senders_claim_whose_message_is_in_slack_is_marked_sent(engine, fake, container):
    from bot.delivery import recover_stuck
    from kam_domain.models import utcnow

    row = _stuck(engine, container, "some-other-host:4242", utcnow() - timedelta(hours=1))
    ghost = fake.add_message("C_BOREALIS", text="Review due", user="U_BOT", bot_id="B_BOT",
                             metadata={"event_type": "kam_delivery", "event_payload": {"key": row.idempotency_key}})
    assert recover_stuck(container, container.slack_client) == 1
    run_due(container, at("2026-11-23T09:05:00Z"))
    assert posted(fake, "C_BOREALIS") == []
    with Session(engine) as session:
        assert session.get(Delivery, row.id).slack_ts == ghost["ts"]


def test_a_reminder_never_carries_a_live_broadcast_from_an_account_name(engine, fake, container):
    """Account names come from CRM imports: whatever they hold, the posted text mentions no one."""
    with Session(engine, expire_on_commit=False) as session:
        key_account(session, "Borealis <!channel> @here Logistics", channel="C_BOREALIS",
                    review_due=date(2026, 11, 26))
        session.commit()
    run_due(container, at("2026-11-23T09:00:00Z"))
    [reminder] = posted(fake, "C_BOREALIS")
    mrkdwn = [reminder.args["text"]] + [t for t in _mrkdwn_texts(reminder.args["blocks"])]
    assert mrkdwn[1:], "the reminder has mrkdwn text"
    for text in mrkdwn:  # Slack parses mentions in mrkdwn and in `text`, never in plain_text
        assert "<!channel>" not in text and "@here" not in text
    assert "Borealis" in reminder.args["text"]


def _mrkdwn_texts(value) -> list[str]:
    if isinstance(value, list):
        return [t for item in value for t in _mrkdwn_texts(item)]
    if not isinstance(value, dict):
        return []
    found = [value["text"]] if value.get("type") == "mrkdwn" else []
    return found + [t for item in value.values() if isinstance(item, (dict, list)) for t in _mrkdwn_texts(item)]
