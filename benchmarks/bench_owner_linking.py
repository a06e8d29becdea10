"""Benchmark: `kam import accounts` linking CRM owners to Slack users, over HTTP to the fake Slack.

Generates an N-row accounts CSV (default 50,000) with ~400 distinct owners (a fifth of them with an
owner email that Slack's user list does not show, so users.lookupByEmail is asked for those), starts
the fake Slack (tests/support/fake_slack.py) with 5,000 users, and imports the file into a freshly
migrated SQLite database (or --database-url) through SlackPeopleDirectory, then imports it again.

    python benchmarks/bench_owner_linking.py [--rows 50000] [--owners 400] [--users 5000] [--database-url URL]

Goal: < 30 s for the first import, and users.list called ceil(users / 200) times (25 pages for 5,000
users), once per import, never per row. Prints Markdown table rows ready for BENCHMARKS.md.
"""
from __future__ import annotations

import argparse
import csv
import math
import os
import random
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _support import load_average, machine  # noqa: E402  (puts tests/ on sys.path for the fake Slack)
from sqlalchemy import func, select, text  # noqa: E402
from support.fake_slack import FakeSlack  # noqa: E402

from bot.slack_client import make_web_client  # noqa: E402
from bot.slack_directory import PAGE_SIZE, SlackPeopleDirectory  # noqa: E402
from kam_domain.models import Account  # noqa: E402
from kam_domain.services.importing import ImportReport, import_file  # noqa: E402
from kam_domain.store.engine import make_engine  # noqa: E402
from kam_domain.store.migrate import upgrade  # noqa: E402
from kam_domain.store.uow import uow_factory  # noqa: E402

TEAM_ID = "TBENCHOWN"
GOAL_SECONDS = 30.0
FIRST = ["Ana", "José", "Jane", "Ola", "Klaus", "Maria", "Pedro", "Sam", "Zoë", "Ingrid", "Lucas", "Priya"]
LAST = ["Ruiz", "Núñez", "Doe", "Nordmann", "Weber", "Anders", "Álvarez", "Carter", "Brontë", "Åström"]


def person_name(n: int) -> str:
    """Distinct names: 'Ana Ruiz 0042' style, with accents, as Slack's real names."""
    return f"{FIRST[n % len(FIRST)]} {LAST[n % len(LAST)]} {n:04d}"


def crm_spelling(name: str, rng: random.Random) -> str:
    """How a CRM export spells the same person: case, accents and spaces vary."""
    style = rng.randrange(3)
    if style == 0:
        return name.upper()
    if style == 1:
        return "  " + name.replace(" ", "  ") + " "
    return name.translate(str.maketrans("éáúëöåÁÅÉÑñ", "eaueoaAAENn"))


def fill_slack(fake: FakeSlack, users: int) -> None:
    for n in range(users):
        fake.add_user(f"U{n:07d}", real_name=person_name(n), display_name=f"user{n}", email=f"user{n}@acme.example")


def write_accounts_csv(path: Path, rows: int, owners: int, seed: int = 11) -> None:
    rng = random.Random(seed)
    people = rng.sample(range(5000), owners)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        writer.writerow(["Account Name", "Account ID", "Account Owner", "Owner Email", "Type", "Industry"])
        for n in range(rows):
            person = people[n % owners]
            email = f"{person}@legacy-crm.example" if person % 5 == 0 else ""
            writer.writerow([f"Company {n:06d}", f"0015g{n:010d}AAA", crm_spelling(person_name(person), rng), email,
                             "Customer - Key" if n % 500 == 0 else "Customer - Direct", "Manufacturing"])


def timed(factory, path: Path, directory: SlackPeopleDirectory) -> tuple[ImportReport, float]:
    start = time.perf_counter()
    report = import_file(factory, TEAM_ID, "accounts", path, directory=directory, today=date.today())
    return report, time.perf_counter() - start


def clear_benchmark_team(engine) -> None:
    """A reused server database: drop what an earlier run of this benchmark imported."""
    with engine.begin() as connection:
        for table in ("auditentry", "teammember", "tierchange", "ownerlink", "account"):
            connection.execute(text(f"DELETE FROM {table} WHERE team_id = :t"), {"t": TEAM_ID})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--owners", type=int, default=400)
    parser.add_argument("--users", type=int, default=5_000)
    parser.add_argument("--database-url", default=os.environ.get("KAM_BENCH_DATABASE_URL"))
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kam-bench-owners-") as tmp, FakeSlack(team_id=TEAM_ID) as fake:
        workdir = Path(tmp)
        csv_path = workdir / "accounts_with_owners.csv"
        write_accounts_csv(csv_path, args.rows, args.owners)
        fill_slack(fake, args.users)
        url = args.database_url or f"sqlite:///{workdir / 'bench.sqlite3'}"
        upgrade(url)
        engine = make_engine(url)
        clear_benchmark_team(engine)
        factory = uow_factory(engine)
        fake.set_token("xoxb-bench", TEAM_ID)  # the strict fake answers invalid_auth to a token it was not given
        client = make_web_client("xoxb-bench", fake.base_url)

        first, first_s = timed(factory, csv_path, SlackPeopleDirectory(client, TEAM_ID))
        first_calls = (len(fake.calls("users.list")), len(fake.calls("users.lookupByEmail")))
        fake.reset()
        fill_slack(fake, args.users)
        again, again_s = timed(factory, csv_path, SlackPeopleDirectory(client, TEAM_ID))
        again_calls = (len(fake.calls("users.list")), len(fake.calls("users.lookupByEmail")))
        with engine.connect() as connection:
            linked = connection.execute(select(func.count()).select_from(Account).where(
                Account.team_id == TEAM_ID, Account.owner_user_id.is_not(None))).scalar_one()
        backend = engine.dialect.name
        engine.dispose()

    pages = math.ceil(args.users / PAGE_SIZE)
    print(f"# {machine()}, load {load_average()}; {args.rows:,} accounts, {args.owners} owners, "
          f"{args.users:,} Slack users")
    print("| run | backend | rows | seconds | users.list calls | users.lookupByEmail calls | linked owners | "
          "unmatched | ambiguous | KAMs set |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for label, report, seconds, (lists, lookups) in (("first import", first, first_s, first_calls),
                                                    ("re-import", again, again_s, again_calls)):
        print(f"| {label} | {backend} | {report.rows:,} | {seconds:.2f} s | {lists} | {lookups} | "
              f"{len(report.linked)} | {len(report.unmatched)} | {len(report.ambiguous)} | "
              f"{report.relinked_accounts:,} |")
    ok = (first_s < GOAL_SECONDS and first_calls[0] == pages and again_calls[0] == 0
          and linked == args.rows and again.relinked_accounts == 0)
    print(f"# accounts with a KAM: {linked:,}; goal < {GOAL_SECONDS:.0f} s and users.list = {pages} pages "
          f"(re-import: 0, the owner links hold): {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
