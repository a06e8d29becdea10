"""Drafting evaluation over an annotated set: fact recall, quadrant accuracy, commitments, citations.

A set file (JSON) holds accounts, each with dated notes, the facts a KAM expects in its SWOT
(quadrant, fact, keywords, notes) and the commitments in its notes (text, by, owner, due, note),
plus observations that are not commitments. The harness seeds a fresh SQLite store through the
CSV import (accounts, then notes), indexes the notes, drafts each account's SWOT and next actions
through the services the bot uses, and scores them:

- a point contains a fact when every keyword appears in its text (case-insensitive); the fact is
  recalled when some point contains it, in the right quadrant when one of those is in its quadrant;
- a drafted commitment matches an expected one when it cites the same note and holds at least half
  of the expected text's content words;
- a citation is valid when the cited note is one of this account's and every word of the point
  comes from the cited notes or the account's name; a leak is a cited note of another account.

    python tests/eval/drafting_eval.py SET.json [--verbose]
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import os
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

TEAM_ID = "T0EVALSET"
_STOP = frozenset(
    "a an the and or of to for in on at by with from is are was were be been will would shall should can could "
    "we us our i me my you your they them their he she his her it its this that these those as not no do does "
    "did have has had about into up out than then so if but also all any some more most very just by".split())


# =========================================================================== the set


@dataclass
class EvalNote:
    ref: str
    written_on: date
    author: str
    text: str


@dataclass
class EvalFact:
    quadrant: str
    fact: str
    keywords: list[str]
    notes: list[str]


@dataclass
class EvalCommitment:
    text: str
    by: str
    owner: str | None
    due: str | None
    note: str | None


@dataclass
class EvalAccount:
    name: str
    notes: list[EvalNote]
    facts: list[EvalFact]
    commitments: list[EvalCommitment]
    not_commitments: list[dict] = field(default_factory=list)


def _first(row: dict, *keys, default=None):
    for key in keys:
        if row.get(key) not in (None, ""):
            return row[key]
    return default


def _day(value) -> date:
    text = str(value).strip()
    if re.match(r"^\d{4}-\d{2}-\d{2}", text):
        return date.fromisoformat(text[:10])
    month, day, year = (int(p) for p in text.split("/"))
    return date(year, month, day)


def load_set(path: Path) -> tuple[list[EvalAccount], date | None]:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    rows = data["accounts"] if isinstance(data, dict) else data
    today = _day(data["today"]) if isinstance(data, dict) and data.get("today") else None
    accounts = []
    for row in rows:
        notes = [EvalNote(str(_first(n, "id", "ref", "note_id", default=i)), _day(_first(n, "date", "written_on")),
                          _first(n, "author", "by", default="Eval Writer"), _first(n, "text", "body", "note"))
                 for i, n in enumerate(row["notes"])]
        facts = [EvalFact(f["quadrant"].lower().rstrip("s") if f["quadrant"].lower() != "weakness" else "weakness",
                          f.get("fact", ""), list(f.get("keywords") or []), [str(x) for x in _as_list(f.get("notes"))])
                 for f in row.get("expected_facts", [])]
        commitments = [EvalCommitment(c.get("text", ""), str(c.get("by", "")).lower(), c.get("owner"), c.get("due"),
                                      str(c["note"]) if c.get("note") is not None else None)
                       for c in row.get("commitments", [])]
        not_commitments = [c if isinstance(c, dict) else {"text": c} for c in row.get("not_commitments", [])]
        accounts.append(EvalAccount(_first(row, "name", "account"), notes, facts, commitments, not_commitments))
    return accounts, today


def _as_list(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


# =========================================================================== seeding


def _csv(header: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def seed(container, accounts: list[EvalAccount], today: date) -> dict[str, dict[str, int]]:
    """Import the accounts and notes; account name -> set note ref -> database note id."""
    from sqlmodel import select

    from kam_domain.models import Account, Note
    from kam_domain.services.importing import import_rows

    import_rows(container.uow, TEAM_ID, "accounts", _csv(["Account Name"], [[a.name] for a in accounts]),
                source="eval accounts", today=today)
    note_rows = [[a.name, n.written_on.isoformat(), n.author, n.text] for a in accounts for n in a.notes]
    import_rows(container.uow, TEAM_ID, "notes", _csv(["Account Name", "Date", "Author", "Note"], note_rows),
                source="eval notes", today=today)
    refs: dict[str, dict[str, int]] = {}
    with container.uow() as uow:
        by_name = {a.name: a.id for a in uow.session.exec(select(Account).where(Account.team_id == TEAM_ID))}
        stored = uow.session.exec(select(Note).where(Note.team_id == TEAM_ID)).all()
        for account in accounts:
            mine = [n for n in stored if n.account_id == by_name[account.name]]
            refs[account.name] = {}
            for note in account.notes:
                match = next((m for m in mine if m.written_on == note.written_on and _same(m.body, note.text)), None)
                if match is not None:
                    refs[account.name][note.ref] = match.id
            refs[account.name]["__account_id__"] = by_name[account.name]
    return refs


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


# =========================================================================== scoring


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", (text or "").lower().replace("’", "'"))


def content_words(text: str) -> set[str]:
    return {w for w in words(text) if w not in _STOP and len(w) > 1}


def contains(point_text: str, keywords: list[str]) -> bool:
    low = point_text.lower()
    return bool(keywords) and all(k.lower() in low for k in keywords)


@dataclass
class Score:
    facts: int = 0
    recalled: int = 0
    right_quadrant: int = 0
    drafted_commitments: int = 0
    correct_commitments: int = 0
    expected_commitments: int = 0
    found_commitments: int = 0
    observations_as_promises: int = 0
    points: int = 0
    valid_citations: int = 0
    leaks: int = 0
    misses: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    def add(self, other: "Score") -> None:
        for name in ("facts", "recalled", "right_quadrant", "drafted_commitments", "correct_commitments",
                     "expected_commitments", "found_commitments", "observations_as_promises", "points",
                     "valid_citations", "leaks"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.misses += other.misses
        self.wrong += other.wrong

    @staticmethod
    def share(part: int, whole: int) -> float:
        return part / whole if whole else 1.0

    @property
    def fact_recall(self) -> float:
        return self.share(self.recalled, self.facts)

    @property
    def quadrant_accuracy(self) -> float:
        return self.share(self.right_quadrant, self.recalled)

    @property
    def commitment_precision(self) -> float:
        return self.share(self.correct_commitments, self.drafted_commitments)

    @property
    def commitment_recall(self) -> float:
        return self.share(self.found_commitments, self.expected_commitments)

    @property
    def citation_validity(self) -> float:
        return self.share(self.valid_citations, self.points)


def score_swot(account: EvalAccount, result, note_bodies: dict[int, tuple[int, str]], account_id: int) -> Score:
    score = Score(facts=len(account.facts), points=len(result.points))
    for fact in account.facts:
        holding = [p for p in result.points if contains(p.text, fact.keywords)]
        if holding:
            score.recalled += 1
            if any(p.quadrant == fact.quadrant for p in holding):
                score.right_quadrant += 1
            else:
                score.wrong.append(f"{account.name}: [{fact.quadrant} -> {holding[0].quadrant}] {fact.fact} "
                                   f"<- {holding[0].text!r}")
        else:
            score.misses.append(f"{account.name}: [{fact.quadrant}] {fact.fact}")
    allowed_names = set(words(account.name))
    for point in result.points:
        cited = [c.note_id for c in _citations(point)]
        owners = [note_bodies.get(n, (None, ""))[0] for n in cited]
        if any(o is not None and o != account_id for o in owners):
            score.leaks += 1
            continue
        if any(o is None for o in owners):
            continue
        source = set().union(*(words(note_bodies[n][1]) for n in cited)) | allowed_names
        if content_words(point.text) <= source:
            score.valid_citations += 1
        else:
            score.wrong.append(f"{account.name}: ungrounded words {sorted(content_words(point.text) - source)} "
                               f"in {point.text!r}")
    return score


def _citations(point) -> list:
    return [point.citation, *getattr(point, "also_cited", ())]


def score_commitments(account: EvalAccount, drafted: list, refs: dict[str, int]) -> Score:
    score = Score(expected_commitments=len(account.commitments))
    promised = [a for a in drafted if a.kind == "commitment"]
    score.drafted_commitments = len(promised)
    matched: set[int] = set()
    for action in promised:
        hit = next((i for i, c in enumerate(account.commitments) if _matches(action, c.text, c.note, refs)), None)
        if hit is None:
            score.wrong.append(f"{account.name}: not a commitment: {action.text!r}")
            if any(_matches(action, o.get("text", ""), o.get("note"), refs) for o in account.not_commitments):
                score.observations_as_promises += 1
            continue
        score.correct_commitments += 1
        matched.add(hit)
    score.found_commitments = len(matched)
    for i, commitment in enumerate(account.commitments):
        if i not in matched:
            score.misses.append(f"{account.name}: commitment missed: {commitment.text!r}")
    return score


def _matches(action, text: str, note_ref, refs: dict[str, int]) -> bool:
    if note_ref is not None and refs.get(str(note_ref)) not in (None, action.source_note_id):
        return False
    expected = content_words(text)
    got = content_words(action.text) | content_words(getattr(action, "sentence", "") or "")
    return bool(expected) and len(expected & got) >= len(expected) / 2


# =========================================================================== running


@dataclass
class Run:
    score: Score
    accounts: int
    seconds: list[float]


def run_set(path: Path, per_quadrant: int | None = None, drafter=None) -> Run:
    import time

    from sqlmodel import select

    from bot.bootstrap import Container
    from bot.indexing import index_pending
    from bot.settings import load_settings
    from kam_domain.models import Note
    from kam_domain.services import drafts
    from kam_domain.services.authz import Actor

    accounts, today = load_set(path)
    today = today or max(n.written_on for a in accounts for n in a.notes) + timedelta(days=1)
    workdir = Path(tempfile.mkdtemp(prefix="kam-eval-drafting-"))
    container = Container(load_settings(KAM_DATA_DIR=str(workdir), KAM_TEAM_ID=TEAM_ID, KAM_LLM=""))
    try:
        container.migrate()
        refs = seed(container, accounts, today)
        index_pending(container, TEAM_ID)
        with container.uow() as uow:
            rows = uow.session.exec(select(Note).where(Note.team_id == TEAM_ID))
            bodies = {n.id: (n.account_id, n.body) for n in rows}
        actor = Actor(TEAM_ID, "U0EVALADMIN", is_admin=True)
        drafter = drafter or container.drafter
        total, seconds = Score(), []
        extra = {"per_quadrant": per_quadrant} if per_quadrant else {}
        for account in accounts:
            account_id = refs[account.name]["__account_id__"]
            started = time.perf_counter()
            result = drafts.draft_swot_by_id(container.uow(), actor, account_id, today, container.notes_index,
                                             drafter, **extra)
            seconds.append(time.perf_counter() - started)
            total.add(score_swot(account, result, bodies, account_id))
            total.add(score_commitments(account, _all_commitments(drafter, account, bodies, refs, today),
                                        refs[account.name]))
        return Run(total, len(accounts), seconds)
    finally:
        index = container.__dict__.get("notes_index")
        if index is not None:
            index.close()
        shutil.rmtree(workdir, ignore_errors=True)


def _all_commitments(drafter, account: EvalAccount, bodies: dict, refs: dict, today: date) -> list:
    """The drafter's next actions over ALL the account's notes (the `next` service reads the last
    90 days only; a set's commitments span years), as the service would show them."""
    from kam_domain.drafting.types import ActionsRequest, SourceNote
    from kam_domain.drafting.validate import valid_actions
    from kam_domain.services.drafts import DraftedAction

    ids = [refs[account.name][n.ref] for n in account.notes if n.ref in refs[account.name]]
    by_ref = {refs[account.name][n.ref]: n for n in account.notes if n.ref in refs[account.name]}
    notes = [SourceNote(i, by_ref[i].written_on, by_ref[i].author, bodies[i][1]) for i in ids]
    draft = drafter.draft_next_actions(ActionsRequest(account.name, today, notes, [], limit=1000))
    return [DraftedAction(a.text, a.reason, a.note_id, by_ref[a.note_id].written_on, by_ref[a.note_id].author, a.due,
                          a.kind) for a in valid_actions(draft.actions, set(ids))]


def markdown_rows(name: str, run: Run) -> list[str]:
    s = run.score
    return [
        f"| fact recall, {name} ({run.accounts} accounts) | {s.fact_recall:.1%} ({s.recalled}/{s.facts}) | >= 70% |",
        f"| quadrant accuracy of recalled facts, {name} | {s.quadrant_accuracy:.1%} ({s.right_quadrant}/{s.recalled}) "
        "| >= 90% |",
        f"| commitment precision / recall, {name} | {s.commitment_precision:.1%} ({s.correct_commitments}/"
        f"{s.drafted_commitments}) / {s.commitment_recall:.1%} ({s.found_commitments}/{s.expected_commitments}); "
        f"{s.observations_as_promises} observations called promises | precision >= 90% |",
        f"| citation validity, {name} | {s.citation_validity:.1%} ({s.valid_citations}/{s.points} points); "
        f"{s.leaks} leaks | 100%, 0 leaks |",
    ]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("set", type=Path)
    parser.add_argument("--per-quadrant", type=int, default=None)
    parser.add_argument("--verbose", action="store_true", help="list missed facts, wrong quadrants and commitments")
    args = parser.parse_args(argv)
    run = run_set(args.set, args.per_quadrant)
    print("| measure | result | goal |\n|---|---|---|")
    print("\n".join(markdown_rows(args.set.stem, run)))
    if args.verbose:
        print("\nMissed:\n" + "\n".join(run.score.misses))
        print("\nWrong:\n" + "\n".join(run.score.wrong))


if __name__ == "__main__":
    main()
