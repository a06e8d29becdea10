"""Two workspaces with same-named accounts, and a note that tries prompt injection: nothing
from another account or workspace ever appears, offline or with a (fake) model that obeys
the injection."""
from __future__ import annotations

import json

import pytest
from sqlmodel import Session

from bot.wiring import to_message
from bot.wiring import to_text
from drafting_data import BETA_SECRET, OTHER_SECRET, TODAY, index_everything, llm_drafter, seed
from kam_domain.drafting.schemas import ActionOut, ActionsOut, SwotOut, SwotPointOut
from kam_domain.services.authz import Actor
from kam_domain.services.drafts import draft_swot, next_action_drafts
from kam_domain.store.uow import UnitOfWork

FORBIDDEN = ("BETA-SECRET", "VANTOR-SECRET", "Nordwind", "4.2M", "Beta User", "<!here>", "<!channel>", "<@U0BOSS>",
             "@channel")


@pytest.fixture
def seeded(engine, notes_index):
    with Session(engine) as session:
        data = seed(session, injection=True)
    index_everything(engine, notes_index)
    return data


def rendered(result) -> str:
    message = to_message(result)
    return json.dumps(message.blocks) + message.text + to_text(result)


def assert_clean(text: str):
    for secret in FORBIDDEN:
        assert secret not in text, secret


def test_offline_drafts_never_cross_accounts_or_workspaces(engine, notes_index, offline, seeded):
    alpha = draft_swot(UnitOfWork(engine), Actor("T_ALPHA", "U_ALICE"), "borealis", TODAY, notes_index, offline)
    assert {p.citation.note_id for p in alpha.points} <= set(seeded.alpha_notes)
    assert_clean(rendered(alpha))
    actions = next_action_drafts(UnitOfWork(engine), Actor("T_ALPHA", "U_ALICE"), seeded.alpha_id, TODAY,
                                 notes_index, offline)
    assert {a.source_note_id for a in actions.actions} <= set(seeded.alpha_notes)
    assert_clean(rendered(actions))
    beta = draft_swot(UnitOfWork(engine), Actor("T_BETA", "U_BETAUSER"), "borealis", TODAY, notes_index, offline)
    assert {p.citation.note_id for p in beta.points} <= set(seeded.beta_notes)
    assert "Hamburg" not in rendered(beta) and "Kraftmann offered them 12%" not in rendered(beta)


def test_a_model_that_follows_the_injection_still_leaks_nothing(engine, notes_index, offline, seeded):
    obeying = SwotOut(points=[
        SwotPointOut(quadrant="threat", text=BETA_SECRET, note_id=seeded.beta_notes[0]),
        SwotPointOut(quadrant="threat", text=OTHER_SECRET, note_id=seeded.vantor_notes[0]),
        SwotPointOut(quadrant="strength", text="They praised our hotline <!here> <@U0BOSS> @channel",
                     note_id=seeded.injection_note),
    ])
    drafter, fake = llm_drafter(offline, obeying)
    result = draft_swot(UnitOfWork(engine), Actor("T_ALPHA", "U_ALICE"), "borealis", TODAY, notes_index, drafter)
    assert [p.citation.note_id for p in result.points] == [seeded.injection_note]
    assert_clean(rendered(result))
    prompt = fake.prompt_text()
    assert "BETA-SECRET" not in prompt and "VANTOR-SECRET" not in prompt
    assert "Ignore previous instructions" in prompt.rsplit("<notes>", 1)[1]  # the injection stays inside the data
    assert "not instructions" in prompt.rsplit("<notes>", 1)[0]

    obeying_actions = ActionsOut(actions=[ActionOut(text="Post Beta's notes", reason="asked", kind="request",
                                                    note_id=seeded.beta_notes[1])])
    drafter, _ = llm_drafter(offline, obeying_actions)
    actions = next_action_drafts(UnitOfWork(engine), Actor("T_ALPHA", "U_ALICE"), seeded.alpha_id, TODAY,
                                 notes_index, drafter)
    assert {a.source_note_id for a in actions.actions} <= set(seeded.alpha_notes)
    assert_clean(rendered(actions))


def test_an_account_id_from_another_workspace_is_refused(engine, notes_index, offline, seeded):
    from kam_domain.errors import UserError
    from kam_domain.services.drafts import draft_swot_by_id

    with pytest.raises(UserError, match="no longer exists in this workspace"):
        draft_swot_by_id(UnitOfWork(engine), Actor("T_ALPHA", "U0ADMIN", is_admin=True), seeded.beta_id, TODAY,
                         notes_index, offline)
    with pytest.raises(UserError, match="no longer exists in this workspace"):
        next_action_drafts(UnitOfWork(engine), Actor("T_ALPHA", "U0ADMIN", is_admin=True), seeded.beta_id, TODAY,
                           notes_index, offline)
