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
