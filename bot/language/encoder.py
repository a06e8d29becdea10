"""The embedding port for the router: `encode(list[str]) -> normalised rows`, from whatever the
container's embedder is (a SentenceTransformer, a LangChain `Embeddings`, or a callable).

Routing embeds one short message at a time, where torch's default of one intra-op thread per
core only adds contention: on 2 shared cores a single query took p50 ~570 ms with the default
threads against ~40 ms on one thread (load average 6). So a single query runs on ONE torch
thread (set in the calling thread, and put back when the last concurrent query ends), straight
through the sentence-transformers modules under `torch.inference_mode()`; batches (the
exemplars, the notes index) keep torch's threads. The encoder also hands the classifier the
model's tokenizer vocabulary (`lexicon`): words the model knows whole are never "mended".
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
from contextlib import contextmanager
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import numpy as np

from bot.commands import Registry, Writes
from kam_domain.language.classifier import Encode, classifier_for
from kam_domain.language.intents import NON_COMMAND_INTENTS, IntentSpec, IntentTable
from kam_domain.language.router import Router

MAX_QUERY_CHARS = 2000  # as the notes embedder clips: MiniLM reads 256 word pieces
CACHED_BATCH = 256  # a batch this large is the classifier's examples: cached on disk (see QueryEncoder._cached)
PROBE = "key account management cache probe"
SHIPPED_VECTORS = "example_vectors"  # .npy + .json in kam_domain.language.data: scripts/build_example_vectors.py
# The shipped probe vector must agree with this machine's to this much per component: float32 sums differ in
# their last bits across CPUs and thread counts (~1e-7), another model differs by far more than this.
PROBE_TOLERANCE = 1e-4
log = logging.getLogger(__name__)


def cache_dir() -> Path:
    """Where derived vectors are kept: KAM_CACHE_DIR, else the user's cache directory. Safe to delete."""
    configured = os.environ.get("KAM_CACHE_DIR")
    if configured:
        return Path(configured)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "kam-assistant"


def _normalised(rows: Any) -> np.ndarray:
    matrix = np.asarray(rows, dtype=np.float32)
    if matrix.ndim == 1:
        matrix = matrix[None, :]
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1, norms)


_threads_lock = threading.Lock()
_threads_depth = 0
_threads_saved = 0


@contextmanager
def one_torch_thread():
    """Run the body on one intra-op torch thread; the process's setting comes back afterwards.

    torch.set_num_threads sets the calling thread's OpenMP team size (and the default for new
    threads); the value seen before the first of several concurrent queries is what each of them
    puts back, so overlapping queries never leave the process pinned to one thread."""
    global _threads_depth, _threads_saved
    import torch

    with _threads_lock:
        if _threads_depth == 0:
            _threads_saved = torch.get_num_threads()
        _threads_depth += 1
        saved = _threads_saved
    if saved != 1:
        torch.set_num_threads(1)
    try:
        yield
    finally:
        with _threads_lock:
            _threads_depth -= 1
        if saved != 1:
            torch.set_num_threads(saved)


def sentence_model(embedder: Any) -> Any | None:
    """The sentence-transformers model behind an embedder, if there is one (loads it)."""
    if hasattr(embedder, "preprocess") and hasattr(embedder, "forward") and hasattr(embedder, "encode"):
        return embedder
    inner = getattr(embedder, "model", None)  # kam_domain.index.embeddings.SentenceEmbedder, the tests' embedder
    if inner is not None and hasattr(inner, "preprocess") and hasattr(inner, "forward"):
        return inner
    return None


class QueryEncoder:
    """The router's `Encode`: many texts through the embedder as it is; one text on one torch thread."""

    def __init__(self, embedder: Any, shipped: Traversable | None = None):
        self.embedder = embedder
        self._many = _batch_encoder(embedder)
        self._lexicon: frozenset[str] | None = None
        self._shipped = resources.files("kam_domain.language.data") if shipped is None else shipped

    def __call__(self, texts) -> np.ndarray:
        texts = list(texts)
        if len(texts) == 1:
            model = sentence_model(self.embedder)
            if model is not None:
                return self._one(model, texts[0])
        if len(texts) >= CACHED_BATCH:
            return self._cached(texts)
        return self._many(texts)

    def probe(self) -> np.ndarray:
        """The model's vector for a fixed sentence: tells this model from another."""
        return self([PROBE])[0]

    def _cached(self, texts: list[str]) -> np.ndarray:
        """The classifier's examples (about 2,700) take 40 s or more to encode. Looked up in the user's cache
        (keyed by the texts and this machine's probe vector), then in the vectors shipped with the package
        (built for the same texts by a model whose probe vector agrees), and only then encoded (and cached)."""
        probe = self.probe()
        digest = hashlib.sha256(np.round(probe, 4).tobytes() + "\n".join(texts).encode()).hexdigest()[:32]
        path = cache_dir() / f"examples-{digest}.npy"
        rows = _stored_rows(path, len(texts))
        if rows is None:
            rows = shipped_examples(self._shipped, texts, probe)
        if rows is None:
            rows = self._many(texts)
            _keep_rows(path, rows)
        return rows

    @staticmethod
    def _one(model: Any, text: str) -> np.ndarray:
        import torch

        with one_torch_thread(), torch.inference_mode():
            features = model.preprocess([(text or " ")[:MAX_QUERY_CHARS]])
            features = {k: v.to(model.device) if hasattr(v, "to") else v for k, v in features.items()}
            vector = model.forward(features)["sentence_embedding"]
            return _normalised(vector.float().cpu().numpy())

    @property
    def lexicon(self) -> frozenset[str]:
        """Whole words of the model's tokenizer vocabulary (4+ letters): real words, not typos."""
        if self._lexicon is None:
            self._lexicon = _tokenizer_words(sentence_model(self.embedder))
        return self._lexicon


def examples_digest(texts: list[str]) -> str:
    """What the shipped vectors answer to: the texts, in order."""
    return hashlib.sha256("\n".join(texts).encode()).hexdigest()


def shipped_examples(where: Traversable, texts: list[str], probe: np.ndarray) -> np.ndarray | None:
    """The shipped vectors of these texts, if they were built for exactly them by a model that gives this probe
    vector (scripts/build_example_vectors.py); None otherwise (a stale or missing file is ignored)."""
    try:
        about = json.loads(where.joinpath(f"{SHIPPED_VECTORS}.json").read_text(encoding="utf-8"))
        built_probe = np.asarray(about["probe"], dtype=np.float32)
        if about["texts_sha256"] != examples_digest(texts) or built_probe.shape != probe.shape:
            return None
        if not np.allclose(built_probe, probe, rtol=0, atol=PROBE_TOLERANCE):
            return None
        with where.joinpath(f"{SHIPPED_VECTORS}.npy").open("rb") as file:
            rows = np.load(file)
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return rows if rows.shape == (len(texts), probe.shape[0]) else None


def _stored_rows(path: Path, count: int) -> np.ndarray | None:
    try:
        rows = np.load(path)
    except (OSError, ValueError):
        return None
    return rows if rows.shape[0] == count else None


def _keep_rows(path: Path, rows: np.ndarray) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.stem}.{os.getpid()}.{threading.get_ident()}.tmp.npy")
        np.save(partial, rows)
        os.replace(partial, path)  # atomic: a reader sees all of it or none
    except OSError as error:
        log.info("example vectors not cached (%s): they are encoded again next start", error.strerror)


def _tokenizer_words(model: Any | None) -> frozenset[str]:
    tokenizer = getattr(model, "tokenizer", None)
    try:
        vocabulary = tokenizer.get_vocab() if tokenizer is not None else {}
    except Exception:  # noqa: BLE001 - a tokenizer without a vocabulary: no lexicon, the speller still works
        return frozenset()
    found = set()
    for token in vocabulary:
        word = token.lstrip("\u2581\u0120").lower()  # sentencepiece / byte-level BPE word starts
        if not token.startswith("##") and len(word) >= 4 and word.isalpha():
            found.add(word)
    return frozenset(found)


def _batch_encoder(embedder: Any) -> Encode:
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


def encoder_for(embedder: Any) -> QueryEncoder:
    """Adapt an embedding model to the router's port."""
    return QueryEncoder(embedder)


def command_words(registry: Registry) -> dict[str, str]:
    """Every subcommand name and alias of the /kam registry -> the subcommand."""
    words = {}
    for command in registry.all():
        words[command.name] = command.name
        for alias in command.aliases:
            if " " not in alias:  # the router reads a command from the first word
                words[alias] = command.name
    return words


def router_intents(registry: Registry) -> IntentTable:
    """The router's intents, from the subcommand declarations (those with an intent label), their write
    variants (score_set) and the intents that are no subcommand (method)."""
    specs: list[IntentSpec] = []
    for c in registry.all():
        if c.intent_label is None:
            continue
        specs.append(IntentSpec(c.name, c.name, c.intent_label, needs_account=c.needs_account,
                                writes=c.writes == Writes.ALWAYS, account_optional=c.account_optional,
                                cues=c.choice_cues, takes_text=c.routes_text))
        if c.write_intent is not None:
            name, label = c.write_intent
            specs.append(IntentSpec(name, c.name, label, needs_account=c.needs_account, writes=True,
                                    account_optional=c.account_optional))
    return IntentTable([*specs, *NON_COMMAND_INTENTS])


_ROUTERS: dict[int, Router] = {}


def router_for(container) -> Router:
    """The process's router for this container's embedding model; exemplars are encoded once."""
    embedder = container.embedder
    classifier = classifier_for(id(embedder), encoder_for(embedder))
    router = _ROUTERS.get(id(classifier))
    if router is None:
        registry = container.wiring.registry
        router = _ROUTERS[id(classifier)] = Router(classifier, command_words(registry), router_intents(registry))
    return router
