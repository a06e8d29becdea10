"""Drafting with a chat model (LangChain's fake chat model taught structured output): the
same retrieved notes and citation rules; any failure falls back to the offline drafter and
says so."""
from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session

from drafting_data import TODAY, index_everything, llm_drafter, seed
from kam_domain.drafting.schemas import ActionOut, ActionsOut, MethodAnswerOut, SwotOut, SwotPointOut
from kam_domain.services.authz import Actor
from kam_domain.services.drafts import draft_swot, next_action_drafts
from kam_domain.services.knowledge import answer_method_question
from kam_domain.store.uow import UnitOfWork

ALICE = Actor("T_ALPHA", "U_ALICE")


@pytest.fixture
def seeded(sqlite_engine, notes_index):
    with Session(sqlite_engine) as session:
        data = seed(session)
    index_everything(sqlite_engine, notes_index)
    return data


def swot(engine, index, drafter):
    return draft_swot(UnitOfWork(engine), ALICE, "borealis", TODAY, index, drafter)


def test_the_model_drafts_from_the_notes_and_its_citations_are_checked(sqlite_engine, notes_index, offline, seeded):
    good, late, foreign = seeded.alpha_notes[0], seeded.alpha_notes[1], seeded.beta_notes[0]
    output = SwotOut(points=[
        SwotPointOut(quadrant="strength", text="Their crew trusts our application engineers", note_id=good),
        SwotPointOut(quadrant="weakness", text="Late sorter belt deliveries <!channel> @here", note_id=late),
        SwotPointOut(quadrant="threat", text="BETA-SECRET leaked from another workspace", note_id=foreign),
        SwotPointOut(quadrant="threat", text="Vantor's secret", note_id=seeded.vantor_notes[0]),
        SwotPointOut(quadrant="opportunity", text="Invented fact", note_id=987654),
    ])
    drafter, fake = llm_drafter(offline, output)
    result = swot(sqlite_engine, notes_index, drafter)
    assert result.drafted_by == "fake:structured" and not result.notices
    assert [(p.quadrant, p.citation.note_id) for p in result.points] == [("strength", good), ("weakness", late)]
    assert result.points[1].text == "Late sorter belt deliveries here"
    prompt = fake.prompt_text()
    assert f"[note:{good} 2026-11-20 Anna Keller]" in prompt
    assert "BETA-SECRET" not in prompt and "VANTOR-SECRET" not in prompt  # only this account's notes were sent


def test_a_draft_citing_only_other_accounts_falls_back_offline(sqlite_engine, notes_index, offline, seeded):
    output = SwotOut(points=[SwotPointOut(quadrant="threat", text="BETA-SECRET", note_id=seeded.beta_notes[0])])
    drafter, _ = llm_drafter(offline, output)
    result = swot(sqlite_engine, notes_index, drafter)
    assert result.drafted_by == "offline" and result.points
    assert result.notices[0] == "Drafted offline: the model's draft cited none of this account's notes."
    assert all(p.citation.note_id in seeded.alpha_notes for p in result.points)


@pytest.mark.parametrize("garbage", ["lorem ipsum", {"points": [{"quadrant": "mood", "note_id": "x"}]}, None,
                                     ValueError("could not parse the tool call")])
def test_garbage_falls_back_offline_and_says_so(sqlite_engine, notes_index, offline, seeded, garbage):
    drafter, _ = llm_drafter(offline, garbage)
    result = swot(sqlite_engine, notes_index, drafter)
    assert result.drafted_by == "offline" and result.points
    assert result.notices[0] == "Drafted offline: the model's answer was not usable."


def test_a_model_error_falls_back_offline(sqlite_engine, notes_index, offline, seeded):
    drafter, _ = llm_drafter(offline, ConnectionError("api.openai.com unreachable, key sk-secret"))
    result = swot(sqlite_engine, notes_index, drafter)
    assert result.notices[0] == "Drafted offline: the model did not answer."
    assert "sk-secret" not in " ".join(result.notices)


def test_a_timeout_falls_back_offline(sqlite_engine, notes_index, offline, seeded):
    drafter, _ = llm_drafter(offline, ("sleep", 3), timeout=0.5)
    result = swot(sqlite_engine, notes_index, drafter)
    assert result.notices[0].startswith("Drafted offline: the model did not answer within")
    assert result.points


def test_a_model_that_cannot_be_started_falls_back(sqlite_engine, notes_index, offline, seeded):
    from kam_domain.drafting.llm import LangChainDrafter

    def broken():
        raise RuntimeError("KAM_LLM=anthropic:claude needs the langchain-anthropic package")

    result = swot(sqlite_engine, notes_index, LangChainDrafter(broken, "anthropic:claude", offline))
    assert result.notices[0] == "Drafted offline: the model could not be started (see the log)."


def test_next_actions_from_the_model_keep_only_this_accounts_citations(sqlite_engine, notes_index, offline, seeded):
    promised = seeded.alpha_notes[0]
    output = ActionsOut(actions=[
        ActionOut(text="Send the revised TCO model to Lars", reason="promised on 20 Nov", kind="commitment",
                  note_id=promised, due=date(2026, 11, 27), by="us", owner="me"),
        ActionOut(text="Tell Beta everything", reason="x", kind="risk", note_id=seeded.beta_notes[0]),
    ])
    drafter, _ = llm_drafter(offline, output)
    drafts = next_action_drafts(UnitOfWork(sqlite_engine), ALICE, seeded.alpha_id, TODAY, notes_index, drafter)
    assert [(a.text, a.source_note_id, a.due, a.kind, a.by) for a in drafts.actions] == \
        [("Send the revised TCO model to Lars", promised, date(2026, 11, 27), "commitment", "us")]
    assert drafts.actions[0].owner  # "me" is the note's author
    assert drafts.drafted_by == "fake:structured"


def test_method_answers_from_the_model_cite_only_given_sections(notes_index, offline):
    output = MethodAnswerOut(answer="Start with their priorities, then performance. <!here>",
                             sources=["running-a-qbr#a-practical-agenda", "made-up#section"])
    drafter, fake = llm_drafter(offline, output)
    answer = answer_method_question("how do I run a QBR?", notes_index, drafter)
    assert answer.text == "Start with their priorities, then performance."
    assert [s.doc for s in answer.sources] == ["running-a-qbr"]
    assert "<guides>" in fake.prompt_text()


@pytest.fixture
def install_without(monkeypatch, tmp_path):
    """An install whose prompts folder lacks some templates (a broken wheel): the other
    templates are copied, the named ones are not."""
    from kam_domain import assets
    from kam_domain.drafting.prompts import template

    def without(*missing: str):
        folder = tmp_path / "kam_prompts"
        folder.mkdir()
        for name in assets.prompt_names():
            if name not in missing:
                (folder / f"{name}.md").write_text(assets.prompt_text(name), encoding="utf-8")
        monkeypatch.setattr(assets, "prompts_root", lambda: folder)
        template.cache_clear()

    yield without
    template.cache_clear()


def test_a_missing_swot_prompt_falls_back_offline(sqlite_engine, notes_index, offline, seeded, install_without):
    install_without("swot")
    drafter, fake = llm_drafter(offline, SwotOut(points=[]))
    result = swot(sqlite_engine, notes_index, drafter)
    assert result.drafted_by == "offline" and result.points
    assert result.notices[0] == ("Drafted offline: the prompt for the model is missing from this install "
                                 "(prompts/swot.md).")
    assert not fake.seen  # the model was never asked


def test_a_missing_next_actions_prompt_falls_back_offline(sqlite_engine, notes_index, offline, seeded,
                                                          install_without):
    install_without("next_actions")
    drafter, fake = llm_drafter(offline, ActionsOut(actions=[]))
    drafts = next_action_drafts(UnitOfWork(sqlite_engine), ALICE, seeded.alpha_id, TODAY, notes_index, drafter)
    assert drafts.drafted_by == "offline"
    assert drafts.notices == ["Drafted offline: the prompt for the model is missing from this install "
                              "(prompts/next_actions.md)."]
    assert not fake.seen


def test_a_missing_method_prompt_falls_back_offline(notes_index, offline, install_without):
    install_without("method_answer")
    drafter, fake = llm_drafter(offline, MethodAnswerOut(answer="unused", sources=[]))
    answer = answer_method_question("how do I run a QBR?", notes_index, drafter)
    assert answer.drafted_by == "offline" and answer.sources[0].doc == "running-a-qbr"
    assert answer.notices[0] == ("Drafted offline: the prompt for the model is missing from this install "
                                 "(prompts/method_answer.md).")
    assert not fake.seen


def test_a_prompt_that_does_not_fit_its_values_falls_back_offline(sqlite_engine, notes_index, offline, seeded,
                                                                 install_without, tmp_path):
    install_without()
    (tmp_path / "kam_prompts" / "swot.md").write_text("Use {unknown_value}.\n<!-- user -->\n{notes}\n")
    drafter, fake = llm_drafter(offline, SwotOut(points=[]))
    result = swot(sqlite_engine, notes_index, drafter)
    assert result.drafted_by == "offline" and result.points
    assert result.notices[0] == "Drafted offline: the prompt for the model is broken (prompts/swot.md)."
    assert not fake.seen
