"""Benchmark: account-scoped retrieval, indexing throughput and offline SWOT drafts at scale.

Builds a workspace of N synthetic notes (salesperson's voice, 2-4 sentences each) over
N/100 accounts in a fresh SQLite database and local Chroma index (temp dir, or --workdir to
keep and --reuse it), then measures:

1. bare model throughput: sentence-transformers' `encode` on a sample of the same note bodies,
   timed in slices of 256 interleaved with the indexing pass (so both see the same load on a
   shared machine), and once before it;
2. indexing throughput: the real indexing pass (`bot.indexing.index_pending`: read from the
   database, embed, upsert to Chroma under the writer lock, mark indexed) on all N notes (or,
   with --reuse --reindex K, on K notes queued again in the full index), the bare slices not
   counted; goal >= 80% of (1), measured in the same run;
3. account-scoped retrieval: `rank_account_notes` (get(where=account) + exact dot product) for
   random accounts; goal p95 < 50 ms at 100,000 notes;
4. offline SWOT: `draft_swot` end to end (database, index, offline drafter) for accounts not
   drafted before (cold), then again (warm statement cache); goal p95 < 1.5 s.

    python benchmarks/bench_retrieval.py [--notes 100000] [--accounts 1000] [--workdir DIR] [--reuse [--reindex N]]

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
from _support import load_average, machine, percentile  # noqa: E402

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


def requeue(container, count: int) -> int:
    """Mark `count` notes (spread over all accounts) as not indexed, as if just written."""
    if count <= 0:
        return 0
    from sqlalchemy import update
    from sqlmodel import select

    from kam_domain.models import Note

    with container.uow() as uow:
        ids = list(uow.session.exec(select(Note.id).where(Note.team_id == TEAM_ID).order_by(Note.id)).all())
        step = max(1, len(ids) // count)
        chosen = ids[::step][:count]
        for start in range(0, len(chosen), 900):
            uow.session.exec(update(Note).where(Note.id.in_(chosen[start:start + 900])).values(indexed_at=None))
        uow.commit()
    return len(chosen)


def sample_bodies(container, sample: int) -> list[str]:
    from sqlmodel import func, select

    from kam_domain.models import Note

    with container.uow() as uow:
        return list(uow.session.exec(select(Note.body).order_by(func.random()).limit(sample)).all())


def bare_encode(container, bodies: list[str]) -> float:
    """Seconds the bare model takes to encode these texts (sentence-transformers' encode, the same
    batch size as the index uses; no database, no Chroma)."""
    embedder = container.embedder
    model = getattr(embedder, "model", None)
    started = time.perf_counter()
    if model is not None and hasattr(model, "encode"):
        model.encode(bodies, batch_size=embedder.batch_size, normalize_embeddings=True, convert_to_numpy=True,
                     show_progress_bar=False)
    else:
        embedder.embed(bodies)
    return time.perf_counter() - started


def bare_throughput(container, bodies: list[str]) -> float:
    bare_encode(container, bodies[:64])  # warm up
    return len(bodies) / bare_encode(container, bodies)


def measure_indexing(container, total: int, bodies: list[str], every: int = 5000,
                     chunk: int = 256) -> tuple[float, float, int]:
    """The indexing pass over all notes, with the bare model timed on `chunk` sample notes after
    every `every` notes indexed: both see the same machine load (the machine is shared). Returns
    (indexing notes/s, bare notes/s, bare notes encoded); bare time is not counted as indexing."""
    from bot.indexing import index_pending

    done, next_sample, offset = [0], [0], [0]
    bare = {"seconds": 0.0, "notes": 0}
    last = [time.perf_counter()]

    def progress(count: int) -> None:
        done[0] += count
        if done[0] >= next_sample[0]:
            next_sample[0] += every
            part = [bodies[(offset[0] + i) % len(bodies)] for i in range(chunk)]
            offset[0] += chunk
            bare["seconds"] += bare_encode(container, part)
            bare["notes"] += chunk
        if time.perf_counter() - last[0] > 30:
            last[0] = time.perf_counter()
            print(f"  indexed {done[0]}/{total} (load {load_average()})", file=sys.stderr, flush=True)

    report = index_pending(container, TEAM_ID, progress=progress)
    if report.failed:
        raise SystemExit(f"indexing failed: {report}")
    indexing_seconds = report.seconds - bare["seconds"]
    return report.indexed / indexing_seconds, bare["notes"] / bare["seconds"], bare["notes"]


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


def row(name: str, seconds: list[float], goal: str, load: str) -> str:
    ms = [s * 1000 for s in seconds]
    return (f"| {name} | p50 {percentile(ms, 50):.1f} ms | p95 {percentile(ms, 95):.1f} ms | "
            f"max {max(ms):.1f} ms | n={len(ms)} | {goal} | {load} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=100_000)
    parser.add_argument("--accounts", type=int, default=None, help="default: notes / 100")
    parser.add_argument("--workdir", type=Path, default=None, help="keep the database and index here")
    parser.add_argument("--reuse", action="store_true", help="reuse a workdir built before (skip indexing)")
    parser.add_argument("--retrievals", type=int, default=300)
    parser.add_argument("--swots", type=int, default=40)
    parser.add_argument("--sample", type=int, default=2000, help="notes encoded for the bare-model figure")
    parser.add_argument("--reindex", type=int, default=0,
                        help="with --reuse: queue this many notes again and time their indexing (upserts into the "
                             "full index) against the bare model")
    args = parser.parse_args()
    accounts = args.accounts or max(1, args.notes // 100)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="kam-bench-retrieval-"))
    load_before = load_average()

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
    lines = [f"Machine: {machine()}; load average at start {load_before}",
             f"Notes: {args.notes} over {len(account_ids)} accounts; model load {load_seconds:.1f} s", "",
             "| measure | result | | | | goal | load average after (1/5/15 min) |",
             "|---|---|---|---|---|---|---|"]
    to_index = args.notes if fresh else requeue(container, args.reindex)
    if to_index:
        bodies = sample_bodies(container, args.sample)
        before = bare_throughput(container, bodies)
        print(f"bare model before indexing: {before:.0f} notes/s (load {load_average()}); "
              f"indexing {to_index} notes ...", file=sys.stderr)
        indexed, bare, sampled = measure_indexing(container, to_index, bodies, every=max(500, to_index // 20))
        lines.append(f"| indexing throughput, {to_index} notes (the real pass: database, embed, Chroma upsert, "
                     f"mark indexed) | "
                     f"{indexed:.0f} notes/s | bare model {bare:.0f} notes/s (interleaved, {sampled} notes; "
                     f"{before:.0f} before) | {indexed / bare:.0%} of bare | | >= 80% | {load_average()} |")
    retrieval = measure_retrieval(container, account_ids, args.retrievals)
    lines.append(row("account-scoped retrieval (get + exact dot)", retrieval, "p95 < 50 ms", load_average()))
    cold, warm, points = measure_swot(container, account_ids, args.swots)
    lines.append(row("offline SWOT, first draft of an account", cold, "p95 < 1.5 s", load_average()))
    lines.append(row("offline SWOT, drafted again (warm)", warm, "", load_average()))
    lines.append(f"| points per SWOT | {points / max(1, len(cold)):.1f} | | | | | |")
    lines.append("")
    lines.append(f"Load average at the end {load_average()}; workdir {workdir}")
    print("\n".join(lines))
    container.notes_index.close()
    if not args.workdir:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
