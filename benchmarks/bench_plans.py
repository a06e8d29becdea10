"""Benchmark: `/kam stakeholders`, `/kam plan` and `/kam next` (service + Block Kit rendering)
with 1,000 accounts in the store.

Seeds a freshly migrated database (SQLite in a temp dir unless --database-url is given) with
N accounts, each with ~8 stakeholders, 4 objectives with actions, loose actions from meeting
logs, opportunities, financials, reviews, plan sections and (by default) 100 notes, then
times the service call plus `to_message` for random accounts, as a Slack request would run
them after the ack. Target (DESIGN.md section 6): p95 < 300 ms.

    python benchmarks/bench_plans.py [--accounts 1000] [--requests 200] [--notes-per-account 100]

Prints Markdown table rows ready for BENCHMARKS.md.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import insert, select

from kam_domain.models import (
    Account,
    Action,
    Financial,
    Note,
    Objective,
    Opportunity,
    PlanSection,
    Review,
    Stakeholder,
    TeamMember,
    Workspace,
)
from kam_domain.store.engine import make_engine
from kam_domain.store.migrate import upgrade
from kam_domain.store.uow import UnitOfWork

TEAM_ID = "TBENCHPLANS"
TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)
ROLES = ["economic_buyer", "decision_maker", "technical_buyer", "user_buyer", "influencer", "champion",
         "gatekeeper", "blocker"]
USERS = [f"U0BENCH{i:03d}" for i in range(40)]
FIRST = ["Ana", "Lars", "Katrin", "Tom", "Eva", "Jonas", "Miriam", "Dieter", "Ingrid", "Erik", "Nina", "Ole"]
LAST = ["Ruiz", "Henriksen", "Vogel", "Berg", "Lund", "Weber", "Schulz", "Brandt", "Solberg", "Dahl", "Bakken"]
TITLES = ["CFO", "COO", "Head of IT", "Procurement Manager", "Site Manager", "Engineering Lead", "CEO", "CTO"]


def seed(engine, accounts: int, notes_per_account: int, rng: random.Random) -> None:
    started = time.perf_counter()
    with engine.begin() as c:
        c.execute(insert(Workspace), [{"team_id": TEAM_ID, "name": "bench", "key_account_cap": 35,
                                       "watch_threshold": 6.5, "settings": {}, "installed": True, "created_at": NOW}])
        c.execute(insert(Account), [
            {"team_id": TEAM_ID, "name": f"Account {n:04d}", "normalized_name": f"account {n:04d}", "aliases": [],
             "tier": "key" if n < 35 else ("candidate" if n < 135 else "regular"), "restricted": False,
             "owner_user_id": rng.choice(USERS), "sponsor_user_id": rng.choice(USERS + [None] * 10),
             "potential_annual_value": rng.randint(1, 50) * 100_000.0,
             "plan_updated_at": NOW - timedelta(days=rng.randint(1, 400)), "created_at": NOW, "updated_at": NOW}
            for n in range(accounts)])
        ids = [row[0] for row in c.execute(select(Account.id).where(Account.team_id == TEAM_ID))]
        c.execute(insert(TeamMember), [{"team_id": TEAM_ID, "account_id": a, "user_id": u, "role": "member"}
                                       for a in ids for u in rng.sample(USERS, 2)])
        c.execute(insert(Stakeholder), [_person(a, k, rng) for a in ids for k in range(rng.randint(6, 10))])
        c.execute(insert(Financial), [{"team_id": TEAM_ID, "account_id": a, "period": f"2026-Q{q}",
                                       "revenue": rng.randint(50, 900) * 1000.0, "cost_to_serve": rng.randint(20, 600) * 1000.0}
                                      for a in ids for q in (1, 2, 3)])
        c.execute(insert(PlanSection), [{"team_id": TEAM_ID, "account_id": a, "section": s, "body": f"{s} of {a}. " * 8,
                                         "updated_by": USERS[0], "updated_at": NOW}
                                        for a in ids for s in ("customer_goals", "financial_health", "initiatives",
                                                               "competitors")])
        c.execute(insert(Objective), [{"team_id": TEAM_ID, "account_id": a, "horizon": h, "title": f"Objective {h} {a}",
                                       "owner_user_id": rng.choice(USERS), "due_on": TODAY + timedelta(days=rng.randint(10, 600)),
                                       "status": "open", "created_by": USERS[0], "created_at": NOW}
                                      for a in ids for h in ("short", "short", "mid", "long")])
        objectives = c.execute(select(Objective.id, Objective.account_id).where(Objective.team_id == TEAM_ID)).all()
        c.execute(insert(Action), [
            {"team_id": TEAM_ID, "account_id": a, "objective_id": o, "title": f"Action {k} of objective {o}",
             "owner_user_id": rng.choice(USERS), "due_on": TODAY + timedelta(days=rng.randint(-30, 90)),
             "status": rng.choice(["open", "open", "done"]), "source": "manual", "created_at": NOW}
            for o, a in objectives for k in range(3)])
        c.execute(insert(Action), [
            {"team_id": TEAM_ID, "account_id": a, "title": f"Next step {k} from a meeting", "source": "log",
             "owner_user_id": rng.choice(USERS), "due_on": TODAY + timedelta(days=rng.randint(-20, 30)),
             "status": "open", "created_at": NOW} for a in ids for k in range(2)])
        c.execute(insert(Opportunity), [
            {"team_id": TEAM_ID, "account_id": a, "name": f"Deal {k}", "value": rng.randint(1, 90) * 10_000.0,
             "status": rng.choice(["open", "won", "lost"]), "close_on": TODAY + timedelta(days=rng.randint(-200, 200)),
             "next_step": rng.choice([None, "Send proposal"])} for a in ids for k in range(3)])
        c.execute(insert(Review), [{"team_id": TEAM_ID, "account_id": a, "due_on": TODAY + timedelta(days=rng.randint(-10, 60)),
                                    "checklist": {}} for a in ids])
        for start in range(0, len(ids), 50):
            rows = [_note(a, k, rng) for a in ids[start:start + 50] for k in range(notes_per_account)]
            if rows:
                c.execute(insert(Note), rows)
    print(f"# seeded {accounts:,} accounts ({accounts * notes_per_account:,} notes) in "
          f"{time.perf_counter() - started:.1f} s", file=sys.stderr)


def _person(account_id: int, k: int, rng: random.Random) -> dict:
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {k}"
    return {"team_id": TEAM_ID, "account_id": account_id, "name": name, "normalized_name": name.lower(),
            "title": rng.choice(TITLES), "role": ROLES[k % len(ROLES)], "influence": rng.randint(1, 5),
            "attitude": rng.randint(-2, 2), "contact_level": rng.choice(["none", "brief", "multiple", "in_depth"]),
            "owner_user_id": rng.choice(USERS + [None]),
            "last_contact_on": TODAY - timedelta(days=rng.randint(0, 200)), "created_at": NOW, "updated_at": NOW}


def _note(account_id: int, k: int, rng: random.Random) -> dict:
    body = f"Meeting {k} with account {account_id}: discussed renewal, pricing and the rollout plan."
    written = TODAY - timedelta(days=rng.randint(0, 540))
    digest = hashlib.sha256(f"{TEAM_ID}|{account_id}|{written.isoformat()}|{body}|{k}".encode()).hexdigest()
    return {"team_id": TEAM_ID, "account_id": account_id, "written_on": written, "author": USERS[0], "body": body,
            "source": "import", "content_hash": digest, "indexed_at": None, "created_at": NOW}


def measure(engine, requests: int, rng: random.Random) -> dict[str, list[float]]:
    import bot.handlers  # noqa: F401  (registers the renderers)
    from bot.render.blocks import to_message
    from kam_domain.services import next_actions, plans, stakeholders
    from kam_domain.services.authz import Actor

    actor = Actor(TEAM_ID, USERS[0])
    with engine.connect() as c:
        names = [row[0] for row in c.execute(select(Account.name).where(Account.team_id == TEAM_ID))]
    calls = {
        "/kam stakeholders": lambda name: stakeholders.stakeholder_map(UnitOfWork(engine), actor, name, TODAY),
        "/kam plan": lambda name: plans.account_plan(UnitOfWork(engine), actor, name, TODAY),
        "/kam next": lambda name: next_actions.next_actions(UnitOfWork(engine), actor, name, TODAY),
    }
    timings: dict[str, list[float]] = {label: [] for label in calls}
    for label, call in calls.items():
        for name in rng.sample(names, min(5, len(names))):  # warm-up: imports, connection pool, caches
            to_message(call(name))
        for _ in range(requests):
            name = rng.choice(names)
            start = time.perf_counter()
            message = to_message(call(name))
            timings[label].append((time.perf_counter() - start) * 1000)
            assert message.blocks
    return timings


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=1000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--notes-per-account", type=int, default=100)
    parser.add_argument("--database-url", default=os.environ.get("KAM_BENCH_DATABASE_URL"))
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="kam-bench-plans-") as tmp:
        url = args.database_url or f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        upgrade(url)
        engine = make_engine(url)
        with engine.begin() as c:
            if c.execute(select(Workspace.team_id).where(Workspace.team_id == TEAM_ID)).first():
                raise SystemExit(f"workspace {TEAM_ID} already exists in that database; use a fresh one")
        seed(engine, args.accounts, args.notes_per_account, rng)
        timings = measure(engine, args.requests, rng)
        backend = engine.dialect.name
        engine.dispose()
    print(f"# {date.today().isoformat()}, {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, {backend}, {args.accounts:,} accounts, "
          f"{args.accounts * args.notes_per_account:,} notes, {args.requests} requests each")
    print("| request (service + Block Kit) | p50 | p95 | p99 | max | target p95 |")
    print("|---|---|---|---|---|---|")
    ok = True
    for label, values in timings.items():
        p95 = percentile(values, 95)
        ok = ok and p95 < 300
        print(f"| {label} | {statistics.median(values):.1f} ms | {p95:.1f} ms | {percentile(values, 99):.1f} ms "
              f"| {max(values):.1f} ms | < 300 ms |")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
