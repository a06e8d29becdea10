"""Ack latency of /kam over HTTP with 20 concurrent clients against a real `kam serve`.

python benchmarks/bench_ack.py [--requests 2000] [--clients 20]

Starts `kam serve` as a subprocess on the demo portfolio (SQLite), points it at a fake
Slack Web API on loopback, and sends signed slash commands from N threads. The figure is
the time until the HTTP response (Slack's 3-second ack), not until the card is delivered;
delivery is reported separately.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from _support import machine, percentile, summary_ms

from support import signing
from support.app_server import free_port
from support.fake_slack import FakeSlack

COMMANDS = ["account borealis", "accounts key", "account acme", "help", "account meridian"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=20)
    args = parser.parse_args()
    kam = str(Path(sys.executable).parent / "kam")
    with tempfile.TemporaryDirectory() as tmp, FakeSlack(team_id="T_LOCAL") as fake:
        env = dict(os.environ, KAM_DATA_DIR=tmp, SLACK_BOT_TOKEN="xoxb-bench", SLACK_SIGNING_SECRET="bench",
                   SLACK_API_URL=fake.base_url, KAM_TEAM_ID="T_LOCAL", HF_HUB_OFFLINE="1")
        subprocess.run([kam, "demo"], env=env, check=True, capture_output=True)
        port = free_port()
        server = subprocess.Popen([kam, "serve", "--port", str(port), "--host", "127.0.0.1"], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            _wait(port)
            acks = _drive(f"http://127.0.0.1:{port}/slack/events", fake, args.requests, args.clients)
            delivered = len(fake.wait_for("response_url", count=args.requests, timeout=300))
        finally:
            server.terminate()
            server.wait(timeout=10)
    print(f"machine: {machine()}")
    print(summary_ms(f"/kam ack over HTTP, {args.clients} concurrent clients", acks, "p99 < 100 ms"))
    print(f"replies delivered to the fake Slack: {delivered} of {args.requests}")


def _drive(url: str, fake: FakeSlack, total: int, clients: int) -> list[float]:
    latencies: list[float] = []
    lock = threading.Lock()
    counter = iter(range(total))

    def client() -> None:
        while True:
            with lock:
                index = next(counter, None)
            if index is None:
                return
            body, content_type = signing.slash_command_body(COMMANDS[index % len(COMMANDS)], team_id="T_LOCAL",
                                                             response_url=fake.response_url(f"b{index}"))
            started = time.perf_counter()
            status, _, _ = signing.post_signed(url, body, content_type, "bench")
            elapsed = time.perf_counter() - started
            assert status == 200, status
            with lock:
                latencies.append(elapsed)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies


def _wait(port: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as response:
                if json.loads(response.read())["ok"]:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("kam serve did not start")


if __name__ == "__main__":
    main()
