"""Helpers to build the app's container for the language tests."""
from __future__ import annotations

from lang_store import TEAM


class LoadedEmbedder:
    """The container's embedder port (kam_domain.index.embeddings.Embedder) over the session's model."""

    name = "all-MiniLM-L6-v2"

    def __init__(self, model):
        self.model = model

    def embed(self, texts):
        import numpy as np

        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return self.model.encode(list(texts), normalize_embeddings=True, convert_to_numpy=True,
                                 show_progress_bar=False)

    @property
    def dimension(self) -> int:
        return int(self.model.get_sentence_embedding_dimension())


def language_container(engine, tmp_path, embedder, slack_url: str | None = None, **parts):
    from bot.bootstrap import Container
    from bot.settings import load_settings
    from bot.slack_client import make_web_client
    from kam_domain.clock import FixedClock
    from support.app_server import SIGNING_SECRET
    from support.constants import NOW

    settings = load_settings(SLACK_BOT_TOKEN="xoxb-test", SLACK_SIGNING_SECRET=SIGNING_SECRET,
                             SLACK_API_URL=slack_url or "http://127.0.0.1:9/api/", KAM_DATA_DIR=str(tmp_path),
                             KAM_TEAM_ID=TEAM, KAM_ADMINS="U0ADMIN")
    client = make_web_client("xoxb-test", slack_url) if slack_url else None
    return Container(settings, engine=engine, clock=FixedClock(NOW), slack_client=client, embedder=embedder, **parts)
