"""Shared by the scheduling and fault tests: what the fake Slack received from the outbox, its
conversation history (so the sender can look for a key after an ambiguous failure), an
injected instant, and a key account with a review to remind about."""
from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timezone

from kam_domain.models import Review
from support.builders import add_account, add_stakeholder
from support.constants import NOW
from support.fake_slack import FakeSlack

TEAM = "T_ALPHA"
BOT_CHANNELS = ("C_1", "C_BOREALIS", "C_DIGEST", "C_HELIOS", "C_NORDIC", "C_NUDGED", "C_ONE", "C_SALES", "C_TUESDAY",
                "C_TWO", "C_VANTOR", *(f"C_ACCOUNT{n}" for n in range(20)))
"""The channels the bot was invited to in the scheduling and fault tests (the accounts' channels, the
digest channel): the fake Slack refuses posts anywhere else with not_in_channel."""


def at(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(timezone.utc)


def conversation_of(target: str) -> str:
    """Where the fake puts a message posted to `target` (a user id means their DM)."""
    return f"D{target}" if target[:1] in ("U", "W") else target


def enable_history(fake: FakeSlack) -> None:
    """conversations.history is the fake's own (support/fake_slack.py): what was really posted, newest
    first, honouring oldest/latest/limit/cursor, metadata only with include_all_metadata. This drops
    any canned answer a test set before."""
    with fake._lock:
        fake._responses.pop("conversations.history", None)


def posted(fake: FakeSlack, target: str | None = None) -> list:
    calls = fake.calls("chat.postMessage", ok=True)
    return [c for c in calls if target is None or c.args.get("channel") == target]


def posted_keys(fake: FakeSlack) -> Counter:
    return Counter(c.args["metadata"]["event_payload"]["key"] for c in posted(fake) if c.args.get("metadata"))


def assert_each_once(fake: FakeSlack) -> Counter:
    keys = posted_keys(fake)
    twice = {k: n for k, n in keys.items() if n > 1}
    assert not twice, f"sent more than once: {twice}"
    return keys


def key_account(session, name: str, *, owner="U_ALICE", sponsor="U_SPONSOR", channel: str | None = None,
                review_due: date | None = None, **fields):
    account = add_account(session, TEAM, name, tier="key", owner_user_id=owner, sponsor_user_id=sponsor,
                          channel_id=channel, plan_updated_at=fields.pop("plan_updated_at", NOW), **fields)
    if review_due is not None:
        session.add(Review(team_id=TEAM, account_id=account.id, due_on=review_due, checklist={}))
    session.flush()
    return account


def warm_person(session, account, name="Ana Ruiz", **fields):
    """A supportive decision maker we spoke to recently: no nudge about them."""
    defaults = dict(title="CFO", role="economic_buyer", influence=5, attitude=1, owner_user_id=account.owner_user_id,
                    last_contact_on=date(2026, 11, 20))
    return add_stakeholder(session, account, name, **{**defaults, **fields})
