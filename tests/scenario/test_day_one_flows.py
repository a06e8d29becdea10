"""Day one over real HTTP: with no criteria chosen, the App Home shows the scores a KAM's accounts wait
for and its button opens the existing score form; the form says what the data already answers."""
from __future__ import annotations

import json
from datetime import timedelta

from sqlmodel import Session, select

from bot.render.home import SCORE_NEXT
from kam_domain.models import Score
from support import signing
from support.builders import add_account, add_financials, add_stakeholder
from support.constants import TODAY

QUARTERS = ["2024-Q4", "2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"]


def _seed(engine) -> int:
    with Session(engine) as session:
        acme = add_account(session, "T_ALPHA", "Acme Retail Group", tier="key", owner_user_id="U_ALICE",
                           customer_annual_revenue=3e9, customer_rating=8)
        add_financials(session, acme, [(q, 1000, 600) for q in QUARTERS])
        add_stakeholder(session, acme, "Ana Ruiz", influence=5, attitude=2, contact_level="in_depth",
                        last_contact_on=TODAY - timedelta(days=5))
        for i, revenue in enumerate((100, 200, 300)):
            other = add_account(session, "T_ALPHA", f"Other {i} Ltd", owner_user_id="U_CAROL")
            add_financials(session, other, [(q, revenue, revenue / 2) for q in QUARTERS])
        session.commit()
        return acme.id


def test_the_home_tab_button_opens_the_score_form_of_the_next_account(engine, scenario):
    acme = _seed(engine)
    scenario.event({"type": "app_home_opened", "user": "U_ALICE", "channel": "D1", "tab": "home"})
    view = scenario.fake.wait_for("views.publish")[0].args["view"]
    rendered = json.dumps(view, ensure_ascii=False)
    # only Acme has a customer size: too few accounts to rank it against, so that one waits for a person too
    assert ("1 of your 1 accounts wait for scores:* customer size (1), product fit (1), revenue potential (1), "
            "relationship strength (1)") in rendered
    assert "1 of them is on the matrix from the data already" in rendered
    button = next(b["accessory"] for b in view["blocks"] if (b.get("accessory") or {}).get("action_id") == SCORE_NEXT)
    assert button["value"] == f"score #{acme}"

    status, _, _ = scenario.interaction(signing.block_action_payload(SCORE_NEXT, button["value"], user_id="U_ALICE",
                                                                     view={"type": "home"}))
    assert status == 200
    form = scenario.fake.wait_for("views.open")[0].args["view"]
    assert form["callback_id"] == "score_form" and json.loads(form["private_metadata"])["account_id"] == acme
    inputs = {b["block_id"]: b for b in form["blocks"] if b["type"] == "input"}
    assert "score_product_fit" in inputs and "initial_value" not in inputs["score_product_fit"]["element"]
    margin = inputs["score_profit_margin"]
    assert "initial_value" not in margin["element"]  # a derived score is never pre-filled as a person's
    assert "From data: 10 (from financials, 2025-Q4..2026-Q3: margin 40%)" in margin["hint"]["text"]
    with Session(engine) as session:
        assert session.exec(select(Score)).all() == []
