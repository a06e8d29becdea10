"""Criteria changes as a governed change, on SQLite and PostgreSQL: a preview that writes nothing,
a confirmation that carries scores over and is audited once; the customer's rating of us as one
value on every surface; the demo portfolio's chart with labels that do not overlap."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session, func, select

from kam_domain.errors import NotAllowed, UserError
from kam_domain.models import AuditEntry, Criterion, Score
from kam_domain.services import portfolio, selection
from kam_domain.services.authz import Actor
from kam_domain.store.uow import UnitOfWork
from support.builders import add_account, add_criteria, add_scores
from support.constants import NOW, TODAY

TEAM = "T_ALPHA"
ADMIN = Actor(TEAM, "U0ADMIN", is_admin=True)
KAM = Actor(TEAM, "U_ALICE")
SPECS = [("product_fit", 3, "attractiveness"), ("solvency", 2, "attractiveness"),
         ("existing_relationships", 2, "strength")]


def seed(engine) -> dict[str, int]:
    with Session(engine) as session:
        c = add_criteria(session, TEAM, SPECS)
        borealis = add_account(session, TEAM, "Borealis Logistics GmbH", tier="key", owner_user_id="U_ALICE",
                               customer_rating=8.0)
        helios = add_account(session, TEAM, "Helios Foods AG", owner_user_id="U_ALICE")
        orphan = add_account(session, TEAM, "Orphan Tools Ltd", owner_user_id="U_ALICE")
        beta = add_account(session, "T_BETA", "Secret Beta Corp")
        beta_c = add_criteria(session, "T_BETA", SPECS)
        add_scores(session, borealis, c, {"product_fit": 8, "solvency": 7, "existing_relationships": 8}, by="U_ALICE")
        add_scores(session, helios, c, {"product_fit": 7, "solvency": 5, "existing_relationships": 4}, by="U_ALICE")
        add_scores(session, orphan, c, {"product_fit": 6}, by="U_ALICE")
        add_scores(session, beta, beta_c, {"product_fit": 9, "solvency": 9, "existing_relationships": 9})
        for row in session.exec(select(Score)).all():
            row.scored_at = NOW - timedelta(days=30)
            session.add(row)
        session.commit()
        return {"borealis": borealis.id, "helios": helios.id, "orphan": orphan.id, "beta": beta.id}


def uow(engine) -> UnitOfWork:
    return UnitOfWork(engine)


def counts(engine) -> tuple[int, int, int]:
    with Session(engine) as session:
        return tuple(session.exec(select(func.count()).select_from(m)).one() for m in (Criterion, Score, AuditEntry))


def active_keys(engine, team=TEAM) -> list[str]:
    with Session(engine) as session:
        return [c.key for c in session.exec(select(Criterion).where(Criterion.team_id == team,
                                                                    Criterion.active == True)  # noqa: E712
                                            .order_by(Criterion.position)).all()]


def test_the_preview_says_who_moves_and_writes_nothing(engine):
    seed(engine)
    before = counts(engine)
    view = selection.preview_template(uow(engine), ADMIN, "attractiveness_8", today=TODAY)
    assert counts(engine) == before and active_keys(engine) == ["product_fit", "solvency", "existing_relationships"]
    p = view.preview
    assert (p.total, p.placed_before, p.placed_after) == (3, 2, 2)  # T_BETA's account is not counted
    assert [(m.name, m.before, m.after) for m in p.moved] == [("Helios Foods AG", "star", "streamline")]
    assert p.unplaced == () and p.placed == () and p.unchanged == 2
    assert view.confirm_line == "criteria template attractiveness confirm"
    assert ("Financial security and payment terms", "Solvency") in view.carried
    assert ("Relationship strength", "Existing relationships") in view.carried
    assert "Product fit" in view.removed and "Customer's rating of us" in view.derived


def test_confirming_switches_carries_scores_and_audits_once(engine):
    ids = seed(engine)
    _, scores_before, audits_before = counts(engine)
    view = selection.apply_template(uow(engine), ADMIN, "attractiveness", today=TODAY)
    assert view.changed == "Criteria set from the attractiveness template."
    assert view.placed_before == (2, 3) and view.placed_after == (2, 3)
    assert view.scores_carried == 4  # solvency and existing_relationships of Borealis and Helios (Orphan had neither)
    assert "financial_security_payment" in active_keys(engine) and "product_fit" not in active_keys(engine)
    with Session(engine) as session:
        fsp = session.exec(select(Criterion).where(Criterion.team_id == TEAM,
                                                   Criterion.key == "financial_security_payment")).one()
        carried = session.exec(select(Score).where(Score.criterion_id == fsp.id)).all()
        assert sorted((s.account_id, s.value, s.scored_by) for s in carried) == sorted(
            [(ids["borealis"], 7, "U_ALICE"), (ids["helios"], 5, "U_ALICE")])
        entries = session.exec(select(AuditEntry).where(AuditEntry.action == "criteria.changed")).all()
        assert len(entries) == 1 and counts(engine)[2] == audits_before + 1
        entry = entries[0]
        assert entry.actor == "U0ADMIN" and entry.reason == "template attractiveness"
        assert "existing_relationships=2:strength" in entry.before["criteria"]
        assert "relationship_strength=2:strength" in entry.after["criteria"]
        assert entry.after["preview"] == {"accounts": 3, "placed_before": 2, "placed_after": 2, "moved": 1,
                                          "unplaced": 0, "placed": 0, "key_affected": 0}
        assert entry.after["carried_over"] == {"financial_security_payment": "solvency",
                                               "relationship_strength": "existing_relationships"}
        # the other workspace is untouched
        assert session.exec(select(func.count()).select_from(Criterion).where(
            Criterion.team_id == "T_BETA", Criterion.active == True)).one() == 3  # noqa: E712
    assert counts(engine)[1] == scores_before + 4
    card = selection.score_card(uow(engine), KAM, "borealis", today=TODAY)
    by_key = {c.key: c for c in card.criteria}
    assert by_key["relationship_strength"].value == 8 and by_key["relationship_strength"].scored_by == "U_ALICE"
    report = portfolio.portfolio_overview(uow(engine), ADMIN, today=TODAY)
    assert report.placed == 2 and "Orphan Tools Ltd" in report.unplaced


def test_switching_back_does_not_duplicate_scores(engine):
    seed(engine)
    selection.apply_template(uow(engine), ADMIN, "attractiveness", today=TODAY)
    _, scores, _ = counts(engine)
    view = selection.apply_template(uow(engine), ADMIN, "classic", today=TODAY)
    # solvency and existing_relationships keep their own scores: nothing newer to carry back
    assert view.scores_carried == 0 and counts(engine)[1] == scores


def test_a_switch_that_would_empty_the_matrix_is_said_in_the_preview(engine):
    seed(engine)
    view = selection.preview_criteria_set(uow(engine), ADMIN, {"brand_value": "1:a", "ease_of_business": "1:a",
                                                               "share_of_wallet": "1:s"}, today=TODAY)
    assert view.preview.empties_matrix and view.preview.placed_after == 0
    assert [m.name for m in view.preview.unplaced] == ["Borealis Logistics GmbH", "Helios Foods AG"]  # key first
    assert view.confirm_line == "criteria set brand_value=1:attractiveness ease_of_business=1:attractiveness " \
                                "share_of_wallet=1:strength confirm"


def test_only_admins_preview_or_switch_and_bad_criteria_write_nothing(engine):
    seed(engine)
    before = counts(engine)
    with pytest.raises(NotAllowed):
        selection.preview_template(uow(engine), KAM, "classic", today=TODAY)
    with pytest.raises(NotAllowed):
        selection.apply_template(uow(engine), KAM, "classic", today=TODAY)
    with pytest.raises(UserError, match="Nothing was changed"):
        selection.preview_criteria_set(uow(engine), ADMIN, {"a_b": "1:s", "c_d": "1:s", "e_f": "1:s"}, today=TODAY)
    with pytest.raises(UserError, match="no criteria template"):
        selection.preview_template(uow(engine), ADMIN, "nonsense", today=TODAY)
    assert counts(engine) == before


def test_previewing_the_criteria_in_force_says_nothing_would_change(engine):
    seed(engine)
    selection.apply_template(uow(engine), ADMIN, "classic", today=TODAY)
    view = selection.preview_template(uow(engine), ADMIN, "classic", today=TODAY)
    assert view.same and view.preview.changes == 0


def test_the_customers_rating_of_us_is_one_value_everywhere(engine):
    ids = seed(engine)
    selection.apply_template(uow(engine), ADMIN, "attractiveness", today=TODAY)
    card = selection.score_card(uow(engine), KAM, "borealis", today=TODAY)
    rating = next(c for c in card.criteria if c.key == "customer_rating_of_us")
    assert rating.value is None and rating.effective == 8 and card.customer_rating == 8  # from the account
    # a person scores the criterion: it wins on the card, in the sentence, in the gap and in the portfolio
    card = selection.set_scores(uow(engine), KAM, ids["borealis"], {"customer_rating_of_us": 5}, NOW)
    rating = next(c for c in card.criteria if c.key == "customer_rating_of_us")
    assert rating.effective == 5 and card.customer_rating == 5 and card.recorded_rating == 8
    assert card.perception_gap == pytest.approx(card.strength - 5)
    point = next(p for p in portfolio.portfolio_overview(uow(engine), ADMIN, today=TODAY).points
                 if p.account_id == ids["borealis"])
    assert point.customer_rating == 5
    from bot.render.selection import score_doc, PLAIN, as_text

    text = as_text(score_doc(card, PLAIN))
    assert "Customer's rating of us (×2): 5" in text
    assert "The customer rates us 5/10 (as scored by a person; the account's record says 8/10)" in text


def test_the_demo_portfolio_chart_plots_the_strength_axis_with_labels_apart(engine):
    from matplotlib.text import Text

    from bot.render.chart import LABEL_GID, ChartOptions, axis_labels, portfolio_figure
    from kam_domain.demo import DEMO_ADMIN, seed_demo

    with Session(engine) as session:
        seed_demo(session, "T_DEMO", TODAY)
        session.commit()
    admin = Actor("T_DEMO", DEMO_ADMIN, is_admin=True)
    report = portfolio.portfolio_overview(uow(engine), admin, today=TODAY)
    assert report.strength_criteria and not report.customer_view  # the demo's strength criteria are our own
    x_label, y_label = axis_labels(report.strength_criteria, report.attractiveness_criteria, report.customer_view)
    assert x_label.startswith("Our strength as we score it: strength criteria (")
    placed = [p for p in report.points if p.quadrant]
    figure = portfolio_figure(report.points, ChartOptions(x_label=x_label, y_label=y_label))
    ax = figure.axes[0]
    xs = sorted(x for c in ax.collections for x, _ in c.get_offsets())
    assert len(xs) == len(placed)
    # the x values are the strength axis (not the weighted total), give or take the ring of same-spot markers
    strengths = sorted(p.strength for p in placed)
    assert all(abs(a - b) <= 0.26 for a, b in zip(xs, strengths))
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    labels = [t for t in ax.texts if t.get_gid() == LABEL_GID]
    boxes = [Text.get_window_extent(t, renderer) for t in labels]
    assert len(labels) >= 10
    for i in range(len(boxes)):
        for j in range(i + 1, len(boxes)):
            a, b = boxes[i], boxes[j]
            assert not (a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1), \
                (labels[i].get_text(), labels[j].get_text())
    key_names = {p.name for p in placed if p.tier == "key"}
    assert key_names <= {t.get_text() for t in labels}  # every key account named in full on the demo
