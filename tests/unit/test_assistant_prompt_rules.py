"""The assistant thread's prompts and status: account names shortened, at most Slack's four prompts,
and each prompt's message a line the command parser reads as a read-only subcommand."""
from __future__ import annotations

from bot.commands import Registry
from bot.wiring import build_wiring
from kam_domain.services.assistant_prompts import MAX_PROMPTS, PORTFOLIO, account_prompts, short_name


def test_short_names_drop_the_legal_form_and_long_names_keep_their_first_word():
    assert short_name("Borealis Logistics GmbH") == "Borealis Logistics"
    assert short_name("Acme Inc.") == "Acme"
    assert short_name("Ltd") == "Ltd"
    assert short_name("Kestrel Aerospace and Defence Systems International plc") == "Kestrel"


def test_account_prompts_name_the_account_and_fit_slack():
    prompts = account_prompts(7, "Borealis Logistics GmbH")
    titles = [p.title for p in prompts.prompts]
    assert titles == ["SWOT for Borealis Logistics", "Who haven't we met at Borealis Logistics?",
                      "What's due at Borealis Logistics?", "Next actions for Borealis Logistics"]
    assert prompts.account_id == 7 and prompts.title == "Ask about Borealis Logistics"
    assert all(p.message.endswith("Borealis Logistics GmbH") for p in prompts.prompts)
    assert len(PORTFOLIO.prompts) <= MAX_PROMPTS and len(prompts.prompts) <= MAX_PROMPTS


def test_every_prompt_is_a_read_the_conversation_runs_without_asking():
    registry: Registry = build_wiring().registry
    for prompt in PORTFOLIO.prompts + account_prompts(7, "Borealis Logistics GmbH").prompts:
        invocation = registry.parse(prompt.message)
        assert not invocation.command.is_write(invocation), prompt.message
