"""Shared helpers for benchmarks: percentiles, a machine line, the test harness on sys.path."""
from __future__ import annotations

import os
import platform
import statistics
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # tests/support: the fake Slack and request signing


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


def machine() -> str:
    return f"{os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}, {date.today()}"


def summary_ms(name: str, seconds: list[float], goal: str) -> str:
    ms = [s * 1000 for s in seconds]
    return (f"| {name} | p50 {percentile(ms, 50):.1f} ms | p95 {percentile(ms, 95):.1f} ms | "
            f"p99 {percentile(ms, 99):.1f} ms | mean {statistics.mean(ms):.1f} ms | n={len(ms)} | goal {goal} |")


# --------------------------------------------------------------------------- processes (issue 8)

KAM = str(Path(sys.executable).parent / "kam")


def load_average() -> str:
    """`uptime`'s three load averages, recorded beside every figure on a shared machine."""
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f}, {five:.2f}, {fifteen:.2f}"


def clean_env(**extra: str) -> dict[str, str]:
    """This environment without any KAM/Slack/database setting, plus `extra`."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("SLACK_", "KAM_", "DATABASE_URL", "CHROMA_"))}
    env.update({"HF_HUB_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False", "KAM_TIMEZONE": "UTC"})
    env.update({k: str(v) for k, v in extra.items()})
    return env


def wait_healthy(port: int, process=None, timeout: float = 120.0) -> None:
    """Until GET /healthz on the port says ok (or the process exits: SystemExit with its output)."""
    import json
    import time
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise SystemExit(f"process on port {port} exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
                if json.loads(response.read())["ok"]:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"nothing healthy on port {port} after {timeout:.0f} s")


def rss_kib(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM (peak) of a process, in KiB, from /proc/PID/status."""
    found = {}
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                found[key] = int(value.split()[0])
    return found


def tree_rss_kib(pid: int) -> dict[str, int]:
    """VmRSS/VmHWM summed over a process and its children (uvicorn workers)."""
    total = {"VmRSS": 0, "VmHWM": 0, "processes": 0}
    for child in [pid, *_children(pid)]:
        try:
            values = rss_kib(child)
        except OSError:
            continue
        total["VmRSS"] += values.get("VmRSS", 0)
        total["VmHWM"] += values.get("VmHWM", 0)
        total["processes"] += 1
    return total


def _children(pid: int) -> list[int]:
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                for child in handle.read().split():
                    found.append(int(child))
                    found.extend(_children(int(child)))
    except OSError:
        pass
    return found
