"""Every row of an account list is reachable: pages of the service, `page N` in the grammar,
numbering and the total on each page, a Show more button in Slack, every row at the console."""
from __future__ import annotations

import pytest
from sqlmodel import Session

from bot.commands import UsageError
from bot.render.blocks import RUN_ACTION
from bot.wiring import to_message
from bot.wiring import to_text
from kam_domain.errors import UserError
from kam_domain.services.accounts import PAGE_SIZE, list_accounts
from kam_domain.services.authz import Actor
from kam_domain.store.uow import UnitOfWork
from support.builders import add_account
from bot.wiring import default_wiring

REGISTRY = default_wiring().registry


TEAM = "T_ALPHA"
ADMIN = Actor(team_id=TEAM, user_id="U0ADMIN", is_admin=True)


def seed(engine, regular: int = 55, key: int = 5) -> None:
    with Session(engine) as session:
        for n in range(key):
            add_account(session, TEAM, f"Key Customer {n:02d}", tier="key")
        for n in range(regular):
            add_account(session, TEAM, f"Regular Customer {n:02d}")
        add_account(session, "T_BETA", "Other Workspace Account")
        session.commit()


def test_pages_reach_every_account_once_in_a_stable_order(engine):
    seed(engine)
    first = list_accounts(UnitOfWork(engine), ADMIN, "all")
    second = list_accounts(UnitOfWork(engine), ADMIN, "all", page=2)

    assert (first.total, len(first.rows), first.first, first.last, first.next_page) == (60, PAGE_SIZE, 1, 40, 2)
    assert (second.total, len(second.rows), second.first, second.last, second.next_page) == (60, 20, 41, 60, None)
    names = [r.name for r in first.rows + second.rows]
    assert len(names) == len(set(names)) == 60
    assert "Other Workspace Account" not in names
    everything = list_accounts(UnitOfWork(engine), ADMIN, "all", limit=None)
    assert [r.name for r in everything.rows] == names and everything.next_page is None


def test_a_page_past_the_end_says_how_many_pages_there_are(engine):
    seed(engine)
    with pytest.raises(UserError, match="There is no page 3: the list has 60 accounts on 2 pages"):
        list_accounts(UnitOfWork(engine), ADMIN, "all", page=3)
    with pytest.raises(UserError, match="whole number"):
        list_accounts(UnitOfWork(engine), ADMIN, "all", page=0)
    empty = list_accounts(UnitOfWork(engine), ADMIN, "candidates")  # page 1 of an empty list is fine
    assert (empty.total, empty.rows, empty.first) == (0, [], 0)


@pytest.mark.parametrize("text, choice, page", [
    ("accounts", "key", None),
    ("accounts all", "all", None),
    ("accounts all page 2", "all", 2),
    ("accounts key page 2", "key", 2),
    ("accounts page 3", "key", 3),
    ("accounts ALL Page 2", "all", 2),
    ("list regular page 12", "regular", 12),
])
def test_page_n_parses_after_the_choice(text, choice, page):
    invocation = REGISTRY.parse(text)
    assert (invocation.command.name, invocation.choice, invocation.page) == ("accounts", choice, page)


@pytest.mark.parametrize("text, problem", [
    ("accounts all page", "Give one page number"),
    ("accounts all page two", "`two` is not a page number"),
    ("accounts all page 0", "`0` is not a page number"),
    ("accounts all page -1", "`-1` is not a page number"),
    ("accounts all page 2 3", "Give one page number"),
    ("accounts all page 99999999999999999999", "is not a page number"),
    ("accounts sideways page 2", "`sideways` is not one of"),
    ("accounts key all page 2", "Choose one of"),
])
def test_a_bad_page_gets_the_usage(text, problem):
    with pytest.raises(UsageError) as error:
        REGISTRY.parse(text)
    assert problem in error.value.message
    assert "Usage: `/kam accounts [key|candidates|regular|all] [page N]`" in error.value.message


def test_other_choice_commands_do_not_take_a_page():
    pageable = [c.name for c in REGISTRY.all() if c.pageable]
    assert pageable == ["accounts"]


def _section_texts(message) -> list[str]:
    """The table's rows as "number. *account*" (issue 19: one table block a message)."""
    tables = [b for b in message.blocks if b["type"] == "table"]
    assert len(tables) == 1
    return [f"{row[0]['text']}. *{row[1]['text']}*" for row in tables[0]["rows"][1:]]


def test_slack_pages_are_numbered_with_the_range_and_a_show_more_button(engine):
    seed(engine)
    first = to_message(list_accounts(UnitOfWork(engine), ADMIN, "all"))
    assert len(first.blocks) < 50
    rows = _section_texts(first)
    assert rows[0].startswith("1. *") and rows[-1].startswith("40. *")
    assert any(b["type"] == "context" and b["elements"][0]["text"] == "1-40 of 60" for b in first.blocks)
    more = first.blocks[-1]
    assert more["type"] == "actions"
    button = more["elements"][0]
    assert button["text"]["text"] == "Show more"
    assert button["action_id"].startswith(RUN_ACTION) and button["value"] == "accounts all page 2"
    assert len(button["value"]) < 2000
    # the button runs a line the grammar reads
    assert REGISTRY.parse(button["value"]).page == 2

    last = to_message(list_accounts(UnitOfWork(engine), ADMIN, "all", page=2))
    rows = _section_texts(last)
    assert rows[0].startswith("41. *") and rows[-1].startswith("60. *")
    assert any(b["type"] == "context" and b["elements"][0]["text"] == "41-60 of 60" for b in last.blocks)
    assert "Show more" not in str(last.blocks)  # nothing left to show (the rows' Open buttons stay)
    assert last.blocks[0]["text"]["text"] == "All accounts (60)"


def test_a_list_that_fits_one_page_has_no_paging(engine):
    seed(engine, regular=3, key=2)
    message = to_message(list_accounts(UnitOfWork(engine), ADMIN, "all"))
    assert "Show more" not in str(message.blocks)
    assert not any(b["type"] == "context" and " of " in b["elements"][0]["text"] for b in message.blocks)


def test_the_console_shows_every_row_and_pages_only_when_asked(engine, tmp_path):
    seed(engine)
    from bot.bootstrap import Container
    from bot.console import answer_line
    from bot.settings import load_settings
    from kam_domain.clock import FixedClock
    from support.constants import NOW

    container = Container(load_settings(KAM_DATA_DIR=str(tmp_path), KAM_TEAM_ID=TEAM), engine=engine,
                          clock=FixedClock(NOW))
    everything = answer_line(container, "accounts all")
    assert "All accounts: 60" in everything
    assert " 1. Key Customer" in everything and "60. Regular Customer" in everything
    assert "more" not in everything and "page" not in everything
    page_two = answer_line(container, "accounts all page 2")
    assert "41. " in page_two and "60. " in page_two and " 1. " not in page_two
    assert "41-60 of 60" in page_two
    assert "1-40 of 60; next: accounts all page 2" in answer_line(container, "accounts all page 1")


def test_text_rendering_of_a_page(engine):
    seed(engine)
    text = to_text(list_accounts(UnitOfWork(engine), ADMIN, "all"))
    assert text.splitlines()[-1] == "  1-40 of 60; next: accounts all page 2"
