"""Drafted SWOT points and next actions for one account, each citing the note it came from.

Retrieval is always scoped in code: the workspace picks the collection, the account id is
the filter, and every retrieved note id is checked again against the database (same
workspace, same account) before its text reaches a drafter. A drafter's output is checked
once more: a point citing any other note is dropped. When the index is unavailable the
account's recent notes are read from the database instead, and the result says so.

Accepting a point writes it to the plan's SWOT (a SwotPoint with its source note) and the
audit log; rejecting one is remembered in the audit log, so later drafts leave it out.
Both re-check that the note belongs to the account and the workspace: button values are
not signed.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlmodel import Session, select

from kam_domain.drafting.exemplars import DESCRIPTIONS
from kam_domain.drafting.types import (
    QUADRANTS,
    ActionsRequest,
    ExcludedPoint,
    SourceNote,
    SwotRequest,
    is_excluded,
    normalise_text,
    point_id,
)
from kam_domain.drafting.validate import clean_model_text, valid_actions, valid_points
from kam_domain.errors import UserError
from kam_domain.index.chroma_index import IndexUnavailable
from kam_domain.index.embeddings import EmbeddingsUnavailable
from kam_domain.index.ranking import lexical_scores, recency, terms
from kam_domain.models import Account, Action, AuditEntry, Note, SwotPoint, Workspace, utcnow
from kam_domain.services import audit, queries
from kam_domain.services.authz import Actor, Permission, allowed, require
from kam_domain.services.plan_canvas_queue import plan_changed
from kam_domain.store.uow import UnitOfWork

log = logging.getLogger(__name__)

STALE_AFTER_DAYS = 180  # default; a workspace may set settings["swot_stale_after_days"]
NOTES_PER_QUADRANT = 6  # best notes kept for each quadrant's query
MAX_SWOT_NOTES = 16  # notes a SWOT draft reads at most
FALLBACK_NOTES = 60  # recent notes read from the database when the index is unavailable
UNINDEXED_NOTES = 10  # not-yet-indexed notes of the account that are read as well
ACTION_HORIZON_DAYS = 90  # next actions come from notes this recent
MAX_ACTION_NOTES = 30
RECENCY_WEIGHT = 0.15
PER_QUADRANT = 6

ACCEPTED = "swot_point.accepted"
REJECTED = "swot_point.rejected"
SWOT_QUERIES = tuple(DESCRIPTIONS[q] for q in QUADRANTS)
QUADRANT_TITLES = {"strength": "Strengths", "weakness": "Weaknesses", "opportunity": "Opportunities",
                   "threat": "Threats"}


# =========================================================================== results


@dataclass(frozen=True)
class Citation:
    note_id: int
    written_on: date
    author: str

    @property
    def label(self) -> str:
        return f"note #{self.note_id}, {self.written_on.isoformat()}, {self.author}"


@dataclass(frozen=True)
class SwotPointDraft:
    point_id: str  # short id of (note, quadrant, text): what a button refers to
    quadrant: str
    text: str
    citation: Citation
    stale: bool
    also_cited: tuple[Citation, ...] = ()  # other notes saying the same (merged near-duplicates)


@dataclass
class SwotResult:
    account_id: int
    account_name: str
    points: list[SwotPointDraft]
    drafted_by: str  # "offline" or the model
    notices: list[str] = field(default_factory=list)  # fallbacks and degradations, said plainly
    notes_read: int = 0
    stale_after_days: int = STALE_AFTER_DAYS
    retrieval_ms: float | None = None
    can_decide: bool = True  # whether the asker may accept or reject points

    def in_quadrant(self, quadrant: str) -> list[SwotPointDraft]:
        return [p for p in self.points if p.quadrant == quadrant]

    @property
    def offline(self) -> bool:
        return self.drafted_by == "offline"


@dataclass(frozen=True)
class SwotDecision:
    account_id: int
    account_name: str
    quadrant: str
    text: str
    citation: Citation
    accepted: bool  # False: rejected
    already: bool  # the same decision had been made before: nothing changed
    decided_by: str


@dataclass(frozen=True)
class DraftedAction:
    """A next action drafted from a note: what, why, and where it came from."""

    text: str
    reason: str
    source_note_id: int
    note_date: date
    author: str
    due: date | None
    kind: str = "commitment"  # commitment, request, question, risk, follow_up
    by: str | None = None  # a commitment's maker: "us" or "them" (the customer)
    owner: str | None = None  # who carries it out, when the note names them ("me": the note's author)

    @property
    def citation(self) -> Citation:
        return Citation(self.source_note_id, self.note_date, self.author)


@dataclass
class NextActionDrafts:
    account_id: int
    account_name: str
    actions: list[DraftedAction]
    drafted_by: str
    notices: list[str] = field(default_factory=list)


# =========================================================================== SWOT


def draft_swot(uow: UnitOfWork, actor: Actor, account_text: str, today: date, index, drafter,
               per_quadrant: int = PER_QUADRANT) -> SwotResult:
    """`/kam swot ACCOUNT`: a drafted SWOT whose every point cites a note of this account."""
    with uow:
        account = queries.resolve_account(uow.session, actor.team_id, account_text, command="swot")
        inputs = _swot_inputs(uow.session, actor, account, today, index)
    return _compose_swot(inputs, today, drafter, per_quadrant)


def draft_swot_by_id(uow: UnitOfWork, actor: Actor, account_id: int, today: date, index, drafter,
                     per_quadrant: int = PER_QUADRANT) -> SwotResult:
    with uow:
        account = queries.account_by_id(uow.session, actor.team_id, account_id)
        inputs = _swot_inputs(uow.session, actor, account, today, index)
    return _compose_swot(inputs, today, drafter, per_quadrant)


@dataclass
class _SwotInputs:
    """What a SWOT draft reads from the database and the index (the session closes before drafting:
    a model call may take seconds and must not hold a database connection)."""

    account_id: int
    account_name: str
    notes: list[SourceNote]
    notices: list[str]
    retrieval_ms: float | None
    excluded: list[ExcludedPoint]
    stale_days: int
    can_decide: bool


def _swot_inputs(session: Session, actor: Actor, account: Account, today: date, index) -> _SwotInputs:
    require(session, actor, Permission.READ, account)
    notes, notices, retrieval_ms = _notes_for_swot(session, account, today, index)
    return _SwotInputs(account.id, account.name, notes, notices, retrieval_ms, _decided_points(session, account),
                       stale_after_days(session, actor.team_id), allowed(session, actor, Permission.WRITE, account))


def _compose_swot(inputs: _SwotInputs, today: date, drafter, per_quadrant: int) -> SwotResult:
    notes, notices, excluded = inputs.notes, list(inputs.notices), inputs.excluded
    draft = drafter.draft_swot(SwotRequest(inputs.account_name, today, notes, excluded, per_quadrant))
    if draft.fallback_reason:
        notices.insert(0, f"Drafted offline: {draft.fallback_reason}.")
    by_id = {n.id: n for n in notes}
    points = [p for p in valid_points(draft.points, set(by_id))
              if not is_excluded(p.note_id, p.quadrant, p.text, excluded)]
    views = _unique([_point_view(p.quadrant, p.text, by_id[p.note_id], today, inputs.stale_days,
                                 [by_id[n] for n in p.also]) for p in points])
    if not notes:
        notices.append("There are no notes for this account yet: log a meeting with `/kam log` first.")
    elif not views:
        notices.append("Nothing in the notes makes a new SWOT point (points already accepted or rejected are "
                       "not offered again).")
    return SwotResult(inputs.account_id, inputs.account_name, views, draft.drafted_by, notices, len(notes),
                      inputs.stale_days, inputs.retrieval_ms, can_decide=inputs.can_decide)


def _point_view(quadrant: str, text: str, note: SourceNote, today: date, stale_days: int,
                also: list[SourceNote] = ()) -> SwotPointDraft:
    return SwotPointDraft(point_id(note.id, quadrant, text), quadrant, text,
                          Citation(note.id, note.written_on, note.author),
                          stale=(today - note.written_on).days > stale_days,
                          also_cited=tuple(Citation(n.id, n.written_on, n.author) for n in also))


def _unique(points: list[SwotPointDraft]) -> list[SwotPointDraft]:
    seen, kept = set(), []
    for point in points:
        if point.point_id not in seen:
            seen.add(point.point_id)
            kept.append(point)
    return kept


def stale_after_days(session: Session, team_id: str) -> int:
    workspace = session.get(Workspace, team_id)
    value = (workspace.settings or {}).get("swot_stale_after_days") if workspace else None
    try:
        days = int(value)
    except (TypeError, ValueError):
        return STALE_AFTER_DAYS
    return days if 1 <= days <= 3650 else STALE_AFTER_DAYS


# --------------------------------------------------------------------------- retrieval


def _notes_for_swot(session: Session, account: Account, today: date, index) -> tuple[list[SourceNote], list[str], float | None]:
    """The account's most relevant recent notes for a SWOT, from the index or else the database."""
    try:
        ranking = index.rank_account_notes(account.team_id, account.id, SWOT_QUERIES)
    except (IndexUnavailable, EmbeddingsUnavailable) as exc:
        return _database_notes(session, account, today, MAX_SWOT_NOTES, _unavailable(exc))
    if not ranking.notes:
        if _has_notes(session, account):
            return _database_notes(session, account, today, MAX_SWOT_NOTES,
                                   "This account's notes are not in the search index yet (run `kam reindex`)")
        return [], [], ranking.seconds * 1000
    chosen = _best_per_query(ranking.notes, today, NOTES_PER_QUADRANT, MAX_SWOT_NOTES)
    notes = _load_notes(session, account, chosen)
    notes += _unindexed_notes(session, account, {n.id for n in notes})
    return notes, [], ranking.seconds * 1000


def _best_per_query(scored, today: date, per_query: int, limit: int) -> dict[int, float]:
    """Note id -> relevance: the best few notes for each query, then the best overall."""
    fresh = recency([s.written_on or today for s in scored], today)
    chosen: dict[int, float] = {}
    queries_count = len(scored[0].per_query) if scored else 0
    for q in range(queries_count):
        ranked = sorted(range(len(scored)), key=lambda i: -(scored[i].per_query[q] + RECENCY_WEIGHT * fresh[i]))
        for i in ranked[:per_query]:
            chosen[scored[i].note_id] = max(chosen.get(scored[i].note_id, 0.0), scored[i].score)
    overall = sorted(range(len(scored)), key=lambda i: -(scored[i].score + RECENCY_WEIGHT * fresh[i]))
    for i in overall:
        if len(chosen) >= limit:
            break
        chosen.setdefault(scored[i].note_id, scored[i].score)
    if len(chosen) > limit:
        keep = sorted(chosen, key=lambda note_id: -chosen[note_id])[:limit]
        chosen = {note_id: chosen[note_id] for note_id in keep}
    return chosen


def _load_notes(session: Session, account: Account, relevance: dict[int, float]) -> list[SourceNote]:
    """The notes by id, but only those of this account in this workspace: the index is not trusted."""
    if not relevance:
        return []
    # By primary key only, then checked here: with the workspace and account in the WHERE clause,
    # SQLite (without ANALYZE statistics) picks the (team_id, indexed_at) index and scans every
    # note of the workspace (20+ ms at 100,000 notes) instead of looking up 16 ids.
    rows = session.exec(select(Note).where(Note.id.in_(sorted(relevance)))).all()
    notes = [_source(n, relevance.get(n.id, 0.0)) for n in rows
             if n.team_id == account.team_id and n.account_id == account.id]
    return sorted(notes, key=lambda n: (-n.relevance, -n.written_on.toordinal()))


def _unindexed_notes(session: Session, account: Account, already: set[int]) -> list[SourceNote]:
    """Notes written but not indexed yet (the indexing pass has not run): never invisible."""
    rows = session.exec(
        select(Note).where(Note.team_id == account.team_id, Note.account_id == account.id,
                           Note.indexed_at.is_(None)).order_by(Note.written_on.desc(), Note.id.desc())
        .limit(UNINDEXED_NOTES)
    ).all()
    return [_source(n, 0.5) for n in rows if n.id not in already]


def _database_notes(session: Session, account: Account, today: date, limit: int, why: str,
                    query_terms: list[str] | None = None) -> tuple[list[SourceNote], list[str], None]:
    rows = session.exec(
        select(Note).where(Note.team_id == account.team_id, Note.account_id == account.id)
        .order_by(Note.written_on.desc(), Note.id.desc()).limit(FALLBACK_NOTES)
    ).all()
    if not rows:
        return [], [], None
    wanted = query_terms or _SWOT_TERMS
    scores = lexical_scores([n.body for n in rows], wanted)
    fresh = recency([n.written_on for n in rows], today)
    order = sorted(range(len(rows)), key=lambda i: -(scores[i] + 0.5 * fresh[i]))[:limit]
    notes = [_source(rows[i], float(scores[i])) for i in order]
    notice = f"{why}, so I read the {len(rows)} most recent notes of this account from the database."
    return notes, [notice], None


_SWOT_TERMS = sorted(set(terms(" ".join(DESCRIPTIONS.values()) + " late delay complaint price competitor "
                                     "budget tender praised trust expansion new site pilot cut")))


def _unavailable(exc: Exception) -> str:
    if isinstance(exc, EmbeddingsUnavailable):
        return f"The embedding model is not available ({exc.message})"
    return "The search index is unavailable right now"


def _has_notes(session: Session, account: Account) -> bool:
    return session.exec(select(Note.id).where(Note.team_id == account.team_id,
                                              Note.account_id == account.id).limit(1)).first() is not None


def _source(note: Note, relevance: float) -> SourceNote:
    return SourceNote(note.id, note.written_on, note.author, note.body, float(relevance))


def _decided_points(session: Session, account: Account) -> list[ExcludedPoint]:
    """Points accepted into the plan or rejected before: not offered again."""
    excluded = [ExcludedPoint(p.source_note_id, p.quadrant, p.text) for p in session.exec(
        select(SwotPoint).where(SwotPoint.team_id == account.team_id, SwotPoint.account_id == account.id,
                                SwotPoint.source_note_id.is_not(None))).all()]
    for entry in session.exec(
        select(AuditEntry).where(AuditEntry.team_id == account.team_id, AuditEntry.account_id == account.id,
                                 AuditEntry.action == REJECTED)
    ).all():
        after = entry.after or {}
        if entry.entity_id is not None and after.get("quadrant") in QUADRANTS:
            excluded.append(ExcludedPoint(entry.entity_id, after["quadrant"], str(after.get("text", ""))))
    return excluded


# =========================================================================== accept / reject


def accept_swot_point(uow: UnitOfWork, actor: Actor, account_id: int, note_id: int, quadrant: str, ref: str,
                      text: str, now: datetime | None = None) -> SwotDecision:
    """Put a drafted point into the plan's SWOT, with its source note. Needs WRITE; audited."""
    now = now or utcnow()
    with uow:
        session = uow.session
        account, note, text = _checked(session, actor, account_id, note_id, quadrant, ref, text)
        citation = Citation(note.id, note.written_on, note.author)
        if _already_accepted(session, account, note.id, quadrant, text):
            return SwotDecision(account.id, account.name, quadrant, text, citation, True, True, actor.user_id)
        point = SwotPoint(team_id=account.team_id, account_id=account.id, quadrant=quadrant, text=text,
                          source_note_id=note.id, accepted_by=actor.user_id, accepted_at=now)
        session.add(point)
        account.plan_updated_at = now
        session.add(account)
        session.flush()
        plan_changed(account, now)  # the plan's channel canvas, if the bot keeps one
        audit.record(session, actor, ACCEPTED, "swot_point", point.id, account_id=account.id,
                     after={"quadrant": quadrant, "text": text, "source_note_id": note.id, "point_id": ref,
                            "note_written_on": note.written_on, "note_author": note.author},
                     reason="accepted from a drafted SWOT")
        uow.commit()
        return SwotDecision(account.id, account.name, quadrant, text, citation, True, False, actor.user_id)


def reject_swot_point(uow: UnitOfWork, actor: Actor, account_id: int, note_id: int, quadrant: str, ref: str,
                      text: str) -> SwotDecision:
    """Remember that the team does not want this point: later drafts leave it out. Audited."""
    with uow:
        session = uow.session
        account, note, text = _checked(session, actor, account_id, note_id, quadrant, ref, text)
        citation = Citation(note.id, note.written_on, note.author)
        if _already_rejected(session, account, note.id, ref):
            return SwotDecision(account.id, account.name, quadrant, text, citation, False, True, actor.user_id)
        audit.record(session, actor, REJECTED, "note", note.id, account_id=account.id,
                     after={"quadrant": quadrant, "text": text, "point_id": ref},
                     reason="rejected from a drafted SWOT")
        uow.commit()
        return SwotDecision(account.id, account.name, quadrant, text, citation, False, False, actor.user_id)


def _checked(session: Session, actor: Actor, account_id: int, note_id: int, quadrant: str, ref: str,
             text: str) -> tuple[Account, Note, str]:
    account = queries.account_by_id(session, actor.team_id, int(account_id))
    require(session, actor, Permission.WRITE, account)
    if quadrant not in QUADRANTS:
        raise UserError("That SWOT button is not valid any more: draft the SWOT again with `/kam swot`.")
    note = queries.row_in_workspace(session, Note, actor.team_id, int(note_id), "note", account_id=account.id,
                                    missing="That point's note is not a note of this account any more: draft "
                                            f"the SWOT again with `/kam swot #{account.id}`.")
    text = clean_model_text(text)
    if not text or point_id(note.id, quadrant, text) != ref:
        raise UserError("That SWOT button does not match its point: draft the SWOT again with "
                        f"`/kam swot #{account.id}`.")
    return account, note, text


def _already_accepted(session: Session, account: Account, note_id: int, quadrant: str, text: str) -> bool:
    rows = session.exec(
        select(SwotPoint.text).where(SwotPoint.account_id == account.id, SwotPoint.source_note_id == note_id,
                                     SwotPoint.quadrant == quadrant)
    ).all()
    return any(normalise_text(t) == normalise_text(text) for t in rows)


def _already_rejected(session: Session, account: Account, note_id: int, ref: str) -> bool:
    rows = session.exec(
        select(AuditEntry.after).where(AuditEntry.team_id == account.team_id, AuditEntry.account_id == account.id,
                                       AuditEntry.action == REJECTED, AuditEntry.entity_id == note_id)
    ).all()
    return any((after or {}).get("point_id") == ref for after in rows)


# =========================================================================== next actions


def draft_next_actions(uow: UnitOfWork, actor: Actor, account_id: int, today: date, index, drafter) -> list[DraftedAction]:
    """Next actions drafted from the account's recent notes (commitments, requests, open
    questions, risks), each with its reason and source note. To merge into `/kam next`.

    The notes come from the database (the last 90 days): the offline drafter needs neither
    the index nor the embedding model here, so `/kam next` stays fast. `index` is part of the
    signature for drafters that want retrieval."""
    return next_action_drafts(uow, actor, account_id, today, index, drafter).actions


def next_action_drafts(uow: UnitOfWork, actor: Actor, account_id: int, today: date, index, drafter) -> NextActionDrafts:
    """Like `draft_next_actions`, with who drafted them and any fallback said plainly."""
    with uow:
        session = uow.session
        account = queries.account_by_id(session, actor.team_id, int(account_id))
        require(session, actor, Permission.READ, account)
        notes = _notes_for_actions(session, account, today)
        request = ActionsRequest(account.name, today, notes, _known_action_titles(session, account))
        account_id, account_name = account.id, account.name
    draft = drafter.draft_next_actions(request)  # outside the session: a model call may take seconds
    notices = [f"Drafted offline: {draft.fallback_reason}."] if draft.fallback_reason else []
    by_id = {n.id: n for n in notes}
    actions = [DraftedAction(a.text, a.reason, a.note_id, by_id[a.note_id].written_on, by_id[a.note_id].author,
                             a.due, a.kind, a.by, _owner(a.owner, by_id[a.note_id]))
               for a in valid_actions(draft.actions, set(by_id))]
    return NextActionDrafts(account_id, account_name, actions, draft.drafted_by, notices)


def _owner(owner: str | None, note: SourceNote) -> str | None:
    return note.author if owner == "me" else owner


def _notes_for_actions(session: Session, account: Account, today: date) -> list[SourceNote]:
    """Commitments are about recency: the account's notes of the last 90 days, newest first,
    straight from the database (the source of truth; no index or model needed)."""
    since = today - timedelta(days=ACTION_HORIZON_DAYS)
    rows = session.exec(
        select(Note).where(Note.team_id == account.team_id, Note.account_id == account.id,
                           Note.written_on >= since, Note.written_on <= today)
        .order_by(Note.written_on.desc(), Note.id.desc()).limit(MAX_ACTION_NOTES)
    ).all()
    return [_source(n, 0.0) for n in rows]


def _known_action_titles(session: Session, account: Account) -> list[str]:
    return list(session.exec(
        select(Action.title).where(Action.team_id == account.team_id, Action.account_id == account.id)
        .order_by(Action.created_at.desc()).limit(100)
    ).all())


