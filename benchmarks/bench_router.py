"""Offline router: accuracy per intent on the evaluation set, and routing latency once the model is loaded.

    python benchmarks/bench_router.py [--failures] [--repeat 3] [--holdout | --dev2 | --final7 | ... | --sealed FILE] [--threads N]

Builds the evaluation store (tests/language/lang_store.py) in a temporary SQLite file, loads the
bundled all-MiniLM-L6-v2 once, encodes the exemplars once, then routes every phrasing of one set:
CASES (the tuning set) by default, any other set of tests/language/lang_eval.SETS by its name in lower
case, or a sealed set (tests/language/sets/held_out/). Latency is measured per message (entity resolution,
the query embedding unless the rules are certain, classification, command line), after a warm-up pass,
with the query-vector cache cleared before each timed pass; the 1/5/15-minute load averages around the
timed passes are printed, since the 2 cores are shared.
"""
from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "tests" / "language")]

from sqlmodel import Session  # noqa: E402

from kam_domain.store.engine import make_engine  # noqa: E402
from kam_domain.store.migrate import upgrade  # noqa: E402


def main() -> None:
    from lang_eval import SETS

    # one flag per labelled set (--holdout, --dev2, --final7, ...); without one: CASES, the tuning set. How each
    # set was written and measured: lang_eval.py and each set's docstring.
    held_out = [name for name in SETS if name != "CASES"]
    parser = argparse.ArgumentParser()
    parser.add_argument("--failures", action="store_true", help="list the phrasings the router got wrong")
    parser.add_argument("--repeat", type=int, default=3, help="timed passes over the set")
    for name in held_out:
        parser.add_argument(f"--{name.lower()}", action="store_true", help=f"score the {name} set instead")
    parser.add_argument("--sealed", type=Path, metavar="FILE",
                        help="score a sealed set (a phrasing set file, e.g. tests/language/sets/held_out/final12.jsonl; "
                             "see its README); it stays unread until this one measurement")
    parser.add_argument("--threads", type=int, default=0,
                        help="torch threads for the whole process (default: torch's choice; a single query "
                             "always runs on one thread, see bot/language/encoder.py)")
    args = parser.parse_args()
    set_name = next((name for name in held_out if getattr(args, name.lower())), "CASES")
    which = "evaluation" if set_name == "CASES" else set_name

    import lang_store as language_parts
    from lang_eval import evaluate
    from bot.language.encoder import command_words, encoder_for, router_intents
    from bot.wiring import default_wiring
    from kam_domain.language.classifier import IntentClassifier
    from kam_domain.language.router import Router

    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/bench.sqlite3"
        upgrade(url)
        engine = make_engine(url)
        with Session(engine) as session:
            store = language_parts.seed_language_store(session)
            session.commit()
        if args.threads:
            import torch

            torch.set_num_threads(args.threads)
        started = time.perf_counter()
        model = language_parts.load_model()
        loaded = time.perf_counter() - started
        started = time.perf_counter()
        registry = default_wiring().registry
        router = Router(IntentClassifier(encoder_for(model)), command_words(registry), router_intents(registry))
        exemplars = time.perf_counter() - started
        cases = _sealed_cases(args.sealed) if args.sealed else SETS[set_name]
        which = f"sealed {args.sealed.name}" if args.sealed else which
        evaluate(router, engine, store, cases)  # warm-up
        load_before = os.getloadavg()
        reports = []
        router.classifier.queries_encoded = 0
        for _ in range(max(1, args.repeat)):
            router.classifier.clear_cache()  # every message pays for its embedding (unless rules are certain)
            reports.append(evaluate(router, engine, store, cases))
        encoded = router.classifier.queries_encoded
        load_after = os.getloadavg()
        overhead = evaluate(router, engine, store, cases, batch=True)  # vectors cached: the router's own work
        encode = encoder_for(model)
        embedding_ms = []
        for case in cases:
            started = time.perf_counter()
            encode([case.text])
            embedding_ms.append((time.perf_counter() - started) * 1000)
        engine.dispose()
    report = reports[-1]
    latencies = sorted(ms for r in reports for ms in r.latencies_ms)
    p50 = latencies[len(latencies) // 2]
    p95 = latencies[int(0.95 * (len(latencies) - 1))]
    print(f"# bench_router {date.today()} on {platform.machine()} {os.cpu_count()} cores, "
          f"python {platform.python_version()}")
    print(f"{which} set, {len(cases)} phrasings; "
          f"model load {loaded:.1f} s; exemplar encoding {exemplars:.2f} s")
    print(f"{'intent':<14}{'right':>7}{'total':>7}{'accuracy':>10}")
    for intent, (right, total) in report.per_intent.items():
        print(f"{intent:<14}{right:>7}{total:>7}{right / total:>10.1%}")
    total = sum(t for _, t in report.per_intent.values())
    print(f"{'overall':<14}{sum(r for r, _ in report.per_intent.values()):>7}{total:>7}{report.overall:>10.1%}")
    print(f"routing latency over {len(latencies)} messages: p50 {p50:.1f} ms, p95 {p95:.1f} ms, "
          f"max {latencies[-1]:.1f} ms; {encoded} query embeddings in all (a message whose ask follows other "
          f"sentences takes two; one decided by rules takes none)")
    print("load average (1, 5, 15 min) during the timed passes: before " + ", ".join(f"{x:.2f}" for x in load_before)
          + "; after " + ", ".join(f"{x:.2f}" for x in load_after))
    own = sorted(overhead.latencies_ms)
    print(f"router's own work (embedding cached): p50 {own[len(own) // 2]:.1f} ms, "
          f"p95 {own[int(0.95 * (len(own) - 1))]:.1f} ms")
    embedding_ms.sort()
    print(f"of which one bare query embedding (bot.language.encoder, one torch thread): p50 {embedding_ms[len(embedding_ms) // 2]:.1f} ms, "
          f"p95 {embedding_ms[int(0.95 * (len(embedding_ms) - 1))]:.1f} ms; load average {os.getloadavg()[0]:.1f}")
    if args.failures:
        for case, seen in report.failures:
            print(f"  MISS {case.text!r}: expected {case.intent}/{case.account}/{case.person}/{case.role}, got {seen}")


def _sealed_cases(path: Path) -> tuple:
    """The cases of a sealed set file (read as-is, never printed unless --failures)."""
    from phrasings import read_set

    return read_set(path).cases


if __name__ == "__main__":
    main()
