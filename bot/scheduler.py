"""The clock: APScheduler with a persistent job store, and one pass of everything due.

`run_due(container, instant)` is one pass: resolve sends a crash interrupted, refresh what
Slack says about the people we DM (time zone, still one of us), then per workspace plan
what is due (`kam_domain.services.reminders.plan_due`, pure), write it to the outbox under
a per-workspace lock (a second pass at the same instant writes nothing), and send what is
pending. The clock job calls it every few minutes; `kam run-due --at` calls it once.

Topologies: on the embedded default (SQLite) `start_embedded_scheduler` runs a
BackgroundScheduler inside the one process; scaled out, only `kam scheduler` runs the clock
(`run_clock`, a BlockingScheduler) and web processes never do. Both keep the job in the
database (table `apscheduler_jobs`) under a stable id, replaced at each start.
"""
from __future__ import annotations

import logging
import signal
from dataclasses import dataclass, field
from datetime import datetime, timezone

from slack_sdk.errors import SlackApiError
from sqlalchemy.exc import IntegrityError

from bot.delivery import SendReport, _user_outside, recover_stuck, send_pending
from bot.job_containers import bind
from kam_domain.rules.quiet_hours import local_date
from kam_domain.services import digest, reminders

log = logging.getLogger(__name__)

JOB_ID = "kam-clock"
JOB_FUNC = "bot.jobs:run_due_now"
JOBS_TABLE = "apscheduler_jobs"
TICK_MINUTES = 5
MISFIRE_GRACE_SECONDS = 15 * 60
MAX_PROFILE_LOOKUPS = 200  # users.info calls per pass (Slack tier 4); the rest next pass


# ============================================================================ one pass


@dataclass
class RunReport:
    instant: datetime
    teams: list[str] = field(default_factory=list)
    planned: int = 0
    enqueued: int = 0
    reviews_scheduled: int = 0
    recovered: int = 0
    profiles: int = 0
    send: SendReport | None = None

    def __str__(self) -> str:
        moment = self.instant.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        sending = str(self.send) if self.send else "nothing sent (no Slack token: SLACK_BOT_TOKEN is unset)"
        return (f"{moment}: due {self.planned}, new {self.enqueued}; {sending}; recovered {self.recovered}; "
                f"reviews scheduled {self.reviews_scheduled}")


def run_due(container, instant: datetime) -> RunReport:
    report = RunReport(instant)
    workspaces = _workspaces(container)
    oauth = container.installation_store is not None
    for team_id, client in workspaces:
        if client is not None:  # one workspace's stuck rows are looked up with that workspace's token
            report.recovered += recover_stuck(container, client, team_id=team_id if oauth else None)
    for team_id, client in workspaces:
        report.teams.append(team_id)
        applied = plan_team(container, client, team_id, instant, report)
        report.planned += applied.planned
        report.enqueued += applied.enqueued
        report.reviews_scheduled += applied.reviews_scheduled
    if any(client is not None for _, client in workspaces):
        report.send = SendReport()
        for team_id, client in workspaces:
            if client is None:
                continue
            sent = send_pending(container, client, now=instant, team_id=team_id)
            for name in ("sent", "failed", "blocked", "cancelled", "unrenderable"):
                getattr(report.send, name).extend(getattr(sent, name))
    return report


def plan_team(container, client, team_id: str, instant: datetime, report: RunReport) -> reminders.Applied:
    """Plan and enqueue one workspace under its lock; refresh unknown people first if needed."""
    settings = container.settings
    refreshed = False
    for _ in range(2):
        with container.uow() as uow:
            session = uow.session
            reminders.lock_workspace(session, team_id)
            snapshot = reminders.load_snapshot(session, team_id, instant, timezone_name=settings.timezone,
                                               digest_channel=settings.digest_channel, admins=settings.admin_ids)
            stale = reminders.profiles_to_refresh(snapshot, container.clock.now()) if client is not None else []
            if stale and not refreshed:
                uow.rollback()  # no lock held while we ask Slack
                report.profiles += refresh_profiles(container, client, team_id, stale[:MAX_PROFILE_LOOKUPS])
                refreshed = True
                continue
            plan = reminders.plan_due(snapshot, instant)
            due = len(plan.deliveries)
            digest.take_weekly_snapshot(session, team_id, local_date(instant, snapshot.settings.zone))
            if client is None:
                plan.deliveries = []  # nobody could send them: plan only (reviews still get scheduled)
            applied = reminders.apply_plan(session, team_id, plan, instant, snapshot.settings)
            uow.commit()
            applied.planned = due
            return applied
    return reminders.Applied()


def refresh_profiles(container, client, team_id: str, user_ids: list[str]) -> int:
    """Ask Slack for each person's time zone and whether they are still one of us; cache it."""
    now = container.clock.now()
    fetched = {}
    for user_id in user_ids:
        try:
            user = client.users_info(user=user_id)["user"]
        except SlackApiError as exc:
            if exc.response.get("error") == "user_not_found":
                fetched[user_id] = {"tz": None, "tz_offset": None, "reachable": False, "reason": "user not found"}
            continue
        except OSError:
            continue  # Slack unreachable: keep what we had, ask next pass
        reason = _user_outside(user, team_id)
        fetched[user_id] = {"tz": user.get("tz"), "tz_offset": user.get("tz_offset"), "reachable": reason is None,
                            "reason": reason}
    for attempt in (1, 2):
        try:
            with container.uow() as uow:
                for user_id, facts in fetched.items():
                    reminders.save_profile(uow.session, team_id, user_id, now=now, **facts)
                uow.commit()
            break
        except IntegrityError:
            # Another pass (a second clock, a cron `kam run-due`) cached the same person at the same
            # moment; on the second try their row exists and is updated instead.
            if attempt == 2:
                raise
    return len(fetched)


def _workspaces(container) -> list[tuple[str, object]]:
    """Each workspace to plan for, with the Web API client that speaks for it (None: plan only).

    Many workspaces (OAuth): every installed workspace, each with its own bot token, so one
    workspace's messages never go out under another's token. One workspace: the bot token's.
    """
    if container.installation_store is not None:
        from bot.oauth import installed_teams

        found = []
        for team_id in installed_teams(container):
            try:
                found.append((team_id, container.slack_client_for(team_id)))
            except LookupError:  # uninstalled between the listing and now
                continue
        return found
    client = _client(container)
    return [(team_id, client) for team_id in _teams(container, client)]


def _client(container):
    if "slack_client" in container.__dict__ or container.settings.slack_bot_token:
        return container.slack_client
    return None


def _teams(container, client) -> list[str]:
    """The workspace the bot token serves (a single-workspace install), else the configured one."""
    if client is None:
        return [container.settings.team_id]
    try:
        return [client.auth_test()["team_id"]]
    except (SlackApiError, OSError, KeyError) as exc:
        log.warning("auth.test failed (%s); planning for KAM_TEAM_ID", exc.__class__.__name__)
        return [container.settings.team_id]


# ============================================================================ the clock


def build_scheduler(container, *, background: bool, key: str = "default", tick_minutes: int = TICK_MINUTES,
                    first_run: datetime | None = None):
    """A scheduler whose one job, kept in the database, runs `run_due` every few minutes."""
    from apscheduler.executors.pool import ThreadPoolExecutor
    from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
    from apscheduler.schedulers.background import BackgroundScheduler
    from apscheduler.schedulers.blocking import BlockingScheduler
    from apscheduler.triggers.interval import IntervalTrigger

    bind(key, container)
    kind = BackgroundScheduler if background else BlockingScheduler
    scheduler = kind(
        jobstores={"default": SQLAlchemyJobStore(engine=container.engine, tablename=JOBS_TABLE)},
        executors={"default": ThreadPoolExecutor(1)},
        job_defaults={"coalesce": True, "misfire_grace_time": MISFIRE_GRACE_SECONDS, "max_instances": 1},
        timezone=timezone.utc,
    )
    # Replaced at every start, first run now: whatever fell due while no clock ran is caught up at once.
    scheduler.add_job(JOB_FUNC, IntervalTrigger(minutes=tick_minutes, timezone=timezone.utc), id=JOB_ID,
                      name="reminders, nudges and digests", args=[key], replace_existing=True, coalesce=True,
                      misfire_grace_time=MISFIRE_GRACE_SECONDS, max_instances=1,
                      next_run_time=first_run or datetime.now(timezone.utc))
    return scheduler


def run_clock(container) -> None:
    """`kam scheduler`: the one clock process of the scaled-out topology; stops cleanly on SIGTERM."""
    scheduler = build_scheduler(container, background=False)

    def stop(signum, _frame):
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, stop)
    log.info("clock started: every %s minutes, job store table %s", TICK_MINUTES, JOBS_TABLE)
    try:
        scheduler.start()
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        if scheduler.running:
            scheduler.shutdown(wait=False)


def start_embedded_scheduler(container):
    """Start the clock inside this process on the embedded default (SQLite); None when scaled out.

    Web processes of the scaled-out topology (PostgreSQL) never run a clock: `kam scheduler` does.
    """
    if not container.settings.is_embedded_database:
        return None
    scheduler = build_scheduler(container, background=True)
    scheduler.start()
    log.info("embedded clock started (every %s minutes)", TICK_MINUTES)
    return scheduler
