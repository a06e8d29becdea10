"""Portfolio analysis on real databases: matrix, 80/20, risks, gaps, potential, the criteria check, the chart."""
from __future__ import annotations

import io
from datetime import datetime, timezone

import pytest
from PIL import Image
from sqlmodel import Session, select

from kam_domain.models import Score, TierChange, Workspace
from kam_domain.services import portfolio
from kam_domain.services.authz import Actor
from kam_domain.store.uow import UnitOfWork
from support.builders import add_account, add_criteria, add_financials, add_scores

TEAM = "T_ALPHA"
ADMIN = Actor(TEAM, "U0ADMIN", is_admin=True)
KAM = Actor(TEAM, "U_ALICE")
QUARTERS = ["2024-Q4", "2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"]
SPECS = [("product_fit", 3, "attractiveness"), ("solvency", 2, "attractiveness"),
         ("relationship_strength", 2, "strength")]


def quarters(revenue_before: float, cost_before: float, revenue_after: float, cost_after: float):
    return [(q, revenue_before, cost_before) for q in QUARTERS[:4]] + \
           [(q, revenue_after, cost_after) for q in QUARTERS[4:]]


def seed(engine, cap: int = 35) -> None:
    """Big Key makes most of the profit; Rising Regular grows fast and is not key; Loss Key loses money."""
    with Session(engine) as session:
        c = add_criteria(session, TEAM, SPECS)
        session.get(Workspace, TEAM).key_account_cap = cap
        big = add_account(session, TEAM, "Big Key AG", tier="key", owner_user_id="U_ALICE", customer_rating=4.0,
                          potential_annual_value=6000)
        star = add_account(session, TEAM, "Star Key BV", tier="key", customer_rating=3.5)
        loss = add_account(session, TEAM, "Loss Key SA", tier="key")
        rising = add_account(session, TEAM, "Rising Regular Ltd", potential_annual_value=1000)
        small = add_account(session, TEAM, "Small Regular Oy")
        add_account(session, TEAM, "Unscored Inc")
        secret = add_account(session, TEAM, "Secret Restricted AB", tier="key", restricted=True,
                             owner_user_id="U_OTHER")
        add_scores(session, big, c, {"product_fit": 8, "solvency": 8, "relationship_strength": 8})
        add_scores(session, star, c, {"product_fit": 8, "solvency": 8, "relationship_strength": 3})
        add_scores(session, loss, c, {"product_fit": 3, "solvency": 3, "relationship_strength": 3})
        add_scores(session, rising, c, {"product_fit": 7, "solvency": 7, "relationship_strength": 7})
        add_scores(session, small, c, {"product_fit": 4, "solvency": 4, "relationship_strength": 7})
        add_scores(session, secret, c, {"product_fit": 9, "solvency": 9, "relationship_strength": 9})
        for row in session.exec(select(Score)).all():
            row.scored_at = datetime(2025, 1, 15, tzinfo=timezone.utc)  # in force at selection time
        add_financials(session, big, quarters(1000, 400, 1000, 400))  # profit 600 a quarter
        add_financials(session, star, quarters(200, 150, 200, 150))  # 50
        add_financials(session, loss, quarters(100, 140, 100, 150))  # -40 then -50
        add_financials(session, rising, quarters(100, 50, 400, 100))  # 50 then 300
        add_financials(session, small, quarters(30, 20, 30, 20))  # 10
        add_financials(session, secret, quarters(5000, 1000, 5000, 1000))
        session.commit()


def overview(engine, actor=KAM) -> portfolio.PortfolioReport:
    return portfolio.portfolio_overview(UnitOfWork(engine), actor)


def test_accounts_are_placed_in_quadrants_and_unscored_ones_listed(engine):
    seed(engine)
    report = overview(engine)
    counts = {q.label: (q.count, q.key_count) for q in report.quadrants}
    assert counts == {"Strategic": (2, 1), "Star": (1, 1), "Status": (1, 0), "Streamline": (1, 1)}
    assert report.unplaced == ["Unscored Inc"]
    assert report.periods == QUARTERS[4:]
    big = next(p for p in report.points if p.name == "Big Key AG")
    assert (big.quadrant, big.revenue, big.profit) == ("strategic", 4000, 2400)


def test_restricted_accounts_are_left_out_for_people_outside_their_team_but_count_for_the_cap(engine):
    seed(engine, cap=3)
    names = {p.name for p in overview(engine).points}
    assert "Secret Restricted AB" not in names
    report = overview(engine)
    assert (report.cap.key_count, report.cap.over, report.cap.over_by) == (4, True, 1)
    assert report.weakest_key[0][0] == "Loss Key SA"  # the weakest key account comes first
    assert "Secret Restricted AB" in {p.name for p in overview(engine, ADMIN).points}


def test_80_20_view_and_whether_the_profit_makers_are_key(engine):
    seed(engine)
    pareto = overview(engine).pareto
    assert [name for name, _, _ in pareto.top] == ["Big Key AG", "Rising Regular Ltd"]
    assert (pareto.key_in_top, pareto.top_not_key) == (["Big Key AG"], ["Rising Regular Ltd"])
    assert sorted(pareto.key_not_in_top) == ["Loss Key SA", "Star Key BV"]
    assert pareto.total_profit == pytest.approx(2400 + 1200 + 200 + 40)
    assert "1 of the 2 accounts that make the profit are key" in pareto.verdict


def test_concentration_gaps_potential_and_selection_warnings(engine):
    seed(engine)
    report = overview(engine)
    assert [(name, round(share, 3)) for name, share in report.concentration] == [("Big Key AG", 0.625),
                                                                              ("Rising Regular Ltd", 0.312)]
    assert [(g.name, g.ours, g.theirs) for g in report.gaps] == [("Big Key AG", 8.0, 4.0)]  # Star: 3 vs 3.5
    assert [(u.name, u.untapped) for u in report.untapped] == [("Big Key AG", 2000.0)]  # Rising: 1000 < 1600
    warnings = " ".join(report.warnings)
    assert "Key but in Streamline" in warnings and "Loss Key SA" in warnings
    assert "Strategic but not key: Rising Regular Ltd" in warnings
    assert "losing money" in warnings


def test_thresholds_come_from_the_workspace(engine):
    seed(engine)
    with Session(engine) as session:
        workspace = session.get(Workspace, TEAM)
        workspace.settings = {"concentration_share": 0.7, "perception_gap": 0.4}
        session.add(workspace)
        session.commit()
    report = overview(engine)
    assert report.concentration == []
    assert [g.name for g in report.gaps] == ["Big Key AG", "Star Key BV"]


def test_criteria_check_compares_key_accounts_with_the_rest(engine):
    seed(engine)
    check = portfolio.criteria_check(UnitOfWork(engine), KAM)
    assert (check.periods_before, check.periods_after) == (QUARTERS[:4], QUARTERS[4:])
    assert (check.key.accounts, check.rest.accounts) == (3, 2)
    assert check.rest.profit_growth > check.key.profit_growth
    assert any("did not outgrow" in f for f in check.findings)
    assert {u.name for u in check.underperformers} >= {"Loss Key SA"}
    product_fit = next(r for r in check.readings if r.key == "product_fit")
    assert product_fit.accounts == 5 and product_fit.spearman is not None


def test_criteria_check_reads_the_tier_history_from_approved_tier_changes(engine):
    seed(engine)
    with Session(engine) as session:
        rising = session.exec(select(portfolio.Account).where(portfolio.Account.name == "Rising Regular Ltd")).one()
        rising.tier = "key"
        session.add(TierChange(team_id=TEAM, account_id=rising.id, from_tier="regular", to_tier="key",
                               kind="nomination", reason="grows", requested_by="U_ALICE", status="approved",
                               decided_by="U0ADMIN", decided_at=datetime(2026, 1, 10, tzinfo=timezone.utc)))
        session.commit()
    check = portfolio.criteria_check(UnitOfWork(engine), KAM)
    assert (check.key.accounts, check.rest.accounts) == (3, 2)  # key only after the first window: still "rest"


def test_no_financial_history_says_what_to_do(engine):
    with Session(engine) as session:
        add_criteria(session, TEAM, SPECS)
        add_account(session, TEAM, "Lonely AG")
        session.commit()
    check = portfolio.criteria_check(UnitOfWork(engine), KAM)
    assert check.key is None and "import financials" in check.note
    report = overview(engine)
    assert report.pareto.top == [] and report.total_profit == 0


def test_chart_is_a_png_of_the_promised_size(engine):
    from bot.render.chart import ChartOptions, render_portfolio_png

    seed(engine)
    report = overview(engine, ADMIN)
    png = render_portfolio_png(report.points, ChartOptions(subtitle="test", notes=("one", "two")))
    image = Image.open(io.BytesIO(png))
    assert (image.format, image.size) == ("PNG", (1200, 900))
    empty = Image.open(io.BytesIO(render_portfolio_png([])))
    assert empty.size == (1200, 900)


def test_chart_copes_with_many_accounts_on_the_same_spot():
    from bot.render.chart import render_portfolio_png
    from kam_domain.services.portfolio import PortfolioPoint

    points = [PortfolioPoint(i, f"Account {i}", "key" if i < 3 else "regular", 5.0, 5.0, 5.0, "streamline",
                             1000.0, float(100 - i * 30), None, None) for i in range(30)]
    assert Image.open(io.BytesIO(render_portfolio_png(points))).size == (1200, 900)



def test_fast_current_scores_agree_with_the_account_card_query_including_ties(engine):
    from kam_domain.models import Criterion
    from kam_domain.services import queries

    seed(engine)
    tie = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)
    with Session(engine) as session:
        criteria = {c.key: c for c in session.exec(select(Criterion)).all()}
        big_id = session.exec(select(portfolio.Account.id).where(portfolio.Account.name == "Big Key AG")).one()
        for value in (2, 9, 5):  # three scores at the very same moment: the last written (highest id) wins
            session.add(Score(team_id=TEAM, account_id=big_id, criterion_id=criteria["solvency"].id, value=value,
                              scored_by="U_X", scored_at=tie))
        session.add(Score(team_id=TEAM, account_id=big_id, criterion_id=criteria["product_fit"].id, value=1,
                          scored_by="U_X", scored_at=datetime(2024, 1, 1, tzinfo=timezone.utc)))  # older: ignored
        session.commit()
        fast = portfolio.current_scores(session, TEAM)
        exact = queries.current_scores(session, TEAM)
    assert {a: dict(s) for a, s in fast.items()} == {a: dict(s) for a, s in exact.items()}
    assert fast[big_id] == {"product_fit": 8, "solvency": 5, "relationship_strength": 8}
