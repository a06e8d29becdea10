"""Rule-based next actions for an account, each with the reason a KAM would accept.

Pure: the caller passes today's date and plain views of the account's actions,
stakeholders, plan and opportunities. Priority 1 is the most urgent.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum
from typing import Iterable

from kam_domain.rules.overdue import is_very_overdue
from kam_domain.rules.plan_health import plan_staleness
from kam_domain.rules.tier_conditions import ConditionState
from kam_domain.rules.relationships import (
    ATTITUDE_LABELS,
    DECIDING_ROLES,
    ColdContact,
    DecisionRole,
    StakeholderView,
    cold_key_people,
    is_influential_detractor,
    missing_roles,
)


class SuggestionKind(str, Enum):
    OVERDUE_ACTION = "overdue_action"
    REVIEW_OVERDUE = "review_overdue"
    MISSED_CONDITION = "missed_condition"
    ACTION_DUE_SOON = "action_due_soon"
    COLD_KEY_PERSON = "cold_key_person"
    INFLUENTIAL_DETRACTOR = "influential_detractor"
    UNCOVERED_ROLE = "uncovered_role"
    REVIEW_DUE = "review_due"
    OPPORTUNITY_WITHOUT_NEXT_STEP = "opportunity_without_next_step"
    NO_EXECUTIVE_SPONSOR = "no_executive_sponsor"
    SINGLE_THREADED = "single_threaded"
    STALE_PLAN = "stale_plan"


URGENT, HIGH, NORMAL, LOW = 1, 2, 3, 4

DUE_SOON_DAYS = 7  # an open action due within this many days is "due soon"
REVIEW_WARNING_DAYS = 14  # an upcoming review shows up this many days ahead
CLOSING_SOON_DAYS = 30  # an opportunity closing within this is urgent to move on
# How long we give ourselves for each kind of suggestion (days from today).
SUGGESTION_DUE_DAYS = {
    SuggestionKind.COLD_KEY_PERSON: 7,
    SuggestionKind.INFLUENTIAL_DETRACTOR: 14,
    SuggestionKind.UNCOVERED_ROLE: 14,
    SuggestionKind.STALE_PLAN: 14,
    SuggestionKind.OPPORTUNITY_WITHOUT_NEXT_STEP: 7,
    SuggestionKind.NO_EXECUTIVE_SPONSOR: 14,
    SuggestionKind.SINGLE_THREADED: 21,
}
PLANNED_TIERS = ("key", "candidate")  # regular accounts are watched by the numbers, without a plan


@dataclass
class OpenAction:
    id: object
    title: str
    owner: str | None  # Slack user id
    due: date | None


@dataclass
class OpenOpportunity:
    id: object
    name: str
    value: float
    next_step: str | None
    close_date: date | None


@dataclass
class SuggestedAction:
    kind: SuggestionKind
    text: str
    reason: str
    priority: int  # 1 urgent .. 4 low
    due: date | None
    owner_user_id: str | None
    stakeholder_id: object = None
    action_id: object = None
    opportunity_id: object = None


# --------------------------------------------------------------------------- wording

_WEEKDAY_ABBR = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def human_day(d: date, today: date) -> str:
    """'Fri 27 Nov', with the year when it is not this year (locale-independent)."""
    text = f"{_WEEKDAY_ABBR[d.weekday()]} {d.day} {_MONTH_ABBR[d.month - 1]}"
    return text if d.year == today.year else f"{text} {d.year}"


def _days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


def _when(d: date, today: date) -> str:
    """'today', 'tomorrow', 'on Fri 27 Nov (in 4 days)'."""
    delta = (d - today).days
    if delta == 0:
        return "today"
    if delta == 1:
        return "tomorrow"
    return f"on {human_day(d, today)} (in {_days(delta)})"


def _in(today: date, kind: SuggestionKind) -> date:
    return today + timedelta(days=SUGGESTION_DUE_DAYS[kind])


def _who(s: StakeholderView) -> str:
    """'Ana Ruiz is the economic buyer (influence 5)' or 'Ana Ruiz (CFO, influence 4)'."""
    if s.role != DecisionRole.UNKNOWN:
        return f"{s.name} is the {s.role.label.lower()} (influence {s.influence})"
    detail = f"{s.title}, influence {s.influence}" if s.title else f"influence {s.influence}"
    return f"{s.name} ({detail})"


# --------------------------------------------------------------------------- rules


def _action_suggestions(actions: Iterable[OpenAction], today: date) -> list[SuggestedAction]:
    suggestions = []
    for action in actions:
        if action.due is None:
            continue
        delta = (action.due - today).days
        if delta < 0:
            very = is_very_overdue(action.due, today)  # a promise this old: done, dropped or due again?
            suggestions.append(SuggestedAction(
                SuggestionKind.OVERDUE_ACTION, f"Chase: {action.title}",
                f"'{action.title}' was due {human_day(action.due, today)} and is {_days(-delta)} overdue."
                + (" Close it if it was done or dropped, or give it a new date." if very else ""),
                URGENT, action.due, action.owner, action_id=action.id))
        elif delta <= DUE_SOON_DAYS:
            suggestions.append(SuggestedAction(
                SuggestionKind.ACTION_DUE_SOON, action.title,
                f"'{action.title}' is due {_when(action.due, today)}.",
                HIGH if delta <= 1 else NORMAL, action.due, action.owner, action_id=action.id))
    return suggestions


def _cold_reason(cold: ColdContact, tier: str) -> str:
    s = cold.stakeholder
    who = "influential people" if s.influence >= 4 else "contacts"
    gap = ("has never been contacted" if cold.days_since is None
           else f"has had no contact for {cold.days_since} days")
    return f"{_who(s)} and {gap}; on a {tier} account, {who} go cold after {cold.threshold} days."


def _cold_suggestions(stakeholders: list[StakeholderView], tier: str, today: date,
                      kam_user_id: str | None) -> list[SuggestedAction]:
    return [
        SuggestedAction(
            SuggestionKind.COLD_KEY_PERSON, f"Reconnect with {c.stakeholder.display}", _cold_reason(c, tier),
            HIGH if c.stakeholder.role in DECIDING_ROLES else NORMAL, _in(today, SuggestionKind.COLD_KEY_PERSON),
            c.stakeholder.owner_user_id or kam_user_id, stakeholder_id=c.stakeholder.id)
        for c in cold_key_people(stakeholders, tier, today)
    ]


def _detractor_suggestions(stakeholders: list[StakeholderView], today: date,
                           kam_user_id: str | None) -> list[SuggestedAction]:
    return [
        SuggestedAction(
            SuggestionKind.INFLUENTIAL_DETRACTOR, f"Win over {s.display}",
            f"{s.name} has influence {s.influence} and is {ATTITUDE_LABELS[s.attitude].lower()} ({s.attitude:+d}); "
            "an influential detractor can stall or block the deal.",
            HIGH, _in(today, SuggestionKind.INFLUENTIAL_DETRACTOR), s.owner_user_id or kam_user_id,
            stakeholder_id=s.id)
        for s in sorted(stakeholders, key=lambda s: (s.attitude, -s.influence, s.name))
        if is_influential_detractor(s)
    ]


_UNCOVERED_WHY = {
    DecisionRole.ECONOMIC_BUYER: "we don't know who signs off the budget",
    DecisionRole.DECISION_MAKER: "we don't know who makes the final call",
}


def _uncovered_suggestions(stakeholders: list[StakeholderView], today: date,
                           kam_user_id: str | None) -> list[SuggestedAction]:
    return [
        SuggestedAction(
            SuggestionKind.UNCOVERED_ROLE, f"Find and map the {role.label.lower()}",
            f"No one on the stakeholder map is the {role.label.lower()}, so {_UNCOVERED_WHY[role]}.",
            HIGH if role == DecisionRole.ECONOMIC_BUYER else NORMAL, _in(today, SuggestionKind.UNCOVERED_ROLE),
            kam_user_id)
        for role in missing_roles(stakeholders)
    ]


def _sponsor_suggestions(executive_sponsor_user_id: str | None, tier: str, today: date,
                         kam_user_id: str | None) -> list[SuggestedAction]:
    if executive_sponsor_user_id or str(getattr(tier, "value", tier)) not in PLANNED_TIERS:
        return []
    return [SuggestedAction(SuggestionKind.NO_EXECUTIVE_SPONSOR, "Ask a senior leader to sponsor the account",
                            f"A {tier} account has no executive sponsor on our side: no one senior to meet their "
                            "executives, approve tier changes or take escalations.",
                            HIGH if str(getattr(tier, "value", tier)) == "key" else NORMAL,
                            _in(today, SuggestionKind.NO_EXECUTIVE_SPONSOR), kam_user_id)]


def _single_thread_suggestions(stakeholders: list[StakeholderView], tier: str, today: date,
                               kam_user_id: str | None) -> list[SuggestedAction]:
    """One of ours holds every owned relationship (of two or more people): add a second owner."""
    if str(getattr(tier, "value", tier)) not in PLANNED_TIERS:
        return []
    owned = [s for s in stakeholders if s.owner_user_id]
    owners = {s.owner_user_id for s in owned}
    if len(owned) < 2 or len(owners) != 1:
        return []
    owner = next(iter(owners))
    return [SuggestedAction(SuggestionKind.SINGLE_THREADED, "Give a second colleague a relationship at the account",
                            f"One colleague holds all {len(owned)} owned relationships at the account; if they leave "
                            "or are away, the account goes dark.", NORMAL, _in(today, SuggestionKind.SINGLE_THREADED), owner)]


def _plan_suggestions(plan_last_updated: date | None, tier: str, today: date,
                      kam_user_id: str | None) -> list[SuggestedAction]:
    if str(getattr(tier, "value", tier)) not in PLANNED_TIERS:
        return []
    staleness = plan_staleness(plan_last_updated, tier, today)
    if not staleness.is_stale:
        return []
    due = _in(today, SuggestionKind.STALE_PLAN)
    if staleness.days_since is None:
        return [SuggestedAction(SuggestionKind.STALE_PLAN, "Write the account plan",
                                f"There is no account plan yet; a {tier} account needs one, reviewed at least every "
                                f"{staleness.threshold} days.", NORMAL, due, kam_user_id)]
    return [SuggestedAction(SuggestionKind.STALE_PLAN, "Update the account plan",
                            f"The account plan was last updated {staleness.days_since} days ago; plans for {tier} "
                            f"accounts go stale after {staleness.threshold}.", LOW, due, kam_user_id)]


def _review_suggestions(next_review_due: date | None, today: date, executive_sponsor_user_id: str | None,
                        kam_user_id: str | None, tier: str = "key") -> list[SuggestedAction]:
    if next_review_due is None:
        return []
    delta = (next_review_due - today).days
    if delta < 0:
        if str(getattr(tier, "value", tier)) != "key":  # escalation is for key accounts only
            escalation = ""
        elif executive_sponsor_user_id:
            escalation = "; overdue reviews are escalated to the executive sponsor"
        else:
            escalation = "; there is no executive sponsor to escalate to"
        return [SuggestedAction(SuggestionKind.REVIEW_OVERDUE, "Hold the overdue account review",
                                f"The account review was due {human_day(next_review_due, today)} "
                                f"({_days(-delta)} ago){escalation}.", URGENT, today, kam_user_id)]
    if delta <= REVIEW_WARNING_DAYS:
        return [SuggestedAction(SuggestionKind.REVIEW_DUE, "Prepare the account review",
                                f"The account review is due {_when(next_review_due, today)}.",
                                HIGH if delta <= 3 else NORMAL, next_review_due, kam_user_id)]
    return []


def _condition_suggestions(missed: Iterable[ConditionState], today: date,
                           kam_user_id: str | None) -> list[SuggestedAction]:
    """An approval condition past its date and not met (e.g. no account plan 60 days after approval)."""
    return [SuggestedAction(SuggestionKind.MISSED_CONDITION, f"Meet the approval condition: {s.condition.text}",
                            f"The account was made key on condition: “{s.condition.text}”. It was due "
                            f"{human_day(s.condition.due_on, today)} ({_days(s.days_late)} ago) and is not met.",
                            HIGH, today, kam_user_id)
            for s in missed if s.missed]


def _opportunity_suggestions(opportunities: Iterable[OpenOpportunity], today: date,
                             kam_user_id: str | None) -> list[SuggestedAction]:
    suggestions = []
    for opp in opportunities:
        if opp.next_step and opp.next_step.strip():
            continue
        value = f"{opp.value:,.0f}"
        due = _in(today, SuggestionKind.OPPORTUNITY_WITHOUT_NEXT_STEP)
        if opp.close_date is None:
            closes, priority = "has no close date", NORMAL
        elif opp.close_date < today:
            closes, priority, due = f"was due to close {human_day(opp.close_date, today)}", HIGH, today
        else:
            closes = f"closes {_when(opp.close_date, today)}"
            priority = HIGH if (opp.close_date - today).days <= CLOSING_SOON_DAYS else NORMAL
            due = min(due, opp.close_date)
        suggestions.append(SuggestedAction(
            SuggestionKind.OPPORTUNITY_WITHOUT_NEXT_STEP, f"Agree a next step for {opp.name}",
            f"The {opp.name} opportunity (value {value}) {closes} and has no next step recorded.",
            priority, due, kam_user_id, opportunity_id=opp.id))
    return suggestions


_KIND_ORDER = {kind: i for i, kind in enumerate(SuggestionKind)}


def rule_based_next_actions(
    today: date,
    tier: str,
    actions: Iterable[OpenAction],
    stakeholders: Iterable[StakeholderView],
    next_review_due: date | None,
    plan_last_updated: date | None,
    opportunities: Iterable[OpenOpportunity],
    executive_sponsor_user_id: str | None,
    kam_user_id: str | None = None,
    missed_conditions: Iterable[ConditionState] = (),
) -> list[SuggestedAction]:
    """What to do next on an account, most urgent first (priority, then due date).

    Suggestions with no natural owner (a role to map, the plan, the review) go to
    `kam_user_id`; a cold or hostile stakeholder goes to their relationship owner first.
    """
    people = list(stakeholders)
    suggestions = [
        *_action_suggestions(actions, today),
        *_review_suggestions(next_review_due, today, executive_sponsor_user_id, kam_user_id, tier),
        *_condition_suggestions(missed_conditions, today, kam_user_id),
        *_cold_suggestions(people, tier, today, kam_user_id),
        *_detractor_suggestions(people, today, kam_user_id),
        *_uncovered_suggestions(people, today, kam_user_id),
        *_opportunity_suggestions(opportunities, today, kam_user_id),
        *_sponsor_suggestions(executive_sponsor_user_id, tier, today, kam_user_id),
        *_single_thread_suggestions(people, tier, today, kam_user_id),
        *_plan_suggestions(plan_last_updated, tier, today, kam_user_id),
    ]
    return sorted(suggestions, key=lambda s: (not _very_overdue_action(s, today), s.priority, s.due or date.max,
                                              _KIND_ORDER[s.kind], s.text))


def _very_overdue_action(s: SuggestedAction, today: date) -> bool:
    """Very overdue actions (rules.overdue) come first, before anything else urgent."""
    return s.kind == SuggestionKind.OVERDUE_ACTION and is_very_overdue(s.due, today)
