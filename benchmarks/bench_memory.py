"""Resident memory of `kam serve` with the embedding model loaded, after traffic.

    python benchmarks/bench_memory.py [--requests 300] [--workdir DIR --database-url URL --team TEAM]

Starts `kam serve` (by default on a fresh demo portfolio, SQLite in a temp dir; or on a workspace
built by bench_replies.py: `--workdir /tmp/kam-bench-replies --database-url
postgresql://postgres@127.0.0.1:5432/kam_replies --team TBENCHPLANS`), pointed at a fake Slack
Web API, and reads VmRSS and VmHWM (peak) from /proc/PID/status: right after start, after the
first SWOT (which loads the embedding model and opens the index), and after N signed slash
commands of every kind (cards, maps, plans, SWOTs, plain-language questions). The goal is none
in DESIGN.md section 6; issue 8 asks for the figure.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _support import KAM, clean_env, load_average, machine, tree_rss_kib, wait_healthy  # noqa: E402

from support import signing  # noqa: E402
from support.app_server import free_port  # noqa: E402
from support.fake_slack import FakeSlack  # noqa: E402

SECRET = "bench-memory"
DEMO_COMMANDS = ["account borealis", "stakeholders borealis", "plan borealis", "swot borealis", "accounts key",
                 "account acme", "swot acme", "next meridian", "ask who are the decision makers at borealis?",
                 "portfolio", "swot vantor", "help"]


def bench_commands(accounts: int) -> list[str]:
    return [f"{kind} Account {n:04d}" for n in range(0, accounts, 7)
            for kind in ("account", "stakeholders", "plan", "swot")]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--team", default="T_LOCAL")
    parser.add_argument("--serve-args", default="", help="extra arguments for kam serve, e.g. '--workers 2'")
    args = parser.parse_args()
    tmp = tempfile.TemporaryDirectory(prefix="kam-bench-memory-")
    workdir = args.workdir or Path(tmp.name)
    with FakeSlack(team_id=args.team, strict=False) as fake:
        env = clean_env(KAM_DATA_DIR=str(workdir), KAM_TEAM_ID=args.team, SLACK_BOT_TOKEN="xoxb-bench",
                        SLACK_SIGNING_SECRET=SECRET, SLACK_API_URL=fake.base_url)
        if args.database_url:
            env["DATABASE_URL"] = args.database_url
        if args.workdir is None:
            subprocess.run([KAM, "demo"], env=env, check=True, capture_output=True)
            commands = DEMO_COMMANDS
        else:
            commands = bench_commands(1000)
        port = free_port()
        server = subprocess.Popen([KAM, "serve", "--port", str(port), "--host", "127.0.0.1",
                                   *args.serve_args.split()], env=env, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{port}/slack/events"
        figures = []
        try:
            wait_healthy(port, server)
            time.sleep(1)
            figures.append(("started, healthy", tree_rss_kib(server.pid)))

            def send(text: str, name: str) -> None:
                body, content_type = signing.slash_command_body(text, team_id=args.team,
                                                                 response_url=fake.response_url(name))
                status, _, _ = signing.post_signed(url, body, content_type, SECRET, timeout=30)
                assert status == 200, status

            send(commands[3] if args.workdir is None else commands[3], "first-swot")
            fake.wait_for("response_url", count=1, timeout=300)
            figures.append(("model loaded (first SWOT answered)", tree_rss_kib(server.pid)))
            for i in range(args.requests):
                send(commands[i % len(commands)], f"r{i}")
                if i % 20 == 19:  # keep a little back-pressure: at most ~20 replies outstanding
                    fake.wait_for("response_url", count=i - 18, timeout=300)
            fake.wait_for("response_url", count=args.requests + 1, timeout=600)
            figures.append((f"after {args.requests} more commands", tree_rss_kib(server.pid)))
            errors = [c for c in fake.calls("response_url") if "went wrong" in json.dumps(c.args)]
        finally:
            server.terminate()
            server.wait(timeout=20)
    tmp.cleanup()
    where = f"workspace {args.workdir} ({args.database_url})" if args.workdir else "demo portfolio, SQLite"
    print(f"machine: {machine()}; load average {load_average()}; kam serve {args.serve_args} on {where}")
    print("| kam serve | VmRSS | VmHWM (peak) | processes |")
    print("|---|---|---|---|")
    for label, values in figures:
        print(f"| {label} | {values['VmRSS'] / 1024:.0f} MiB | {values['VmHWM'] / 1024:.0f} MiB | "
              f"{values['processes']} |")
    print(f"replies: {args.requests + 1}, of which error messages: {len(errors)}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
