"""The classifier's example vectors are kept on disk: the second process (here: a second encoder) reads
them instead of encoding about 2,000 phrasings again, and another model or other texts never match."""
from __future__ import annotations

import numpy as np
import pytest

from bot.language import encoder as encoder_module
from bot.language.encoder import CACHED_BATCH, encoder_for

pytestmark = pytest.mark.slow


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
