"""The words of a fact question: how many quarters it spans, where its account ends, since when."""
from __future__ import annotations

from datetime import date

import pytest

from bot.handlers.facts import _PERIOD, account_words
from kam_domain.errors import UserError
from kam_domain.language.slots import quarters_asked
from kam_domain.services.account_history import since_date
from kam_domain.services.account_money import quarter_of, quarters_back
from kam_domain.services.person_facts import split_place


@pytest.mark.parametrize("text, quarters", [
    ("total revenue from X over the last 8 quarters", 8), ("profit on X over the last 6 quarters", 6),
    ("X growth over the last 4 quarters", 4), ("how much profit do we make on X?", None),
    ("revenue for the past two years", 8), ("last quarter", 1), ("over 6 months", 2), ("and over 8 qtrs?", 8),
    ("year over year", 4), ("Q3 results", None), ("the 2026-Q3 figures", None),
])
def test_how_many_quarters_a_question_spans(text, quarters):
    assert quarters_asked(text) == quarters


@pytest.mark.parametrize("text, account", [
    ("Borealis 8 quarters", "Borealis"), ("#42 8 quarters", "#42"), ("for Borealis over the last 8 quarters?", "Borealis"),
    ("Borealis past year", "Borealis"), ("Q3 Logistics last 2 years", "Q3 Logistics"), ("on Borealis?", "Borealis"),
])
def test_the_account_ends_where_the_period_starts(text, account):
    assert account_words(_PERIOD.sub("", text)) == account


def test_quarters_from_periods_and_back_across_a_year():
    assert [quarter_of(p) for p in ("2026-Q3", "2026q1", "2026-09", "2026-01", "2026", "2026-13")] == \
        ["2026-Q3", "2026-Q1", "2026-Q3", "2026-Q1", None, None]
    assert quarters_back("2026-Q2", 4) == ["2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2"]


def test_since_a_day_and_what_to_fix():
    today = date(2026, 11, 23)
    assert since_date("since 1 Nov", today) == date(2026, 11, 1)
    assert since_date("2026-10-15", today) == date(2026, 10, 15)
    with pytest.raises(UserError, match="Say since when"):
        since_date("since ", today)
    with pytest.raises(UserError, match="future"):
        since_date("2027-02-01", today)


def test_a_person_and_their_place():
    assert split_place("Ana Ruiz at Acme Retail") == ("Ana Ruiz", "Acme Retail")
    assert split_place("Ana Ruiz at #42?") == ("Ana Ruiz", "#42")
    assert split_place("Ana Ruiz") == ("Ana Ruiz", "")
    assert split_place("Ana Ruiz #42") == ("Ana Ruiz", "#42")
