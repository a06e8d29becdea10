"""The outbox sender renders with the lookup it is given (by default the container's wiring); a delivery
whose kind nothing renders is finished as failed once, with a clear error, and never retried."""
from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone

from sqlmodel import Session, select

from bot.delivery import send_pending
from bot.render.blocks import SlackMessage, section
from scheduling_support import TEAM, posted
from kam_domain.models import Delivery
from support.constants import NOW

KIND = "quarterly_haiku"  # a kind no feature renders


def _queue(engine, kind: str = KIND) -> int:
    with Session(engine, expire_on_commit=False) as session:
        row = Delivery(team_id=TEAM, idempotency_key=f"{kind}:1", kind=kind, target="C_BOREALIS",
                       due_at=NOW - timedelta(minutes=1))
        session.add(row)
        session.commit()
        return row.id


def _row(engine, delivery_id: int) -> Delivery:
    with Session(engine, expire_on_commit=False) as session:
        return session.exec(select(Delivery).where(Delivery.id == delivery_id)).one()


def test_a_kind_without_a_renderer_fails_once_with_a_clear_error_and_is_not_retried(engine, fake, container,
                                                                                    caplog):
    delivery_id = _queue(engine)
    with caplog.at_level(logging.ERROR, logger="bot.delivery"):
        report = send_pending(container, container.slack_client)
    assert report.unrenderable == [delivery_id] and report.failed == [] and "no renderer 1" in str(report)
    row = _row(engine, delivery_id)
    assert row.status == "failed" and row.last_error == f"no renderer for delivery kind '{KIND}'"
    assert row.retry_at is None and row.attempts == 1
    assert any(KIND in record.getMessage() for record in caplog.records)
    later = datetime(2027, 1, 1, tzinfo=timezone.utc)  # long after any backoff: still not picked up again
    assert str(send_pending(container, container.slack_client, now=later)) == \
        "sent 0, failed (will retry) 0, blocked 0, no longer needed 0"
    assert _row(engine, delivery_id).attempts == 1 and posted(fake) == []


def test_the_sender_renders_with_the_lookup_it_is_given(engine, fake, container):
    delivery_id = _queue(engine)

    def haiku(session, delivery):
        return SlackMessage("Autumn pipeline", [section("Autumn pipeline / three renewals ripen / the CFO nods")])

    report = send_pending(container, container.slack_client, renderers={KIND: haiku})
    assert report.sent == [delivery_id] and _row(engine, delivery_id).status == "sent"
    assert [call.args.get("text") for call in posted(fake, "C_BOREALIS")] == ["Autumn pipeline"]


def test_the_default_lookup_is_the_containers_wiring(engine, fake, container):
    assert set(container.wiring.outbox) >= {"review_reminder", "review_escalation", "nudge", "digest",
                                             "tier_change_request", "tier_change_decision",
                                             "tier_change_announcement"}
    assert KIND not in container.wiring.outbox
