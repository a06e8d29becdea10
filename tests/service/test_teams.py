"""The account team service on real databases: show, every change kind, the authorization table
cell by cell, audit entries, validation that writes nothing, workspace isolation, the scheduler
and App Home reading what it wrote, and `kam import teams`."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session, func, select

from kam_domain.errors import NeedsChoice, NotAllowed, UserError
from kam_domain.models import Account, AuditEntry, Review, TeamMember
from kam_domain.rules.people_matching import SlackPerson
from kam_domain.services import home, reminders, teams
from kam_domain.services.authz import Actor
from kam_domain.services.importing import ImportRejected
from kam_domain.services.team_import import import_teams
from kam_domain.services.teams import TeamChanges, TeamProblems
from kam_domain.store.uow import UnitOfWork
from support.builders import add_account, add_member, two_workspaces_with_borealis
from support.constants import NOW, TODAY

TEAM = "T_ALPHA"
KAM = Actor(TEAM, "U_ALICE")
SPONSOR = Actor(TEAM, "U_SPONSOR")
MEMBER = Actor(TEAM, "U_BOB")
OUTSIDER = Actor(TEAM, "U_OUTSIDER")
ADMIN = Actor(TEAM, "U_ADMIN", is_admin=True)
GUEST = Actor(TEAM, "U_GUEST", is_guest=True)
BETA_ADMIN = Actor("T_BETA", "U_ADMIN", is_admin=True)


def _seed(engine) -> dict[str, int]:
    with Session(engine) as session:
        alpha, beta = two_workspaces_with_borealis(session)
        alpha.sponsor_user_id = "U_SPONSOR"
        add_member(session, alpha, "U_ALICE", role="kam")
        add_member(session, alpha, "U_SPONSOR", role="sponsor")
        add_member(session, alpha, "U_BOB")
        acme = add_account(session, TEAM, "Acme Retail Group", tier="key", owner_user_id="U_ALICE", crm_id="0015A")
        add_account(session, TEAM, "Vantor Energy AS", tier="key")
        add_account(session, TEAM, "Vantor Health Ltd")
        session.commit()
        return {"borealis": alpha.id, "beta": beta.id, "acme": acme.id}


def _change(engine, actor, account, **fields):
    return teams.change_team(UnitOfWork(engine), actor, account, TeamChanges(**fields), NOW)


def _members(engine, account_id: int) -> dict[str, str]:
    with Session(engine) as session:
        return {m.user_id: m.role for m in session.exec(select(TeamMember).where(TeamMember.account_id == account_id))}


def _account(engine, account_id: int) -> Account:
    with Session(engine) as session:
        return session.get(Account, account_id)


def _audit(engine) -> list[AuditEntry]:
    with Session(engine) as session:
        return list(session.exec(select(AuditEntry).order_by(AuditEntry.id)).all())


def _state(engine, account_id: int):
    account = _account(engine, account_id)
    return (account.owner_user_id, account.owner_source, account.sponsor_user_id, account.channel_id,
            _members(engine, account_id), len(_audit(engine)))


# --------------------------------------------------------------------------- show


def test_show_lists_kam_sponsor_members_channel_and_who_can_edit(engine):
    ids = _seed(engine)
    view = teams.show_team(UnitOfWork(engine), MEMBER, "borealis")
    assert (view.account_id, view.kam_user_id, view.sponsor_user_id, view.channel_id) == (
        ids["borealis"], "U_ALICE", "U_SPONSOR", None)
    assert [(m.user_id, m.role) for m in view.members] == [("U_BOB", "member")]
    assert view.editors == ["U_ALICE", "U_SPONSOR"]
    assert (view.can_edit, view.can_change_kam) == (False, False)  # a member sees it, may not edit it
    kam_view = teams.show_team(UnitOfWork(engine), KAM, f"#{ids['borealis']}")
    assert (kam_view.can_edit, kam_view.can_change_kam) == (True, True)
    sponsor_view = teams.show_team(UnitOfWork(engine), SPONSOR, "Borealis Logistics GmbH")
    assert (sponsor_view.can_edit, sponsor_view.can_change_kam) == (True, False)


def test_accounts_resolve_fuzzily_with_which_one_and_did_you_mean(engine):
    _seed(engine)
    with pytest.raises(NeedsChoice) as which:
        teams.show_team(UnitOfWork(engine), ADMIN, "vantor")
    assert [c.label for c in which.value.choices] == ["Vantor Energy AS", "Vantor Health Ltd"]
    assert which.value.retry_command.startswith("team #")
    assert teams.show_team(UnitOfWork(engine), ADMIN, "borealis logistcs").account_name == "Borealis Logistics GmbH"
    with pytest.raises(UserError, match="No account matches"):
        teams.show_team(UnitOfWork(engine), ADMIN, "Zzyzx")


def test_another_workspaces_account_is_never_found(engine):
    ids = _seed(engine)
    view = teams.show_team(UnitOfWork(engine), BETA_ADMIN, "borealis")
    assert (view.account_id, view.kam_user_id) == (ids["beta"], "U_BETAUSER")
    with pytest.raises(UserError, match="no longer exists in this workspace"):
        teams.show_team(UnitOfWork(engine), BETA_ADMIN, f"#{ids['borealis']}")
    with pytest.raises(UserError, match="no longer exists in this workspace"):
        _change(engine, BETA_ADMIN, f"#{ids['borealis']}", add=["U_EVE"])
    with pytest.raises(UserError, match="no longer exists in this workspace"):
        teams.save_team_form(UnitOfWork(engine), BETA_ADMIN, ids["borealis"], owner="U_EVE", sponsor=None,
                             members=[], channel=None, now=NOW)
    assert "U_EVE" not in _members(engine, ids["borealis"])
    assert _account(engine, ids["borealis"]).owner_user_id == "U_ALICE"


# --------------------------------------------------------------------------- each change kind


def test_setting_the_owner_is_manual_keeps_the_old_kam_as_member_and_is_audited(engine):
    ids = _seed(engine)
    result = _change(engine, KAM, "borealis", owner="<@U_DAN|dan>")
    assert [(c.kind, c.before, c.after) for c in result.changes] == [("owner", "U_ALICE", "U_DAN")]
    account = _account(engine, ids["borealis"])
    assert (account.owner_user_id, account.owner_source) == ("U_DAN", "manual")
    assert _members(engine, ids["borealis"]) == {"U_ALICE": "member", "U_SPONSOR": "sponsor", "U_BOB": "member",
                                                 "U_DAN": "kam"}
    entry = _audit(engine)[-1]
    assert (entry.actor, entry.action, entry.account_id) == ("U_ALICE", "team.owner_changed", ids["borealis"])
    assert entry.before == {"owner_user_id": "U_ALICE", "owner_source": None}
    assert entry.after == {"owner_user_id": "U_DAN", "owner_source": "manual"}


def test_the_old_kam_removed_in_the_same_change_leaves_the_team(engine):
    ids = _seed(engine)
    _change(engine, ADMIN, "borealis", owner="U_DAN", remove=["@U_ALICE"])
    assert _members(engine, ids["borealis"]) == {"U_SPONSOR": "sponsor", "U_BOB": "member", "U_DAN": "kam"}


def test_sponsor_add_remove_and_channel_each_one_audit_entry(engine):
    ids = _seed(engine)
    result = _change(engine, KAM, "acme", sponsor="@U_SPONSOR", add=["<@U_CY|cy>:specialist,U_DEE"],
                     channel="<#C9ACME|acme>")
    assert [(c.kind, c.before, c.after, c.role) for c in result.changes] == [
        ("sponsor", None, "U_SPONSOR", None), ("added", None, "U_CY", "specialist"),
        ("added", None, "U_DEE", "member"), ("channel", None, "C9ACME", None)]
    account = _account(engine, ids["acme"])
    assert (account.sponsor_user_id, account.channel_id) == ("U_SPONSOR", "C9ACME")
    assert _members(engine, ids["acme"]) == {"U_SPONSOR": "sponsor", "U_CY": "specialist", "U_DEE": "member"}
    entries = _audit(engine)
    assert [e.action for e in entries] == ["team.sponsor_changed", "team.member_added", "team.member_added",
                                           "team.channel_changed"]
    assert all(e.actor == "U_ALICE" and e.account_id == ids["acme"] for e in entries)
    assert entries[1].after == {"user_id": "U_CY", "role": "specialist"}
    assert entries[3].before == {"channel_id": None} and entries[3].after == {"channel_id": "C9ACME"}

    result = _change(engine, SPONSOR, "acme", remove=["U_DEE"], channel="none", sponsor="U_ERIN")
    assert [c.kind for c in result.changes] == ["removed", "sponsor", "channel"]
    account = _account(engine, ids["acme"])
    assert (account.sponsor_user_id, account.channel_id) == ("U_ERIN", None)
    # the replaced sponsor stays on the team as a member
    assert _members(engine, ids["acme"]) == {"U_SPONSOR": "member", "U_CY": "specialist", "U_ERIN": "sponsor"}
    removed = [e for e in _audit(engine) if e.action == "team.member_removed"][0]
    assert removed.before == {"user_id": "U_DEE", "role": "member"} and removed.actor == "U_SPONSOR"


def test_repeating_the_same_change_changes_nothing(engine):
    ids = _seed(engine)
    _change(engine, KAM, "borealis", channel="C9BOR")
    before = _state(engine, ids["borealis"])
    result = _change(engine, KAM, "borealis", channel="#C9BOR", owner="U_ALICE", sponsor="U_SPONSOR")
    assert result.changes == []
    assert _state(engine, ids["borealis"]) == before


def test_role_change_by_remove_and_add_in_one_command(engine):
    ids = _seed(engine)
    _change(engine, KAM, "borealis", remove=["U_BOB"], add=["U_BOB:specialist"])
    assert _members(engine, ids["borealis"])["U_BOB"] == "specialist"


# --------------------------------------------------------------------------- validation writes nothing


@pytest.mark.parametrize("fields, field, message", [
    ({"owner": "bob"}, "owner", "is not a Slack user"),
    ({"owner": "none"}, "owner", "An account always has a KAM"),
    ({"sponsor": "Anna Keller"}, "sponsor", "is not a Slack user"),
    ({"remove": ["@U_ALICE"]}, "remove", "is the KAM: set another owner first"),
    ({"remove": ["U_NOBODY"]}, "remove", "is not on the Borealis Logistics GmbH team"),
    ({"add": ["U_BOB"]}, "add", "is on the Borealis Logistics GmbH team already (team member)"),
    ({"add": ["U_NEW,U_NEW:specialist"]}, "add", "is given twice"),
    ({"add": ["U_SPONSOR"]}, "add", "is the executive sponsor"),
    ({"add": ["U_NEW:boss"]}, "add", "is not a team role"),
    ({"add": ["U_NEW:kam"]}, "add", "owner="),
    ({"channel": "#general"}, "channel", "is not a channel"),
    ({"channel": "U_BOB"}, "channel", "is a person, not a channel"),
    ({"sponsor": "U_ALICE"}, "sponsor", "can't be both the KAM and the executive sponsor"),
    ({"add": ["U_OK"], "channel": "D123"}, "channel", "is not a channel"),  # one bad field: nothing at all
])
def test_bad_input_says_what_to_fix_and_writes_nothing(engine, fields, field, message):
    ids = _seed(engine)
    before = _state(engine, ids["borealis"])
    with pytest.raises(TeamProblems) as problem:
        _change(engine, ADMIN, "borealis", **fields)
    assert message in problem.value.errors[field]
    assert "Nothing was changed." in problem.value.message
    assert _state(engine, ids["borealis"]) == before


def test_the_console_asks_for_a_user_id_instead_of_a_name(engine):
    ids = _seed(engine)
    with pytest.raises(TeamProblems) as problem:
        teams.change_team(UnitOfWork(engine), ADMIN, "borealis", TeamChanges(owner="@Anna Keller"), NOW,
                          names_resolvable=False)
    assert "I can't look people up by name here: use their Slack user id" in problem.value.errors["owner"]
    assert _account(engine, ids["borealis"]).owner_user_id == "U_ALICE"


# --------------------------------------------------------------------------- the authorization table

Y, N = True, False
ACTORS = {"kam": KAM, "sponsor": SPONSOR, "member": MEMBER, "outsider": OUTSIDER, "admin": ADMIN, "guest": GUEST}
# change: kam, sponsor, member, outsider, admin, guest
TABLE = {
    "add": ({"add": ["U_NEW"]}, (Y, Y, N, N, Y, N)),
    "remove": ({"remove": ["U_BOB"]}, (Y, Y, N, N, Y, N)),
    "sponsor": ({"sponsor": "U_NEW"}, (Y, Y, N, N, Y, N)),
    "channel": ({"channel": "C9NEW"}, (Y, Y, N, N, Y, N)),
    "owner to someone else": ({"owner": "U_NEW"}, (Y, N, N, N, Y, N)),
}


@pytest.mark.parametrize("who", list(ACTORS))
@pytest.mark.parametrize("change", list(TABLE))
def test_the_authorization_table_cell_by_cell(engine, change, who):
    ids = _seed(engine)
    fields, cells = TABLE[change]
    expected = cells[list(ACTORS).index(who)]
    before = _state(engine, ids["borealis"])
    if expected:
        result = _change(engine, ACTORS[who], "borealis", **fields)
        assert result.changes and _state(engine, ids["borealis"]) != before
        assert _audit(engine)[-1].actor == ACTORS[who].user_id
    else:
        with pytest.raises(NotAllowed) as refused:
            _change(engine, ACTORS[who], "borealis", **fields)
        if who == "guest":
            assert "Guests" in refused.value.message
        elif change.startswith("owner"):
            assert refused.value.message in ("Only the current KAM or an admin can change this account's KAM.",
                                             "Only the account's KAM, its executive sponsor or an admin can change "
                                             "this account's team.")
        else:
            assert "Only the account's KAM, its executive sponsor or an admin" in refused.value.message
        assert _state(engine, ids["borealis"]) == before


def test_a_sponsor_cannot_take_over_the_kam_role(engine):
    ids = _seed(engine)
    with pytest.raises(NotAllowed, match="Only the current KAM or an admin"):
        _change(engine, SPONSOR, "borealis", owner="U_SPONSOR", sponsor="U_NEW")
    assert _account(engine, ids["borealis"]).owner_user_id == "U_ALICE"
    with pytest.raises(NotAllowed):
        teams.team_form(UnitOfWork(engine), MEMBER, ids["borealis"])


def test_restricted_accounts_are_not_shown_to_outsiders(engine):
    _seed(engine)
    with Session(engine) as session:
        add_account(session, TEAM, "Secret Merger Target", owner_user_id="U_ALICE", restricted=True)
        session.commit()
    with pytest.raises(NotAllowed):
        teams.show_team(UnitOfWork(engine), OUTSIDER, "Secret Merger Target")
    assert teams.show_team(UnitOfWork(engine), KAM, "Secret Merger Target").kam_user_id == "U_ALICE"


# --------------------------------------------------------------------------- the form


def test_the_form_applies_the_difference(engine):
    ids = _seed(engine)
    form = teams.team_form(UnitOfWork(engine), KAM, ids["borealis"])
    assert (form.kam_user_id, form.sponsor_user_id, form.member_ids, form.can_change_kam) == (
        "U_ALICE", "U_SPONSOR", ["U_BOB"], True)
    result = teams.save_team_form(UnitOfWork(engine), KAM, ids["borealis"], owner="U_ALICE", sponsor="U_SPONSOR",
                                  members=["U_CY"], channel="C9BOR", now=NOW)
    assert sorted(c.kind for c in result.changes) == ["added", "channel", "removed"]
    assert _members(engine, ids["borealis"]) == {"U_ALICE": "kam", "U_SPONSOR": "sponsor", "U_CY": "member"}
    with pytest.raises(TeamProblems) as problem:
        teams.save_team_form(UnitOfWork(engine), KAM, ids["borealis"], owner=None, sponsor="U_SPONSOR",
                             members=["U_CY"], channel="C9BOR", now=NOW)
    assert "owner" in problem.value.errors


# --------------------------------------------------------------------------- who reads the team


def test_app_home_lists_the_account_for_a_member_added_with_change_team(engine):
    ids = _seed(engine)
    assert home.my_accounts(UnitOfWork(engine), Actor(TEAM, "U_CY"), TODAY).accounts == []
    _change(engine, KAM, "acme", add=["U_CY:specialist"])
    rows = home.my_accounts(UnitOfWork(engine), Actor(TEAM, "U_CY"), TODAY).accounts
    assert [(r.id, r.role) for r in rows] == [(ids["acme"], "team")]
    _change(engine, KAM, "acme", sponsor="U_SPONSOR")
    sponsored = home.my_accounts(UnitOfWork(engine), SPONSOR, TODAY).accounts
    assert {(r.id, r.role) for r in sponsored} == {(ids["borealis"], "sponsor"), (ids["acme"], "sponsor")}


def _planned(engine, instant):
    with Session(engine) as session:
        snapshot = reminders.load_snapshot(session, TEAM, instant, admins=["U_ADMIN"])
        return reminders.plan_due(snapshot, instant).deliveries


def test_reminders_go_to_the_channel_kam_and_sponsor_set_with_change_team(engine):
    ids = _seed(engine)
    due = TODAY + timedelta(days=3)
    with Session(engine) as session:
        session.add(Review(team_id=TEAM, account_id=ids["acme"], due_on=due))
        session.commit()
    _change(engine, KAM, "acme", owner="U_DAN")  # the KAM hands over; no channel yet
    reminder_at = NOW.replace(hour=9, minute=0) + timedelta(minutes=1)
    targets = {(d.kind, d.target) for d in _planned(engine, reminder_at) if d.account_id == ids["acme"]}
    assert ("review_reminder", "U_DAN") in targets
    _change(engine, ADMIN, "acme", channel="C9ACME", sponsor="U_ERIN")
    planned = [d for d in _planned(engine, reminder_at) if d.account_id == ids["acme"]]
    assert {(d.kind, d.target) for d in planned if d.kind == "review_reminder"} == {("review_reminder", "C9ACME")}
    escalation_at = reminder_at + timedelta(days=3 + 7 + 1)
    escalations = {d.target for d in _planned(engine, escalation_at)
                   if d.account_id == ids["acme"] and d.kind == "review_escalation"}
    assert escalations == {"U_ERIN"}


# --------------------------------------------------------------------------- kam import teams


class Directory:
    def __init__(self, people: list[SlackPerson]):
        self.people_by_email = {p.email: p for p in people}

    def by_email(self, email: str):
        return self.people_by_email.get(email.lower())


DIRECTORY = Directory([SlackPerson("U_CAROL", "Carol Ng", "carol", "carol@alpha.example"),
                       SlackPerson("U_BOTTY", "Botty", "botty", "bot@alpha.example", is_bot=True)])
GOOD = ("Account,Member,Role\n"
        "Acme Retail Group,U_CAROL,KAM\n"
        "0015A,<@U_SPONSOR>,sponsor\n"
        "acme retail group,carol@alpha.example,kam\n"
        "Borealis Logistics GmbH,U_DEE,specialist\n"
        "Borealis Logistics GmbH,@U_EVE,Legal counsel\n")


def test_import_teams_sets_up_teams_idempotently_and_audited(engine, tmp_path):
    ids = _seed(engine)
    path = tmp_path / "teams.csv"
    path.write_text(GOOD, encoding="utf-8")
    report = import_teams(lambda: UnitOfWork(engine), TEAM, path, directory=DIRECTORY)
    assert (report.kind, report.rows, report.created, report.updated, report.unchanged) == ("teams", 5, 3, 1, 1)
    acme = _account(engine, ids["acme"])
    assert (acme.owner_user_id, acme.owner_source, acme.sponsor_user_id) == ("U_CAROL", "manual", "U_SPONSOR")
    assert _members(engine, ids["acme"]) == {"U_ALICE": "member", "U_CAROL": "kam", "U_SPONSOR": "sponsor"}
    assert _members(engine, ids["borealis"])["U_DEE"] == "specialist"
    assert _members(engine, ids["borealis"])["U_EVE"] == "member"
    entries = _audit(engine)
    assert len(entries) == 4 and all(e.actor == "import" and e.reason == "kam import teams teams.csv"
                                     for e in entries)
    assert _members(engine, ids["beta"]) == {}  # the other workspace's Borealis is untouched
    again = import_teams(lambda: UnitOfWork(engine), TEAM, str(path), directory=DIRECTORY)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 5)
    assert len(_audit(engine)) == 4


def test_import_teams_dry_run_writes_nothing(engine):
    ids = _seed(engine)
    before = _state(engine, ids["acme"])
    report = import_teams(lambda: UnitOfWork(engine), TEAM, GOOD, dry_run=True, directory=DIRECTORY)
    assert report.dry_run and report.created == 3
    assert _state(engine, ids["acme"]) == before


def test_a_bad_teams_file_lists_every_bad_row_and_writes_nothing(engine):
    ids = _seed(engine)
    before = (_state(engine, ids["acme"]), _state(engine, ids["borealis"]))
    text = ("account;member;role\n"
            "Acme Retail Group;U_CAROL;kam\n"
            "Acme Retail Group;U_DAN;owner\n"
            "Nowhere Inc;U_DEE;member\n"
            "Borealis Logistics GmbH;bot@alpha.example;member\n"
            "Borealis Logistics GmbH;Anna Keller;member\n"
            "Borealis Logistics GmbH;nobody@alpha.example;member\n"
            ";U_DEE;member\n")
    with pytest.raises(ImportRejected) as rejected:
        import_teams(lambda: UnitOfWork(engine), TEAM, text, directory=DIRECTORY)
    errors = [(e.line, e.column) for e in rejected.value.errors]
    assert errors == [(3, "role"), (4, "account"), (5, "member"), (6, "member"), (7, "member"), (8, "account")]
    message = rejected.value.message
    assert "second KAM in this file (line 2)" in message and "No account called “Nowhere Inc”" in message
    assert "is a bot" in message and "neither a Slack user id" in message and "No Slack user has the email" in message
    assert (_state(engine, ids["acme"]), _state(engine, ids["borealis"])) == before


def test_emails_without_a_directory_are_a_row_error_saying_what_to_do(engine):
    _seed(engine)
    with pytest.raises(ImportRejected) as rejected:
        import_teams(lambda: UnitOfWork(engine), TEAM, "Account,Member\nAcme Retail Group,carol@alpha.example\n")
    assert "use Slack user ids (U0123ABCD)" in rejected.value.message and "bot token" in rejected.value.message


def test_a_teams_file_without_the_columns_says_which(engine, tmp_path):
    _seed(engine)
    with pytest.raises(UserError, match="has no Member column"):
        import_teams(lambda: UnitOfWork(engine), TEAM, "Account,Person Name\nAcme,Ana\n")
    with pytest.raises(UserError, match="does not exist"):
        import_teams(lambda: UnitOfWork(engine), TEAM, tmp_path / "missing.csv")


def test_a_kam_set_by_import_teams_counts_as_manual(engine):
    ids = _seed(engine)
    import_teams(lambda: UnitOfWork(engine), TEAM, "Account,Member,Role\nVantor Energy AS,U_DAN,owner\n")
    with Session(engine) as session:
        vantor = session.exec(select(Account).where(Account.name == "Vantor Energy AS")).one()
        assert (vantor.owner_user_id, vantor.owner_source) == ("U_DAN", "manual")
        assert session.exec(select(func.count()).select_from(TeamMember)
                            .where(TeamMember.account_id == vantor.id)).one() == 1
    assert ids  # the seed ran
