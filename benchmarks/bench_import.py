"""Benchmark: `kam import accounts` of a Salesforce-style export, then the same file again.

Generates an N-row accounts CSV (quoted fields, extra columns, mixed money formats,
embedded newlines) in a temporary directory, imports it into a freshly migrated database
(SQLite in the temp dir unless --database-url is given), and times the first import and an
idempotent re-import (which must create nothing).

    python benchmarks/bench_import.py [--rows 50000] [--database-url URL]

Prints a Markdown table row ready for BENCHMARKS.md.
"""
from __future__ import annotations

import argparse
import csv
import os
import platform
import random
import sys
import tempfile
import time
import uuid
from datetime import date
from pathlib import Path

from sqlalchemy import func, select, text

from kam_domain.models import Account
from kam_domain.services.importing import ImportReport, import_file
from kam_domain.store.engine import make_engine
from kam_domain.store.migrate import upgrade
from kam_domain.store.uow import uow_factory

TEAM_ID = "TBENCH"
HEADER = ["Account Name", "Account ID", "Account Owner", "Type", "Industry", "Billing Street", "Billing City",
          "Billing Country", "Annual Revenue", "Employees", "Created Date", "Last Activity"]
INDUSTRIES = ["Manufacturing", "Energy", "Technology", "Retail", "Pharmaceuticals", "Hospitality", "Banking"]
COUNTRIES = ["United States", "Germany", "France", "Norway", "United Kingdom", "Spain", "Japan", "Brazil"]
OWNERS = ["Jane Doe", "Sam Carter", "Ola Nordmann", "Klaus Weber", "Maria Anders", "Pedro Alvarez"]
SUFFIXES = ["Inc.", "GmbH", "Ltd", "AS", "SARL", "LLC", "Corp", ""]


def money(rng: random.Random) -> str:
    """Annual revenue in the spellings CRM exports mix."""
    value = rng.randint(1, 5000) * 100_000
    style = rng.randrange(5)
    if style == 0:
        return f"{value:,}"
    if style == 1:
        return f"${value / 1_000_000:.1f}M"
    if style == 2:
        return f"{value:.2f}"
    if style == 3:
        return ""
    return str(value)


def write_accounts_csv(path: Path, rows: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        writer.writerow(HEADER)
        for n in range(rows):
            writer.writerow([
                f"Company {n:06d} {rng.choice(SUFFIXES)}".strip(), f"0015g{n:010d}AAA", rng.choice(OWNERS),
                "Customer - Direct", rng.choice(INDUSTRIES), f"{n} Main Street\nSuite {n % 400}",
                "Springfield", rng.choice(COUNTRIES), money(rng), str(rng.randint(5, 90_000)),
                f"{rng.randint(1, 12)}/{rng.randint(1, 28)}/20{rng.randint(10, 26)}", "",
            ])


def timed(factory, path: Path) -> tuple[ImportReport, float]:
    start = time.perf_counter()
    report = import_file(factory, TEAM_ID, "accounts", path)
    return report, time.perf_counter() - start


def result_line(label: str, backend: str, report: ImportReport, seconds: float) -> str:
    rate = report.rows / seconds if seconds else float("inf")
    return (f"| import accounts, {label} | {backend} | {report.rows:,} rows | {seconds:.2f} s | {rate:,.0f} rows/s "
            f"| created {report.created:,}, updated {report.updated:,}, unchanged {report.unchanged:,} |")


def prepare_database(url: str | None, workdir: Path) -> str:
    url = url or f"sqlite:///{workdir / 'bench.sqlite3'}"
    upgrade(url)
    return url


def clear_benchmark_team(engine) -> None:
    """A reused server database: drop what an earlier run of this benchmark imported."""
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM auditentry WHERE team_id = :t"), {"t": TEAM_ID})
        connection.execute(text("DELETE FROM account WHERE team_id = :t"), {"t": TEAM_ID})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--database-url", default=os.environ.get("KAM_BENCH_DATABASE_URL"))
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kam-bench-import-") as tmp:
        workdir = Path(tmp)
        csv_path = workdir / f"accounts_{uuid.uuid4().hex[:6]}.csv"
        write_accounts_csv(csv_path, args.rows)
        url = prepare_database(args.database_url, workdir)
        engine = make_engine(url)
        clear_benchmark_team(engine)
        factory = uow_factory(engine)
        backend = engine.dialect.name
        first, first_s = timed(factory, csv_path)
        again, again_s = timed(factory, csv_path)
        with engine.connect() as connection:
            stored = connection.execute(
                select(func.count()).select_from(Account).where(Account.team_id == TEAM_ID)).scalar_one()
        engine.dispose()
    size = f"{csv_path.name}: {args.rows:,} rows"
    print(f"# {date.today().isoformat()}, {platform.processor() or platform.machine()}, "
          f"{os.cpu_count()} cores, Python {platform.python_version()}, {size}")
    print(result_line("first import", backend, first, first_s))
    print(result_line("re-import (idempotent)", backend, again, again_s))
    ok = stored == args.rows and again.created == 0 and again.updated == 0
    print(f"# stored accounts: {stored:,}; re-import created nothing: {ok}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
