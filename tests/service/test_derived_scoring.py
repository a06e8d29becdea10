"""Day one on real databases: the day-one template in force with no criteria chosen, scores derived
from imported-like data, a person's score winning, the scoring queue and the derived-only count."""
from __future__ import annotations

from datetime import date, timedelta

from sqlmodel import Session, func, select

from bot.render.home import SCORE_NEXT, home_view
from bot.render.selection import PLAIN, portfolio_doc, score_doc, as_text
from bot.wiring import to_text
from kam_domain.models import Account, Criterion, Financial, Interaction, Score
from kam_domain.services import effective_scores, portfolio, queries, selection
from kam_domain.services.accounts import account_card, list_accounts
from kam_domain.services.authz import Actor
from kam_domain.services.home import my_accounts
from kam_domain.store.uow import UnitOfWork
from support.builders import add_account, add_criteria, add_financials, add_member, add_scores, add_stakeholder
from support.constants import NOW, TODAY

TEAM = "T_DAYONE"
ADMIN = Actor(TEAM, "U0ADMIN", is_admin=True)
KAM = Actor(TEAM, "U_ALICE")
BOB = Actor(TEAM, "U_BOB")
QUARTERS = ["2024-Q4", "2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"]


def uow(engine) -> UnitOfWork:
    return UnitOfWork(engine)


def _quarters(before: float, after: float, cost_share: float) -> list[tuple[str, float, float]]:
    return [(q, before, before * cost_share) for q in QUARTERS[:4]] + \
           [(q, after, after * cost_share) for q in QUARTERS[4:]]


def _people(session, account: Account, count: int, attitude: int, last: date | None, level: str = "multiple"):
    for i in range(count):
        add_stakeholder(session, account, f"Person {i} of {account.name}", influence=3 + i % 3, attitude=attitude,
                        contact_level=level, last_contact_on=last)


def _meeting(session, account: Account, on: date, sentiment: int) -> None:
    session.add(Interaction(team_id=account.team_id, account_id=account.id, occurred_on=on, summary="met",
                            sentiment=sentiment, logged_by="U_ALICE"))


def seed(engine) -> dict[str, int]:
    """What an import gives: customer sizes, 8 quarters, contacts with attitudes, meetings. No criteria, no scores."""
    with Session(engine) as session:
        strategic = add_account(session, TEAM, "Strategic Big AG", tier="key", owner_user_id="U_ALICE",
                                customer_annual_revenue=2e9, customer_rating=9)
        add_financials(session, strategic, _quarters(900, 1200, 0.6))
        _people(session, strategic, 7, 2, TODAY - timedelta(days=20))
        _meeting(session, strategic, TODAY - timedelta(days=20), 2)

        star = add_account(session, TEAM, "Star Weak BV", tier="candidate", owner_user_id="U_ALICE",
                           customer_annual_revenue=1.5e9, customer_rating=3)
        add_financials(session, star, _quarters(700, 900, 0.62))
        _people(session, star, 1, -1, TODAY - timedelta(days=300), level="brief")

        status = add_account(session, TEAM, "Status Loyal SA", owner_user_id="U_BOB",
                             customer_annual_revenue=20e6, customer_rating=8)
        add_member(session, status, "U_ALICE")
        add_financials(session, status, _quarters(200, 190, 0.85))
        _people(session, status, 6, 2, TODAY - timedelta(days=10))

        streamline = add_account(session, TEAM, "Streamline Small Oy", owner_user_id="U_BOB",
                                 customer_annual_revenue=5e6, customer_rating=2)
        add_financials(session, streamline, _quarters(100, 60, 1.05))
        _people(session, streamline, 1, -2, TODAY - timedelta(days=500), level="brief")
        _meeting(session, streamline, TODAY - timedelta(days=200), -2)

        filler = add_account(session, TEAM, "Middle Filler GmbH", owner_user_id="U_BOB",
                             customer_annual_revenue=100e6)
        add_financials(session, filler, _quarters(400, 400, 0.75))

        nothing = add_account(session, TEAM, "No Data Inc", owner_user_id="U_ALICE")
        session.commit()
        return {"strategic": strategic.id, "star": star.id, "status": status.id, "streamline": streamline.id,
                "filler": filler.id, "nothing": nothing.id}


def overview(engine, actor=KAM) -> portfolio.PortfolioReport:
    return portfolio.portfolio_overview(uow(engine), actor, today=TODAY)


def test_a_fresh_workspace_with_imported_data_and_no_scores_is_placed_in_the_matrix(engine):
    seed(engine)
    report = overview(engine)
    quadrants = {p.name: p.quadrant for p in report.points}
    assert quadrants == {"Strategic Big AG": "strategic", "Star Weak BV": "star", "Status Loyal SA": "status",
                         "Streamline Small Oy": "streamline", "Middle Filler GmbH": None, "No Data Inc": None}
    assert len({q for q in quadrants.values() if q}) >= 3
    assert report.unplaced == ["Middle Filler GmbH", "No Data Inc"]  # no strength data: waits for a person
    assert report.default_criteria and report.has_criteria
    assert sorted(report.derived_only) == ["Star Weak BV", "Status Loyal SA", "Strategic Big AG",
                                           "Streamline Small Oy"]
    assert all(p.derived_only == (p.quadrant is not None) for p in report.points)
    with Session(engine) as session:  # derived scores are computed, never stored
        assert session.exec(select(func.count()).select_from(Score)).one() == 0
        assert session.exec(select(func.count()).select_from(Criterion)).one() == 0
    text = as_text(portfolio_doc(report, PLAIN))
    assert "Placed from data only: 4 of 4; score the judgement criteria to confirm them" in text
    assert "Strategic Big AG°" in text and "day-one template" in text


def test_the_score_card_says_where_each_value_comes_from_and_what_waits(engine):
    ids = seed(engine)
    card = selection.score_card(uow(engine), KAM, "strategic big", today=TODAY)
    by_key = {c.key: c for c in card.criteria}
    assert card.default_criteria and card.quadrant == "Strategic" and card.derived_only
    assert by_key["profit_margin"].source == "derived" and by_key["profit_margin"].value is None
    assert by_key["profit_margin"].provenance == "from financials, 2025-Q4..2026-Q3: margin 40%"
    assert by_key["revenue_growth"].provenance == "from financials, 2025-Q4..2026-Q3 against 2024-Q4..2025-Q3: +33%"
    assert by_key["revenue_to_us"].provenance.endswith("#1 of 5 accounts")
    assert by_key["relationship_breadth"].provenance == "from 7 known people: 7 with real contact"
    assert by_key["contact_recency"].provenance == f"last met {TODAY - timedelta(days=20)} (20 days ago)"
    assert by_key["stakeholder_sentiment"].derived == 10
    assert by_key["customer_rating_of_us"].derived == 9
    assert [c.key for c in card.waiting] == ["product_fit", "revenue_potential", "relationship_strength"]
    text = to_text(card)
    assert "Profit margin (×2): 10 · from data: from financials, 2025-Q4..2026-Q3: margin 40%" in text
    assert "Waiting for a person" in text and "Product fit, Revenue potential, Relationship strength" in text
    assert "Placed from data only" in text
    nothing = selection.score_card_by_id(uow(engine), KAM, ids["nothing"], today=TODAY)
    assert nothing.quadrant is None and len(nothing.waiting) == 12  # no data: no score, never a middle value


def test_a_persons_score_wins_and_a_later_data_change_does_not_touch_it(engine):
    ids = seed(engine)
    card = selection.set_scores(uow(engine), KAM, ids["strategic"], {"customer_rating_of_us": 2, "product_fit": 8},
                                NOW)
    rating = next(c for c in card.criteria if c.key == "customer_rating_of_us")
    assert (rating.effective, rating.source, rating.derived, rating.scored_by) == (2, "person", 9, "U_ALICE")
    assert "scored by U_ALICE on 2026-11-23 (data says 9)" in to_text(card)
    with Session(engine) as session:  # the data changes: a re-import with a new rating and a new quarter
        account = session.get(Account, ids["strategic"])
        account.customer_rating = 10
        session.add(account)
        session.add(Financial(team_id=TEAM, account_id=account.id, period="2026-Q4", revenue=5000, cost_to_serve=100))
        session.commit()
    card = selection.score_card_by_id(uow(engine), KAM, ids["strategic"], today=TODAY)
    rating = next(c for c in card.criteria if c.key == "customer_rating_of_us")
    assert (rating.effective, rating.source, rating.derived) == (2, "person", 10)
    assert not card.derived_only
    with Session(engine) as session:
        assert sorted(session.exec(select(Score.value)).all()) == [2, 8]  # only what the person gave
    report = overview(engine)
    assert "Strategic Big AG" not in report.derived_only and len(report.derived_only) == 3


def test_a_workspace_that_chose_criteria_keeps_them_and_the_data_fills_what_it_can(engine):
    ids = seed(engine)
    with Session(engine) as session:
        c = add_criteria(session, TEAM, [("product_fit", 3, "attractiveness"), ("profit_margin", 2, "attractiveness"),
                                         ("relationship_strength", 2, "strength")])
        add_scores(session, session.get(Account, ids["star"]), c, {"product_fit": 9, "relationship_strength": 2})
        session.commit()
    with Session(engine) as session:
        assert [d.key for d in queries.criteria_defs(session, TEAM)] == ["product_fit", "profit_margin",
                                                                         "relationship_strength"]
    report = overview(engine)
    star = next(p for p in report.points if p.name == "Star Weak BV")
    assert star.quadrant == "star" and not star.derived_only and not report.default_criteria
    assert report.unplaced == sorted(p.name for p in report.points if p.name != "Star Weak BV")


def test_the_account_card_and_the_key_list_use_the_effective_scores(engine):
    seed(engine)
    card = account_card(uow(engine), KAM, "status loyal", TODAY)
    assert card.quadrant == "Status" and card.derived_only
    assert card.scored_by_people == 0 and card.scored_from_data == 9
    assert card.waiting_criteria == ["Product fit", "Revenue potential", "Relationship strength"]
    assert "from data only" in to_text(card)
    rows = list_accounts(uow(engine), KAM, "all").rows
    assert [r.name for r in rows][:2] == ["Strategic Big AG", "Star Weak BV"]  # ranked with no manual score
    assert all(r.weighted_score is not None for r in rows if r.name != "No Data Inc")
    assert {r.name for r in rows if r.derived_only} == {"Strategic Big AG", "Star Weak BV", "Status Loyal SA",
                                                        "Streamline Small Oy"}


def test_the_scoring_queue_lists_my_accounts_key_and_candidates_first(engine):
    ids = seed(engine)
    queue = effective_scores.scoring_queue(uow(engine), KAM, TODAY)
    # Alice owns Strategic, Star and No Data, and is on the team of Status; Bob's other accounts are not hers
    assert [a.name for a in queue.accounts] == ["Strategic Big AG", "Star Weak BV", "Status Loyal SA", "No Data Inc"]
    assert queue.total_accounts == 4
    assert queue.accounts[0].waiting == ["Product fit", "Revenue potential", "Relationship strength"]
    assert queue.accounts[-1].waiting_keys[:2] == ["revenue_to_us", "profit_margin"]  # no data: all wait
    assert queue.by_criterion[:3] == [("Product fit", 4), ("Revenue potential", 4), ("Relationship strength", 4)]
    assert [a.placed for a in queue.accounts] == [True, True, True, False]
    selection.set_scores(uow(engine), KAM, ids["strategic"],
                         {"product_fit": 8, "revenue_potential": 7, "relationship_strength": 9}, NOW)
    queue = effective_scores.scoring_queue(uow(engine), KAM, TODAY)
    assert queue.next_account.name == "Star Weak BV" and ("Product fit", 3) in queue.by_criterion
    # all regular: the highest (effective) weighted score first
    assert [a.name for a in effective_scores.scoring_queue(uow(engine), BOB, TODAY).accounts] == [
        "Middle Filler GmbH", "Status Loyal SA", "Streamline Small Oy"]


def test_the_app_home_shows_the_scoring_queue_with_a_button_for_the_next_account(engine):
    ids = seed(engine)
    summary = my_accounts(uow(engine), KAM, TODAY)
    view = home_view(summary)
    texts = [b["text"]["text"] for b in view["blocks"] if b["type"] == "section"]
    queue_text = next(t for t in texts if "wait for scores" in t)
    assert queue_text.startswith("*4 of your 4 accounts wait for scores:* product fit (4), revenue potential (4)")
    button = next(b["accessory"] for b in view["blocks"] if (b.get("accessory") or {}).get("action_id") == SCORE_NEXT)
    assert button["value"] == f"score #{ids['strategic']}" and button["text"]["text"] == "Score the next one"
    assert not any(b["type"] == "header" and b["text"]["text"] == "Set-up left to do" for b in view["blocks"])
    admin_view = home_view(summary, setup=[("2 account owners are not linked to Slack users",
                                            "kam import users FILE.csv"), "Key accounts without a sponsor: 3"])
    assert admin_view["blocks"][0]["text"]["text"] == "Set-up left to do"
    assert "`kam import users FILE.csv`" in admin_view["blocks"][1]["text"]["text"]


def test_switching_the_template_says_how_many_accounts_stay_placed(engine):
    seed(engine)
    view = selection.apply_template(uow(engine), ADMIN, "classic", today=TODAY)
    assert (view.placed_before, view.placed_after) == ((4, 6), (0, 6))  # classic has no derivable criterion
    assert not view.default
    view = selection.apply_template(uow(engine), ADMIN, "day-one", today=TODAY)
    assert (view.placed_before, view.placed_after) == ((0, 6), (4, 6))
    assert "On the matrix: 4 of 6 accounts now, 0 before" in to_text(view)
    shown = selection.show_criteria(uow(engine), ADMIN)
    assert "day_one" in [t.name for t in shown.templates]
