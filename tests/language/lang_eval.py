"""Run the evaluation set through a router: shared by the floor test and benchmarks/bench_router.py."""
from __future__ import annotations

import re
import time
from collections import defaultdict
from dataclasses import dataclass

from sqlmodel import Session

from kam_domain.errors import NeedsChoice
from kam_domain.language.directory import Memory, SqlDirectory, ThreadKey
from kam_domain.language.route import ConfirmWrite, Reply, Route
from phrasings import VANTORS, Case, training_sets

TEAM = "T_ALPHA"
# Every training phrasing set by name (tests/language/sets/training/*.jsonl). How each was written and what
# it measured is its file's first line; all of them are also the classifier's phrasebook
# (scripts/build_phrasebook.py), so the floors guard against regressions only: a held-out set measures.
SETS: dict[str, tuple[Case, ...]] = {name: phrasings.cases for name, phrasings in training_sets().items()}
CASES = SETS["CASES"]


@dataclass(frozen=True)
class Observed:
    intent: str
    account_ids: frozenset[int]
    person_id: int | None
    role: str | None
    asked: bool


class _RememberingDirectory(SqlDirectory):
    """The SQL directory with a thread memory given by the case (nothing written)."""

    def __init__(self, session, team_id, memory: Memory | None):
        super().__init__(session, team_id)
        self._memory = memory

    def recall(self, key):
        return self._memory

    def remember(self, key, memory):
        pass


def observe(router, session: Session, case: Case, store) -> Observed:
    memory = None
    if case.memory:
        account, person, last = case.memory
        memory = Memory(store.accounts[account], store.people.get(person) if person else None, last)
    directory = _RememberingDirectory(session, TEAM, memory)
    try:
        outcome = router.route(case.text, directory, ThreadKey("C_EVAL", "1.0") if memory else None, case.channel)
    except NeedsChoice as question:
        return _from_choice(question)
    if isinstance(outcome, Reply):
        ids = frozenset({outcome.account_id}) if outcome.account_id else frozenset()
        return Observed(outcome.intent, ids, None, None, False)
    if isinstance(outcome, ConfirmWrite):
        ids = frozenset({outcome.account_id}) if outcome.account_id else frozenset()
        return Observed(outcome.intent, ids, outcome.stakeholder_id, None, False)
    assert isinstance(outcome, Route)
    ids = frozenset({outcome.account_id}) if outcome.account_id else frozenset()
    return Observed(outcome.intent, ids, outcome.stakeholder_id, outcome.role_filter, False)


def _from_choice(question: NeedsChoice) -> Observed:
    ids, intents = set(), set()
    for choice in question.choices:
        if m := re.search(r"#(\d+)", choice.value):
            ids.add(int(m.group(1)))
        if m := re.search(r"intent:([a-z_]+)", choice.value):
            intents.add(m.group(1))
        else:
            intents.add(choice.value.split()[0])
    intent = intents.pop() if len(intents) == 1 else "ask:" + ",".join(sorted(intents))
    return Observed(intent, frozenset(ids), None, None, True)


def expected_ids(case: Case, store) -> frozenset[int]:
    if case.account == VANTORS:
        return frozenset({store.accounts["vantor_energy"], store.accounts["vantor_health"]})
    return frozenset({store.accounts[case.account]}) if case.account else frozenset()


def correct(case: Case, seen: Observed, store) -> bool:
    if case.intent == "unknown":
        return seen.intent == "unknown"
    if seen.intent != case.intent or seen.account_ids != expected_ids(case, store):
        return False
    if (case.account == VANTORS) != seen.asked:
        return False
    if case.person and seen.person_id != store.people[case.person]:
        return False
    return not case.role or seen.asked or seen.role == case.role


@dataclass
class Report:
    per_intent: dict[str, tuple[int, int]]  # intent -> (right, total)
    failures: list[tuple[Case, Observed]]
    latencies_ms: list[float]

    @property
    def overall(self) -> float:
        right = sum(r for r, _ in self.per_intent.values())
        total = sum(t for _, t in self.per_intent.values())
        return right / total if total else 0.0

    def p95_ms(self) -> float:
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))] if ordered else 0.0


def prime(router, session: Session, cases: tuple[Case, ...], store) -> None:
    """Embed every case's text in one batch first: the evaluation then runs in seconds."""
    texts = []
    for case in cases:
        memory = None
        if case.memory:
            account, person, last = case.memory
            memory = Memory(store.accounts[account], store.people.get(person) if person else None, last)
        u = router.understand(case.text, _RememberingDirectory(session, TEAM, memory), None, case.channel)
        texts.append(router.classifier.query_text(u.masked()))
    router.classifier.prime(texts)


def evaluate(router, engine, store, cases: tuple[Case, ...] = CASES, batch: bool = False) -> Report:
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    failures, latencies = [], []
    with Session(engine) as session:
        if batch:
            prime(router, session, cases, store)
        for case in cases:
            started = time.perf_counter()
            seen = observe(router, session, case, store)
            latencies.append((time.perf_counter() - started) * 1000)
            ok = correct(case, seen, store)
            tally[case.intent][0] += ok
            tally[case.intent][1] += 1
            if not ok:
                failures.append((case, seen))
    return Report({k: (v[0], v[1]) for k, v in sorted(tally.items())}, failures, latencies)
