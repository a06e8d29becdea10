"""Run every benchmark in benchmarks/ with its goal-sized arguments (or smaller ones), then a summary.

    python benchmarks/run_all.py            # goal sizes (DESIGN.md section 6): about an hour on 2 cores
    python benchmarks/run_all.py --quick    # smaller sizes, a few minutes: does everything still run?
    python benchmarks/run_all.py --only ack,replies [--database-url postgresql://postgres@127.0.0.1:5432/kam_bench]

Each benchmark runs as its own process (`python benchmarks/bench_X.py ARGS`), one after the
other, with the machine's load average recorded before and after (the figures of a shared
machine mean little without it). Its output is printed as it comes, then a summary table:
benchmark, exit status, seconds, load average, and the Markdown table rows it printed. A
benchmark exits non-zero when it failed (bench_plans and bench_replies also when they missed
their goal; compare the other figures with their goals in the rows); run_all exits non-zero
when any benchmark did.
`--database-url` is passed to the benchmarks that take one (a PostgreSQL run); bench_replies
always uses its own database (`kam_replies`, or `kam_replies_quick` with --quick).
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

# name: (script, goal-size arguments, quick arguments, takes --database-url)
BENCHMARKS: dict[str, tuple[str, list[str], list[str], bool]] = {
    "import": ("bench_import.py", ["--rows", "50000"], ["--rows", "5000"], True),
    "ack": ("bench_ack.py", ["--requests", "2000", "--clients", "20"], ["--requests", "200", "--clients", "20"], False),
    "ack-2-workers": ("bench_ack.py", ["--requests", "2000", "--clients", "20", "--workers", "2"],
                      ["--requests", "200", "--clients", "20", "--workers", "2"], False),
    "ack-paced": ("bench_ack.py", ["--requests", "2000", "--clients", "20", "--rate", "80"],
                  ["--requests", "200", "--clients", "20", "--rate", "80"], False),
    "portfolio": ("bench_portfolio.py", ["--accounts", "10000", "--chart-accounts", "1000"],
                  ["--accounts", "1000", "--chart-accounts", "200", "--repeat", "2"], True),
    "plans": ("bench_plans.py", ["--accounts", "1000", "--notes-per-account", "100"],
              ["--accounts", "100", "--notes-per-account", "10", "--requests", "30"], True),
    "run-due": ("bench_run_due.py", ["--accounts", "10000"], ["--accounts", "1000"], True),
    "router": ("bench_router.py", ["--threads", "1"], ["--repeat", "1", "--threads", "1"], False),
    "retrieval": ("bench_retrieval.py", ["--notes", "100000"], ["--notes", "3000", "--retrievals", "50",
                                                                "--swots", "5", "--sample", "300"], False),
    "drafting": ("bench_drafting.py", [], ["--accounts", "8"], False),
    "replies": ("bench_replies.py", ["--accounts", "1000", "--notes", "100000", "--reuse"],
                ["--accounts", "50", "--notes", "2000", "--requests", "10", "--swots", "5",
                 "--workdir", "/tmp/kam-bench-replies-quick",
                 "--database-url", "postgresql://postgres@127.0.0.1:5432/kam_replies_quick"], False),
    "memory": ("bench_memory.py", ["--requests", "300"], ["--requests", "40"], False),
}


def load() -> str:
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    parser.add_argument("--quick", action="store_true", help="smaller sizes: a smoke run, not the goal figures")
    parser.add_argument("--only", default="", help=f"comma-separated subset of: {', '.join(BENCHMARKS)}")
    parser.add_argument("--database-url", default=None, help="passed to the benchmarks that take one")
    args = parser.parse_args()
    chosen = [n.strip() for n in args.only.split(",") if n.strip()] or list(BENCHMARKS)
    unknown = [n for n in chosen if n not in BENCHMARKS]
    if unknown:
        parser.error(f"unknown benchmark(s) {unknown}; choose from {list(BENCHMARKS)}")
    results = []
    for name in chosen:
        script, full, quick, takes_url = BENCHMARKS[name]
        argv = [sys.executable, str(HERE / script), *(quick if args.quick else full)]
        if takes_url and args.database_url:
            argv += ["--database-url", args.database_url]
        before = load()
        print(f"\n=== {name}: {' '.join(argv[1:])}  (load average {before})", flush=True)
        started = time.monotonic()
        process = subprocess.Popen(argv, cwd=HERE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        lines = []
        for line in process.stdout:
            print(line, end="", flush=True)
            lines.append(line.rstrip("\n"))
        code = process.wait()
        results.append((name, code, time.monotonic() - started, before, load(),
                         [line for line in lines if line.startswith("|") and not line.startswith("|---")]))
    print(f"\n=== summary ({'quick sizes' if args.quick else 'goal sizes'}; {os.cpu_count()} cores; "
          f"{time.strftime('%Y-%m-%d %H:%M')})")
    print("| benchmark | exit | seconds | load average before / after |")
    print("|---|---|---|---|")
    for name, code, seconds, before, after, _ in results:
        print(f"| {name} | {code}{' (missed or failed)' if code else ''} | {seconds:.0f} | {before} / {after} |")
    for name, _, _, _, _, rows in results:
        if rows:
            print(f"\n{name}:")
            print("\n".join(rows))
    return 1 if any(code for _, code, *_ in results) else 0


if __name__ == "__main__":
    sys.exit(main())
