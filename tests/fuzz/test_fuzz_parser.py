"""The `/kam` grammar under random input: parse never raises anything but UsageError, every
error says what to fix, and the helpers (clean_slack_text, parse_user_id, tokenize) stay total."""
from __future__ import annotations

import re

from hypothesis import example, given, strategies as st

from bot.commands import MAX_COMMAND_TEXT, Invocation, Shape, UsageError, clean_slack_text, parse_user_id, \
    tokenize
from kam_domain.errors import UserError
from fuzzing import fuzz, slack_text
from bot.wiring import default_wiring

REGISTRY = default_wiring().registry

NAMES = REGISTRY.names() + [alias for c in REGISTRY.all() for alias in c.aliases]
KV_KEYS = sorted({k for c in REGISTRY.all() for k in (c.kv_keys or ())} | {"product_fit", "x", "Title", "owner"})

kv_token = st.builds(lambda k, v, quoted: f'{k}="{v}"' if quoted else f"{k}={v}",
                     st.sampled_from(KV_KEYS), st.text(alphabet=st.characters(blacklist_characters='"'), max_size=15),
                     st.booleans())
argument_text = st.lists(st.one_of(slack_text, kv_token, st.sampled_from(["#1", "Borealis", "\"Acme Retail\"", "=",
                                                                           "a=b=c", "=x", "override"])),
                         max_size=8).map(" ".join)
command_line = st.one_of(
    slack_text,
    st.builds(lambda head, rest: f"{head} {rest}", st.sampled_from(NAMES), argument_text),
    st.builds(lambda head, rest: f"{head.upper()}\u00a0{rest}", st.sampled_from(NAMES), argument_text),
)


def _check_error(exc: UsageError) -> None:
    assert exc.message.strip(), "an empty error message"
    assert len(exc.message) < 3000, "an error too long for one Slack section"
    if exc.command is not None:
        assert f"Usage: `{exc.command.usage}`" in exc.message


@fuzz(400)
@given(command_line)
@example("x" * (MAX_COMMAND_TEXT + 1))
@example("log " + "<@U123|ana> " * 700)
@example("stakeholder Acme Ana title=\"unterminated")
@example("score Acme product_fit=8 product_fit=9")
@example("\x00\x00")
@example("help " * 2000)
def test_parse_is_total_and_errors_say_what_to_fix(text):
    try:
        invocation = REGISTRY.parse(text)
    except UsageError as exc:
        _check_error(exc)
        return
    assert isinstance(invocation, Invocation)
    command = invocation.command
    assert REGISTRY.get(command.name) is command
    assert len(invocation.text) <= MAX_COMMAND_TEXT
    if command.shape == Shape.NONE:
        assert invocation.text == ""
    if command.shape == Shape.CHOICE:
        assert invocation.choice is None or invocation.choice in command.choices
    if command.shape in (Shape.ACCOUNT, Shape.ACCOUNT_KV, Shape.ACCOUNT_REST, Shape.ACCOUNT_REST_KV):
        assert invocation.words or (command.account_optional and not invocation.text), \
            "an account command parsed without an account"
    if command.kv_keys is not None:
        assert set(invocation.kv) <= set(command.kv_keys)
    if command.shape == Shape.ACCOUNT:
        assert not invocation.kv


@fuzz(200)
@given(st.sampled_from(REGISTRY.all()), argument_text)
def test_every_subcommand_parses_or_gives_its_usage(command, rest):
    try:
        invocation = REGISTRY.parse(f"{command.name} {rest}")
    except UsageError as exc:
        _check_error(exc)
        assert exc.command is None or exc.command is command or exc.command.name == "help"
        return
    two_word_alias = REGISTRY.get(f"{command.name} {rest.strip().partition(' ')[0]}")
    assert invocation.command is (two_word_alias or command)


@fuzz(300)
@given(slack_text)
@example("<@U123ABC|ana> met <#C123|general> at <https://x.example|site> &amp; &lt;b&gt;")
@example("<!channel>")
@example("<@>")
def test_clean_slack_text_is_total_and_keeps_ids_not_markup(text):
    cleaned = clean_slack_text(text)
    assert isinstance(cleaned, str)
    assert cleaned == cleaned.strip()
    # Slack's link markup is gone: no <@U..|..> or <#C..|..> wrappers are left from the input.
    assert not re.search(r"<[@#][A-Z0-9]+\|", cleaned) or "&lt;" in text


@fuzz(300)
@given(st.one_of(slack_text, st.from_regex(r"@?[UW][A-Z0-9_]{0,12}", fullmatch=True),
                 st.sampled_from(["@ana", "U1", "<@U123>", "@U123|ana", "u123", "", "   "])))
def test_parse_user_id_returns_an_id_or_a_clear_error(value):
    try:
        user_id = parse_user_id(value)
    except UserError as exc:
        assert "mention them" in exc.message
        return
    assert re.fullmatch(r"[UW][A-Z0-9_]{2,}", user_id)


@fuzz(200)
@given(slack_text)
def test_tokenize_is_total(text):
    tokens = tokenize(text)
    assert all(token.strip() for token in tokens)
