"""Benchmark: account-scoped retrieval, indexing throughput and offline SWOT drafts at scale.

Builds a workspace of N synthetic notes (salesperson's voice, 2-4 sentences each) over
N/100 accounts in a fresh SQLite database and local Chroma index (temp dir, or --workdir to
keep and --reuse it), then measures:

1. bare model throughput: the embedding model encoding a sample of the same note bodies;
2. indexing throughput: the real indexing pass (`bot.indexing.index_pending`: read from the
   database, embed, upsert to Chroma under the writer lock, mark indexed) on all N notes;
   goal >= 80% of (1), measured in the same run;
3. account-scoped retrieval: `rank_account_notes` (get(where=account) + exact dot product) for
   random accounts; goal p95 < 50 ms at 100,000 notes;
4. offline SWOT: `draft_swot` end to end (database, index, offline drafter) for accounts not
   drafted before (cold), then again (warm statement cache); goal p95 < 1.5 s.

    python benchmarks/bench_retrieval.py [--notes 100000] [--accounts 1000] [--workdir DIR] [--reuse]

Prints Markdown rows ready for BENCHMARKS.md, with the machine and its load average (other
processes on a shared machine slow the model down; the figures say so).
"""
from __future__ import annotations

import argparse
import hashlib
import os
import random
import shutil
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _support import machine, percentile  # noqa: E402

TEAM_ID = "TBENCH"
TODAY = date(2026, 11, 23)
PEOPLE = ["Ana Ruiz", "Lars Henriksen", "Felix Hartmann", "Ingrid Solberg", "Jonas Weber", "Priya Iyer",
          "Marta Kowalczyk", "Tomas Kazlauskas", "Chiara Ricci", "Daan de Vries", "Haruto Suzuki"]
AUTHORS = ["Anna Keller", "Marco Bianchi", "Sofia Lindqvist", "James Okafor", "Priya Nair"]
PRODUCTS = ["sorter belts", "conveyor bearings", "hydraulic valves", "drive belts", "seals", "gearboxes", "pumps"]
SITES = ["the Hamburg hub", "the Leipzig site", "the Porto plant", "the Brno line", "the Gdańsk warehouse"]
RIVALS = ["Kraftmann", "Nordtek", "Valcor", "SKF", "Brightline"]
FACTS = [
    "{p} told me they trust our application engineers more than any other supplier.",
    "Our technicians fixed the {x} failure at {s} within a day and {p} noticed.",
    "{p} said our {x} lasted twice as long as {r}'s in their test.",
    "Our last deliveries of {x} arrived late and the warehouse team is fed up.",
    "We have no relationship with their IT department.",
    "{p} complained that our invoices carry the wrong PO numbers again.",
    "Our lead time on {x} slipped to {n} weeks.",
    "They are building a new site near {s} next year and want one supplier.",
    "Their maintenance budget for next year is up by {n} percent, {p} confirmed.",
    "They are open to a predictive-maintenance pilot at {s}.",
    "{r} offered them {n} percent below our price on {x}.",
    "Procurement wants to re-tender {x} next spring.",
    "A new CFO is reviewing all vendors above one million euros.",
    "Budget cuts were announced for the second half.",
]
ACTIONS = [
    "I promised to send {p} the revised TCO model by Friday.",
    "Open question: who signs off above 250k now?",
    "Risk: {p} may move to another company.",
    "Will send {p} the {x} lifetime data this week.",
    "Follow up with {p} next week.",
]
OPENERS = ["Call with {p}.", "Met {p} at {s}.", "Email from {p}:", "QBR with {p} went well.", "Short note:"]


def synthetic_note(rng: random.Random) -> str:
    slots = dict(p=rng.choice(PEOPLE), x=rng.choice(PRODUCTS), s=rng.choice(SITES), r=rng.choice(RIVALS),
                 n=rng.choice([4, 6, 8, 10, 12, 14]))
    parts = [rng.choice(OPENERS)] + rng.sample(FACTS, rng.randint(1, 2))
    if rng.random() < 0.5:
        parts.append(rng.choice(ACTIONS))
    return " ".join(part.format(**slots) for part in parts)


def build_database(url: str, notes: int, accounts: int, seed: int = 11) -> list[int]:
    from sqlalchemy import insert
    from sqlmodel import Session

    from kam_domain.models import Account, Note, Workspace
    from kam_domain.store.engine import make_engine

    rng = random.Random(seed)
    engine = make_engine(url)
    with Session(engine) as session:
        session.add(Workspace(team_id=TEAM_ID, name="Bench"))
        session.flush()
        ids = []
        for i in range(accounts):
            account = Account(team_id=TEAM_ID, name=f"Account {i:05d}", normalized_name=f"account {i:05d}",
                              owner_user_id="U0BENCH")
            session.add(account)
            session.flush()
            ids.append(account.id)
        session.commit()
        rows = []
        for i in range(notes):
            body = synthetic_note(rng)
            account_id = ids[i % accounts]
            written = TODAY - timedelta(days=int(540 * rng.random() ** 1.5))
            rows.append({"team_id": TEAM_ID, "account_id": account_id, "written_on": written,
                         "author": rng.choice(AUTHORS), "body": body, "source": "import",
                         "content_hash": hashlib.sha256(f"{i}|{body}".encode()).hexdigest(), "indexed_at": None})
            if len(rows) == 5000:
                session.execute(insert(Note), rows)
                rows = []
        if rows:
            session.execute(insert(Note), rows)
        session.commit()
    engine.dispose()
    return ids


def container_for(workdir: Path):
    from bot.bootstrap import Container
    from bot.settings import load_settings

    settings = load_settings(KAM_DATA_DIR=str(workdir), KAM_TEAM_ID=TEAM_ID)
    return Container(settings)


def bare_throughput(container, sample: int) -> float:
    from sqlmodel import select

    from kam_domain.models import Note

    with container.uow() as uow:
        bodies = list(uow.session.exec(select(Note.body).order_by(Note.id).limit(sample)).all())
    container.embedder.embed(bodies[:64])  # warm up
    started = time.perf_counter()
    container.embedder.embed(bodies)
    return len(bodies) / (time.perf_counter() - started)


def measure_indexing(container, total: int) -> float:
    from bot.indexing import index_pending

    done = [0]
    last = [time.perf_counter()]

    def progress(count: int) -> None:
        done[0] += count
        if time.perf_counter() - last[0] > 30:
            last[0] = time.perf_counter()
            print(f"  indexed {done[0]}/{total}", file=sys.stderr, flush=True)

    report = index_pending(container, TEAM_ID, progress=progress)
    if report.failed:
        raise SystemExit(f"indexing failed: {report}")
    return report.notes_per_second


def measure_retrieval(container, account_ids: list[int], samples: int) -> list[float]:
    from kam_domain.services.drafts import SWOT_QUERIES

    index = container.notes_index
    index.rank_account_notes(TEAM_ID, account_ids[0], SWOT_QUERIES)  # query vectors cached, client open
    rng = random.Random(5)
    times = []
    for _ in range(samples):
        started = time.perf_counter()
        index.rank_account_notes(TEAM_ID, rng.choice(account_ids), SWOT_QUERIES)
        times.append(time.perf_counter() - started)
    return times


def measure_swot(container, account_ids: list[int], samples: int) -> tuple[list[float], list[float], int]:
    from kam_domain.services.authz import Actor
    from kam_domain.services.drafts import draft_swot_by_id

    actor = Actor(TEAM_ID, "U0BENCH")
    rng = random.Random(9)
    chosen = rng.sample(account_ids[1:], min(samples, len(account_ids) - 1))
    draft_swot_by_id(container.uow(), actor, account_ids[0], TODAY, container.notes_index, container.drafter)
    cold, warm, points = [], [], 0
    for account_id in chosen:
        started = time.perf_counter()
        result = draft_swot_by_id(container.uow(), actor, account_id, TODAY, container.notes_index, container.drafter)
        cold.append(time.perf_counter() - started)
        points += len(result.points)
    for account_id in chosen:
        started = time.perf_counter()
        draft_swot_by_id(container.uow(), actor, account_id, TODAY, container.notes_index, container.drafter)
        warm.append(time.perf_counter() - started)
    return cold, warm, points


def row(name: str, seconds: list[float], goal: str) -> str:
    ms = [s * 1000 for s in seconds]
    return (f"| {name} | p50 {percentile(ms, 50):.1f} ms | p95 {percentile(ms, 95):.1f} ms | "
            f"max {max(ms):.1f} ms | n={len(ms)} | {goal} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=100_000)
    parser.add_argument("--accounts", type=int, default=None, help="default: notes / 100")
    parser.add_argument("--workdir", type=Path, default=None, help="keep the database and index here")
    parser.add_argument("--reuse", action="store_true", help="reuse a workdir built before (skip indexing)")
    parser.add_argument("--retrievals", type=int, default=300)
    parser.add_argument("--swots", type=int, default=40)
    parser.add_argument("--sample", type=int, default=2000, help="notes encoded for the bare-model figure")
    args = parser.parse_args()
    accounts = args.accounts or max(1, args.notes // 100)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="kam-bench-retrieval-"))
    load_before = os.getloadavg()

    from sqlmodel import select

    from kam_domain.models import Account
    from kam_domain.store.migrate import upgrade

    url = f"sqlite:///{(workdir / 'kam.sqlite3').resolve()}"
    fresh = not (args.reuse and (workdir / "kam.sqlite3").exists())
    started = time.perf_counter()
    if fresh:
        if workdir.exists() and args.workdir:
            shutil.rmtree(workdir)
        workdir.mkdir(parents=True, exist_ok=True)
        upgrade(url)
        build_database(url, args.notes, accounts)
        print(f"built {args.notes} notes over {accounts} accounts in {time.perf_counter() - started:.0f} s",
              file=sys.stderr)
    container = container_for(workdir)
    with container.uow() as uow:
        account_ids = list(uow.session.exec(select(Account.id).where(Account.team_id == TEAM_ID)).all())

    started = time.perf_counter()
    container.embedder.embed(["load the model"])
    load_seconds = time.perf_counter() - started
    lines = [f"Machine: {machine()}; load average at start {load_before[0]:.1f} (1 min)",
             f"Notes: {args.notes} over {len(account_ids)} accounts; model load {load_seconds:.1f} s", "",
             "| measure | result | | | | goal |", "|---|---|---|---|---|---|"]
    if fresh:
        bare = bare_throughput(container, args.sample)
        print(f"bare model: {bare:.0f} notes/s; indexing {args.notes} notes ...", file=sys.stderr)
        indexed = measure_indexing(container, args.notes)
        lines.append(f"| indexing throughput | {indexed:.0f} notes/s | bare model {bare:.0f} notes/s | "
                     f"{indexed / bare:.0%} of bare | | >= 80% |")
    retrieval = measure_retrieval(container, account_ids, args.retrievals)
    lines.append(row("account-scoped retrieval (get + exact dot)", retrieval, "p95 < 50 ms"))
    cold, warm, points = measure_swot(container, account_ids, args.swots)
    lines.append(row("offline SWOT, first draft of an account", cold, "p95 < 1.5 s"))
    lines.append(row("offline SWOT, drafted again (warm)", warm, ""))
    lines.append(f"| points per SWOT | {points / max(1, len(cold)):.1f} | | | | |")
    lines.append("")
    lines.append(f"Load average at the end {os.getloadavg()[0]:.1f}; workdir {workdir}")
    print("\n".join(lines))
    container.notes_index.close()
    if not args.workdir:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
