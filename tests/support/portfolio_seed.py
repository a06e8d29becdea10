"""A small portfolio for the portfolio-question scenarios (issue 16, class 2): each account is there to be
listed by some questions and left out by others. U_ALICE (the scenarios' default user) is on no account
team: the restricted account is hidden from her; T_BETA's account must never show in T_ALPHA."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlmodel import Session

from kam_domain.models import OwnerLink, QuadrantSnapshot, Review
from kam_domain.services.portfolio_coverage import quarter_start
from support.builders import add_account, add_criteria, add_financials, add_scores, add_stakeholder
from support.constants import NOW, TODAY

BEFORE = ["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"]
THIS_YEAR = ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]
HIDDEN = "Quiet Merger Target"
BETA = "Beta Only Account"

# name -> tier, quarterly revenue last year, this year, quarterly cost this year, fields
ACCOUNTS = {
    "Borealis Logistics": ("key", 100, 150, 60, {"owner_user_id": "U_CARL", "sponsor_user_id": "U_VP",
                                                  "channel_id": "C_BOREALIS", "plan_updated_at": NOW}),
    "Acme Retail Group": ("key", 200, 160, 190, {"owner_user_id": "U_ANNA"}),
    "Helios Foods": ("regular", 80, 104, 95, {}),
    "Nordic Paper": ("regular", 90, 54, 20, {}),
    "Vantor Energy": ("key", 120, 126, 30, {"owner_user_id": "U_CARL", "sponsor_user_id": "U_ANNA",
                                            "channel_id": "C_VANTOR", "plan_updated_at": NOW}),
    HIDDEN: ("key", 40, 100, 120, {"owner_user_id": "U_ANNA", "restricted": True}),
}


@dataclass
class Seeded:
    ids: dict[str, int]


def seed_portfolio(session: Session) -> Seeded:
    ids = {}
    for name, (tier, before, now, cost, fields) in ACCOUNTS.items():
        account = add_account(session, "T_ALPHA", name, tier=tier, **fields)
        add_financials(session, account, [(p, before, before / 2) for p in BEFORE] + [(p, now, cost) for p in THIS_YEAR])
        ids[name] = account.id
    beta = add_account(session, "T_BETA", BETA, tier="key")
    add_financials(session, beta, [(p, 10, 1) for p in BEFORE] + [(p, 90, 200) for p in THIS_YEAR])
    ids[BETA] = beta.id
    _people(session, ids)
    _reviews(session, ids)
    _quadrants(session, ids)
    session.add(OwnerLink(team_id="T_ALPHA", crm_owner_key="anna keller", crm_owner_name="Anna Keller",
                          user_id="U_ANNA"))
    session.flush()
    return Seeded(ids)


def _account(session, ids, name):
    from kam_domain.models import Account

    return session.get(Account, ids[name])


def _people(session, ids) -> None:
    add_stakeholder(session, _account(session, ids, "Acme Retail Group"), "Tom Ruiz", title="CFO", influence=5,
                    role="economic_buyer", last_contact_on=TODAY - timedelta(days=100))
    add_stakeholder(session, _account(session, ids, "Borealis Logistics"), "Lars Berg", title="COO", influence=5,
                    role="decision_maker", last_contact_on=TODAY - timedelta(days=5))
    add_stakeholder(session, _account(session, ids, HIDDEN), "Hidden Person", title="CEO", influence=5,
                    role="economic_buyer")
    add_stakeholder(session, _account(session, ids, BETA), "Beta Buyer", title="CEO", influence=5,
                    role="economic_buyer")


def _reviews(session, ids) -> None:
    for name, ratings in {"Acme Retail Group": (4, 2), "Borealis Logistics": (2, 4), HIDDEN: (5, 1)}.items():
        for month, rating in enumerate(ratings, start=1):
            session.add(Review(team_id="T_ALPHA", account_id=ids[name], due_on=TODAY, checklist={},
                               done_at=datetime(2026, month, 1, tzinfo=timezone.utc), engagement_rating=rating,
                               loyalty_rating=3))


QUADRANTS_NOW = {"Borealis Logistics": (9, 9), "Vantor Energy": (9, 2), HIDDEN: (2, 2)}
QUADRANTS_BEFORE = {"Borealis Logistics": "star", "Vantor Energy": "star", HIDDEN: "strategic"}


def _quadrants(session, ids) -> None:
    criteria = add_criteria(session, "T_ALPHA", [("size", 1, "attractiveness"), ("relationship", 1, "strength")])
    for name, (size, relationship) in QUADRANTS_NOW.items():
        add_scores(session, _account(session, ids, name), criteria, {"size": size, "relationship": relationship})
        session.add(QuadrantSnapshot(team_id="T_ALPHA", week_start=quarter_start(TODAY) - timedelta(days=3),
                                     account_id=ids[name], tier="key", quadrant=QUADRANTS_BEFORE[name]))


ALL_NAMES = set(ACCOUNTS) | {BETA}

# what each question must list, and what it must leave out (of the accounts U_ALICE may read, plus the others')
EXPECTED = {
    "growth non-key": {"Helios Foods"},
    "growth decliners": {"Acme Retail Group", "Nordic Paper"},
    "margins loss": {"Acme Retail Group"},
    "trends": {"Acme Retail Group"},
    "gaps plan": {"Acme Retail Group"},
    "gaps sponsor": {"Acme Retail Group"},
    "cold key": {"Acme Retail Group"},
    "movers": {"Borealis Logistics"},
    "owned-by Anna Keller key": {"Acme Retail Group", "Vantor Energy"},
}
