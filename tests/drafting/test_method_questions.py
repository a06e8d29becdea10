"""Method questions answered from `knowledge/` with the document cited, and the router that
sends question-shaped text to the guides (but not questions about an account)."""
from __future__ import annotations

import pytest
from sqlmodel import Session

from bot.console import answer_line
from bot.bootstrap import Container
from bot.settings import load_settings
from kam_domain.errors import UserError
from kam_domain.services import knowledge
from kam_domain.services.knowledge import answer_method_question, is_method_question, looks_like_method_question
from support.builders import add_account


def test_each_guide_is_practical_length_and_chunked_by_heading():
    from kam_domain.assets import knowledge_documents

    docs = knowledge_documents()
    assert len(docs) >= 8
    for name, text in docs:
        words = len(text.split())
        assert 400 <= words <= 900, (name, words)
    chunks = knowledge.knowledge_chunks()
    assert {c.doc for c in chunks} == {name for name, _ in docs}
    assert all(c.heading and c.title and c.text for c in chunks)


@pytest.mark.parametrize("question, doc", [
    ("how many key accounts should we have?", "selecting-key-accounts"),
    ("what goes into an account plan?", "account-plan"),
    ("how do I run a QBR?", "running-a-qbr"),
])
def test_answers_cite_the_guide(question, doc, notes_index, offline):
    answer = answer_method_question(question, notes_index, offline)
    assert answer.sources[0].doc == doc
    assert answer.sources[0].file == f"knowledge/{doc}.md"
    assert len(answer.text.split()) > 15


def test_a_question_no_guide_answers_says_what_they_cover(notes_index, offline):
    with pytest.raises(UserError, match="They cover"):
        answer_method_question("what is the capital of Peru and its population?", notes_index, offline)


def test_without_the_index_the_guides_are_matched_by_their_words(tmp_path, embedder, offline):
    from kam_domain.index.chroma_index import ChromaIndex

    broken = tmp_path / "file"
    broken.write_text("x")
    answer = answer_method_question("how do I run a QBR?", ChromaIndex.local(broken, lambda: embedder), offline)
    assert answer.sources[0].doc == "running-a-qbr"
    assert "matched the guides by their words" in answer.notices[0]


@pytest.mark.parametrize("text, expected", [
    ("how do I run a QBR?", True),
    ("what goes into an account plan?", True),
    ("How many key accounts should we have", True),
    ("who should approve promoting an account to key status?", True),  # by similarity, no KAM words
    ("who are the decision makers at Borealis?", False),  # names an account
    ("log that I met Ana today", False),
    ("what's the weather in Oslo?", False),
])
def test_the_router_recognises_method_questions(text, expected, notes_index):
    assert is_method_question(text, notes_index, ["Borealis Logistics GmbH", "borealis logistics"]) is expected


def test_vocabulary_check_needs_no_model():
    assert looks_like_method_question("what is a perception gap?")
    assert not looks_like_method_question("perception gap")


def test_console_ask_reaches_the_guides(sqlite_engine, tmp_path, notes_index, offline, embedder):
    settings = load_settings(KAM_DATA_DIR=str(tmp_path), KAM_TEAM_ID="T_LOCAL")
    container = Container(settings, engine=sqlite_engine, notes_index=notes_index, drafter=offline,
                          embedder=embedder)
    with Session(sqlite_engine) as session:
        add_account(session, "T_LOCAL", "Borealis Logistics GmbH", tier="key")
        session.commit()
    text = answer_line(container, "what is the difference between key account management and account management?")
    assert "Source: Key account management versus account management" in text
    assert "knowledge/kam-vs-account-management.md" in text
    # A question that names an account is not a method question: the router answers it from the map.
    about_account = answer_line(container, "who are the decision makers at Borealis?")
    assert "Borealis Logistics GmbH" in about_account
    assert "knowledge/" not in about_account
