"""Helpers of the fault tests: a container on a real database wired to the fake Slack, the
fake's conversation history (so the sender can look for a key after an ambiguous failure),
data builders, and real `kam` subprocesses."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

from bot.bootstrap import Container
from bot.settings import load_settings
from bot.slack_client import make_web_client
from kam_domain.clock import FixedClock
from support.app_server import SIGNING_SECRET
from support.constants import NOW
from support.fake_slack import FakeSlack
from support.outbox import (  # noqa: F401  (re-exported for the tests here)
    TEAM, assert_each_once, at, conversation_of, enable_history, key_account, posted, posted_keys, warm_person,
)

KAM = shutil.which("kam", path=str(Path(sys.executable).parent)) or "kam"


def build_container(engine, fake: FakeSlack, tmp_path: Path, now: datetime = NOW, client=None, parts: dict | None = None,
                    **env) -> Container:
    settings = load_settings(SLACK_BOT_TOKEN="xoxb-test", SLACK_SIGNING_SECRET=SIGNING_SECRET,
                             SLACK_API_URL=fake.base_url, KAM_DATA_DIR=str(tmp_path), KAM_TEAM_ID=TEAM,
                             KAM_ADMINS=env.pop("KAM_ADMINS", "U0ADMIN"), **env)
    return Container(settings, engine=engine, clock=FixedClock(now),
                     slack_client=client or make_web_client("xoxb-test", fake.base_url), **(parts or {}))


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
