"""Benchmark: do plain-language answers contain what was asked for? (issue 16)

A set (format: tests/eval/plain_language/FORMAT.md) brings its own CRM export. It is imported with
the real `kam import` commands into a fresh data directory, with no Slack tokens (the console's
workspace), then every case is asked at the console as a person would type it (earlier lines of its
thread first, in the same chat session) and its answer is checked by content: the names, numbers
and dates the case expects, not the intent the router chose.

    python benchmarks/bench_plain_language.py --set DIR [--show-misses] [--keep DATA_DIR]

Prints the figure per class and overall, and each miss with its answer when asked.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import datetime, time as clock_time, timezone
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "eval"), str(Path(__file__).resolve().parent)]
from _support import machine  # noqa: E402
from content_check import check_answer  # noqa: E402

IMPORTS = ("accounts", "contacts", "financials", "notes")  # notes last: they name accounts and people
TEAM_ID = "T0EVAL"


def environment(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "KAM_", "DATABASE_URL", "CHROMA_"))}
    env.update(KAM_DATA_DIR=str(data_dir), KAM_TEAM_ID=TEAM_ID)
    return env


def import_export(set_dir: Path, data_dir: Path) -> list[str]:
    kam = str(Path(sys.executable).with_name("kam"))
    lines = []
    for kind in IMPORTS:
        path = set_dir / f"{kind}.csv"
        if not path.exists():
            continue
        done = subprocess.run([kam, "import", kind, str(path)], env=environment(data_dir), capture_output=True,
                              text=True, timeout=900)
        if done.returncode != 0:
            raise SystemExit(f"kam import {kind} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
        lines.append(f"{kind}: {done.stdout.strip().splitlines()[-1] if done.stdout.strip() else 'ok'}")
    return lines


def console(data_dir: Path, today: str):
    os.environ.update(environment(data_dir))
    for name in [k for k in os.environ if k.startswith(("SLACK_", "DATABASE_URL", "CHROMA_"))]:
        del os.environ[name]
    from bot.bootstrap import Container
    from bot.settings import load_settings
    from kam_domain.clock import FixedClock

    moment = datetime.combine(datetime.fromisoformat(today).date(), clock_time(12, 0), tzinfo=timezone.utc)
    return Container(load_settings(), clock=FixedClock(moment))


def ask_all(container, cases: list[dict]) -> list[tuple[dict, str, float]]:
    from bot.console import ChatSession, answer_line

    answered = []
    for case in cases:
        session = ChatSession()
        for earlier in case.get("thread") or []:
            answer_line(container, earlier, session=session)
        started = time.perf_counter()
        text = answer_line(container, case["text"], session=session)
        answered.append((case, text, time.perf_counter() - started))
    return answered


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", required=True, type=Path, help="the set's directory")
    parser.add_argument("--show-misses", action="store_true")
    parser.add_argument("--keep", type=Path, help="use (and keep) this data directory")
    args = parser.parse_args()
    meta = json.loads((args.set / "meta.json").read_text())
    cases = [json.loads(line) for line in (args.set / "cases.jsonl").read_text().splitlines() if line.strip()]
    data_dir = args.keep or Path(tempfile.mkdtemp(prefix="kam-plain-"))
    data_dir.mkdir(parents=True, exist_ok=True)
    for line in import_export(args.set, data_dir):
        print(f"import {line}")
    container = console(data_dir, meta["today"])
    results = ask_all(container, cases)
    by_class, passed = Counter(), Counter()
    misses = []
    for case, text, _ in results:
        by_class[case["class"]] += 1
        problems = check_answer(text, case.get("expect") or {})
        if problems:
            misses.append((case, text, problems))
        else:
            passed[case["class"]] += 1
    total, ok = sum(by_class.values()), sum(passed.values())
    print(f"\n{args.set.name} on {machine()}")
    print("| class | cases | content-correct |\n|---|---|---|")
    for name in sorted(by_class):
        print(f"| {name} | {by_class[name]} | {passed[name] / by_class[name]:.1%} ({passed[name]}/{by_class[name]}) |")
    print(f"| all | {total} | {ok / total:.1%} ({ok}/{total}) |")
    if args.show_misses:
        for case, text, problems in misses:
            print(f"\n--- {case['id']} [{case['class']}] {case['text']}\n    missing: {'; '.join(problems)}")
            print("    " + text.replace("\n", "\n    ")[:1500])


if __name__ == "__main__":
    main()
