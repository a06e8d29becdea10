"""Portfolio questions as slash commands over signed HTTP (issue 16, class 2): each answer is one table the
strict fake Slack accepted, under the line naming the numbers' period and source, and holds the accounts
asked for and no others: never the restricted account its asker may not read, never another workspace's."""
from __future__ import annotations

import pytest
from sqlmodel import Session

from support.portfolio_seed import ALL_NAMES, BETA, EXPECTED, HIDDEN, seed_portfolio


@pytest.fixture
def seeded(engine):
    with Session(engine) as session:
        seeded = seed_portfolio(session)
        session.commit()
    return seeded


def table_accounts(message: dict) -> set[str]:
    tables = [b for b in message["blocks"] if b["type"] == "table"]
    assert len(tables) <= 1
    if not tables:
        return set()
    header, *rows = tables[0]["rows"]
    assert header[0]["text"] == "Account"
    return {row[0]["text"] for row in rows}


@pytest.mark.parametrize("line", list(EXPECTED))
def test_each_question_lists_what_was_asked_and_nothing_else(scenario, seeded, line):
    status, _, _ = scenario.command(line)
    assert status == 200
    message = scenario.replies()[0]
    assert table_accounts(message) == EXPECTED[line]
    said = str(message)
    assert "Basis: " in said
    assert not (ALL_NAMES - EXPECTED[line]) & table_accounts(message)
    assert HIDDEN not in said and BETA not in said


def test_the_restricted_accounts_kam_sees_it(scenario, seeded):
    scenario.command("growth decliners", user_id="U_ANNA")
    first = scenario.replies(1)[0]
    scenario.command("margins loss", user_id="U_ANNA")
    second = scenario.replies(2)[1]
    assert HIDDEN not in table_accounts(first)  # it grew
    assert table_accounts(second) == {"Acme Retail Group", HIDDEN}


def test_the_other_workspace_sees_only_its_own(scenario, seeded):
    scenario.command("margins loss", team_id="T_BETA", user_id="U_BETA")
    assert table_accounts(scenario.replies()[0]) == {BETA}


def test_a_mention_names_the_person_and_a_bad_option_gets_the_usage(scenario, seeded):
    scenario.command("owned-by <@U_CARL|carl>")
    first = scenario.replies(1)[0]
    scenario.command("margins bananas")
    second = scenario.replies(2)[1]
    assert table_accounts(first) == {"Borealis Logistics", "Vantor Energy"}
    assert "is not one of: loss, low, cost-to-serve" in str(second) and "/kam margins" in str(second)
