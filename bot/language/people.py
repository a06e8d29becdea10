""""Who's the EB at Vantor?", "the CFO at Acme": the stakeholder map, narrowed to the role or the
person asked about, under one line that answers the question."""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from bot.dispatch import run_command
from kam_domain.language.route import Route
from kam_domain.rules.relationships import DECIDING_ROLES, DecisionRole


@dataclass
class PeopleAnswer:
    headline: str
    details: Any  # the /kam stakeholders answer, narrowed when it could be
    found: bool


def people_answer(ctx, route: Route) -> PeopleAnswer:
    full = run_command(ctx, route.command_line)
    rows = _rows(full)
    if route.stakeholder_id is not None and not route.role_filter:
        return _about_person(route, full, rows)
    return _about_role(route, full, rows)


def _rows(stakeholder_map: Any) -> list[Any]:
    return [p for group in getattr(stakeholder_map, "groups", []) or [] for p in group.people]


def _narrowed(stakeholder_map: Any, keep: set[int]) -> Any:
    """The same map with only the people asked about (every gap kept: they are the point)."""
    try:
        groups = [replace(g, people=[p for p in g.people if p.id in keep]) for g in stakeholder_map.groups]
        return replace(stakeholder_map, groups=[g for g in groups if g.people])
    except (AttributeError, TypeError):
        return stakeholder_map


def roles_asked(route: Route) -> set[str]:
    role = DecisionRole(route.role_filter)
    if role == DecisionRole.DECISION_MAKER and route.role_plural:  # "the decision makers": everyone who decides
        return {r.value for r in DECIDING_ROLES}
    return {role.value}


def _about_role(route: Route, full: Any, rows: list[Any]) -> PeopleAnswer:
    roles = roles_asked(route)
    label = " or ".join(DecisionRole(r).label.lower() for r in sorted(roles, key=_order))
    account = route.account_name or "this account"
    matching = [p for p in rows if p.role in roles]
    if not matching:
        return PeopleAnswer(f"No {label} is known at {account} yet: that is a coverage gap. "
                            "Here is everyone on the map.", full, False)
    names = "; ".join(f"{p.display} ({p.role_label.lower()})" if len(roles) > 1 else p.display for p in matching)
    title = label[:1].upper() + label[1:]
    return PeopleAnswer(f"{title} at {account}: {names}.", _narrowed(full, {p.id for p in matching}), True)


def _about_person(route: Route, full: Any, rows: list[Any]) -> PeopleAnswer:
    person = next((p for p in rows if p.id == route.stakeholder_id), None)
    account = route.account_name or "this account"
    if person is None:
        return PeopleAnswer(f"{route.stakeholder_name} at {account}.", full, True)
    facts = [person.role_label, f"influence {person.influence}/5", f"attitude {person.attitude_label.lower()}"]
    if person.last_contact_on:
        facts.append(f"last contact {person.last_contact_on.isoformat()}")
    return PeopleAnswer(f"{person.display} at {account}: " + ", ".join(facts) + ".",
                        _narrowed(full, {person.id}), True)


def _order(role: str) -> int:
    from kam_domain.rules.relationships import ROLE_ORDER

    return [r.value for r in ROLE_ORDER].index(role)
