"""A Slack surface the workspace lacks is said once to an admin, through the outbox, whatever happens after."""
from __future__ import annotations

import pytest
from slack_sdk.errors import SlackApiError
from sqlmodel import select

from bot.surfaces import SURFACE_UNAVAILABLE, tell_admin_once, unavailable_error
from kam_domain.models import Delivery
from support.fake_slack import FakeSlack
from support.scenario_helpers import build_container


@pytest.fixture
def fake():
    with FakeSlack(team_id="T_ALPHA") as server:
        yield server


def _admin_dms(fake: FakeSlack) -> list[dict]:
    return [c.args for c in fake.calls("chat.postMessage", ok=True) if c.args.get("channel") == "U0ADMIN"]


def test_a_missing_surface_is_told_to_one_admin_once(engine, fake, tmp_path) -> None:
    container = build_container(engine, fake, tmp_path, admins="U0ADMIN,U0OTHER")
    client = container.slack_client

    first = tell_admin_once(container, client, "T_ALPHA", "canvas", "missing_scope", needed_scope="canvases:write")
    again = tell_admin_once(container, client, "T_ALPHA", "canvas", "missing_scope", needed_scope="canvases:write")

    assert first is not None and again is None
    dms = _admin_dms(fake)
    assert len(dms) == 1
    assert "canvases:write" in dms[0]["text"] and "missing_scope" in dms[0]["text"]
    assert not [c for c in fake.calls("chat.postMessage") if c.args.get("channel") == "U0OTHER"]


def test_the_notice_survives_a_slack_failure_and_is_sent_later_once(engine, fake, tmp_path) -> None:
    container = build_container(engine, fake, tmp_path)
    fake.fail_next("chat.postMessage", status=429, retry_after=3600)

    tell_admin_once(container, container.slack_client, "T_ALPHA", "streaming", "not_allowed")
    with container.uow() as uow:
        row = uow.session.exec(select(Delivery).where(Delivery.kind == SURFACE_UNAVAILABLE)).one()
        status, retry_at, row_id = row.status, row.retry_at, row.id
    assert status == "pending" and retry_at is not None and not _admin_dms(fake)

    tell_admin_once(container, container.slack_client, "T_ALPHA", "streaming", "not_allowed")
    from bot.delivery import send_pending

    with container.uow() as uow:  # the hour Slack asked us to wait has passed
        uow.session.get(Delivery, row_id).retry_at = None
        uow.commit()
    send_pending(container, container.slack_client)
    assert len(_admin_dms(fake)) == 1


def test_without_admins_nothing_is_queued(engine, fake, tmp_path) -> None:
    container = build_container(engine, fake, tmp_path, admins="")

    assert tell_admin_once(container, container.slack_client, "T_ALPHA", "table", "not_allowed") is None
    with container.uow() as uow:
        assert uow.session.exec(select(Delivery)).all() == []


def test_only_feature_answers_count_as_a_missing_surface() -> None:
    def refusal(error: str) -> SlackApiError:
        return SlackApiError("refused", {"ok": False, "error": error})

    assert unavailable_error(refusal("missing_scope")) == "missing_scope"
    assert unavailable_error(refusal("paid_teams_only")) == "paid_teams_only"
    assert unavailable_error(refusal("channel_not_found")) is None
    assert unavailable_error(ValueError("x")) is None
