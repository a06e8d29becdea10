"""Builders for the retrieval and drafting parts, called lazily by the Container.

- embedder: `KAM_EMBEDDINGS` (default: the bundled all-MiniLM-L6-v2), loaded on first use;
- notes index: a Chroma server when `CHROMA_HOST` is set, else a persistent local index in
  `KAM_DATA_DIR/index` (one writer at a time, see kam_domain.index.lock);
- drafter: the offline drafter, or a LangChain chat model (`KAM_LLM=provider:model`) that
  falls back to it. `KAM_LLM_TIMEOUT` (seconds, default 20) bounds a model call.
Nothing here imports torch, chromadb or langchain until a part is first used.
"""
from __future__ import annotations

import logging
import os
import threading

from bot.settings import Settings, SettingsError

log = logging.getLogger(__name__)

DEFAULT_LLM_TIMEOUT = 20.0
_embedders: dict[str, object] = {}
_embedders_lock = threading.Lock()


def build_embedder(settings: Settings):
    """One embedder per model and process, whatever the number of Containers (the model is
    loaded on its first use, ~8 s and ~100 MB for the bundled one)."""
    from kam_domain.index.embeddings import embedder_from_setting

    key = (settings.embeddings or "").strip()
    with _embedders_lock:
        if key not in _embedders:
            _embedders[key] = embedder_from_setting(key)
        return _embedders[key]


def build_notes_index(settings: Settings, embedder_factory):
    from kam_domain.index.chroma_index import ChromaIndex

    if settings.chroma_host:
        return ChromaIndex.server(settings.chroma_host, settings.chroma_port, embedder_factory)
    return ChromaIndex.local(settings.data_dir / "index", embedder_factory)


def build_drafter(settings: Settings, container):
    from kam_domain.drafting.offline import OfflineDrafter

    offline = OfflineDrafter(lambda: container.embedder)
    if not settings.llm:
        return offline
    from kam_domain.drafting.llm import LangChainDrafter, build_chat_model

    timeout = llm_timeout(settings)
    return LangChainDrafter(lambda: build_chat_model(settings.llm, timeout), settings.llm, offline, timeout)


def llm_timeout(settings: Settings) -> float:
    """`KAM_LLM_TIMEOUT` in seconds (default 20); a malformed value stops with one clear line."""
    raw = getattr(settings, "llm_timeout", None) or os.environ.get("KAM_LLM_TIMEOUT", "")
    if raw in ("", None):
        return DEFAULT_LLM_TIMEOUT
    try:
        value = float(raw)
    except (TypeError, ValueError):
        raise SettingsError(f"Setting KAM_LLM_TIMEOUT is invalid: {raw!r} is not a number of seconds.") from None
    if not 1 <= value <= 600:
        raise SettingsError("Setting KAM_LLM_TIMEOUT is invalid: use between 1 and 600 seconds.")
    return value
