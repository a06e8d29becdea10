"""CRM owners linked to Slack users on import, `kam import users`, tiers from the CRM and the money/period
checks, on SQLite and PostgreSQL. The people directory is a plain in-test class (the port's other side)."""
from __future__ import annotations

from datetime import date, datetime, timezone

import pytest
from sqlalchemy import func, select
from sqlmodel import Session

from kam_domain.models import Account, AuditEntry, Financial, OwnerLink, TeamMember, TierChange, Workspace
from kam_domain.rules.people_matching import SlackPerson
from kam_domain.services.authz import Actor
from kam_domain.services.directory import DirectoryUnavailable
from kam_domain.services.importing import ImportRejected, import_rows
from kam_domain.services.tier_changes import decide, request_demotion
from kam_domain.store.uow import UnitOfWork, uow_factory
from support.builders import add_account

T_A, T_B = "T_ALPHA", "T_BETA"
TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)

PEOPLE = [
    SlackPerson("U_JANE", "Jane Doe", "jane", "jane@acme.example"),
    SlackPerson("U_OLA", "Ola Nordmann", "ola", "ola@acme.example"),
    SlackPerson("U_JOSE", "José Núñez", "jose", "jose.nunez@acme.example"),
    SlackPerson("U_SAM1", "Sam Carter", "sam", "sam1@acme.example"),
    SlackPerson("U_SAM2", "Sam Carter", "samc", "sam2@acme.example"),
    SlackPerson("U_KLAUS_BOT", "Klaus Weber", "klaus-bot", None, is_bot=True),
    SlackPerson("U_HIDDEN", "Hidden Email", "hidden", None),  # users.list without an email (no scope)
]
HIDDEN_EMAIL = {"lucius@acme.example": SlackPerson("U_LUCIUS", "L. Fox", "lf", "lucius@acme.example")}


class Directory:
    """A workspace's people as the import sees them; counts what it was asked."""

    name = "the test workspace"

    def __init__(self, people=PEOPLE, by_email=HIDDEN_EMAIL, fail: str | None = None):
        self._people, self._by_email, self.fail = list(people), dict(by_email), fail
        self.list_calls, self.email_calls = 0, []

    def people(self) -> list[SlackPerson]:
        self.list_calls += 1
        if self.fail:
            raise DirectoryUnavailable(f"Linking account owners to Slack users was skipped because {self.fail}.")
        return list(self._people)

    def by_email(self, email: str) -> SlackPerson | None:
        self.email_calls.append(email)
        for person in self._people:
            if (person.email or "").lower() == email.lower():
                return person
        return self._by_email.get(email.lower())


ACCOUNTS = """Account Name,Account ID,Account Owner,Type
Acme Corporation,A1,Jane Doe,Customer - Direct
Borealis Energy,A2,ola nordmann,Customer - Channel
Café Lumière,A3,Jose Nunez,Prospect
Globex,A4,Sam Carter,Customer - Direct
Initech,A5,Klaus Weber,Customer - Direct
Tyrell,A6,Jane Doe,Other
"""


@pytest.fixture
def uows(engine):
    return uow_factory(engine)


def accounts_import(uows, text=ACCOUNTS, team=T_A, directory=None, **kwargs):
    kwargs.setdefault("today", TODAY)
    return import_rows(uows, team, "accounts", text, source="accounts.csv", directory=directory, **kwargs)


def stored(engine, team=T_A) -> dict[str, Account]:
    with Session(engine) as session:
        return {a.name: a for a in session.scalars(select(Account).where(Account.team_id == team))}


def kams(engine, team=T_A) -> dict[str, tuple[str | None, str | None]]:
    return {name: (a.owner_user_id, a.owner_source) for name, a in stored(engine, team).items()}


def members(engine, team=T_A) -> set[tuple[str, str, str]]:
    names = {a.id: name for name, a in stored(engine, team).items()}
    with Session(engine) as session:
        return {(names[m.account_id], m.user_id, m.role)
                for m in session.scalars(select(TeamMember).where(TeamMember.team_id == team))}


def links(engine, team=T_A) -> dict[str, tuple[str, str]]:
    with Session(engine) as session:
        return {link.crm_owner_key: (link.user_id, link.source)
                for link in session.scalars(select(OwnerLink).where(OwnerLink.team_id == team))}


def count(engine, model) -> int:
    with Session(engine) as session:
        return session.scalar(select(func.count()).select_from(model))


def everything(engine) -> dict[str, int]:
    return {m.__name__: count(engine, m) for m in (Workspace, Account, TeamMember, OwnerLink, Financial, AuditEntry,
                                                    TierChange)}


def set_kam_in_slack(engine, name: str, user_id: str) -> None:
    """What `/kam team ACCOUNT owner=@user` (or `kam import teams`) leaves behind."""
    with Session(engine) as session:
        account = session.scalars(select(Account).where(Account.name == name)).one()
        account.owner_user_id, account.owner_source = user_id, "manual"
        session.add(account)
        session.commit()


# --------------------------------------------------------------------------- linking on import


def test_owners_are_linked_by_name_and_become_the_kam(engine, uows):
    directory = Directory()
    report = accounts_import(uows, directory=directory)

    assert kams(engine) == {
        "Acme Corporation": ("U_JANE", "crm"), "Borealis Energy": ("U_OLA", "crm"),
        "Café Lumière": ("U_JOSE", "crm"), "Tyrell": ("U_JANE", "crm"),
        "Globex": (None, None), "Initech": (None, None)}
    assert members(engine) == {("Acme Corporation", "U_JANE", "kam"), ("Borealis Energy", "U_OLA", "kam"),
                               ("Café Lumière", "U_JOSE", "kam"), ("Tyrell", "U_JANE", "kam")}
    assert report.linked == {"Jane Doe": "U_JANE", "ola nordmann": "U_OLA", "Jose Nunez": "U_JOSE"}
    assert report.relinked_accounts == 4
    assert links(engine) == {"janedoe": ("U_JANE", "matched"), "olanordmann": ("U_OLA", "matched"),
                             "josenunez": ("U_JOSE", "matched")}
    assert directory.list_calls == 1  # once per import, not per row or per owner
    with Session(engine) as session:
        entries = session.scalars(select(AuditEntry).where(AuditEntry.action == "account.owner_linked")).all()
    assert len(entries) == 4 and {e.reason for e in entries} == {"owner linked from CRM"}
    assert {e.after["owner_user_id"] for e in entries} == {"U_JANE", "U_OLA", "U_JOSE"}


def test_unmatched_and_ambiguous_owners_are_listed_with_how_to_fix_them(engine, uows):
    report = accounts_import(uows, directory=Directory())

    assert report.unmatched == ["Klaus Weber"]  # the only Klaus Weber in Slack is a bot
    assert report.ambiguous == {"Sam Carter": ["U_SAM1", "U_SAM2"]}
    summary = report.summary()
    assert "1 CRM owner matched no Slack user: Klaus Weber." in summary
    assert "Sam Carter (U_SAM1, U_SAM2)" in summary
    assert "kam import users FILE" in summary and "/kam team ACCOUNT owner=@user" in summary
    assert kams(engine)["Globex"] == (None, None) and kams(engine)["Initech"] == (None, None)


def test_owner_email_wins_and_lookup_by_email_is_asked_only_for_emails_the_list_lacks(engine, uows):
    text = ("Account Name,Account Owner,Account Owner: Email\n"
            "Acme,J. Doe,JANE@acme.example\n"
            "Borealis,Someone,ola@acme.example\n"
            "Wayne,Lucius Fox,lucius@acme.example\n"
            "Initech,Jane Doe,nobody@acme.example\n")
    directory = Directory()
    report = accounts_import(uows, text, directory=directory)

    assert kams(engine) == {"Acme": ("U_JANE", "crm"), "Borealis": ("U_OLA", "crm"), "Wayne": ("U_LUCIUS", "crm"),
                            "Initech": ("U_JANE", "crm")}  # unknown email: the name still matches
    assert report.columns["crm_owner_email"] == "Account Owner: Email"
    assert sorted(directory.email_calls) == ["lucius@acme.example", "nobody@acme.example"]
    assert stored(engine)["Acme"].crm_owner_email == "jane@acme.example"
    assert links(engine)["lucius@acme.example"] == ("U_LUCIUS", "matched")


def test_a_reimport_reuses_owner_links_without_asking_slack(engine, uows):
    accounts_import(uows, directory=Directory())
    again = Directory(people=[])  # everyone left Slack's list: the links still hold

    report = accounts_import(uows, ACCOUNTS.replace("Tyrell,A6", "Tyrell Replicants,A6"), directory=again)

    assert kams(engine)["Tyrell Replicants"] == ("U_JANE", "crm")
    assert report.linked["Jane Doe"] == "U_JANE" and report.relinked_accounts == 0
    assert "3 from earlier links" in report.summary()
    assert again.list_calls == 1  # asked once, for the two owners with no link; never per row


def test_a_kam_set_in_slack_is_never_overwritten_by_a_reimport(engine, uows):
    accounts_import(uows, directory=Directory())
    set_kam_in_slack(engine, "Acme Corporation", "U_MANUAL")

    accounts_import(uows, ACCOUNTS.replace("A1,Jane Doe", "A1,José Núñez"), directory=Directory())

    assert kams(engine)["Acme Corporation"] == ("U_MANUAL", "manual")
    assert stored(engine)["Acme Corporation"].crm_owner_name == "José Núñez"  # the CRM's own field follows


def test_a_changed_crm_owner_moves_a_crm_linked_kam(engine, uows):
    accounts_import(uows, directory=Directory())

    report = accounts_import(uows, ACCOUNTS.replace("A1,Jane Doe", "A1,José Núñez"), directory=Directory())

    assert kams(engine)["Acme Corporation"] == ("U_JOSE", "crm")
    acme = {m for m in members(engine) if m[0] == "Acme Corporation"}
    assert acme == {("Acme Corporation", "U_JOSE", "kam")}
    assert report.relinked_accounts == 1 and "moved from another KAM" in report.summary()
    with Session(engine) as session:
        last = session.scalars(select(AuditEntry).where(AuditEntry.action == "account.owner_linked")
                               .order_by(AuditEntry.id.desc())).first()
    assert last.before["owner_user_id"] == "U_JANE" and last.after["owner_user_id"] == "U_JOSE"


def test_without_a_directory_nothing_is_linked_and_the_summary_says_so_once(engine, uows):
    report = accounts_import(uows, directory=None)

    assert all(kam == (None, None) for kam in kams(engine).values())
    assert count(engine, OwnerLink) == 0 and count(engine, TeamMember) == 0
    assert report.linking_skipped and report.summary().count("not linked to Slack users") == 1


def test_a_slack_failure_skips_linking_says_why_and_imports_the_rest(engine, uows):
    report = accounts_import(uows, directory=Directory(fail="Slack answered users.list with 'missing_scope'"))

    assert report.created == 6 and all(kam == (None, None) for kam in kams(engine).values())
    assert "skipped because Slack answered users.list with 'missing_scope'" in report.summary()
    assert count(engine, OwnerLink) == 0


def test_owner_links_stay_in_their_workspace(engine, uows):
    accounts_import(uows, directory=Directory())
    directory = Directory(people=[])

    report = accounts_import(uows, team=T_B, directory=directory)

    assert all(kam == (None, None) for kam in kams(engine, T_B).values())
    assert report.unmatched == ["Jane Doe", "Jose Nunez", "Klaus Weber", "ola nordmann", "Sam Carter"]


def test_a_dry_run_links_nothing_but_says_what_it_would_do(engine, uows):
    report = accounts_import(uows, directory=Directory(), dry_run=True)

    assert report.linked["Jane Doe"] == "U_JANE" and "Would link 3 CRM owners" in report.summary()
    assert everything(engine) == dict.fromkeys(everything(engine), 0)


# --------------------------------------------------------------------------- kam import users


def test_import_users_fixes_unmatched_owners_and_is_idempotent(engine, uows):
    accounts_import(uows, directory=Directory())
    text = "CRM Owner,Slack User ID,Email\nKlaus Weber,U_KLAUS,\nSam Carter,,sam2@acme.example\n"

    report = import_rows(uows, T_A, "users", text, source="owners.csv", directory=Directory(), actor="U_ADMIN")

    assert (report.created, report.updated, report.unchanged) == (2, 0, 0)
    assert kams(engine)["Initech"] == ("U_KLAUS", "crm") and kams(engine)["Globex"] == ("U_SAM2", "crm")
    assert ("Globex", "U_SAM2", "kam") in members(engine)
    assert links(engine)["klausweber"] == ("U_KLAUS", "manual") and links(engine)["samcarter"] == ("U_SAM2", "manual")
    assert report.relinked_accounts == 2

    again = import_rows(uows, T_A, "users", text, source="owners.csv", directory=Directory())
    assert (again.created, again.updated, again.unchanged, again.relinked_accounts) == (0, 0, 2, 0)

    # the next accounts import keeps them: the manual link wins over matching
    later = accounts_import(uows, directory=Directory())
    assert later.unmatched == [] and later.ambiguous == {} and kams(engine)["Globex"] == ("U_SAM2", "crm")


def test_import_users_never_touches_a_kam_set_in_slack(engine, uows):
    accounts_import(uows, directory=Directory())
    set_kam_in_slack(engine, "Acme Corporation", "U_MANUAL")

    import_rows(uows, T_A, "users", "CRM Owner,Slack User ID\nJane Doe,U_NEWJANE\n", directory=None)

    assert kams(engine)["Acme Corporation"] == ("U_MANUAL", "manual")
    assert kams(engine)["Tyrell"] == ("U_NEWJANE", "crm")
    assert ("Tyrell", "U_JANE", "kam") not in members(engine) and ("Tyrell", "U_NEWJANE", "kam") in members(engine)


def test_import_users_rejects_bad_rows_by_line_and_column_and_writes_nothing(engine, uows):
    accounts_import(uows, directory=Directory())
    before = everything(engine)
    text = ("CRM Owner,Slack User ID,Email\n"
            "Klaus Weber,bob,\n"
            ",U_SAM1,\n"
            "Sam Carter,,nobody@acme.example\n"
            "Jane Doe,,\n"
            "Ola Nordmann,U_OLA,\n")
    with pytest.raises(ImportRejected) as rejected:
        import_rows(uows, T_A, "users", text, source="owners.csv", directory=Directory())

    assert [(e.line, e.column) for e in rejected.value.errors] == [
        (2, "Slack User ID"), (3, "CRM Owner"), (4, "Email"), (5, "Slack User ID")]
    message = rejected.value.message
    assert "line 2, Slack User ID: 'bob' is not a Slack user id" in message
    assert "line 4, Email: no Slack user in the test workspace has the email nobody@acme.example" in message
    assert everything(engine) == before


def test_import_users_by_email_needs_slack(engine, uows):
    with pytest.raises(ImportRejected, match="give the Slack User ID instead"):
        import_rows(uows, T_A, "users", "CRM Owner,Email\nJane Doe,jane@acme.example\n", directory=None)


# --------------------------------------------------------------------------- tiers from the CRM


TIERS = """Account Name,Account Owner,Type
Acme Corporation,Jane Doe,Key Account
Borealis Energy,Ola Nordmann,Customer - Key
Globex,Jane Doe,Customer - Direct
Initech,,Prospect
"""


def tiers(engine) -> dict[str, tuple[str, date | None]]:
    return {name: (a.tier, a.key_since) for name, a in stored(engine).items()}


def test_key_accounts_come_from_the_crm_type(engine, uows):
    report = accounts_import(uows, TIERS, directory=Directory(), actor="U_ADMIN")

    assert tiers(engine) == {"Acme Corporation": ("key", TODAY), "Borealis Energy": ("key", TODAY),
                             "Globex": ("regular", None), "Initech": ("regular", None)}
    assert report.key_accounts_imported == 2 and "2 accounts became key, as marked in the CRM" in report.summary()
    with Session(engine) as session:
        entries = session.scalars(select(AuditEntry).where(AuditEntry.action == "account.tier_imported")).all()
    assert {e.reason for e in entries} == {"imported from CRM"} and len(entries) == 2
    assert {e.actor for e in entries} == {"U_ADMIN"}


@pytest.mark.parametrize("header, key_cell, other_cell", [
    ("Key Account", "yes", "no"), ("Key Account", "x", ""), ("Key Account", "TRUE", "0"), ("Tier", "Key", "Regular"),
])
def test_key_accounts_from_a_key_column_or_a_tier(engine, uows, header, key_cell, other_cell):
    text = f"Account Name,Account Owner,{header}\nAcme,Jane Doe,{key_cell}\nGlobex,Jane Doe,{other_cell}\n"
    accounts_import(uows, text, directory=Directory())
    assert tiers(engine) == {"Acme": ("key", TODAY), "Globex": ("regular", None)}


def test_a_reimport_follows_the_file_only_for_tiers_an_import_set(engine, uows):
    with UnitOfWork(engine) as uow:  # Globex was made key in Slack
        add_account(uow.session, T_A, "Globex", tier="key", key_since=date(2025, 1, 1))
        uow.commit()
    accounts_import(uows, TIERS, directory=Directory())
    assert tiers(engine)["Globex"] == ("key", date(2025, 1, 1))  # "Customer - Direct" does not demote it
    # Borealis is demoted in Slack, with a reason and an approval
    admin_a, admin_b = Actor(T_A, "U_ADM1", is_admin=True), Actor(T_A, "U_ADM2", is_admin=True)
    request = request_demotion(UnitOfWork(engine), admin_a, ["Borealis", "Energy", "volumes fell sharply this year"],
                               NOW, admin_ids=["U_ADM2"])
    decide(UnitOfWork(engine), admin_b, request.tier_change_id, approve=True, now=NOW, today=TODAY)
    assert tiers(engine)["Borealis Energy"] == ("regular", None)

    # the CRM still says Borealis is key and no longer says Acme is; it now says Initech is
    changed = TIERS.replace("Acme Corporation,Jane Doe,Key Account", "Acme Corporation,Jane Doe,Customer") \
                   .replace("Initech,,Prospect", "Initech,Ola Nordmann,Key Account")
    report = accounts_import(uows, changed, directory=Directory(), today=date(2026, 12, 1))

    assert tiers(engine) == {"Acme Corporation": ("regular", None), "Borealis Energy": ("regular", None),
                             "Globex": ("key", date(2025, 1, 1)), "Initech": ("key", date(2026, 12, 1))}
    assert "Borealis Energy (regular in Slack, key in the file)" in report.summary()
    with Session(engine) as session:
        imported = session.scalars(select(TierChange).where(TierChange.decided_by == "import")
                                   .order_by(TierChange.id)).all()
    assert [(c.from_tier, c.to_tier, c.status, c.reason) for c in imported] == [
        ("key", "regular", "approved", "imported from CRM"), ("regular", "key", "approved", "imported from CRM")]


def test_type_values_that_do_not_say_key_are_harmless(engine, uows):
    text = "Account Name,Type\nAcme,Non-Key Customer\nGlobex,Keystone Partner\nInitech,Channel - Monkey\n"
    report = accounts_import(uows, text, directory=None)
    assert report.created == 3 and {t for t, _ in tiers(engine).values()} == {"regular"}


# --------------------------------------------------------------------------- validation writes nothing


def test_a_key_account_needs_an_owner(engine, uows):
    text = "Account Name,Account Owner,Key Account\nAcme,Jane Doe,yes\nGlobex,,yes\nInitech,,no\n"
    with pytest.raises(ImportRejected) as rejected:
        accounts_import(uows, text, directory=Directory())

    assert [(e.line, e.column) for e in rejected.value.errors] == [(3, "Account Owner")]
    assert "a key account needs an owner" in rejected.value.message
    assert everything(engine) == dict.fromkeys(everything(engine), 0)


def test_a_bad_key_account_value_is_a_row_error(engine, uows):
    with pytest.raises(ImportRejected) as rejected:
        accounts_import(uows, "Account Name,Key Account\nAcme,maybe\n")
    assert [(e.line, e.column) for e in rejected.value.errors] == [(2, "Key Account")]
    assert "'maybe' is not yes or no" in rejected.value.message


def test_negative_money_and_out_of_range_periods_are_refused(engine, uows):
    accounts_import(uows, "Account Name\nAcme\nGlobex\n")
    before = everything(engine)
    text = ("Account,Period,Revenue,Cost\n"
            'Acme,2026-Q3,1000,"(1,000)"\n'
            "Acme,2026-Q2,-500,10\n"
            "Globex,1999-12,100,10\n"
            "Globex,2028-Q1,100,10\n"
            "Globex,2027-11,100,10\n")
    with pytest.raises(ImportRejected) as rejected:
        import_rows(uows, T_A, "financials", text, source="money.csv", today=TODAY)

    assert [(e.line, e.column) for e in rejected.value.errors] == [
        (2, "Cost"), (3, "Revenue"), (4, "Period"), (5, "Period")]
    message = rejected.value.message
    assert "line 2, Cost: -1,000 is negative" in message
    assert "line 3, Revenue: -500 is negative; write a positive amount, or add a Credit column" in message
    assert "line 4, Period: 1999-12 is before 2000; periods from 2000-01 to 2027-11 are accepted" in message
    assert "line 5, Period: 2028-Q1 is more than a year ahead; periods from 2000-01 to 2027-11 are accepted" in message
    assert everything(engine) == before


def test_a_credit_column_allows_a_negative_revenue_on_its_rows_only(engine, uows):
    accounts_import(uows, "Account Name\nAcme\n")
    text = 'Account,Period,Revenue,Cost,Credit Note\nAcme,2026-Q3,"(3,400)",0,yes\nAcme,2026-Q2,-1,0,no\n'
    with pytest.raises(ImportRejected) as rejected:
        import_rows(uows, T_A, "financials", text, today=TODAY)
    assert [(e.line, e.column) for e in rejected.value.errors] == [(3, "Revenue")]
    assert "write yes in Credit Note if this row is a credit note" in rejected.value.message

    report = import_rows(uows, T_A, "financials", text.replace("-1,0,no", "1,0,no"), today=TODAY)
    assert report.created == 2
    with Session(engine) as session:
        assert session.scalar(select(Financial.revenue).where(Financial.period == "2026-Q3")) == -3_400
