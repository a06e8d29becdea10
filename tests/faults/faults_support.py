"""Helpers of the fault tests: a container on a real database wired to the fake Slack, the
fake's conversation history (so the sender can look for a key after an ambiguous failure),
data builders, and real `kam` subprocesses."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections import Counter
from datetime import date, datetime, timezone
from pathlib import Path

from bot.bootstrap import Container
from bot.settings import load_settings
from bot.slack_client import make_web_client
from kam_domain.clock import FixedClock
from kam_domain.models import Review
from support.app_server import SIGNING_SECRET
from support.builders import add_account, add_stakeholder
from support.constants import NOW
from support.fake_slack import FakeSlack

TEAM = "T_ALPHA"
KAM = shutil.which("kam", path=str(Path(sys.executable).parent)) or "kam"


def at(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(timezone.utc)


def build_container(engine, fake: FakeSlack, tmp_path: Path, now: datetime = NOW, client=None, parts: dict | None = None,
                    **env) -> Container:
    settings = load_settings(SLACK_BOT_TOKEN="xoxb-test", SLACK_SIGNING_SECRET=SIGNING_SECRET,
                             SLACK_API_URL=fake.base_url, KAM_DATA_DIR=str(tmp_path), KAM_TEAM_ID=TEAM,
                             KAM_ADMINS=env.pop("KAM_ADMINS", "U0ADMIN"), **env)
    return Container(settings, engine=engine, clock=FixedClock(now),
                     slack_client=client or make_web_client("xoxb-test", fake.base_url), **(parts or {}))


# ---------------------------------------------------------------------------- the fake's history


def conversation_of(target: str) -> str:
    return f"D{target}" if target[:1] in ("U", "W") else target


def enable_history(fake: FakeSlack) -> None:
    """conversations.history answers what was really posted (with metadata), newest first."""

    def history(args):
        channel = args.get("channel")
        messages = [{"type": "message", "ts": c.response["ts"], "text": c.args.get("text", ""),
                     "metadata": c.args.get("metadata")}
                    for c in fake.calls("chat.postMessage", ok=True)
                    if conversation_of(str(c.args.get("channel", ""))) == channel]
        return {"ok": True, "messages": list(reversed(messages)), "has_more": False}

    fake.set_response("conversations.history", history)


def posted(fake: FakeSlack, target: str | None = None) -> list:
    return [c for c in fake.calls("chat.postMessage", ok=True) if target is None or c.args.get("channel") == target]


def posted_keys(fake: FakeSlack) -> Counter:
    return Counter(c.args["metadata"]["event_payload"]["key"] for c in posted(fake) if c.args.get("metadata"))


def assert_each_once(fake: FakeSlack) -> Counter:
    keys = posted_keys(fake)
    twice = {k: n for k, n in keys.items() if n > 1}
    assert not twice, f"sent more than once: {twice}"
    return keys


# ---------------------------------------------------------------------------- data


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


# ---------------------------------------------------------------------------- processes


def kam_env(tmp_path: Path, **values: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "KAM_", "DATABASE_URL", "CHROMA_",
                                                                     "OPENAI_"))}
    env.update(KAM_TEAM_ID=TEAM, KAM_DATA_DIR=str(tmp_path / "data"), KAM_TIMEZONE="UTC", HF_HUB_OFFLINE="1",
               ANONYMIZED_TELEMETRY="False")
    env.update(values)
    return env


def wait_until(predicate, timeout: float = 30.0, what: str = "condition", every: float = 0.05):
    """Poll `predicate` until it is truthy (readiness of real processes; never a wait for time)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(every)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


def finish(process: subprocess.Popen, timeout: float = 120) -> str:
    out, err = process.communicate(timeout=timeout)
    assert process.returncode == 0, f"exit {process.returncode}: {err[-3000:]}"
    return out


class HashEmbedder:
    """A deterministic stand-in for the embedding model where the fault is elsewhere (the index
    server): text -> unit vector, no model to load."""

    name = "hash-test"

    def __init__(self, dimension: int = 16):
        self.dimension = dimension

    def embed(self, texts):
        import hashlib

        import numpy as np

        rows = [np.random.default_rng(int(hashlib.sha256(t.encode("utf-8")).hexdigest()[:8], 16))
                .normal(size=self.dimension) for t in texts]
        vectors = np.asarray(rows, dtype=np.float32).reshape(len(rows), self.dimension)
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
