"""Benchmark: drafting quality. Quadrant accuracy, citation correctness, retrieval recall@k.

- quadrant accuracy of the offline drafter on tests/eval/swot_statements.jsonl (80 labelled
  statements) and on statements built from the demo portfolio's labelled fact pools (held out:
  not looked at while tuning the cue words);
- knowledge retrieval recall@1 and recall@3 on tests/eval/method_questions.jsonl;
- citation correctness over the demo portfolio: every account's SWOT drafted offline; a point
  is correct when it cites a note of that account and its words come from that note. The same
  with a chat model that cites another account's note for every second point (a fake model):
  validation must drop those, so correctness stays 100%.

- with `--set PATH` (an annotated set, e.g. tests/eval/drafting/dev_set.json): fact recall,
  quadrant accuracy, commitment precision and recall, and citation validity over that set
  (tests/eval/drafting_eval.py), instead of the rows above.

    python benchmarks/bench_drafting.py [--accounts 46] [--set PATH]

Prints Markdown rows ready for BENCHMARKS.md.
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "eval"), str(Path(__file__).resolve().parent)]
from _support import machine, percentile  # noqa: E402
from evaluation import citation_correctness, demo_statements, knowledge_recall, load_jsonl, quadrant_score  # noqa: E402

TEAM_ID = "T0DEMONW"
TODAY = date(2026, 11, 23)


class CitingOthers:
    """A stand-in chat model drafter: the offline draft, with every second point re-cited to a
    note of another account (what a confused or injected model might return)."""

    label = "fake:cites-others"

    def __init__(self, offline, foreign_note_ids: list[int]):
        self.offline = offline
        self.foreign = foreign_note_ids

    def draft_swot(self, request):
        from kam_domain.drafting.types import DraftPoint

        draft = self.offline.draft_swot(request)
        draft.points = [DraftPoint(p.quadrant, p.text, self.foreign[i % len(self.foreign)]) if i % 2 else p
                        for i, p in enumerate(draft.points)]
        draft.drafted_by = self.label
        return draft


def demo_portfolio(workdir: Path):
    from bot.bootstrap import Container
    from bot.indexing import index_pending
    from bot.settings import load_settings
    from kam_domain.demo import seed_demo

    container = Container(load_settings(KAM_DATA_DIR=str(workdir), KAM_TEAM_ID=TEAM_ID))
    container.migrate()
    with container.uow() as uow:
        seed_demo(uow.session, TEAM_ID, TODAY)
        uow.commit()
    report = index_pending(container, TEAM_ID)
    return container, report


def citations(container, limit: int | None) -> dict[str, object]:
    from sqlmodel import select

    from kam_domain.models import Account, Note
    from kam_domain.services.authz import Actor
    from kam_domain.services.drafts import draft_swot_by_id

    actor = Actor(TEAM_ID, "U0BENCHADMIN", is_admin=True)
    with container.uow() as uow:
        accounts = list(uow.session.exec(select(Account.id).where(Account.team_id == TEAM_ID)
                                         .order_by(Account.id)).all())[:limit]
        bodies = {n.id: (n.account_id, n.body) for n in uow.session.exec(select(Note).where(Note.team_id == TEAM_ID))}
    foreign = sorted(bodies)
    random.Random(3).shuffle(foreign)
    stats = {"offline": [], "fake": [], "points": 0, "fake_points": 0, "seconds": []}
    for account_id in accounts:
        own = {note_id: body for note_id, (acc, body) in bodies.items() if acc == account_id}
        started = time.perf_counter()
        result = draft_swot_by_id(container.uow(), actor, account_id, TODAY, container.notes_index, container.drafter)
        stats["seconds"].append(time.perf_counter() - started)
        stats["offline"].append(citation_correctness(result, own))
        stats["points"] += len(result.points)
        others = [n for n in foreign if bodies[n][0] != account_id][:20]
        faked = draft_swot_by_id(container.uow(), actor, account_id, TODAY, container.notes_index,
                                 CitingOthers(container.drafter, others))
        stats["fake"].append(citation_correctness(faked, own, grounded=False))
        stats["fake_points"] += len(faked.points)
    return stats


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=None, help="draft this many demo accounts (default all)")
    parser.add_argument("--set", type=Path, default=None, help="score an annotated drafting set (JSON) instead")
    args = parser.parse_args()
    if args.set is not None:
        from drafting_eval import markdown_rows, run_set

        run = run_set(args.set)
        ms = [s * 1000 for s in run.seconds]
        print("\n".join([f"Machine: {machine()}; load average {os.getloadavg()[0]:.1f}", "",
                          "| measure | result | goal |", "|---|---|---|", *markdown_rows(args.set.stem, run),
                          f"| offline SWOT over {args.set.stem} | p50 {percentile(ms, 50):.0f} ms, "
                          f"p95 {percentile(ms, 95):.0f} ms | |"]))
        return
    workdir = Path(tempfile.mkdtemp(prefix="kam-bench-drafting-"))
    try:
        from kam_domain.drafting.offline import OfflineDrafter
        from kam_domain.index.chroma_index import ChromaIndex
        from kam_domain.index.embeddings import SentenceEmbedder

        embedder = SentenceEmbedder()
        offline = OfflineDrafter(lambda: embedder)
        eval_score = quadrant_score(offline, load_jsonl("swot_statements.jsonl"))
        held_out = demo_statements()
        demo_score = quadrant_score(offline, held_out) if held_out else None
        index = ChromaIndex.local(workdir / "knowledge-index", lambda: embedder)
        recall = knowledge_recall(index, load_jsonl("method_questions.jsonl"))
        index.close()
        lines = [f"Machine: {machine()}; load average {os.getloadavg()[0]:.1f}", "",
                 "| measure | result | goal |", "|---|---|---|",
                 f"| quadrant accuracy, offline, eval set | {eval_score} | >= 0.70 |"]
        if demo_score:
            lines.append(f"| quadrant accuracy, offline, held-out demo statements | {demo_score} | >= 0.70 |")
        lines.append(f"| knowledge retrieval recall@1 / recall@3 | {recall.at_1:.3f} / {recall.at_3:.3f} "
                     f"({recall.total} questions) | recall@3 >= 0.85 |")
        try:
            container, report = demo_portfolio(workdir / "demo")
        except ImportError:
            lines.append("| citation correctness | demo portfolio not present | 100% |")
        else:
            stats = citations(container, args.accounts)
            n = len(stats["offline"])
            lines.append(f"| citation correctness, offline drafts of {n} demo accounts | "
                         f"{sum(stats['offline']) / n:.1%} ({stats['points']} points, cited and grounded) | 100% |")
            lines.append(f"| citation correctness, a model citing other accounts' notes half the time | "
                         f"{sum(stats['fake']) / n:.1%} ({stats['fake_points']} points kept) | 100% |")
            ms = [s * 1000 for s in stats["seconds"]]
            lines.append(f"| offline SWOT over the demo ({report.indexed} notes indexed) | p50 {percentile(ms, 50):.0f} ms, "
                         f"p95 {percentile(ms, 95):.0f} ms | |")
            container.notes_index.close()
        print("\n".join(lines))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
