"""Key-account selection: the workspace's thresholds, its scoring criteria and account scores.

Nominations, demotions and their approval live in `tier_changes`. Every change here is
audited; only admins change criteria and thresholds, the account team scores.
"""
from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from rapidfuzz import fuzz, process
from sqlmodel import Session, select

from kam_domain.errors import FieldErrors, UserError
from kam_domain.models import Account, Criterion, Score, Workspace
from kam_domain.rules.criteria_templates import (
    ATTRACTIVENESS_8,
    CLASSIC_SELECTION,
    DAY_ONE,
    STRENGTH_CRITERIA,
    TEMPLATES,
    combine,
)
from kam_domain.rules.criteria_switch import Placement, SwitchPreview, carry_over, compare_segmentations
from kam_domain.rules.scoring import (
    ATTRACTIVENESS,
    STRENGTH,
    CriterionDef,
    axes,
    check_key_cap,
    quadrant,
    score_trend,
    validate_criteria,
    validate_score_value,
    weighted_score,
)
from kam_domain.services import audit, effective_scores as effective, queries
from kam_domain.services.authz import Actor, Permission, allowed, require
from kam_domain.services.workspaces import ensure_workspace
from kam_domain.store.uow import UnitOfWork

# ============================================================================ settings


@dataclass(frozen=True)
class SelectionSettings:
    """The workspace's selection thresholds (defaults in brackets)."""

    key_account_cap: int  # [35]
    watch_threshold: float  # weighted score that puts a regular account on the watch-list [6.5]
    growth_threshold: float  # revenue growth that puts it there too [25%]
    concentration_share: float  # one account above this share of profit is a risk [25%]
    perception_gap: float  # our strength vs the customer's rating of us [2.0]


DEFAULT_GROWTH = 0.25
DEFAULT_CONCENTRATION = 0.25
DEFAULT_GAP = 2.0


def selection_settings(session: Session, team_id: str) -> SelectionSettings:
    workspace = session.get(Workspace, team_id)
    if workspace is None:
        return SelectionSettings(35, 6.5, DEFAULT_GROWTH, DEFAULT_CONCENTRATION, DEFAULT_GAP)
    extra = workspace.settings or {}
    return SelectionSettings(
        key_account_cap=workspace.key_account_cap,
        watch_threshold=workspace.watch_threshold,
        growth_threshold=float(extra.get("growth_threshold", DEFAULT_GROWTH)),
        concentration_share=float(extra.get("concentration_share", DEFAULT_CONCENTRATION)),
        perception_gap=float(extra.get("perception_gap", DEFAULT_GAP)),
    )


# ============================================================================ criteria


@dataclass
class CriterionLine:
    key: str
    label: str
    weight: float
    axis: str
    description: str
    share: float  # of the axis's total weight


@dataclass
class TemplateLine:
    name: str
    label: str
    description: str


@dataclass
class CriteriaView:
    criteria: list[CriterionLine]
    settings: SelectionSettings
    templates: list[TemplateLine]
    warnings: list[str]
    can_change: bool
    changed: str | None = None  # what this request changed
    default: bool = False  # the day-one template is in force because no one chose criteria yet
    placed_before: tuple[int, int] | None = None  # (placed, accounts) before this change
    placed_after: tuple[int, int] | None = None  # and after it
    carried: list[tuple[str, str]] = field(default_factory=list)  # (new key, old key) scores carried over
    scores_carried: int = 0

    @property
    def set_line(self) -> str:
        """The `criteria set ...` line that reproduces the current criteria."""
        parts = [f"{c.key}={_weight_text(c.weight)}:{c.axis}" for c in self.criteria]
        return "criteria set " + " ".join(parts) if parts else ""


TEMPLATE_CHOICES: dict[str, tuple[str, tuple[CriterionDef, ...]]] = {
    "classic": (CLASSIC_SELECTION.description, CLASSIC_SELECTION.criteria),
    "attractiveness": (
        "The eight-point attractiveness framework for the y-axis, with relationship strength, "
        "share of wallet and the customer's rating of us for the x-axis.",
        combine(ATTRACTIVENESS_8, STRENGTH_CRITERIA),
    ),
    "day_one": (DAY_ONE.description, DAY_ONE.criteria),
}
TEMPLATE_ALIASES = {"attractiveness_8": "attractiveness", "8point": "attractiveness", "eight": "attractiveness",
                    "classic_selection": "classic", "dayone": "day_one", "day-one": "day_one", "data": "day_one",
                    "default": "day_one"}
AXIS_WORDS = {"a": ATTRACTIVENESS, "att": ATTRACTIVENESS, "attr": ATTRACTIVENESS, "attractive": ATTRACTIVENESS,
              ATTRACTIVENESS: ATTRACTIVENESS, "y": ATTRACTIVENESS,
              "s": STRENGTH, "str": STRENGTH, "strong": STRENGTH, STRENGTH: STRENGTH, "x": STRENGTH}
THRESHOLD_KEYS = ("cap", "watch", "growth", "concentration", "gap")


def show_criteria(uow: UnitOfWork, actor: Actor) -> CriteriaView:
    with uow:
        require(uow.session, actor, Permission.READ)
        return _criteria_view(uow.session, actor)


def apply_template(uow: UnitOfWork, actor: Actor, name: str, today: date | None = None) -> CriteriaView:
    """Switch to a template's criteria (the confirmation of `preview_template`).

    Scores carry over where a criterion keeps its meaning (same key, or a declared equivalent);
    derived criteria are derived on read; one audit entry keeps the criteria before and after and
    the preview's counts. Old scores stay as history.
    """
    chosen = _template_name(name)
    return _switch(uow, actor, list(TEMPLATE_CHOICES[chosen][1]), f"template {chosen}",
                   f"Criteria set from the {chosen} template.", today)


def define_criteria(uow: UnitOfWork, actor: Actor, specs: Mapping[str, str],
                    today: date | None = None) -> CriteriaView:
    """Replace the criteria with `{key: "weight[:axis]"}` (axis attractiveness or strength);
    the confirmation of `preview_criteria_set`."""
    defs = parse_criteria_specs(specs)
    return _switch(uow, actor, defs, "criteria set", f"{len(defs)} criteria saved.", today)


def preview_template(uow: UnitOfWork, actor: Actor, name: str, today: date | None = None) -> CriteriaPreview:
    """What switching to a template would do to the matrix; writes nothing."""
    chosen = _template_name(name)
    return _preview(uow, actor, list(TEMPLATE_CHOICES[chosen][1]), f"the {chosen} template",
                    f"criteria template {chosen} confirm", today)


def preview_criteria_set(uow: UnitOfWork, actor: Actor, specs: Mapping[str, str],
                         today: date | None = None) -> CriteriaPreview:
    """What `criteria set ...` would do to the matrix; writes nothing."""
    defs = parse_criteria_specs(specs)
    line = " ".join(f"{d.key}={_weight_text(d.weight)}:{d.axis}" for d in defs)
    return _preview(uow, actor, defs, "these criteria", f"criteria set {line} confirm", today)


def change_thresholds(uow: UnitOfWork, actor: Actor, values: Mapping[str, str]) -> CriteriaView:
    """Set cap=, watch=, growth=, concentration=, gap= (percentages as 25% or 0.25)."""
    if not values:
        raise UserError("Give at least one of " + ", ".join(f"{k}=" for k in THRESHOLD_KEYS)
                        + ", e.g. `criteria thresholds cap=30 concentration=20%`.")
    parsed = _parse_thresholds(values)
    with uow:
        session = uow.session
        require(session, actor, Permission.ADMINISTER)
        workspace = ensure_workspace(session, actor.team_id)
        before = _settings_dict(selection_settings(session, actor.team_id))
        extra = dict(workspace.settings or {})
        for key, value in parsed.items():
            if key == "cap":
                workspace.key_account_cap = int(value)
            elif key == "watch":
                workspace.watch_threshold = value
            else:
                extra[{"growth": "growth_threshold", "concentration": "concentration_share",
                       "gap": "perception_gap"}[key]] = value
        workspace.settings = extra  # a new dict, so the JSON column is written
        session.add(workspace)
        session.flush()
        after = _settings_dict(selection_settings(session, actor.team_id))
        audit.record(session, actor, "selection.thresholds_changed", "workspace", before=before, after=after,
                     reason="criteria thresholds")
        uow.commit()
        return replace(_criteria_view(session, actor), changed="Thresholds saved.")


def parse_criteria_specs(specs: Mapping[str, str]) -> list[CriterionDef]:
    if not specs:
        raise UserError("Give each criterion as key=weight:axis, e.g. "
                        "`criteria set product_fit=3:attractiveness solvency=2:a relationships=2:strength`.")
    defs, errors = [], []
    labels = {d.key: d for t in TEMPLATES.values() for d in t.criteria}
    for key, spec in specs.items():
        try:
            weight, axis = _parse_weight_axis(key, spec)
        except ValueError as exc:
            errors.append(str(exc))
            continue
        known = labels.get(key)
        label = known.label if known else key.replace("_", " ").capitalize()
        defs.append(CriterionDef(key, label, weight, axis, known.description if known else ""))
    if errors:
        raise UserError("Nothing was changed:\n" + "\n".join(f"• {e}" for e in errors))
    return defs


def _parse_weight_axis(key: str, spec: str) -> tuple[float, str]:
    weight_text, _, axis_text = str(spec).strip().partition(":")
    try:
        weight = float(weight_text.strip().replace(",", "."))
    except ValueError:
        raise ValueError(f"`{key}`: weight `{weight_text}` is not a number; write e.g. {key}=2:attractiveness.") \
            from None
    if not math.isfinite(weight) or weight <= 0:
        raise ValueError(f"`{key}`: weight {weight_text} must be a number greater than 0.")
    axis_word = axis_text.strip().lower() or ATTRACTIVENESS
    axis = AXIS_WORDS.get(axis_word)
    if axis is None:
        raise ValueError(f"`{key}`: axis `{axis_text}` is not attractiveness or strength "
                         "(a or s for short).")
    return weight, axis


def _parse_thresholds(values: Mapping[str, str]) -> dict[str, float]:
    parsed, errors = {}, []
    for key, raw in values.items():
        if key not in THRESHOLD_KEYS:
            hint = _did_you_mean(key, THRESHOLD_KEYS)
            errors.append(f"`{key}` is not a threshold{hint}. Thresholds: {', '.join(THRESHOLD_KEYS)}.")
            continue
        try:
            parsed[key] = _threshold_value(key, raw)
        except ValueError as exc:
            errors.append(str(exc))
    if errors:
        raise UserError("Nothing was changed:\n" + "\n".join(f"• {e}" for e in errors))
    return parsed


def _threshold_value(key: str, raw: str) -> float:
    text = str(raw).strip()
    percent = text.endswith("%")
    try:
        value = float(text.rstrip("%").strip())
    except ValueError:
        raise ValueError(f"`{key}={raw}` is not a number.") from None
    if not math.isfinite(value):
        raise ValueError(f"`{key}={raw}` is not a number.")
    if key == "cap":
        if not value.is_integer() or not 1 <= value <= 500:
            raise ValueError(f"`cap={raw}`: the key-account cap is a whole number from 1 to 500 "
                             "(15-35 is recommended).")
        return value
    if key == "watch":
        if not 1 <= value <= 10:
            raise ValueError(f"`watch={raw}`: the watch threshold is a weighted score from 1 to 10.")
        return value
    if key == "gap":
        if not 0 < value <= 9:
            raise ValueError(f"`gap={raw}`: the perception gap is in points on the 1-10 scale, e.g. gap=2.")
        return value
    share = value / 100 if percent or value > 1 else value
    if not 0 < share < 1:
        raise ValueError(f"`{key}={raw}`: give a share between 0% and 100%, e.g. {key}=25%.")
    return share


def _template_name(name: str) -> str:
    word = (name or "").strip().lower()
    word = TEMPLATE_ALIASES.get(word, word)
    if word in TEMPLATE_CHOICES:
        return word
    hint = _did_you_mean(word, list(TEMPLATE_CHOICES) + list(TEMPLATE_ALIASES))
    raise UserError(f"There is no criteria template `{name}`{hint}. Templates: "
                    + ", ".join(TEMPLATE_CHOICES) + ".")


def _replace_criteria(session: Session, actor: Actor, defs: list[CriterionDef], why: str,
                      audit_extra: Mapping[str, object] | None = None) -> dict[str, Criterion]:
    """Make `defs` the active criteria (rows reused by key); returns the rows by key."""
    _check_criteria(defs)
    ensure_workspace(session, actor.team_id)
    existing = {c.key: c for c in session.exec(select(Criterion).where(Criterion.team_id == actor.team_id)).all()}
    before = [_criterion_text(c) for c in sorted(existing.values(), key=lambda c: c.position) if c.active]
    rows: dict[str, Criterion] = {}
    for position, d in enumerate(defs):
        row = existing.get(d.key) or Criterion(team_id=actor.team_id, key=d.key, label=d.label)
        row.label, row.weight, row.axis, row.position, row.active = d.label, float(d.weight), d.axis, position, True
        session.add(row)
        rows[d.key] = row
    keep = {d.key for d in defs}
    for key, row in existing.items():
        if key not in keep and row.active:
            row.active = False  # its scores stay, as history
            session.add(row)
    session.flush()
    after = [f"{d.key}={_weight_text(d.weight)}:{d.axis}" for d in defs]
    audit.record(session, actor, "criteria.changed", "workspace", before={"criteria": before},
                 after={"criteria": after, **(audit_extra or {})}, reason=why)
    return rows


def _check_criteria(defs: list[CriterionDef]) -> None:
    errors = validate_criteria(defs)
    if errors:
        raise UserError("Nothing was changed:\n" + "\n".join(f"• {e}" for e in errors))


def _criterion_text(c: Criterion) -> str:
    return f"{c.key}={_weight_text(c.weight)}:{c.axis}"


def _weight_text(weight: float) -> str:
    return f"{weight:g}"


def _criteria_view(session: Session, actor: Actor) -> CriteriaView:
    rows = list(_active_criteria(session, actor.team_id).values())
    default = bool(rows) and rows[0].id is None
    described = {d.key: d.description for t in TEMPLATES.values() for d in t.criteria}
    totals: dict[str, float] = defaultdict(float)
    for c in rows:
        totals[c.axis] += c.weight
    lines = [CriterionLine(c.key, c.label, c.weight, c.axis, described.get(c.key, ""),
                           c.weight / totals[c.axis] if totals[c.axis] else 0.0) for c in rows]
    settings = selection_settings(session, actor.team_id)
    templates = [TemplateLine(name, TEMPLATES[name].label if name in TEMPLATES else name.capitalize(), text)
                 for name, (text, _) in TEMPLATE_CHOICES.items()]
    warnings = _criteria_warnings(lines, settings)
    if default:
        warnings.insert(0, f"The {DAY_ONE.label} template is in force because no criteria were chosen yet: "
                           "criteria the data answers are scored from it, the others wait for a person. An admin "
                           "can choose another with `criteria template classic` (or attractiveness).")
    return CriteriaView(lines, settings, templates, warnings, allowed(session, actor, Permission.ADMINISTER),
                        default=default)


def _criteria_warnings(lines: list[CriterionLine], settings: SelectionSettings) -> list[str]:
    warnings = []
    if not lines:
        warnings.append("No criteria yet: an admin picks a template with `criteria template classic` "
                        "(or `criteria template attractiveness`).")
    elif not any(c.axis == STRENGTH for c in lines):
        warnings.append("No strength criteria: accounts get a score but cannot be placed on the matrix. "
                        "Add one, e.g. relationship_strength=2:strength.")
    cap_warning = check_key_cap(0, settings.key_account_cap).warning
    if cap_warning:
        warnings.append(cap_warning)
    return warnings


def _settings_dict(s: SelectionSettings) -> dict:
    return {"cap": s.key_account_cap, "watch": s.watch_threshold, "growth": s.growth_threshold,
            "concentration": s.concentration_share, "gap": s.perception_gap}


def _did_you_mean(word: str, options: Iterable[str]) -> str:
    hit = process.extractOne(word, list(options), scorer=fuzz.WRatio, score_cutoff=60)
    return f" (did you mean `{hit[0]}`?)" if hit else ""


# ============================================================================ a governed switch


@dataclass
class CriteriaPreview:
    """What a change of criteria would do, shown before it is made; nothing is written."""

    what: str  # "the attractiveness template", "these criteria"
    confirm_line: str  # the /kam line that makes the change
    before: list[str]  # key=weight:axis in force now
    after: list[CriterionDef]
    added: list[str]  # labels of criteria that are new
    removed: list[str]  # labels of criteria that go (their scores stay as history)
    carried: list[tuple[str, str]]  # (new label, old label): scores carried between equivalents
    derived: list[str]  # labels of new criteria the data answers
    preview: SwitchPreview
    same: bool = False  # the criteria are in force already

    @property
    def counts(self) -> dict[str, int]:
        return self.preview.counts


def _preview(uow: UnitOfWork, actor: Actor, defs: list[CriterionDef], what: str, confirm_line: str,
             today: date | None) -> CriteriaPreview:
    _check_criteria(defs)
    today = effective.today_or_system(today)
    with uow:
        session = uow.session
        require(session, actor, Permission.ADMINISTER)
        plan = _plan_switch(session, actor.team_id, defs, today)
        old = {d.key: d for d in plan.before_defs}
        labels = {**{d.key: d.label for d in plan.before_defs}, **{d.key: d.label for d in defs}}
        new_keys = {d.key for d in defs}
        return CriteriaPreview(
            what, confirm_line, [f"{d.key}={_weight_text(d.weight)}:{d.axis}" for d in plan.before_defs], defs,
            added=[d.label for d in defs if d.key not in old],
            removed=[d.label for d in plan.before_defs if d.key not in new_keys],
            carried=[(labels[new], labels[src]) for new, src in plan.carried.items() if new != src],
            derived=[d.label for d in defs if d.key in effective.rules.DERIVABLE],
            preview=plan.preview, same=_same_criteria(plan.before_defs, defs),
        )


def _switch(uow: UnitOfWork, actor: Actor, defs: list[CriterionDef], why: str, changed: str,
            today: date | None) -> CriteriaView:
    _check_criteria(defs)
    today = effective.today_or_system(today)
    with uow:
        session = uow.session
        require(session, actor, Permission.ADMINISTER)
        plan = _plan_switch(session, actor.team_id, defs, today)
        carried = {new: src for new, src in plan.carried.items() if new != src}
        rows = _replace_criteria(session, actor, defs, why, audit_extra={
            "preview": plan.preview.counts, "carried_over": carried, "scores_carried": len(plan.copies)})
        for account_id, key, (value, at, by) in plan.copies:
            session.add(Score(team_id=actor.team_id, account_id=account_id, criterion_id=rows[key].id,
                              value=value, scored_by=by, scored_at=at))
        session.flush()
        uow.commit()
        p = plan.preview
        view = replace(_criteria_view(session, actor), changed=changed,
                       placed_before=(p.placed_before, p.total), placed_after=(p.placed_after, p.total))
        view.carried = [(new, src) for new, src in carried.items()]
        view.scores_carried = len(plan.copies)
        return view


@dataclass
class _SwitchPlan:
    before_defs: list[CriterionDef]
    carried: dict[str, str]  # new key -> old key whose scores it keeps
    copies: list[tuple[int, str, tuple[int, datetime, str]]]  # account, new key, (value, at, by) to copy
    preview: SwitchPreview


def _plan_switch(session: Session, team_id: str, defs: list[CriterionDef], today: date) -> _SwitchPlan:
    """Both segmentations on effective scores (a person's, else the data's), and the scores to carry."""
    from kam_domain.rules import portfolio as portfolio_rules

    before_defs = queries.criteria_defs(session, team_id)
    carried = carry_over(before_defs, defs)
    newest = _newest_person_scores(session, team_id)
    person_after: dict[int, dict[str, int]] = {}
    copies = []
    for account_id, scores in newest.items():
        values = {}
        for d in defs:
            own = scores.get(d.key)
            source = carried.get(d.key)
            other = scores.get(source) if source and source != d.key else None
            if other is not None and (own is None or other[1] > own[1]):
                copies.append((account_id, d.key, other))
                own = other
            if own is not None:
                values[d.key] = own[0]
        if values:
            person_after[account_id] = values
    accounts = session.connection().execute(
        select(Account.id, Account.name, Account.tier).where(Account.team_id == team_id)).all()
    before = effective.effective_scores(session, team_id, before_defs, today).values if before_defs else {}
    after = effective.effective_scores(session, team_id, defs, today, person=person_after).values

    def placements(values, criteria):
        items = [portfolio_rules.SegmentInput(a, name, values.get(a, {})) for a, name, _ in accounts]
        tiers = {a: tier for a, _, tier in accounts}
        return [Placement(s.account_id, s.name, tiers[s.account_id], s.quadrant.value if s.quadrant else None)
                for s in portfolio_rules.segment(items, criteria)]

    preview = compare_segmentations(placements(before, before_defs), placements(after, defs))
    return _SwitchPlan(before_defs, carried, copies, preview)


def _newest_person_scores(session: Session, team_id: str) -> dict[int, dict[str, tuple[int, datetime, str]]]:
    """Each account's newest score per criterion key, active or not: {account: {key: (value, at, by)}}."""
    rows = session.connection().execute(
        select(Score.account_id, Criterion.key, Score.value, Score.scored_at, Score.scored_by)
        .join(Criterion, Criterion.id == Score.criterion_id)
        .where(Score.team_id == team_id, Criterion.team_id == team_id)
        .order_by(Score.scored_at, Score.id)
    ).all()
    newest: dict[int, dict[str, tuple[int, datetime, str]]] = defaultdict(dict)
    for account_id, key, value, at, by in rows:
        newest[account_id][key] = (value, at, by)
    return newest


def _same_criteria(a: list[CriterionDef], b: list[CriterionDef]) -> bool:
    def shape(defs):
        return [(d.key, float(d.weight), d.axis) for d in defs]
    return shape(a) == shape(b)


# ============================================================================ scores


@dataclass
class CriterionScore:
    key: str
    label: str
    axis: str
    weight: float
    description: str
    value: int | None
    previous: int | None
    scored_by: str | None
    scored_at: datetime | None
    trend: str | None  # up, down, flat
    derived: int | None = None  # what the data says (shown beside a person's score, used without one)
    provenance: str | None = None  # where the derived score comes from

    @property
    def effective(self) -> int | None:
        """A person's score wins; else the data's."""
        return self.value if self.value is not None else self.derived

    @property
    def source(self) -> str | None:
        if self.value is not None:
            return "person"
        return "derived" if self.derived is not None else None


@dataclass
class ScoreChange:
    """One scoring session: who changed which scores when, and the weighted score after."""

    at: datetime
    by: str
    changes: list[tuple[str, int | None, int]]  # label, before, after
    weighted: float | None


@dataclass
class ScoreCard:
    account_id: int
    account_name: str
    tier: str
    criteria: list[CriterionScore]
    weighted: float | None
    attractiveness: float | None
    strength: float | None
    quadrant: str | None
    quadrant_advice: str | None
    customer_rating: float | None  # the customer's rating of us as shown everywhere: a person's score of
    # the criterion, else the rating recorded on the account (rules.derived_scores.customer_rating_shown)
    perception_gap: float | None  # our strength minus the customer's rating, when both exist
    gap_threshold: float
    watch_threshold: float
    history: list[ScoreChange]
    can_edit: bool
    changed: list[str] = field(default_factory=list)  # labels changed by this request
    default_criteria: bool = False  # the day-one template is in force (no criteria chosen yet)
    recorded_rating: float | None = None  # Account.customer_rating; `customer_rating` is the value shown

    @property
    def waiting(self) -> list[CriterionScore]:
        """Criteria with no score from a person or from the data: they wait for a person."""
        return [c for c in self.criteria if c.effective is None]

    @property
    def derived_only(self) -> bool:
        """On the matrix from the data alone: no criterion is scored by a person."""
        return self.quadrant is not None and all(c.value is None for c in self.criteria)

    @property
    def has_criteria(self) -> bool:
        return bool(self.criteria)


class InvalidScores(FieldErrors):
    """Scores that cannot be saved, per criterion key; nothing was written."""

    def __post_init__(self):
        lines = "\n".join(f"• {message}" for message in self.errors.values())
        UserError.__init__(self, f"Nothing was saved:\n{lines}")


def score_card(uow: UnitOfWork, actor: Actor, account_text: str, today: date | None = None) -> ScoreCard:
    with uow:
        account = queries.resolve_account(uow.session, actor.team_id, account_text, command="score")
        return build_score_card(uow.session, actor, account, today)


def score_card_by_id(uow: UnitOfWork, actor: Actor, account_id: int, today: date | None = None) -> ScoreCard:
    with uow:
        return build_score_card(uow.session, actor, queries.account_by_id(uow.session, actor.team_id, account_id),
                                today)


def set_scores(uow: UnitOfWork, actor: Actor, account: str | int, values: Mapping[str, object],
               now: datetime) -> ScoreCard:
    """Record new scores (1-10) for some criteria; all or nothing, audited."""
    with uow:
        session = uow.session
        target = (queries.account_by_id(session, actor.team_id, account) if isinstance(account, int)
                  else queries.resolve_account(session, actor.team_id, account, command="score"))
        require(session, actor, Permission.WRITE, target)
        criteria = _active_criteria(session, actor.team_id)
        validated = validate_scores(values, criteria)
        if any(c.id is None for c in criteria.values()):  # the day-one default, saved with the first score
            effective.materialize_default_criteria(session, actor)
            criteria = _active_criteria(session, actor.team_id)
        current = queries.current_scores(session, actor.team_id, [target.id]).get(target.id, {})
        changed = {key: value for key, value in validated.items() if current.get(key) != value}
        for key, value in changed.items():
            session.add(Score(team_id=actor.team_id, account_id=target.id, criterion_id=criteria[key].id,
                              value=value, scored_by=actor.user_id, scored_at=now))
        if changed:
            session.flush()
            audit.record(session, actor, "scores.set", "account", target.id, account_id=target.id,
                         before={k: current.get(k) for k in changed}, after=changed)
        uow.commit()
        card = build_score_card(session, actor, target, now.date())
        card.changed = [criteria[k].label for k in changed]
        return card


def validate_scores(values: Mapping[str, object], criteria: Mapping[str, Criterion]) -> dict[str, int]:
    """{key: 1..10} or InvalidScores naming each bad entry (unknown key, out of range)."""
    if not criteria:
        raise UserError("There are no scoring criteria yet: an admin sets them with "
                        "`/kam criteria template classic`.")
    if not values:
        raise UserError("Give at least one score, e.g. " + " ".join(f"{k}=7" for k in list(criteria)[:2]) + ".")
    errors: dict[str, str] = {}
    validated: dict[str, int] = {}
    for raw_key, raw in values.items():
        key = str(raw_key).strip().lower().replace("-", "_")
        if key not in criteria:
            hint = _did_you_mean(key, criteria)
            errors[raw_key] = (f"`{raw_key}` is not a criterion{hint}. Criteria: {', '.join(criteria)}.")
            continue
        try:
            validated[key] = validate_score_value(raw)
        except ValueError as exc:
            errors[key] = f"{criteria[key].label}: {exc}"
    if errors:
        raise InvalidScores(errors=errors)
    return validated


def _active_criteria(session: Session, team_id: str) -> dict[str, Criterion]:
    """The active criteria; unsaved day-one rows (id None) when the workspace never chose any."""
    rows = session.exec(
        select(Criterion).where(Criterion.team_id == team_id, Criterion.active == True)  # noqa: E712
        .order_by(Criterion.position, Criterion.id)
    ).all()
    if not rows and effective.default_criteria_in_force(session, team_id):
        rows = effective.default_criterion_rows(team_id)
    return {c.key: c for c in rows}


def build_score_card(session: Session, actor: Actor, account: Account, today: date | None = None) -> ScoreCard:
    """Each criterion's value: a person's (who, when, trend), else the data's (with provenance)."""
    require(session, actor, Permission.READ, account)
    criteria = _active_criteria(session, actor.team_id)
    defs = [CriterionDef(c.key, c.label, c.weight, c.axis) for c in criteria.values()]
    events = _score_events(session, account, criteria)
    per_key: dict[str, list[tuple[datetime, int, str]]] = defaultdict(list)
    for at, key, value, by in events:
        per_key[key].append((at, value, by))
    person = {k: v[-1][1] for k, v in per_key.items()}
    keys = [d.key for d in defs if d.key in effective.rules.DERIVABLE]
    derived = (effective.derive_for_workspace(session, actor.team_id, keys, effective.today_or_system(today),
                                              [account.id]).get(account.id, {}) if keys else {})
    current = {**{k: d.value for k, d in derived.items()}, **person}
    described = {d.key: d.description for t in TEMPLATES.values() for d in t.criteria}
    lines = []
    for c in criteria.values():
        history = per_key.get(c.key, [])
        last = history[-1] if history else None
        data = derived.get(c.key)
        lines.append(CriterionScore(
            c.key, c.label, c.axis, c.weight, _form_hint(described.get(c.key, ""), data, last is not None),
            value=last[1] if last else None, previous=history[-2][1] if len(history) > 1 else None,
            scored_by=last[2] if last else None, scored_at=last[0] if last else None,
            trend=score_trend([(at, v) for at, v, _ in history]),
            derived=data.value if data else None, provenance=data.provenance if data else None,
        ))
    position = axes(current, defs) if defs else None
    box = quadrant(position.attractiveness, position.strength) if position else None
    settings = selection_settings(session, actor.team_id)
    strength = position.strength if position else None
    rating = effective.rules.customer_rating_shown(person.get(effective.rules.CUSTOMER_RATING),
                                                   account.customer_rating)
    gap = strength - rating if strength is not None and rating is not None else None
    return ScoreCard(
        account_id=account.id, account_name=account.name, tier=account.tier, criteria=lines,
        weighted=weighted_score(current, defs) if defs else None,
        attractiveness=position.attractiveness if position else None, strength=strength,
        quadrant=box.label if box else None, quadrant_advice=box.advice if box else None,
        customer_rating=rating, perception_gap=gap, gap_threshold=settings.perception_gap,
        recorded_rating=account.customer_rating,
        watch_threshold=settings.watch_threshold, history=_sessions(events, criteria, defs),
        can_edit=allowed(session, actor, Permission.WRITE, account),
        default_criteria=any(c.id is None for c in criteria.values()),
    )


def _form_hint(description: str, data, scored: bool) -> str:
    """The score form's hint under a criterion: what it means and what the data says."""
    if data is None:
        return description
    says = f"From data: {data.value} ({data.provenance})."
    says += " A score given here is used instead." if scored else " Leave it empty to keep it, or give your own."
    return f"{description} {says}".strip()


def _score_events(session: Session, account: Account,
                  criteria: Mapping[str, Criterion]) -> list[tuple[datetime, str, int, str]]:
    by_id = {c.id: c.key for c in criteria.values()}
    if not by_id:
        return []
    rows = session.exec(
        select(Score.scored_at, Score.criterion_id, Score.value, Score.scored_by)
        .where(Score.team_id == account.team_id, Score.account_id == account.id,
               Score.criterion_id.in_(list(by_id)))
        .order_by(Score.scored_at, Score.id)
    ).all()
    return [(at, by_id[cid], value, by) for at, cid, value, by in rows]


def _sessions(events: list[tuple[datetime, str, int, str]], criteria: Mapping[str, Criterion],
              defs: list[CriterionDef], last: int = 8) -> list[ScoreChange]:
    """Scoring sessions, newest first: events at the same moment by the same person."""
    sessions: list[ScoreChange] = []
    state: dict[str, int] = {}
    for at, key, value, by in events:
        if not sessions or sessions[-1].at != at or sessions[-1].by != by:
            sessions.append(ScoreChange(at, by, [], None))
        sessions[-1].changes.append((criteria[key].label, state.get(key), value))
        state[key] = value
        sessions[-1].weighted = weighted_score(state, defs)
    return list(reversed(sessions))[:last]
