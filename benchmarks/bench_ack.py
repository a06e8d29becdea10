"""Ack latency of /kam over HTTP with 20 concurrent clients against a real `kam serve`.

python benchmarks/bench_ack.py [--requests 2000] [--clients 20] [--workers 1]

Starts `kam serve` as a subprocess on the demo portfolio (SQLite), points it at a fake
Slack Web API on loopback, and sends signed slash commands from N threads. The figure is
the time until the HTTP response (Slack's 3-second ack), not until the card is delivered;
delivery is reported separately. Requests are built and signed before the clock starts (on
Slack's side that work is not ours), so the load generator only sends.

`--workers N` runs `kam serve --workers N` (N processes on one port) with a `chroma run`
server (CHROMA_HOST), as several worker processes must share one index.

By default each client sends its next request as soon as the last one is acked (a closed
loop): then, by Little's law, mean latency = clients / throughput, so 20 clients can only see
a mean under 100 ms if the whole machine (load generator, fake Slack, kam serve acking *and*
rendering every card) completes 200 requests per second. `--rate R` paces the clients
instead (open loop: R requests per second in all, spread over the clients), which is how
Slack's traffic arrives; the throughput of the closed loop is printed to choose R.
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

from _support import load_average, machine, percentile, summary_ms

from support import signing
from support.app_server import free_port
from support.fake_slack import FakeSlack

COMMANDS = ["account borealis", "accounts key", "account acme", "help", "account meridian"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--workers", type=int, default=1, help="kam serve --workers (N > 1 starts a Chroma server)")
    parser.add_argument("--rate", type=float, default=0.0, help="requests per second in all (0: closed loop)")
    args = parser.parse_args()
    kam = str(Path(sys.executable).parent / "kam")
    chroma = None
    with tempfile.TemporaryDirectory() as tmp, FakeSlack(team_id="T_LOCAL", strict=False) as fake:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "KAM_", "DATABASE_URL", "CHROMA_"))}
        env.update(KAM_DATA_DIR=tmp, SLACK_BOT_TOKEN="xoxb-bench", SLACK_SIGNING_SECRET="bench",
                   SLACK_API_URL=fake.base_url, KAM_TEAM_ID="T_LOCAL", HF_HUB_OFFLINE="1")
        if args.workers > 1:
            chroma_port = free_port()
            chroma = subprocess.Popen([str(Path(sys.executable).parent / "chroma"), "run", "--path", f"{tmp}/chroma",
                                       "--host", "127.0.0.1", "--port", str(chroma_port)], env=env,
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            env.update(CHROMA_HOST="127.0.0.1", CHROMA_PORT=str(chroma_port))
            _wait(chroma_port, "/api/v2/heartbeat")
        subprocess.run([kam, "demo"], env=env, check=True, capture_output=True)
        port = free_port()
        server = subprocess.Popen([kam, "serve", "--port", str(port), "--host", "127.0.0.1",
                                   "--workers", str(args.workers)], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            _wait(port)
            _warm(f"http://127.0.0.1:{port}/slack/events", fake, args.workers * 10)
            load_start = load_average()
            started = time.perf_counter()
            acks = _drive(f"http://127.0.0.1:{port}/slack/events", fake, args.requests, args.clients, args.rate)
            seconds = time.perf_counter() - started
            load_end = load_average()
            delivered = len(fake.wait_for("response_url", count=args.requests + args.workers * 10, timeout=300))
        finally:
            server.terminate()
            server.wait(timeout=20)
            if chroma is not None:
                chroma.terminate()
                chroma.wait(timeout=20)
    print(f"machine: {machine()}; load average {load_start} before, {load_end} after the run")
    mode = f"paced at {args.rate:g} req/s" if args.rate else "closed loop"
    print(summary_ms(f"/kam ack over HTTP, {args.clients} concurrent clients ({mode}), {args.workers} worker(s)",
                     acks, "p99 < 100 ms"))
    little = "" if args.rate else (f"; Little's law: {args.clients} clients / throughput = "
                                   f"{args.clients / (args.requests / seconds) * 1000:.0f} ms mean")
    print(f"throughput {args.requests / seconds:.0f} requests/s ({args.requests} in {seconds:.1f} s){little}")
    print(f"replies delivered to the fake Slack: {delivered - args.workers * 10} of {args.requests}")


def _warm(url: str, fake: FakeSlack, count: int) -> None:
    """A few requests first, so every worker has made its connections and imports before the clock starts."""
    for index in range(count):
        body, content_type = signing.slash_command_body("account borealis", team_id="T_LOCAL",
                                                         response_url=fake.response_url(f"warm{index}"))
        signing.post_signed(url, body, content_type, "bench")
    fake.wait_for("response_url", count=count, timeout=120)


def _drive(url: str, fake: FakeSlack, total: int, clients: int, rate: float = 0.0) -> list[float]:
    latencies: list[float] = []
    lock = threading.Lock()
    counter = iter(range(total))
    prepared = []
    for index in range(total):
        body, content_type = signing.slash_command_body(COMMANDS[index % len(COMMANDS)], team_id="T_LOCAL",
                                                         response_url=fake.response_url(f"b{index}"))
        data = body.encode()
        request = urllib.request.Request(url, data=data, method="POST",
                                         headers=signing.signed_headers(data, content_type, "bench"))
        prepared.append(request)

    origin = time.perf_counter() + 0.05

    def client() -> None:
        while True:
            with lock:
                index = next(counter, None)
            if index is None:
                return
            if rate:  # open loop: request i is due at origin + i / rate, whatever came back before
                delay = origin + index / rate - time.perf_counter()
                if delay > 0:
                    time.sleep(delay)
            started = time.perf_counter()
            with urllib.request.urlopen(prepared[index], timeout=30) as response:
                response.read()
                status = response.status
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


def _wait(port: int, path: str = "/healthz") -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=1) as response:
                if response.status == 200 and (path != "/healthz" or json.loads(response.read())["ok"]):
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("kam serve did not start")


if __name__ == "__main__":
    main()
