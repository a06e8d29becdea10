"""Benchmark: `kam run-due` over a 10,000-account portfolio (goal: < 5 s).

Seeds a temp SQLite database (or --database-url) with bulk inserts: N accounts (50 key with
channels, 300 candidates, the rest regular), three criteria scored for every account,
stakeholders (5 per key account, 2 per other), 2 actions per account with due dates spread
around today, reviews (an open one plus history for key and candidate accounts, one done
review for the rest) and four quarters of financials. Then times, at a fixed instant:

1. planning + enqueue, first pass of the week (includes the weekly quadrant snapshot of
   every account and scheduling missing reviews), then a second pass at the same instant
   (steady state: every key already in the outbox, nothing written);
2. sending what was planned with an in-process no-op Slack client and no pacing: our own
   per-message cost (claim, render, shared-channel / user check, record);
3. the same sending through the fake Slack Web API over loopback HTTP, for a feel of real
   HTTP round trips (several calls per message: conversations.info or users.info, then
   chat.postMessage);
4. `kam run-due --at ...` as a subprocess on the seeded database without a Slack token
   (plan only), i.e. what cron pays, interpreter start and imports included.

Sending thousands of real messages is bounded by Slack (about one message per second per
conversation, tier limits per workspace), not by us; so planning+enqueue is measured apart
from sending.

    python benchmarks/bench_run_due.py [--accounts 10000] [--database-url URL]
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from _support import machine  # (importing it puts tests/ on sys.path)
from sqlalchemy import func, insert, select

import bot.delivery
from bot.bootstrap import Container
from bot.delivery import ChannelPacer, load_renderers, send_pending
from bot.scheduler import RunReport, plan_team
from bot.settings import load_settings
from kam_domain.clock import FixedClock
from kam_domain.models import (
    Account, Action, Criterion, Delivery, Financial, Review, Score, Stakeholder, Workspace,
)
from kam_domain.store.engine import make_engine
from kam_domain.store.migrate import upgrade

TEAM = "TBENCH"
INSTANT = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)  # a Monday: the digest's day too
TODAY = INSTANT.date()
USERS = [f"U{n:05d}" for n in range(40)]
ROLES = ["economic_buyer", "decision_maker", "technical_buyer", "influencer", "champion", "user_buyer"]


class NoopSlack:
    """Answers like Slack, instantly, in-process."""

    def __init__(self):
        self.posts = 0

    def auth_test(self):
        return {"team_id": TEAM}

    def users_info(self, user):
        return {"user": {"id": user, "team_id": TEAM, "tz": "Europe/Berlin", "tz_offset": 3600}}

    def conversations_info(self, channel):
        return {"channel": {"id": channel, "is_ext_shared": False}}

    def conversations_open(self, users):
        return {"channel": {"id": "D" + users}}

    def conversations_history(self, **_):
        return {"messages": []}

    def chat_postMessage(self, **_):
        self.posts += 1
        return {"ok": True, "ts": f"1700000000.{self.posts:06d}"}


# ---------------------------------------------------------------------------- seeding


def seed(engine, accounts: int, rng: random.Random) -> dict[str, int]:
    started = time.perf_counter()
    with engine.begin() as db:
        db.execute(insert(Workspace), [{"team_id": TEAM, "name": "Bench", "key_account_cap": 50,
                                        "watch_threshold": 6.5, "settings": {}, "installed": True,
                                        "created_at": INSTANT}])
        db.execute(insert(Criterion), [
            {"team_id": TEAM, "key": k, "label": k, "weight": w, "axis": a, "position": i, "active": True}
            for i, (k, w, a) in enumerate([("fit", 3, "attractiveness"), ("size", 2, "attractiveness"),
                                           ("bond", 2, "strength")])])
        db.execute(insert(Account), [_account(n, rng) for n in range(accounts)])
        ids = db.execute(select(Account.id, Account.tier, Account.owner_user_id)).all()
        criteria = db.execute(select(Criterion.id)).scalars().all()
        rows = {
            Score: [{"team_id": TEAM, "account_id": a, "criterion_id": c, "value": rng.randint(1, 10),
                     "scored_by": "U00000", "scored_at": INSTANT - timedelta(days=40)} for a, _, _ in ids
                    for c in criteria],
            Stakeholder: [_person(a, tier, n, rng) for a, tier, _ in ids for n in range(5 if tier == "key" else 2)],
            Action: [_action(a, owner, n, rng) for a, _, owner in ids for n in range(2)],
            Review: [r for a, tier, _ in ids for r in _reviews(a, tier, rng)],
            Financial: [{"team_id": TEAM, "account_id": a, "period": p, "revenue": rng.randint(10, 900) * 1000.0,
                         "cost_to_serve": rng.randint(5, 400) * 1000.0} for a, _, _ in ids
                        for p in ("2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3")],
        }
        for model, values in rows.items():
            for chunk in range(0, len(values), 5000):
                db.execute(insert(model), values[chunk:chunk + 5000])
    counts = {model.__name__.lower(): len(values) for model, values in rows.items()}
    counts["accounts"] = accounts
    counts["seconds"] = round(time.perf_counter() - started, 1)
    return counts


def _account(n: int, rng: random.Random) -> dict:
    tier = "key" if n < 50 else "candidate" if n < 350 else "regular"
    name = f"Bench Account {n:05d}"
    return {"team_id": TEAM, "name": name, "normalized_name": name.lower(), "aliases": [], "tier": tier,
            "owner_user_id": rng.choice(USERS), "sponsor_user_id": rng.choice(USERS) if tier == "key" else None,
            "channel_id": f"C{n:07d}" if tier == "key" and n % 5 else None, "restricted": False,
            "plan_updated_at": INSTANT - timedelta(days=rng.randint(0, 200)) if tier == "key" else None,
            "created_at": INSTANT, "updated_at": INSTANT}


def _person(account_id: int, tier: str, n: int, rng: random.Random) -> dict:
    name = f"Person {account_id}-{n}"
    return {"team_id": TEAM, "account_id": account_id, "name": name, "normalized_name": name.lower(),
            "role": rng.choice(ROLES), "influence": rng.randint(1, 5), "attitude": rng.randint(-2, 2),
            "contact_level": "brief", "owner_user_id": rng.choice(USERS),
            "last_contact_on": TODAY - timedelta(days=rng.randint(0, 120)), "created_at": INSTANT,
            "updated_at": INSTANT}


def _action(account_id: int, owner: str, n: int, rng: random.Random) -> dict:
    return {"team_id": TEAM, "account_id": account_id, "title": f"Follow up {account_id}-{n}",
            "owner_user_id": owner, "due_on": TODAY + timedelta(days=rng.randint(-60, 60)),
            "status": rng.choice(["open", "open", "done"]), "source": "manual", "created_at": INSTANT}


def _reviews(account_id: int, tier: str, rng: random.Random) -> list[dict]:
    def done(days_ago: int) -> dict:
        return {"team_id": TEAM, "account_id": account_id, "due_on": TODAY - timedelta(days=days_ago),
                "done_at": INSTANT - timedelta(days=days_ago), "done_by": "U00000", "outcome": "ok",
                "engagement_rating": rng.randint(1, 5), "loyalty_rating": rng.randint(1, 5), "checklist": {}}

    if tier == "regular":
        return [done(rng.randint(100, 300))]
    history = [done(rng.randint(30, 60)), done(rng.randint(90, 120))]
    if rng.random() < 0.2:  # some have no open review yet: the pass schedules one
        return history
    upcoming = {"team_id": TEAM, "account_id": account_id, "due_on": TODAY + timedelta(days=rng.randint(-20, 40)),
                "done_at": None, "done_by": None, "outcome": None, "engagement_rating": None,
                "loyalty_rating": None, "checklist": {}}
    return history + [upcoming]


# ---------------------------------------------------------------------------- timing


def container(engine, tmp: Path, client) -> Container:
    settings = load_settings(SLACK_BOT_TOKEN="xoxb-bench", KAM_DATA_DIR=str(tmp), KAM_TEAM_ID=TEAM,
                             KAM_DIGEST_CHANNEL="C_DIGEST", KAM_ADMINS="U00001")
    return Container(settings, engine=engine, clock=FixedClock(INSTANT), slack_client=client)


def timed(work):
    started = time.perf_counter()
    result = work()
    return time.perf_counter() - started, result


def reset_outbox(engine) -> None:
    with engine.begin() as db:
        db.execute(Delivery.__table__.update().values(status="pending", attempts=0, claimed_at=None,
                                                      claimed_by=None, sent_at=None, slack_ts=None))


def cli_run_due(database_url: str, tmp: Path) -> float:
    kam = shutil.which("kam", path=str(Path(sys.executable).parent)) or "kam"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "KAM_", "DATABASE_URL"))}
    env.update(DATABASE_URL=database_url, KAM_TEAM_ID=TEAM, KAM_DATA_DIR=str(tmp), HF_HUB_OFFLINE="1")
    started = time.perf_counter()
    done = subprocess.run([kam, "run-due", "--at", "2026-11-23T09:00:00Z"], env=env, capture_output=True,
                          text=True, timeout=300)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--accounts", type=int, default=10_000)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    rng = random.Random(7)
    tmp = Path(tempfile.mkdtemp(prefix="kam-bench-run-due-"))
    url = args.database_url or f"sqlite:///{tmp / 'bench.sqlite3'}"
    upgrade(url)
    engine = make_engine(url)
    load_renderers()
    bot.delivery.PACER = ChannelPacer(interval=0)  # our cost, not Slack's per-channel limit
    try:
        counts = seed(engine, args.accounts, rng)
        print(f"seeded {counts} into {url.split('@')[-1]}")
        noop = NoopSlack()
        c = container(engine, tmp, noop)
        report = RunReport(INSTANT)
        first, applied = timed(lambda: plan_team(c, noop, TEAM, INSTANT, report))
        second, again = timed(lambda: plan_team(c, noop, TEAM, INSTANT, RunReport(INSTANT)))
        send_seconds, sent = timed(lambda: send_pending(c, noop, now=INSTANT, team_id=TEAM))
        with engine.connect() as db:
            kinds = dict(db.execute(select(Delivery.kind, func.count()).group_by(Delivery.kind)).all())
        http_seconds, http_sent = _send_over_http(engine, tmp)
        cli = cli_run_due(url, tmp)
    finally:
        engine.dispose()
    print(f"\n{machine()}; {args.accounts} accounts; deliveries planned {applied.planned} {kinds}")
    print("| step | seconds | notes |")
    print("|---|---|---|")
    print(f"| plan + enqueue, first pass of the week | {first:.2f} | {applied.enqueued} new deliveries, "
          f"{applied.reviews_scheduled} reviews scheduled, {report.profiles} people looked up, weekly snapshot |")
    print(f"| plan + enqueue, same instant again | {second:.2f} | {again.enqueued} new (idempotent) |")
    print(f"| send, in-process no-op Slack | {send_seconds:.2f} | {len(sent.sent)} sent, "
          f"{1000 * send_seconds / max(len(sent.sent), 1):.1f} ms per message |")
    print(f"| send, fake Slack over loopback HTTP | {http_seconds:.2f} | {http_sent} sent, "
          f"{1000 * http_seconds / max(http_sent, 1):.1f} ms per message |")
    print(f"| `kam run-due --at` subprocess, plan only (no token) | {cli:.2f} | interpreter start and imports "
          f"included; goal < 5 s |")
    shutil.rmtree(tmp, ignore_errors=True)


def _send_over_http(engine, tmp: Path) -> tuple[float, int]:
    from bot.slack_client import make_web_client
    from support.fake_slack import FakeSlack

    reset_outbox(engine)
    with FakeSlack(team_id=TEAM, strict=False) as fake:
        client = make_web_client("xoxb-bench", fake.base_url)
        c = container(engine, tmp, client)
        seconds, report = timed(lambda: send_pending(c, client, now=INSTANT, team_id=TEAM))
    return seconds, len(report.sent)


if __name__ == "__main__":
    main()
