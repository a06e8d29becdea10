"""Benchmark: scoring and segmenting 10,000 accounts, the whole portfolio view, and the chart.

Goals (DESIGN.md, quality bars): scoring and segmenting 10,000 accounts < 1 s; the
portfolio chart for 1,000 accounts < 2 s.

- pure:     rules.portfolio.segment over 10,000 accounts with 11 criteria (no database).
- service:  loading the current scores of 10,000 accounts from the database (the newest score
            per account and criterion, out of two scoring rounds) and segmenting them, as
            `/kam portfolio` does (kam_domain.services.portfolio.segment_accounts: effective scores,
            a person's else the data's); beside it the person-scores-only path it replaced.
- day one:  a workspace with no criteria chosen (the day-one template) and no scores at all:
            every score derived from 8 quarters of financials, customer size and rating, 4
            stakeholders and 2 meetings per account, then segmented.
- overview: the whole `portfolio_overview` (segments, 80/20, risks, gaps, potential and the
            criteria check over 8 quarters of financials) for 10,000 accounts.
- chart:    render_portfolio_png for 1,000 accounts (PNG 1200x900).

    python benchmarks/bench_portfolio.py [--accounts 10000] [--chart-accounts 1000] [--database-url URL]

Data is generated in a temporary SQLite database unless --database-url is given.
"""
from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import insert

from kam_domain.models import Account, Criterion, Financial, Interaction, Score, Stakeholder
from kam_domain.rules import portfolio as rules
from kam_domain.rules.criteria_templates import ATTRACTIVENESS_8, STRENGTH_CRITERIA, combine
from kam_domain.services import portfolio, queries
from kam_domain.services.authz import Actor
from kam_domain.services.workspaces import ensure_workspace
from kam_domain.store.engine import make_engine
from kam_domain.store.migrate import upgrade
from kam_domain.store.uow import UnitOfWork

TEAM_ID = "TBENCH"
CRITERIA = combine(ATTRACTIVENESS_8, STRENGTH_CRITERIA)
QUARTERS = ["2024-Q4", "2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"]


def seed(engine, accounts: int, seed_value: int = 11) -> None:
    rng = random.Random(seed_value)
    from sqlmodel import Session

    with Session(engine) as session:
        ensure_workspace(session, TEAM_ID)
        session.commit()
        session.execute(insert(Criterion), [
            {"team_id": TEAM_ID, "key": c.key, "label": c.label, "weight": c.weight, "axis": c.axis,
             "position": i, "active": True} for i, c in enumerate(CRITERIA)])
        now = datetime(2026, 11, 1, tzinfo=timezone.utc)
        session.execute(insert(Account), [
            {"team_id": TEAM_ID, "name": f"Account {i:05d}", "normalized_name": f"account {i:05d}", "aliases": [],
             "tier": "key" if i < 35 else ("candidate" if i < 200 else "regular"), "restricted": False,
             "customer_rating": float(rng.randint(2, 9)), "potential_annual_value": rng.randint(1, 50) * 100_000.0,
             "created_at": now, "updated_at": now} for i in range(accounts)])
        session.commit()
        from sqlmodel import select

        account_ids = list(session.exec(select(Account.id).where(Account.team_id == TEAM_ID)).all())
        criterion_ids = list(session.exec(select(Criterion.id).where(Criterion.team_id == TEAM_ID)).all())
        scores, financials = [], []
        for account_id in account_ids:
            for criterion_id in criterion_ids:
                for round_ in range(2):  # two scoring rounds: history, and the current score
                    scores.append({"team_id": TEAM_ID, "account_id": account_id, "criterion_id": criterion_id,
                                   "value": rng.randint(1, 10), "scored_by": "UBENCH",
                                   "scored_at": now - timedelta(days=200 * (1 - round_) + rng.randint(0, 30))})
            base = rng.lognormvariate(11, 1.2)
            for q, period in enumerate(QUARTERS):
                revenue = base * (1 + rng.uniform(-0.05, 0.08)) ** q
                financials.append({"team_id": TEAM_ID, "account_id": account_id, "period": period,
                                   "revenue": revenue, "cost_to_serve": revenue * rng.uniform(0.55, 1.05)})
        for start in range(0, len(scores), 20_000):
            session.execute(insert(Score), scores[start:start + 20_000])
        for start in range(0, len(financials), 20_000):
            session.execute(insert(Financial), financials[start:start + 20_000])
        session.commit()


DAY_ONE_TEAM = "TDAYONE"


def seed_day_one(engine, accounts: int, seed_value: int = 13) -> None:
    """Imported-like data and nothing else: no criteria, no scores."""
    rng = random.Random(seed_value)
    from sqlmodel import Session, select

    with Session(engine) as session:
        ensure_workspace(session, DAY_ONE_TEAM)
        session.commit()
        now = datetime(2026, 11, 1, tzinfo=timezone.utc)
        session.execute(insert(Account), [
            {"team_id": DAY_ONE_TEAM, "name": f"Day {i:05d}", "normalized_name": f"day {i:05d}", "aliases": [],
             "tier": "key" if i < 35 else "regular", "restricted": False,
             "customer_annual_revenue": rng.lognormvariate(18, 1.5),
             "customer_rating": float(rng.randint(2, 9)) if i % 2 else None,
             "created_at": now, "updated_at": now} for i in range(accounts)])
        session.commit()
        ids = list(session.exec(select(Account.id).where(Account.team_id == DAY_ONE_TEAM)).all())
        financials, people, meetings = [], [], []
        for account_id in ids:
            base = rng.lognormvariate(11, 1.2)
            for q, period in enumerate(QUARTERS):
                revenue = base * (1 + rng.uniform(-0.05, 0.08)) ** q
                financials.append({"team_id": DAY_ONE_TEAM, "account_id": account_id, "period": period,
                                   "revenue": revenue, "cost_to_serve": revenue * rng.uniform(0.55, 1.05)})
            for p in range(4):
                people.append({"team_id": DAY_ONE_TEAM, "account_id": account_id, "name": f"P{p}",
                               "normalized_name": f"p{p}", "role": "unknown", "influence": rng.randint(1, 5),
                               "attitude": rng.randint(-2, 2), "contact_level": rng.choice(("none", "brief", "multiple")),
                               "last_contact_on": (now - timedelta(days=rng.randint(1, 400))).date(),
                               "created_at": now, "updated_at": now})
            for m in range(2):
                meetings.append({"team_id": DAY_ONE_TEAM, "account_id": account_id,
                                 "occurred_on": (now - timedelta(days=rng.randint(1, 500))).date(), "kind": "meeting",
                                 "summary": "met", "sentiment": rng.randint(-2, 2), "logged_by": "UBENCH",
                                 "created_at": now})
        for table, rows in ((Financial, financials), (Stakeholder, people), (Interaction, meetings)):
            for start in range(0, len(rows), 20_000):
                session.execute(insert(table), rows[start:start + 20_000])
        session.commit()


def bench_day_one(engine, repeat: int) -> tuple[float, float, int, int]:
    from datetime import date

    def run():
        with UnitOfWork(engine) as uow:
            session = uow.session
            accounts = portfolio.visible_accounts(session, Actor(DAY_ONE_TEAM, "UBENCH", is_admin=True))
            defs = queries.criteria_defs(session, DAY_ONE_TEAM)  # the day-one template: none chosen
            return portfolio.segment_accounts(session, DAY_ONE_TEAM, accounts, defs, today=date(2026, 11, 23))

    median, best, result = timed(run, repeat)
    return median, best, len(result), sum(1 for s in result.values() if s.quadrant is not None)


def bench_person_only(engine, repeat: int) -> tuple[float, float]:
    """The path before derived scores: the persons' current scores only, then segment."""
    def run():
        with UnitOfWork(engine) as uow:
            session = uow.session
            accounts = portfolio.visible_accounts(session, Actor(TEAM_ID, "UBENCH", is_admin=True))
            defs = queries.criteria_defs(session, TEAM_ID)
            return portfolio.segment_accounts(session, TEAM_ID, accounts, defs,
                                              portfolio.current_scores(session, TEAM_ID))

    median, best, _ = timed(run, repeat)
    return median, best


def timed(function, repeat: int) -> tuple[float, float, object]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return statistics.median(times), min(times), result


def bench_pure(accounts: int, repeat: int) -> tuple[float, float]:
    rng = random.Random(5)
    items = [rules.SegmentInput(i, f"Account {i}", {c.key: rng.randint(1, 10) for c in CRITERIA})
             for i in range(accounts)]
    median, best, result = timed(lambda: rules.segment(items, CRITERIA), repeat)
    assert len(result) == accounts
    return median, best


def bench_service(engine, repeat: int) -> tuple[float, float, int]:
    def run():
        with UnitOfWork(engine) as uow:
            session = uow.session
            accounts = portfolio.visible_accounts(session, Actor(TEAM_ID, "UBENCH", is_admin=True))
            defs = queries.criteria_defs(session, TEAM_ID)
            return portfolio.segment_accounts(session, TEAM_ID, accounts, defs)

    median, best, result = timed(run, repeat)
    return median, best, len(result)


def bench_overview(engine, repeat: int) -> tuple[float, float]:
    actor = Actor(TEAM_ID, "UBENCH", is_admin=True)
    median, best, report = timed(lambda: portfolio.portfolio_overview(UnitOfWork(engine), actor), repeat)
    assert report.total_accounts > 0
    return median, best


def bench_chart(accounts: int, repeat: int) -> tuple[float, float, int]:
    from bot.render.chart import ChartOptions, render_portfolio_png
    from kam_domain.services.portfolio import PortfolioPoint

    rng = random.Random(9)
    points = [PortfolioPoint(i, f"Account {i:05d} Industries", "key" if i < 35 else "regular",
                             None, rng.uniform(1, 10), rng.uniform(1, 10), None,
                             rng.uniform(1e5, 5e6), rng.lognormvariate(11, 1.3) * rng.choice((1, 1, 1, -0.3)),
                             None, None) for i in range(accounts)]
    render_portfolio_png(points[:10])  # import and font cache warm-up, as in a running process
    median, best, png = timed(lambda: render_portfolio_png(points, ChartOptions(notes=("a note",))), repeat)
    return median, best, len(png)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=10_000)
    parser.add_argument("--chart-accounts", type=int, default=1_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--database-url")
    args = parser.parse_args()

    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, {platform.system()} {platform.release()}")
    median, best = bench_pure(args.accounts, args.repeat)
    print(f"pure segment, {args.accounts} accounts x {len(CRITERIA)} criteria: median {median * 1000:.0f} ms "
          f"(best {best * 1000:.0f} ms)")

    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        upgrade(url)
        engine = make_engine(url)
        started = time.perf_counter()
        seed(engine, args.accounts)
        print(f"seeded {args.accounts} accounts, {args.accounts * len(CRITERIA) * 2} scores, "
              f"{args.accounts * len(QUARTERS)} financial rows in {time.perf_counter() - started:.1f} s "
              f"({url.split(':')[0]})")
        median, best = bench_person_only(engine, args.repeat)
        print(f"service: person scores only + segment (the path before derived scores): median "
              f"{median * 1000:.0f} ms (best {best * 1000:.0f} ms)")
        median, best, count = bench_service(engine, args.repeat)
        print(f"service: load current scores + segment {count} accounts: median {median * 1000:.0f} ms "
              f"(best {best * 1000:.0f} ms)  goal < 1000 ms")
        started = time.perf_counter()
        seed_day_one(engine, args.accounts)
        print(f"seeded a day-one workspace: {args.accounts} accounts, no criteria, no scores, 8 quarters, "
              f"4 stakeholders and 2 meetings each, in {time.perf_counter() - started:.1f} s")
        median, best, count, placed = bench_day_one(engine, args.repeat)
        print(f"service: day one, derive every score + segment {count} accounts ({placed} placed): median "
              f"{median * 1000:.0f} ms (best {best * 1000:.0f} ms)  goal < 1000 ms")
        median, best = bench_overview(engine, max(1, args.repeat // 2))
        print(f"service: whole portfolio overview (80/20, risks, criteria check), {args.accounts} accounts: "
              f"median {median * 1000:.0f} ms (best {best * 1000:.0f} ms)")
        engine.dispose()

    median, best, size = bench_chart(args.chart_accounts, args.repeat)
    print(f"chart: {args.chart_accounts} accounts, PNG {size // 1024} KiB: median {median * 1000:.0f} ms "
          f"(best {best * 1000:.0f} ms)  goal < 2000 ms")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    main()
