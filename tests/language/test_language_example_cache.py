"""The classifier's example vectors are shipped with the package (scripts/build_example_vectors.py) and kept on
disk: a fresh install reads the shipped ones, the second process (here: a second encoder) reads its cache, and
another model or other texts never match either."""
from __future__ import annotations

import json
from importlib import resources

import numpy as np
import pytest

from bot.language import encoder as encoder_module
from bot.language.encoder import CACHED_BATCH, QueryEncoder, encoder_for, examples_digest
from kam_domain.language.classifier import IntentClassifier
from support.scripts import load_script

REBUILD = "run `python scripts/build_example_vectors.py` (scripts/build_phrasebook.py runs it too) and commit the result"


@pytest.fixture(scope="module")
def builder():
    return load_script("build_example_vectors")


class _Counting:
    """Counts the batches that reach the real model."""

    def __init__(self, model):
        self.model, self.batches = model, 0

    def encode(self, texts, **options):
        if len(texts) > 1:
            self.batches += 1
        return self.model.encode(texts, **options)


def _texts(n: int, word: str = "plan") -> list[str]:
    return [f"{word} number {i} for Contoso" for i in range(n)]


@pytest.mark.slow
def test_a_large_batch_is_encoded_once_then_read_from_the_cache(embedding_model, tmp_path, monkeypatch):
    monkeypatch.setenv("KAM_CACHE_DIR", str(tmp_path))
    first, second = _Counting(embedding_model), _Counting(embedding_model)
    texts = _texts(CACHED_BATCH)

    encoded = encoder_for(first)(texts)
    again = encoder_for(second)(texts)

    assert first.batches == 1 and second.batches == 0
    assert np.array_equal(encoded, again)
    assert len(list(tmp_path.glob("examples-*.npy"))) == 1
    assert np.allclose(again[5], encoder_for(embedding_model)([texts[5]])[0], atol=1e-4)  # the model's own vector


@pytest.mark.slow
def test_other_texts_or_an_unwritable_cache_are_encoded_again(embedding_model, tmp_path, monkeypatch):
    monkeypatch.setenv("KAM_CACHE_DIR", str(tmp_path))
    counting = _Counting(embedding_model)
    encoder_for(counting)(_texts(CACHED_BATCH))
    encoder_for(counting)(_texts(CACHED_BATCH, "swot"))
    assert counting.batches == 2
    blocked = tmp_path / "a-file"
    blocked.write_text("not a directory")
    monkeypatch.setenv("KAM_CACHE_DIR", str(blocked))
    rows = encoder_for(counting)(_texts(CACHED_BATCH, "review"))  # cannot write: still answers
    assert rows.shape == (CACHED_BATCH, 384) and counting.batches == 3


def test_the_cache_lives_where_configured(monkeypatch, tmp_path):
    monkeypatch.setenv("KAM_CACHE_DIR", str(tmp_path / "c"))
    assert encoder_module.cache_dir() == tmp_path / "c"
    monkeypatch.delenv("KAM_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "x"))
    assert encoder_module.cache_dir() == tmp_path / "x" / "kam-assistant"


def test_the_shipped_vectors_are_of_the_classifiers_examples_as_they_are_now(builder):
    """exemplars.py or the phrasebook changed without rebuilding the vectors: every fresh install would encode."""
    data = resources.files("kam_domain.language.data")
    about = json.loads(data.joinpath("example_vectors.json").read_text(encoding="utf-8"))
    texts = builder.classifier_texts()
    assert about["texts_sha256"] == examples_digest(texts), f"the shipped example vectors are stale: {REBUILD}"
    with data.joinpath("example_vectors.npy").open("rb") as file:
        rows = np.load(file)
    assert rows.dtype == np.float32 and rows.shape == (len(texts), len(about["probe"])) == (about["rows"], 384)


@pytest.mark.slow
def test_with_an_empty_cache_the_classifier_reads_the_shipped_vectors(builder, embedding_model, tmp_path, monkeypatch):
    monkeypatch.setenv("KAM_CACHE_DIR", str(tmp_path))
    counting = _Counting(embedding_model)
    IntentClassifier(encoder_for(counting))
    texts = builder.classifier_texts()
    shipped = encoder_for(counting)(texts)

    assert counting.batches == 0, f"the shipped example vectors are not of these texts or of this model: {REBUILD}"
    assert list(tmp_path.iterdir()) == []  # nothing encoded, nothing cached
    sample = texts[::7]
    fresh = embedding_model.encode(sample, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False)
    assert shipped.dtype == np.float32
    assert np.allclose(shipped[::7], fresh, rtol=0, atol=1e-6)  # batch composition moves the last bits only


@pytest.mark.slow
def test_shipped_vectors_of_other_texts_or_another_model_are_ignored(builder, embedding_model, tmp_path, monkeypatch):
    monkeypatch.setenv("KAM_CACHE_DIR", str(tmp_path / "cache"))
    counting, shipped = _Counting(embedding_model), tmp_path / "shipped"
    shipped.mkdir()
    built = builder.write_vectors(QueryEncoder(counting), _texts(CACHED_BATCH), shipped, "test")
    assert counting.batches == 1

    assert np.array_equal(QueryEncoder(counting, shipped)(_texts(CACHED_BATCH)), built)
    assert counting.batches == 1  # read, not encoded
    QueryEncoder(counting, shipped)(_texts(CACHED_BATCH, "swot"))
    assert counting.batches == 2

    about = json.loads((shipped / "example_vectors.json").read_text(encoding="utf-8"))
    about["probe"] = [x + 0.01 for x in about["probe"]]  # as another model's vector for the probe sentence
    (shipped / "example_vectors.json").write_text(json.dumps(about), encoding="utf-8")
    monkeypatch.setenv("KAM_CACHE_DIR", str(tmp_path / "empty"))
    assert np.allclose(QueryEncoder(counting, shipped)(_texts(CACHED_BATCH)), built, rtol=0, atol=1e-6)
    assert counting.batches == 3
