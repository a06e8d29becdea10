"""Issue 15, a KAM director's week: a criteria switch is previewed and confirmed over signed Slack
HTTP (nothing changes until the Switch criteria button is clicked; the portfolio is not emptied
silently); the customer's rating of us reads the same on the score card; the chart is posted."""
from __future__ import annotations

import io
import json
import time
from datetime import timedelta

from PIL import Image
from sqlmodel import Session, func, select

from kam_domain.models import AuditEntry, Criterion, Score
from support import signing
from support.builders import add_account, add_criteria, add_financials, add_scores
from support.constants import NOW

TEAM = "T_ALPHA"
ADMIN = "U0ADMIN"
SPECS = [("product_fit", 3, "attractiveness"), ("solvency", 2, "attractiveness"),
         ("existing_relationships", 2, "strength"), ("cultural_fit", 1, "strength")]


def seed(engine) -> dict[str, int]:
    with Session(engine) as session:
        c = add_criteria(session, TEAM, SPECS)
        borealis = add_account(session, TEAM, "Borealis Logistics GmbH", tier="key", owner_user_id="U_ALICE",
                               customer_rating=8.0)
        helios = add_account(session, TEAM, "Helios Foods AG", owner_user_id="U_ALICE", customer_rating=6.0)
        lumen = add_account(session, TEAM, "Lumen Solar BV", owner_user_id="U_BOB")
        add_scores(session, borealis, c, {"product_fit": 8, "solvency": 8, "existing_relationships": 8,
                                          "cultural_fit": 7})
        add_scores(session, helios, c, {"product_fit": 7, "solvency": 5, "existing_relationships": 4,
                                        "cultural_fit": 4})
        add_scores(session, lumen, c, {"product_fit": 4, "cultural_fit": 7})
        for row in session.exec(select(Score)).all():  # builders use the wall clock; the app's is fixed
            row.scored_at = NOW - timedelta(days=30)
        for account in (borealis, helios, lumen):
            add_financials(session, account, [(q, 500_000, 200_000) for q in ("2026-Q1", "2026-Q2", "2026-Q3")])
        session.commit()
        return {"borealis": borealis.id, "helios": helios.id, "lumen": lumen.id}


def active_keys(engine) -> list[str]:
    with Session(engine) as session:
        return sorted(session.exec(select(Criterion.key).where(Criterion.team_id == TEAM,
                                                               Criterion.active == True)).all())  # noqa: E712


def audit_count(engine) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(AuditEntry)
                            .where(AuditEntry.action == "criteria.changed")).one()


def click(scenario, action_id: str, value: str, user_id: str, name: str):
    response_url = scenario.fake.response_url(f"{name}-{time.monotonic_ns()}")
    payload = signing.block_action_payload(action_id, value, user_id=user_id, team_id=TEAM, channel_id="D_DM",
                                           response_url=response_url, block_id="criteria_switch")
    status, _, _ = scenario.interaction(payload)
    assert status == 200


def buttons(reply) -> list[dict]:
    return [e for b in reply.get("blocks", []) if b.get("type") == "actions" for e in b["elements"]]


def test_a_template_switch_is_previewed_then_confirmed_by_the_button(engine, scenario):
    seed(engine)
    before = active_keys(engine)
    scenario.command("criteria template attractiveness_8", user_id=ADMIN)
    preview = scenario.replies()[0]
    text = json.dumps(preview["blocks"], ensure_ascii=False)
    assert preview["text"].startswith("Preview: switch the scoring criteria to the attractiveness template")
    assert ("On the matrix: *2* of 3 accounts after the switch, 3 now. 1 would move quadrant, 1 would leave the "
            "matrix (scores missing), 0 would join it, 1 stay as they are.") in text  # the counts
    assert "*Helios Foods AG* (Regular): Star → Streamline" in text
    assert "*Lumen Solar BV* (Regular): Status → not on the matrix" in text  # no attractiveness score left
    assert "keeps the scores given for Solvency" in text and "Nothing changes until you click Switch criteria" in text
    switch, cancel = buttons(preview)
    assert (switch["text"]["text"], switch["action_id"], switch["value"]) == (
        "Switch criteria", "kam_run:confirm", "criteria template attractiveness confirm")
    assert cancel["action_id"] == "kam_run:cancel"
    assert active_keys(engine) == before and audit_count(engine) == 0  # nothing changed yet

    # someone who is not an admin clicks the button: refused, nothing changes
    click(scenario, switch["action_id"], switch["value"], "U_ALICE", "alice")
    refused = scenario.replies(count=2)[1]
    assert "admin" in refused["text"].lower()
    assert active_keys(engine) == before and audit_count(engine) == 0

    click(scenario, switch["action_id"], switch["value"], ADMIN, "admin")
    done = scenario.replies(count=3)[2]
    assert done["text"].startswith("Scoring criteria: Criteria set from the attractiveness template.")
    assert done.get("replace_original") is True  # the preview is answered in place: no second click
    done_text = json.dumps(done["blocks"], ensure_ascii=False)
    assert "On the matrix: 2 of 3 accounts now, 3 before" in done_text
    assert "solvency → financial_security_payment" in done_text
    assert "financial_security_payment" in active_keys(engine) and "product_fit" not in active_keys(engine)
    assert audit_count(engine) == 1

    # the portfolio is not emptied: the accounts with carried scores stay placed, the one that left is named
    scenario.command("portfolio", user_id=ADMIN, channel_id="C_SALES")
    portfolio = scenario.replies(count=4)[3]
    portfolio_text = json.dumps(portfolio["blocks"], ensure_ascii=False)
    assert "Not on the matrix (scores missing): 1: Lumen Solar BV" in portfolio_text
    assert "*Strategic* 1 (1 key)" in portfolio_text and "*Streamline* 1 (0 key)" in portfolio_text
    scenario.fake.wait_for("files.completeUploadExternal")
    image = Image.open(io.BytesIO(next(iter(scenario.fake.uploaded_files().values()))))
    assert image.size == (1200, 900)

    # the customer's rating of us: the criterion and the sentence agree on the score card
    scenario.command("score borealis", user_id="U_BOB")  # may read, not edit: the card, not the form
    card = json.dumps(scenario.replies(count=5)[4]["blocks"], ensure_ascii=False)
    assert "Customer's rating of us (×2): *8* · from data: the customer's own rating of us: 8/10" in card
    assert "The customer rates us 8/10" in card and "not scored" not in card.split("Customer's rating of us")[1][:40]


def test_cancel_leaves_the_criteria_as_they_are(engine, scenario):
    seed(engine)
    before = active_keys(engine)
    scenario.command("criteria template classic", user_id=ADMIN)
    _, cancel = buttons(scenario.replies()[0])
    click(scenario, cancel["action_id"], cancel["value"], ADMIN, "cancel")
    answer = scenario.replies(count=2)[1]
    assert answer["text"].startswith("Scoring criteria") and answer.get("replace_original") is True
    assert active_keys(engine) == before and audit_count(engine) == 0


def test_a_non_admin_gets_no_preview(engine, scenario):
    seed(engine)
    scenario.command("criteria template classic", user_id="U_ALICE")
    reply = scenario.replies()[0]
    assert "admin" in reply["text"].lower() and not buttons(reply)
