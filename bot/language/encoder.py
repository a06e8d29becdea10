"""The embedding port for the router: `encode(list[str]) -> normalised rows`, from whatever the
container's embedder is (a SentenceTransformer, a LangChain `Embeddings`, or a callable)."""
from __future__ import annotations

from typing import Any

import numpy as np

from bot.commands import REGISTRY
from kam_domain.language.classifier import Encode, classifier_for
from kam_domain.language.router import Router


def _normalised(rows: Any) -> np.ndarray:
    matrix = np.asarray(rows, dtype=np.float32)
    if matrix.ndim == 1:
        matrix = matrix[None, :]
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1, norms)


def encoder_for(embedder: Any) -> Encode:
    """Adapt an embedding model to the router's port."""
    if hasattr(embedder, "embed"):  # kam_domain.index.embeddings.Embedder (the container's embedder)
        return lambda texts: _normalised(embedder.embed(list(texts)))
    if hasattr(embedder, "encode"):  # a sentence-transformers model
        return lambda texts: _normalised(embedder.encode(list(texts), normalize_embeddings=True,
                                                         convert_to_numpy=True, show_progress_bar=False))
    if hasattr(embedder, "embed_documents"):  # a LangChain Embeddings
        return lambda texts: _normalised(embedder.embed_documents(list(texts)))
    if callable(embedder):
        return lambda texts: _normalised(embedder(list(texts)))
    raise TypeError(f"{type(embedder).__name__} cannot embed text (no embed, encode, embed_documents or __call__)")


def command_words() -> dict[str, str]:
    """Every subcommand name and alias of the /kam registry -> the subcommand."""
    import bot.handlers  # noqa: F401  (registers the whole grammar)

    words = {}
    for command in REGISTRY.all():
        words[command.name] = command.name
        for alias in command.aliases:
            words[alias] = command.name
    return words


_ROUTERS: dict[int, Router] = {}


def router_for(container) -> Router:
    """The process's router for this container's embedding model; exemplars are encoded once."""
    embedder = container.embedder
    classifier = classifier_for(id(embedder), encoder_for(embedder))
    router = _ROUTERS.get(id(classifier))
    if router is None:
        router = _ROUTERS[id(classifier)] = Router(classifier, command_words())
    return router
