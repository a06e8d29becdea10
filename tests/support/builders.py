"""Small builders for test data, written through the real models."""
from __future__ import annotations

from datetime import date

from kam_domain.models import Account, Criterion, Financial, Score, Stakeholder, TeamMember
from kam_domain.rules.names import normalize_account_name, normalize_person_name
from kam_domain.services.workspaces import ensure_workspace


def add_account(session, team_id: str, name: str, tier: str = "regular", **fields) -> Account:
    ensure_workspace(session, team_id)
    account = Account(team_id=team_id, name=name, normalized_name=normalize_account_name(name), tier=tier, **fields)
    session.add(account)
    session.flush()
    return account


def add_member(session, account: Account, user_id: str, role: str = "member") -> TeamMember:
    member = TeamMember(team_id=account.team_id, account_id=account.id, user_id=user_id, role=role)
    session.add(member)
    session.flush()
    return member


def add_stakeholder(session, account: Account, name: str, **fields) -> Stakeholder:
    person = Stakeholder(team_id=account.team_id, account_id=account.id, name=name,
                         normalized_name=normalize_person_name(name), **fields)
    session.add(person)
    session.flush()
    return person


def add_financials(session, account: Account, rows: list[tuple[str, float, float]]) -> None:
    for period, revenue, cost in rows:
        session.add(Financial(team_id=account.team_id, account_id=account.id, period=period, revenue=revenue,
                              cost_to_serve=cost))
    session.flush()


def add_criteria(session, team_id: str, specs: list[tuple[str, float, str]]) -> dict[str, Criterion]:
    ensure_workspace(session, team_id)
    made = {}
    for position, (key, weight, axis) in enumerate(specs):
        criterion = Criterion(team_id=team_id, key=key, label=key.replace("_", " ").capitalize(), weight=weight,
                              axis=axis, position=position)
        session.add(criterion)
        made[key] = criterion
    session.flush()
    return made


def add_scores(session, account: Account, criteria: dict[str, Criterion], values: dict[str, int],
               by: str = "U0KAM") -> None:
    for key, value in values.items():
        session.add(Score(team_id=account.team_id, account_id=account.id, criterion_id=criteria[key].id,
                          value=value, scored_by=by))
    session.flush()


def two_workspaces_with_borealis(session) -> tuple[Account, Account]:
    """Same-named accounts in two workspaces: the isolation fixture."""
    alpha = add_account(session, "T_ALPHA", "Borealis Logistics GmbH", tier="key", owner_user_id="U_ALICE",
                        customer_annual_revenue=900e6, industry="Logistics", country="Germany")
    beta = add_account(session, "T_BETA", "Borealis Logistics GmbH", tier="regular", owner_user_id="U_BETAUSER",
                       industry="Secret Beta Industry", country="Beta Country")
    add_stakeholder(session, alpha, "Lars Henriksen", title="COO", role="decision_maker", influence=5, attitude=1,
                    owner_user_id="U_ALICE", last_contact_on=date(2026, 11, 1))
    add_stakeholder(session, beta, "Beta Secret Person", title="CEO", role="economic_buyer", influence=5,
                    attitude=-2)
    return alpha, beta
