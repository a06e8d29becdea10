"""The option words of a portfolio question, read from the phrasing (pure: no model, no store), and the
parser of the subcommands that takes them."""
from __future__ import annotations

import pytest

from bot.commands import UsageError
from bot.handlers.insights import COMMANDS, GAP_OPTIONS, options
from bot.language.encoder import router_intents
from bot.wiring import default_wiring
from kam_domain.language.choice_cues import cued_words

DECLARED = {c.name: c for c in COMMANDS}
REGISTRY = default_wiring().registry


@pytest.mark.parametrize("command,text,words", [
    ("growth", "which non-key accounts are growing fastest?", ["non-key"]),
    ("growth", "fastest growth outside the key accounts", ["non-key", "key"]),  # the parser keeps the first
    ("growth", "which of our key customers are shrinking?", ["decliners", "key"]),
    ("margins", "which customers are we losing money on?", ["loss"]),
    ("margins", "which accounts cost us the most to serve", ["cost-to-serve"]),
    ("margins", "margins under 15%?", ["low"]),
    ("gaps", "which accounts have no executive sponsor?", ["sponsor"]),
    ("gaps", "accounts we haven't spoken to in 45 days", ["contact", "45d"]),
    ("gaps", "all accounts without a plan", ["plan", "all"]),
    ("cold", "which key accounts have gone cold in 6 weeks?", ["key", "6w"]),
    ("trends", "which accounts have engagement going down?", ["engagement", "down"]),
    ("trends", "is loyalty improving anywhere", ["loyalty", "up"]),
])
def test_the_phrasing_gives_the_option_words(command, text, words):
    assert cued_words(text, DECLARED[command].choice_cues) == words


def test_the_router_gets_the_cues_and_the_text_taking_intent_from_the_declarations():
    intents = router_intents(REGISTRY)
    assert intents.spec("gaps").cues == DECLARED["gaps"].choice_cues and not intents.spec("gaps").takes_text
    assert intents.spec("owned-by").takes_text
    assert not intents.spec("accounts").cues and not intents.spec("account").takes_text


def _run(line: str) -> dict:
    return options(REGISTRY.parse(line), GAP_OPTIONS, days=True)


@pytest.mark.parametrize("line,expected", [
    ("gaps", {}),
    ("gaps contact 45 days all", {"gap": "contact", "tier": "all", "days": 45}),
    ("gaps contact 2w non-key", {"gap": "contact", "tier": "non-key", "days": 14}),
    ("gaps sponsr", {"gap": "sponsor"}),  # a typo is mended
    ("gaps sponsor plan 2m", {"gap": "sponsor", "days": 60}),  # the first of a kind wins
])
def test_option_words_in_any_order(line, expected):
    assert _run(line) == expected


@pytest.mark.parametrize("line,problem", [
    ("gaps budget", "`budget` is not one of: plan, sponsor, channel, contact, key, non-key, all, or a number of days."),
    ("gaps contact 0 days", "Give a number of days from 1 to 3650."),
])
def test_a_bad_word_gets_the_usage(line, problem):
    with pytest.raises(UsageError) as caught:
        _run(line)
    assert caught.value.problem == problem and "/kam gaps" in str(caught.value)
