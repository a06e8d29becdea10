"""End-to-end reply latency of `/kam` at 1,000 accounts and 100,000 notes, through a real `kam serve`.

    python benchmarks/bench_replies.py [--workdir DIR] [--reuse] [--accounts 1000] [--notes 100000]
                                       [--database-url postgresql://postgres@127.0.0.1:5432/kam_replies]
                                       [--requests 60] [--swots 30] [--queries 30 [--only-queries]]

Builds (or, with --reuse, reuses) a workspace: N accounts with stakeholders, plans, objectives,
actions, financials and reviews (benchmarks/bench_plans.py's seed), 11 weighted criteria with
two scoring rounds, and M synthetic notes in the salesperson's voice (bench_retrieval.py's
generator; the notes repeat 5,000 distinct bodies so that each body is embedded once), every
note its own record in the local Chroma index in the workdir (about 7 minutes to build here).
The database is PostgreSQL by default (a web process of the scaled-out topology, which never
runs a clock); pass a sqlite:/// URL for the embedded default.

Then starts `kam serve` on it, pointed at a fake Slack Web API on loopback, and for each of
`account`, `stakeholders`, `plan`, `score` and `swot` sends signed slash commands one at a
time for random accounts, timing from the moment the request is sent until the fake Slack
records the reply on the command's response_url (Slack's view of "the answer arrived"), or
the modal it opened (`/kam score` opens the scoring form for someone who may edit scores).
Goals (DESIGN.md section 6): card, stakeholders, score p95 < 300 ms; offline SWOT p95 < 1.5 s.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _support import KAM, clean_env, load_average, machine, percentile, wait_healthy  # noqa: E402

from support import signing  # noqa: E402
from support.app_server import free_port  # noqa: E402
from support.fake_slack import FakeSlack  # noqa: E402

DEFAULT_DB = "postgresql://postgres@127.0.0.1:5432/kam_replies"
SECRET = "bench-replies"
POOL = 5000  # distinct note bodies (see `index`)
GOALS = {"account": ("p95 < 300 ms", 0.300), "stakeholders": ("p95 < 300 ms", 0.300),
         "score": ("p95 < 300 ms", 0.300), "plan": ("p95 < 300 ms (issue 4)", 0.300),
         "swot": ("p95 < 1.5 s", 1.5)}
# Issue 16's portfolio and fact queries: p95 < 300 ms end to end ({account}: a random account's name).
QUERIES = {"growth": "growth leaders non-key", "margins": "margins loss", "gaps": "gaps plan all", "cold": "cold",
           "trends": "trends meetings down", "movers": "movers", "owned-by": "owned-by me",
           "revenue": "revenue {account} 8 quarters", "promises": "promises {account}",
           "changes": "changes {account} since 2026-01-01", "plan-draft": "plan-draft {account}"}


# --------------------------------------------------------------------------- building the workspace


def ensure_database(url: str, fresh: bool) -> None:
    """Create the PostgreSQL database named in the URL (dropped first when fresh); SQLite needs nothing."""
    if not url.startswith("postgres"):
        return
    import psycopg

    base, _, name = url.rpartition("/")
    if name in ("test", "postgres", ""):
        raise SystemExit(f"refusing to build the benchmark workspace in database {name!r}: name your own")
    admin = base.replace("postgresql+psycopg://", "postgresql://") + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if exists and fresh:
            connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def build(url: str, workdir: Path, accounts: int, notes: int) -> None:
    import bench_plans
    from bench_portfolio import CRITERIA
    from bench_retrieval import AUTHORS
    from sqlalchemy import insert, select

    from kam_domain.models import Account, Criterion, Note, Score
    from kam_domain.store.engine import make_engine
    from kam_domain.store.migrate import upgrade

    team = bench_plans.TEAM_ID
    started = time.perf_counter()
    upgrade(url)
    engine = make_engine(url)
    rng = random.Random(7)
    bench_plans.seed(engine, accounts, 0, rng)
    with engine.begin() as c:
        ids = [row[0] for row in c.execute(select(Account.id).where(Account.team_id == team).order_by(Account.id))]
        c.execute(insert(Criterion), [{"team_id": team, "key": k.key, "label": k.label, "weight": k.weight,
                                       "axis": k.axis, "position": i, "active": True} for i, k in enumerate(CRITERIA)])
        criteria = [row[0] for row in c.execute(select(Criterion.id).where(Criterion.team_id == team))]
        scores = [{"team_id": team, "account_id": a, "criterion_id": k, "value": rng.randint(1, 10),
                   "scored_by": bench_plans.USERS[0],
                   "scored_at": bench_plans.NOW - timedelta(days=200 * (1 - round_) + rng.randint(0, 30))}
                  for a in ids for k in criteria for round_ in range(2)]
        for start in range(0, len(scores), 20_000):
            c.execute(insert(Score), scores[start:start + 20_000])
        note_rng, rows = random.Random(11), []
        pool = distinct_bodies(note_rng, min(POOL, notes))
        for i in range(notes):
            body = pool[note_rng.randrange(len(pool))]
            written = bench_plans.TODAY - timedelta(days=int(540 * note_rng.random() ** 1.5))
            rows.append({"team_id": team, "account_id": ids[i % len(ids)], "written_on": written,
                         "author": note_rng.choice(AUTHORS), "body": body, "source": "import",
                         "content_hash": hashlib.sha256(f"{i}|{body}".encode()).hexdigest(), "indexed_at": None,
                         "created_at": bench_plans.NOW})
            if len(rows) == 5000:
                c.execute(insert(Note), rows)
                rows = []
        if rows:
            c.execute(insert(Note), rows)
    engine.dispose()
    print(f"# seeded {accounts} accounts, {notes} notes in {time.perf_counter() - started:.0f} s; indexing ...",
          file=sys.stderr, flush=True)
    index(url, workdir, notes)


def distinct_bodies(rng: random.Random, count: int) -> list[str]:
    """`count` different synthetic notes (bench_retrieval.py's generator)."""
    from bench_retrieval import synthetic_note

    seen: dict[str, None] = {}
    while len(seen) < count:
        seen[synthetic_note(rng)] = None
    return list(seen)


def index(url: str, workdir: Path, total: int) -> None:
    """Index every note into the local Chroma index, embedding each distinct body once.

    The notes repeat a pool of distinct bodies (embedding 100,000 notes costs 10-60 minutes on
    this shared 2-core machine, and the indexing throughput is bench_retrieval.py's figure, not
    this one's); every note is still its own Chroma record with its own id, account and date,
    and its vector is the model's embedding of its own text.
    """
    import bench_plans
    import numpy as np
    from sqlalchemy import update
    from sqlmodel import select

    from bot.bootstrap import Container
    from bot.settings import load_settings
    from kam_domain.index.chroma_index import NoteRecord
    from kam_domain.models import Note, utcnow

    team = bench_plans.TEAM_ID
    container = Container(load_settings(KAM_DATA_DIR=str(workdir), DATABASE_URL=url, KAM_TEAM_ID=team))
    started = time.perf_counter()
    with container.uow() as uow:
        notes = [NoteRecord(n.id, n.team_id, n.account_id, n.written_on, n.author, n.body)
                 for n in uow.session.exec(select(Note).where(Note.team_id == team).order_by(Note.id)).all()]
    bodies = sorted({n.body for n in notes})
    vectors = container.embedder.embed(bodies)
    row_of = {body: i for i, body in enumerate(bodies)}
    print(f"#   embedded {len(bodies)} distinct bodies in {time.perf_counter() - started:.0f} s "
          f"(load {load_average()})", file=sys.stderr, flush=True)
    for start in range(0, len(notes), 5000):
        part = notes[start:start + 5000]
        container.notes_index.upsert_notes(part, np.asarray([vectors[row_of[n.body]] for n in part]))
        with container.uow() as uow:
            uow.session.exec(update(Note).where(Note.id.in_([n.id for n in part])).values(indexed_at=utcnow()))
            uow.commit()
        print(f"#   indexed {start + len(part)}/{total} (load {load_average()})", file=sys.stderr, flush=True)
    count = container.notes_index.count_notes(team)
    container.notes_index.close()
    if count != len(notes):
        raise SystemExit(f"index holds {count} notes, the database {len(notes)}")
    print(f"# indexed {count} notes in {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
    (workdir / "BUILT").write_text(f"{url}\n")


# --------------------------------------------------------------------------- measuring


def timed_reply(url: str, fake: FakeSlack, team: str, user: str, text: str, name: str,
                timeout: float = 60.0) -> float:
    """Seconds from sending the signed command until the fake Slack received its answer: the post to
    the command's response_url, or the modal it opened (views.open with the command's trigger_id:
    `/kam score` without values opens the scoring form for someone who may edit the scores)."""
    trigger = signing.new_trigger_id()
    body, content_type = signing.slash_command_body(text, team_id=team, user_id=user, trigger_id=trigger,
                                                     response_url=fake.response_url(name))
    sent = time.time()
    status, _, _ = signing.post_signed(url, body, content_type, SECRET, timeout=10)
    if status != 200:
        raise SystemExit(f"/kam {text}: HTTP {status}")

    def answer():
        for call in reversed(fake._calls):  # newest first; read under the fake's own condition
            if (call.method == "response_url" and call.args.get("_name") == name) or \
                    (call.method == "views.open" and call.args.get("trigger_id") == trigger):
                return call
        return None

    with fake._changed:  # woken by each call the fake records: no polling in this process
        call = fake._changed.wait_for(answer, timeout=timeout)
    if call is None:
        raise SystemExit(f"/kam {text}: no reply within {timeout:.0f} s")
    ANSWERED[call.method] = ANSWERED.get(call.method, 0) + 1
    named = re.search(r"Account \d{4}", text)  # the bench's account names; other words are the command's
    account = named.group(0) if named else ""
    if account and account not in json.dumps(call.args):
        WRONG.append(f"/kam {text}: the answer does not name {account}: {json.dumps(call.args)[:200]}")
    return call.time - sent


ANSWERED: dict[str, int] = {}
WRONG: list[str] = []


def measure_queries(port: int, fake: FakeSlack, accounts: list[str], count: int) -> dict[str, list[float]]:
    """The portfolio and fact queries, `count` each, after one warm-up of each."""
    import bench_plans

    url = f"http://127.0.0.1:{port}/slack/events"
    team, user = bench_plans.TEAM_ID, bench_plans.USERS[0]
    rng = random.Random(5)
    results: dict[str, list[float]] = {}
    for name, template in QUERIES.items():
        timed_reply(url, fake, team, user, template.format(account=accounts[0]), f"warm-{name}", timeout=180)
        results[name] = [timed_reply(url, fake, team, user, template.format(account=rng.choice(accounts[4:])),
                                     f"{name}{i}") for i in range(count)]
    return results


def measure(port: int, fake: FakeSlack, accounts: list[str], requests: int, swots: int) -> dict[str, list[float]]:
    import bench_plans

    url = f"http://127.0.0.1:{port}/slack/events"
    team, user = bench_plans.TEAM_ID, bench_plans.USERS[0]
    rng = random.Random(3)
    for i, text in enumerate(["help", f"account {accounts[0]}", f"swot {accounts[0]}", f"score {accounts[1]}",
                              f"stakeholders {accounts[2]}", f"plan {accounts[3]}"]):
        timed_reply(url, fake, team, user, text, f"warm{i}", timeout=180)  # model load, pools, caches
    results: dict[str, list[float]] = {}
    for command in ("account", "stakeholders", "plan", "score", "swot"):
        count = swots if command == "swot" else requests
        results[command] = [timed_reply(url, fake, team, user, f"{command} {rng.choice(accounts[4:])}",
                                        f"{command}{i}") for i in range(count)]
    return results


def reply_check(fake: FakeSlack) -> list[str]:
    """Every reply of the measured run was a real answer, not an error message."""
    bad = []
    for call in fake.calls("response_url"):
        text = str(call.args.get("text", "")) + str(call.args.get("blocks", ""))
        if "went wrong" in text or "did you mean" in text.lower() or "which one" in text.lower():
            bad.append(f"{call.args.get('_name')}: {text[:160]}")
    return bad


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/kam-bench-replies"))
    parser.add_argument("--reuse", action="store_true", help="reuse a workspace built before in --workdir")
    parser.add_argument("--database-url", default=DEFAULT_DB)
    parser.add_argument("--accounts", type=int, default=1000)
    parser.add_argument("--notes", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=60, help="per command (card, stakeholders, plan, score)")
    parser.add_argument("--swots", type=int, default=30)
    parser.add_argument("--build-only", action="store_true")
    parser.add_argument("--queries", type=int, default=0,
                        help="also time each portfolio and fact query (issue 16) this many times")
    parser.add_argument("--only-queries", action="store_true", help="time only the queries")
    args = parser.parse_args()
    import bench_plans

    reuse = args.reuse and (args.workdir / "BUILT").exists()
    if not reuse:
        import shutil

        shutil.rmtree(args.workdir, ignore_errors=True)
        args.workdir.mkdir(parents=True)
        ensure_database(args.database_url, fresh=True)
        build(args.database_url, args.workdir, args.accounts, args.notes)
    if args.build_only:
        return 0
    names = [f"Account {n:04d}" for n in range(args.accounts)]
    load_start = load_average()
    with FakeSlack(team_id=bench_plans.TEAM_ID, strict=False) as fake:
        env = clean_env(KAM_DATA_DIR=str(args.workdir), DATABASE_URL=args.database_url,
                        KAM_TEAM_ID=bench_plans.TEAM_ID, SLACK_BOT_TOKEN="xoxb-bench", SLACK_SIGNING_SECRET=SECRET,
                        SLACK_API_URL=fake.base_url)
        port = free_port()
        log = open(args.workdir / "serve.log", "w")
        server = subprocess.Popen([KAM, "serve", "--port", str(port), "--host", "127.0.0.1"], env=env,
                                  stdout=log, stderr=subprocess.STDOUT)
        try:
            wait_healthy(port, server)
            results = {} if args.only_queries else measure(port, fake, names, args.requests, args.swots)
            if args.queries:
                results.update(measure_queries(port, fake, names, args.queries))
            bad = reply_check(fake) + WRONG
        finally:
            server.terminate()
            server.wait(timeout=20)
            log.close()
    backend = "PostgreSQL" if args.database_url.startswith("postgres") else "SQLite"
    print(f"machine: {machine()}; {backend}, local Chroma; {args.accounts} accounts, {args.notes} notes; "
          f"load average {load_start} at start, {load_average()} at end")
    print("| reply (signed /kam into kam serve -> response_url at the fake Slack) | p50 | p95 | p99 | max | n | goal |")
    print("|---|---|---|---|---|---|---|")
    ok = not bad
    for command, seconds in results.items():
        ms = [s * 1000 for s in seconds]
        goal, limit = GOALS.get(command, ("p95 < 300 ms (issue 16)", 0.300))
        p95 = percentile(ms, 95)
        ok = ok and p95 < limit * 1000
        print(f"| `/kam {command}` | {percentile(ms, 50):.0f} ms | {p95:.0f} ms | {percentile(ms, 99):.0f} ms | "
              f"{max(ms):.0f} ms | {len(ms)} | {goal}{'' if p95 < limit * 1000 else ' (missed)'} |")
    print(f"answers received: {ANSWERED} (views.open: the scoring form, for a user who may edit scores)")
    for line in bad[:10]:
        print(f"bad reply: {line}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
