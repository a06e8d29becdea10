"""`kam doctor`: each set-up item fires, names its fix, and clears once the fix is made.
Real SQLite and PostgreSQL; Slack only through the port (a callable here, the fake Slack below)."""
from __future__ import annotations

from datetime import date, datetime, timezone

import pytest
import typer
from sqlmodel import Session, select
from typer.testing import CliRunner

from bot.render.doctor import doctor_blocks, doctor_text
from kam_domain.models import Account, Criterion, Note
from kam_domain.services.doctor import MEMBER, NOT_FOUND, NOT_MEMBER, setup_checks
from kam_domain.store.uow import UnitOfWork
from support.builders import add_account, add_criteria, add_scores

TEAM, OTHER = "T_ALPHA", "T_BETA"


def check(engine, team: str = TEAM, **kwargs):
    return setup_checks(UnitOfWork(engine), team, **kwargs)


def keys(report) -> list[str]:
    return [i.key for i in report.items]


def base(engine) -> None:
    """A workspace with nothing left to do: criteria, one fully set-up key account."""
    with Session(engine) as session:
        criteria = add_criteria(session, TEAM, [("product_fit", 1, "attractiveness"), ("relationship", 1, "strength")])
        acme = add_account(session, TEAM, "Acme Corporation", tier="key", owner_user_id="U_JANE",
                           crm_owner_name="Jane Doe", sponsor_user_id="U_BOSS", channel_id="C_ACME")
        add_scores(session, acme, criteria, {"product_fit": 7, "relationship": 6})
        add_account(session, TEAM, "Globex", owner_user_id="U_JANE")
        session.commit()


def update(engine, name: str, team: str = TEAM, **fields) -> None:
    with Session(engine) as session:
        account = session.exec(select(Account).where(Account.team_id == team, Account.name == name)).one()
        for key, value in fields.items():
            setattr(account, key, value)
        session.commit()


def test_a_set_up_workspace_is_all_set(engine):
    base(engine)
    report = check(engine)
    assert report.all_set and report.items == []
    assert doctor_text(report).startswith("All set: nothing left to set up in workspace T_ALPHA")
    assert "All set" in doctor_blocks(report)[0]["text"]["text"]


def test_crm_owner_not_linked_fires_and_clears_when_linked(engine):
    base(engine)
    with Session(engine) as session:
        add_account(session, TEAM, "Initech LLC", crm_owner_name="Peter Gibbons")
        add_account(session, TEAM, "Initrode", crm_owner_name="Peter Gibbons")
        add_account(session, OTHER, "Beta Corp", crm_owner_name="Beta Owner")  # another workspace: not ours
        session.commit()
    item = check(engine).item("owners_not_linked")
    assert (item.count, item.severity) == (2, "warning")
    assert item.examples == ["Initech LLC (CRM owner Peter Gibbons)", "Initrode (CRM owner Peter Gibbons)"]
    assert "1 owner" in item.message
    assert "kam import users owners.csv" in item.fix_command and "/kam team ACCOUNT owner=@user" in item.fix_command
    assert check(engine).item("no_owner") is None  # a CRM owner is an owner, just not linked

    update(engine, "Initech LLC", owner_user_id="U_PETER", owner_source="manual")
    update(engine, "Initrode", owner_user_id="U_PETER", owner_source="crm")
    assert check(engine).all_set


def test_account_without_any_owner_fires_and_clears(engine):
    base(engine)
    with Session(engine) as session:
        add_account(session, TEAM, "Orphan Ltd")
        session.commit()
    item = check(engine).item("no_owner")
    assert (item.count, item.examples, item.fix_command) == (1, ["Orphan Ltd"], "/kam team ACCOUNT owner=@user")
    update(engine, "Orphan Ltd", owner_user_id="U_JANE")
    assert check(engine).all_set


@pytest.mark.parametrize("column, key, fix, value", [
    ("sponsor_user_id", "no_sponsor", "/kam team ACCOUNT sponsor=@user", "U_BOSS"),
    ("channel_id", "no_channel", "/kam team ACCOUNT channel=#channel", "C_ACME"),
])
def test_key_account_without_sponsor_or_channel_fires_and_clears(engine, column, key, fix, value):
    base(engine)
    update(engine, "Acme Corporation", **{column: None})
    update(engine, "Globex", **{column: None})  # a regular account needs neither
    item = check(engine).item(key)
    assert (item.count, item.examples, item.fix_command) == (1, ["Acme Corporation"], fix)
    assert keys(check(engine)) == [key]
    update(engine, "Acme Corporation", **{column: value})
    assert check(engine).all_set


def test_no_active_criteria_is_the_first_item_and_clears_with_a_template(engine):
    base(engine)
    with Session(engine) as session:
        for criterion in session.exec(select(Criterion).where(Criterion.team_id == TEAM)).all():
            criterion.active = False
        session.commit()
    report = check(engine)
    assert keys(report) == ["no_criteria"]  # nothing waits for scores without criteria
    item = report.item("no_criteria")
    assert item.severity == "error" and item.fix_command.startswith("/kam criteria template NAME")
    assert "classic" in item.fix_command

    from kam_domain.services.authz import Actor
    from kam_domain.services.selection import apply_template

    apply_template(UnitOfWork(engine), Actor(TEAM, "U0ADMIN", is_admin=True), "classic")
    assert check(engine).item("no_criteria") is None


def test_key_and_candidate_accounts_waiting_for_judgement_scores(engine):
    base(engine)
    with Session(engine) as session:
        criteria = {c.key: c for c in session.exec(select(Criterion).where(Criterion.team_id == TEAM)).all()}
        half = add_account(session, TEAM, "Half Scored AG", tier="candidate", owner_user_id="U_JANE")
        add_scores(session, half, criteria, {"product_fit": 5})
        add_account(session, TEAM, "Unscored Regular", owner_user_id="U_JANE")  # regular: not waited for
        session.commit()
    item = check(engine).item("scores_waiting")
    assert (item.count, item.examples, item.fix_command) == (1, ["Half Scored AG"], "/kam score ACCOUNT")

    from kam_domain.services.authz import Actor
    from kam_domain.services.selection import set_scores

    set_scores(UnitOfWork(engine), Actor(TEAM, "U0ADMIN", is_admin=True), "half scored", {"relationship": "6"},
               datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc))
    assert check(engine).all_set


def test_a_criterion_the_data_answers_does_not_wait_for_a_person(engine):
    base(engine)
    with Session(engine) as session:
        # the customer's rating of us is scored from Account.customer_rating when there is one
        add_criteria(session, TEAM, [("customer_rating_of_us", 1, "strength")])
        session.commit()
    item = check(engine).item("scores_waiting")
    assert (item.count, item.examples) == (1, ["Acme Corporation"])  # no rating: the data cannot answer
    update(engine, "Acme Corporation", customer_rating=8.0)
    assert check(engine).all_set


def test_a_workspace_that_never_chose_criteria_has_the_day_one_template(engine):
    with Session(engine) as session:
        add_account(session, TEAM, "Fresh Key", tier="key", owner_user_id="U_JANE", sponsor_user_id="U_BOSS",
                    channel_id="C_FRESH")
        session.commit()
    report = check(engine)
    assert report.item("no_criteria") is None
    assert report.item("scores_waiting").examples == ["Fresh Key"]  # judgement criteria of the template


def test_notes_not_indexed_fire_and_clear_after_indexing(engine):
    base(engine)
    with Session(engine) as session:
        acme = session.exec(select(Account).where(Account.name == "Acme Corporation")).one()
        for n in range(3):
            session.add(Note(team_id=TEAM, account_id=acme.id, written_on=date(2026, 11, n + 1), author="Jane",
                             body=f"note {n}", content_hash=f"h{n}"))
        session.commit()
    item = check(engine).item("notes_not_indexed")
    assert (item.count, item.severity, item.fix_command) == (3, "info", "kam reindex")
    with Session(engine) as session:
        for note in session.exec(select(Note)).all():
            note.indexed_at = datetime(2026, 11, 23, tzinfo=timezone.utc)
        session.commit()
    assert check(engine).all_set


def test_bot_not_in_a_key_account_channel_through_the_port(engine):
    base(engine)
    with Session(engine) as session:
        add_account(session, TEAM, "Borealis", tier="key", owner_user_id="U_JANE", sponsor_user_id="U_BOSS",
                    channel_id="C_GONE")
        add_account(session, TEAM, "Cyberdyne", tier="key", owner_user_id="U_JANE", sponsor_user_id="U_BOSS",
                    channel_id="C_BROKEN")
        session.commit()
    asked: list[str] = []
    answers = {"C_ACME": NOT_MEMBER, "C_GONE": NOT_FOUND}

    def membership(channel: str) -> str:
        asked.append(channel)
        if channel == "C_BROKEN":
            raise ConnectionError("no network")
        return answers[channel]

    # the new key accounts need scores: not what this test is about
    with Session(engine) as session:
        criteria = {c.key: c for c in session.exec(select(Criterion).where(Criterion.team_id == TEAM)).all()}
        for name in ("Borealis", "Cyberdyne"):
            add_scores(session, session.exec(select(Account).where(Account.name == name)).one(), criteria,
                       {"product_fit": 5, "relationship": 5})
        session.commit()
    report = check(engine, slack=membership)
    assert sorted(asked) == ["C_ACME", "C_BROKEN", "C_GONE"]
    assert report.checked_slack
    outside = report.item("bot_not_in_channel")
    assert (outside.count, outside.examples) == (1, ["Acme Corporation (channel C_ACME)"])
    assert outside.fix_command.startswith("/invite @kam")
    assert report.item("channel_not_found").examples == ["Borealis (channel C_GONE)"]
    assert "ConnectionError" in report.item("channel_check_failed").examples[0]
    assert check(engine).all_set  # without Slack these are not checked

    answers.update(C_ACME=MEMBER, C_GONE=MEMBER)
    update(engine, "Cyberdyne", channel_id="C_ACME")
    assert check(engine, slack=membership).all_set


def test_channel_membership_over_the_fake_slack(engine):
    from bot.slack_checks import channel_membership
    from bot.slack_client import make_web_client
    from support.fake_slack import FakeSlack

    base(engine)
    with FakeSlack(team_id=TEAM, channels=("C_ACME",)) as fake:  # the bot was invited to Acme's channel
        port = channel_membership(make_web_client("xoxb-test", fake.base_url))
        assert check(engine, slack=port).all_set
        fake.set_channel("C_ACME", is_member=False)
        assert check(engine, slack=port).item("bot_not_in_channel").count == 1
        fake.error_next("conversations.info", "channel_not_found")
        assert check(engine, slack=port).item("channel_not_found").count == 1
        fake.error_next("conversations.info", "missing_scope")
        assert "missing_scope" in check(engine, slack=port).item("channel_check_failed").examples[0]
        assert [c.args["channel"] for c in fake.calls("conversations.info")] == ["C_ACME"] * 4


def test_everything_is_workspace_scoped(engine):
    base(engine)
    with Session(engine) as session:
        add_account(session, OTHER, "Beta Key", tier="key", crm_owner_name="Beta Owner")
        session.add(Criterion(team_id=OTHER, key="x", label="X"))
        session.commit()
    assert check(engine).all_set
    other = check(engine, OTHER)
    assert set(keys(other)) == {"owners_not_linked", "no_sponsor", "no_channel", "scores_waiting"}
    assert all("Acme" not in e for i in other.items for e in i.examples)


def test_renderers_escape_names_and_show_every_fix(engine):
    base(engine)
    with Session(engine) as session:
        for n in range(7):
            add_account(session, TEAM, f"<@U123> & Co {n}", crm_owner_name="@channel <b>")
        session.commit()
    report = check(engine)
    text = doctor_text(report)
    assert "7 accounts have a CRM owner not linked to a Slack user" in text
    assert "and 2 more" in text and "fix: kam import users owners.csv" in text
    assert "Slack not checked" in text
    blocks = doctor_blocks(report)
    assert all(b["type"] == "section" for b in blocks) and len(blocks) == 1 + len(report.items)
    rendered = " ".join(b["text"]["text"] for b in blocks)
    assert "<@U123>" not in rendered and "&lt;@U123&gt; &amp; Co 0" in rendered
    assert "@channel" not in rendered
    assert "`kam import users owners.csv" in rendered


def test_cli_commands_report_and_export(engine, tmp_path):
    from bot.bootstrap import Container
    from bot.cli_ops import register
    from bot.settings import load_settings
    from kam_domain.clock import FixedClock
    from support.constants import NOW

    base(engine)
    update(engine, "Acme Corporation", sponsor_user_id=None)
    container = Container(load_settings(KAM_DATA_DIR=str(tmp_path), KAM_TEAM_ID="T_LOCAL"), engine=engine,
                          clock=FixedClock(NOW))
    app = typer.Typer()
    register(app, container_factory=lambda: container)
    runner = CliRunner()

    result = runner.invoke(app, ["doctor", "--team", TEAM])
    assert result.exit_code == 0, result.output
    assert "1 key account has no executive sponsor" in result.stdout
    assert "fix: /kam team ACCOUNT sponsor=@user" in result.stdout
    result = runner.invoke(app, ["doctor", "--team", "T_EMPTY"])
    assert result.exit_code == 0 and "All set: nothing left to set up in workspace T_EMPTY" in result.stdout

    out = tmp_path / "accounts.csv"
    result = runner.invoke(app, ["export", "accounts", str(out), "--team", TEAM])
    assert result.exit_code == 0, result.output
    assert "Exported 2 accounts" in result.stdout and out.exists()
    result = runner.invoke(app, ["export", "notes", str(tmp_path / "n.csv"), "--team", TEAM])
    assert result.exit_code == 1 and "use one of accounts, stakeholders, actions" in result.output


def test_cli_doctor_with_a_bot_token_checks_the_tokens_workspace_and_its_channels(engine, tmp_path):
    from bot.bootstrap import Container
    from bot.cli_ops import register
    from bot.settings import load_settings
    from bot.slack_client import make_web_client
    from kam_domain.clock import FixedClock
    from support.constants import NOW
    from support.fake_slack import FakeSlack

    base(engine)
    with FakeSlack(team_id=TEAM) as fake:
        fake.set_channel("C_ACME", is_member=False)
        settings = load_settings(SLACK_BOT_TOKEN="xoxb-test", SLACK_API_URL=fake.base_url, KAM_DATA_DIR=str(tmp_path),
                                 KAM_TEAM_ID="T_LOCAL")
        container = Container(settings, engine=engine, clock=FixedClock(NOW),
                              slack_client=make_web_client("xoxb-test", fake.base_url))
        app = typer.Typer()
        register(app, container_factory=lambda: container)
        result = CliRunner().invoke(app, ["doctor"])
    assert result.exit_code == 0, result.output
    assert "Set-up left to do in workspace T_ALPHA: 1 item" in result.stdout
    assert "I am not in the channel of 1 key account" in result.stdout
    assert "Acme Corporation (channel C_ACME)" in result.stdout and "fix: /invite @kam" in result.stdout
