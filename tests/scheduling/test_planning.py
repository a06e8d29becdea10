"""`plan_due` is a pure function of a snapshot and an instant: no database, no Slack."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from kam_domain.rules.quiet_hours import WorkingHours
from kam_domain.services.reminders import (
    DIGEST, NUDGE, REVIEW_ESCALATION, REVIEW_REMINDER, AccountFacts, ActionFacts, PersonFacts, Profile,
    ScheduleSettings, Snapshot, next_review_on, plan_due, schedule_settings,
)

UTC = timezone.utc
MONDAY = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
TODAY = MONDAY.date()


def snapshot(*accounts, people=(), actions=(), profiles=None, snoozes=None, blocked=(), **settings) -> Snapshot:
    return Snapshot("T_ALPHA", ScheduleSettings(**settings), {a.id: a for a in accounts}, list(people),
                    list(actions), profiles or {}, snoozes or {}, frozenset(blocked))


def key(id_=1, **fields) -> AccountFacts:
    defaults = dict(name=f"Account {id_}", tier="key", quadrant="strategic", owner="U_KAM", sponsor="U_SPONSOR",
                    channel=f"C_{id_}", plan_updated_on=TODAY)
    return AccountFacts(id_, **{**defaults, **fields})


def kinds(plan) -> list[tuple[str, str]]:
    return [(d.kind, d.target) for d in plan.deliveries]


# ---------------------------------------------------------------------------- reviews


def test_reminder_goes_to_the_channel_lead_days_before_due_at_nine():
    account = key(open_review_due=TODAY + timedelta(days=3))
    plan = plan_due(snapshot(account), MONDAY)
    assert kinds(plan) == [(REVIEW_REMINDER, "C_1")]
    reminder = plan.deliveries[0]
    assert reminder.due_at == datetime(2026, 11, 23, 9, tzinfo=UTC)
    assert reminder.key == "review_reminder:T_ALPHA:C_1:1:2026-11-23T09:00Z"
    assert reminder.payload == {"review_due": "2026-11-26"}


def test_no_reminder_before_its_day_and_none_after_the_catch_up_window():
    account = key(open_review_due=TODAY + timedelta(days=4))
    assert plan_due(snapshot(account), MONDAY).deliveries == []
    long_ago = key(open_review_due=TODAY - timedelta(days=40), sponsor=None)
    assert plan_due(snapshot(long_ago), MONDAY).deliveries == []


def test_a_reminder_falling_on_a_weekend_waits_for_monday():
    account = key(open_review_due=date(2026, 12, 1))  # Tuesday; minus 3 days is Saturday
    plan = plan_due(snapshot(account), datetime(2026, 11, 30, 9, tzinfo=UTC))
    assert plan.deliveries[0].due_at == datetime(2026, 11, 30, 9, tzinfo=UTC)


def test_without_a_channel_the_kam_gets_the_reminder_by_dm_in_their_hours():
    account = key(channel=None, open_review_due=TODAY + timedelta(days=3))
    tokyo = {"U_KAM": Profile(ZoneInfo("Asia/Tokyo"))}
    plan = plan_due(snapshot(account, profiles=tokyo), MONDAY)
    assert kinds(plan) == [(REVIEW_REMINDER, "U_KAM")]
    assert plan.deliveries[0].due_at == datetime(2026, 11, 23, 0, tzinfo=UTC)  # 09:00 in Tokyo


def test_a_channel_found_shared_with_a_customer_is_avoided():
    account = key(open_review_due=TODAY + timedelta(days=3))
    assert kinds(plan_due(snapshot(account, blocked={"C_1"}), MONDAY)) == [(REVIEW_REMINDER, "U_KAM")]


def test_escalation_to_the_sponsor_after_the_configured_delay():
    due = TODAY - timedelta(days=7)
    assert (REVIEW_ESCALATION, "U_SPONSOR") in kinds(plan_due(snapshot(key(open_review_due=due)), MONDAY))
    not_yet = plan_due(snapshot(key(open_review_due=due + timedelta(days=1))), MONDAY)
    assert REVIEW_ESCALATION not in [k for k, _ in kinds(not_yet)]
    later = plan_due(snapshot(key(open_review_due=due), escalate_after_days=10), MONDAY)
    assert REVIEW_ESCALATION not in [k for k, _ in kinds(later)]


def test_without_a_sponsor_the_admins_get_the_escalation_and_never_an_unreachable_person():
    due = TODAY - timedelta(days=8)
    plan = plan_due(snapshot(key(sponsor=None, open_review_due=due), admins=("U_ADMIN",)), MONDAY)
    assert (REVIEW_ESCALATION, "U_ADMIN") in kinds(plan)
    gone = {"U_SPONSOR": Profile(UTC, reachable=False)}
    plan = plan_due(snapshot(key(open_review_due=due), profiles=gone, admins=("U_ADMIN",)), MONDAY)
    assert (REVIEW_ESCALATION, "U_SPONSOR") not in kinds(plan)
    assert (REVIEW_ESCALATION, "U_ADMIN") in kinds(plan)


def test_accounts_without_a_review_get_one_scheduled_at_their_cadence():
    accounts = [key(1), key(2, quadrant="status"), key(3, tier="candidate"), key(4, tier="regular"),
                key(5, cadence_override=7), key(6, last_review_done=TODAY - timedelta(days=60))]
    plan = plan_due(snapshot(*accounts, cadence_defaults={"candidate": 60}), MONDAY)
    assert dict(plan.new_reviews) == {1: TODAY + timedelta(days=30), 2: TODAY + timedelta(days=90),
                                      3: TODAY + timedelta(days=60), 5: TODAY + timedelta(days=7),
                                      6: TODAY + timedelta(days=3)}  # overdue by history: soon, never in the past


def test_next_review_on():
    assert next_review_on(None, 30, TODAY, 3) == TODAY + timedelta(days=30)
    assert next_review_on(TODAY - timedelta(days=10), 30, TODAY, 3) == TODAY + timedelta(days=20)
    assert next_review_on(TODAY - timedelta(days=29), 30, TODAY, 3) == TODAY + timedelta(days=3)


# ---------------------------------------------------------------------------- nudges


def nudge_world(**settings):
    borealis = key(1, name="Borealis", plan_updated_on=None, open_review_due=TODAY + timedelta(days=20))
    acme = key(2, name="Acme", tier="regular", owner="U_OTHER", open_review_due=None)
    people = [PersonFacts(10, 1, "Ana Ruiz", "CFO", "economic_buyer", 5, 1, "brief", "U_KAM",
                          TODAY - timedelta(days=45)),
              PersonFacts(11, 1, "Warm Person", "CEO", "decision_maker", 5, 1, "brief", "U_KAM", TODAY),
              PersonFacts(12, 1, "Minor Person", "Clerk", "user_buyer", 1, 0, "none", "U_KAM", None)]
    actions = [ActionFacts(20, 1, "Send the contract", "U_KAM", TODAY - timedelta(days=2)),
               ActionFacts(21, 2, "Call back", "U_KAM", TODAY + timedelta(days=1)),
               ActionFacts(22, 2, "Far away", "U_KAM", TODAY + timedelta(days=10)),
               ActionFacts(23, 2, "Snoozed", "U_KAM", TODAY, snoozed_until=TODAY + timedelta(days=2)),
               ActionFacts(24, 2, "Someone else's", None, TODAY)]
    return snapshot(borealis, acme, people=people, actions=actions, **settings)


def test_one_grouped_nudge_per_person_with_all_their_items():
    plan = plan_due(nudge_world(), MONDAY)
    nudges = {d.target: d for d in plan.deliveries if d.kind == NUDGE}
    assert set(nudges) == {"U_KAM", "U_OTHER"}
    items = nudges["U_KAM"].payload["items"]
    assert [(i["type"], i["id"]) for i in items] == [("action", 21), ("action", 20), ("cold_person", 10),
                                                      ("stale_plan", 1)]
    assert [i.get("state") for i in items[:2]] == ["due_soon", "overdue"]
    assert [(i["type"], i["id"]) for i in nudges["U_OTHER"].payload["items"]] == [("action", 24)]
    assert nudges["U_KAM"].key == "nudge:T_ALPHA:U_KAM:-:2026-11-23T09:00Z"


def test_a_nudge_computed_at_three_in_the_morning_is_held_until_nine_their_time():
    tokyo = {"U_KAM": Profile(ZoneInfo("Asia/Tokyo"))}
    three_am = datetime(2026, 11, 23, 18, tzinfo=UTC)  # Tuesday 03:00 in Tokyo
    nudge = [d for d in plan_due(nudge_world(profiles=tokyo), three_am).deliveries if d.target == "U_KAM"][0]
    assert nudge.due_at == datetime(2026, 11, 24, 0, tzinfo=UTC)
    assert nudge.payload["expires_at"] == "2026-11-24T08:00:00+00:00"
    assert nudge.payload["day"] == "2026-11-24"


def test_no_nudge_after_hours_or_at_weekends():
    evening = datetime(2026, 11, 23, 17, 30, tzinfo=UTC)
    assert [d for d in plan_due(nudge_world(), evening).deliveries if d.kind == NUDGE] == []
    saturday = datetime(2026, 11, 28, 10, tzinfo=UTC)
    assert [d for d in plan_due(nudge_world(), saturday).deliveries if d.kind == NUDGE] == []
    sunday_workers = nudge_world(hours=WorkingHours(weekdays=frozenset({6, 0, 1, 2, 3})))
    sunday = datetime(2026, 11, 29, 10, tzinfo=UTC)
    assert [d.target for d in plan_due(sunday_workers, sunday).deliveries if d.kind == NUDGE]


def test_snoozed_items_are_left_out():
    world = nudge_world(snoozes={"stakeholder:10": TODAY + timedelta(days=7), "plan:1": TODAY + timedelta(days=1)})
    nudge = [d for d in plan_due(world, MONDAY).deliveries if d.target == "U_KAM"][0]
    assert [i["type"] for i in nudge.payload["items"]] == ["action", "action"]


# ---------------------------------------------------------------------------- digest and determinism


def test_the_digest_is_weekly_on_its_day_and_only_the_latest_one():
    world = snapshot(digest_channel="C_DIGEST")
    digest = [d for d in plan_due(world, MONDAY).deliveries if d.kind == DIGEST]
    assert [(d.target, d.due_at) for d in digest] == [("C_DIGEST", MONDAY)]
    assert digest[0].payload == {"week_start": "2026-11-16", "week_end": "2026-11-23"}
    thursday = [d for d in plan_due(world, MONDAY + timedelta(days=3)).deliveries if d.kind == DIGEST]
    assert [d.due_at for d in thursday] == [MONDAY]  # caught up, same key: sent once
    assert plan_due(snapshot(), MONDAY).deliveries == []  # no digest channel


def test_planning_is_deterministic():
    world = nudge_world(digest_channel="C_DIGEST")
    first, second = plan_due(world, MONDAY), plan_due(world, MONDAY)
    assert [d.key for d in first.deliveries] == [d.key for d in second.deliveries]
    assert len({d.key for d in first.deliveries}) == len(first.deliveries)


def test_bad_workspace_settings_fall_back_to_defaults():
    settings = schedule_settings({"review_lead_days": "soon", "timezone": "Mars/Base", "working_hours": {"start": "9"},
                                  "digest_day": "fri"}, timezone_name="Europe/Berlin")
    assert settings.lead_days == 3
    assert settings.zone == ZoneInfo("Europe/Berlin")
    assert settings.digest_weekday == 4
