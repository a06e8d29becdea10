"""CRM import on real databases (SQLite and PostgreSQL): exports as they come out of
Salesforce and HubSpot, idempotence, all-or-nothing, workspace isolation."""
from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlmodel import Session

from kam_domain.errors import UserError
from kam_domain.models import Account, AuditEntry, Financial, Note, Stakeholder, Workspace
from kam_domain.services.importing import (
    BadImportFile, ImportRejected, MissingColumns, UnknownImportKind, content_hash, import_file, import_rows,
)
from kam_domain.store.uow import uow_factory

CRM = Path(__file__).resolve().parent.parent / "fixtures" / "crm"
BAD = CRM / "bad"
T_A, T_B = "T_ALPHA", "T_BETA"
SF_ACCOUNTS = 10


@pytest.fixture
def uows(engine):
    return uow_factory(engine)


def run(uows, kind: str, path: Path, team: str = T_A, **kwargs):
    return import_file(uows, team, kind, path, **kwargs)


def accounts(engine, team: str = T_A) -> dict[str, Account]:
    with Session(engine) as session:
        return {a.name: a for a in session.scalars(select(Account).where(Account.team_id == team))}


def count(engine, model, team: str | None = None) -> int:
    query = select(func.count()).select_from(model)
    if team is not None:
        query = query.where(model.team_id == team)
    with Session(engine) as session:
        return session.scalar(query)


def everything(engine) -> dict[str, int]:
    return {m.__name__: count(engine, m) for m in (Workspace, Account, Stakeholder, Note, Financial, AuditEntry)}


def rewrite(source: Path, target: Path, old: str, new: str, encoding: str = "utf-8-sig") -> Path:
    target.write_bytes(source.read_bytes().decode(encoding).replace(old, new).encode(encoding))
    return target


def write_rows(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    return path


# --------------------------------------------------------------------------- CRM exports as they come


def test_salesforce_accounts_export_imports_as_exported(engine, uows):
    report = run(uows, "accounts", CRM / "salesforce_accounts.csv")

    assert (report.rows, report.created, report.updated, report.unchanged) == (SF_ACCOUNTS, SF_ACCOUNTS, 0, 0)
    assert report.encoding == "utf-8" and report.delimiter == ","
    # `Type` is read for the tier (a value saying "Key" makes a key account); none of these does.
    assert report.columns["crm_type"] == "Type"
    assert set(report.ignored_columns) == {"Billing Street", "Billing City", "Billing State/Province",
                                           "Employees", "Created Date", "Last Activity"}
    assert any("footer" in w for w in report.warnings)
    stored = accounts(engine)
    acme = stored["Acme Corporation"]
    assert (acme.crm_id, acme.industry, acme.country, acme.crm_owner_name) == (
        "0015g00000AcmeCAA", "Manufacturing", "United States", "Jane Doe")
    assert acme.customer_annual_revenue == 1_200_000_000
    assert acme.normalized_name == "acme" and acme.owner_user_id is None and acme.tier == "regular"
    assert stored["Borealis Energy AS"].customer_annual_revenue == 4_500_000_000
    assert stored["Café Lumière SARL"].customer_annual_revenue == 38_500_000
    assert stored["Globex, Ltd."].normalized_name == "globex"
    assert stored["Initech LLC"].customer_annual_revenue is None
    assert stored["Tyrell Corp"].customer_annual_revenue == 850_000
    # The customer's own size never becomes revenue to us.
    assert count(engine, Financial) == 0


def test_hubspot_companies_export_imports_as_exported(engine, uows):
    report = run(uows, "accounts", CRM / "hubspot_companies.csv")

    assert (report.created, report.updated) == (6, 0)
    assert report.columns["name"] == "Company name" and report.columns["crm_id"] == "Record ID"
    assert report.columns["country"] == "Country/Region" and report.columns["crm_owner_name"] == "Company owner"
    northwind = accounts(engine)["Northwind Traders"]
    assert (northwind.crm_id, northwind.country, northwind.industry, northwind.customer_annual_revenue) == (
        "8123456001", "United States", "WHOLESALE", 5_000_000)
    assert accounts(engine)["Tailspin Toys"].crm_owner_name is None


def test_hubspot_after_salesforce_matches_by_name_and_takes_the_new_crm_id(engine, uows):
    run(uows, "accounts", CRM / "salesforce_accounts.csv")
    report = run(uows, "accounts", CRM / "hubspot_companies.csv")

    assert (report.created, report.updated, report.unchanged) == (5, 1, 0)
    borealis = accounts(engine)["Borealis Energy"]
    assert borealis.crm_id == "8123456004" and borealis.industry == "OIL_ENERGY"
    assert borealis.normalized_name == "borealis energy"  # display name follows the newer CRM
    assert any("CRM id" in w for w in report.warnings)
    assert count(engine, Account) == SF_ACCOUNTS + 5


# --------------------------------------------------------------------------- idempotence and updates


def test_importing_the_same_file_twice_changes_nothing(engine, uows):
    run(uows, "accounts", CRM / "salesforce_accounts.csv")
    before = {name: (a.id, a.updated_at) for name, a in accounts(engine).items()}

    again = run(uows, "accounts", CRM / "salesforce_accounts.csv")

    assert (again.created, again.updated, again.unchanged) == (0, 0, SF_ACCOUNTS)
    assert {name: (a.id, a.updated_at) for name, a in accounts(engine).items()} == before


def test_a_changed_row_updates_its_account(engine, uows, tmp_path):
    run(uows, "accounts", CRM / "salesforce_accounts.csv")
    changed = rewrite(CRM / "salesforce_accounts.csv", tmp_path / "sf.csv", '"Manufacturing"', '"Industrial Machinery"')

    report = run(uows, "accounts", changed)

    assert (report.created, report.updated, report.unchanged) == (0, 1, SF_ACCOUNTS - 1)
    assert accounts(engine)["Acme Corporation"].industry == "Industrial Machinery"


def test_an_account_renamed_in_the_crm_keeps_its_old_name_as_alias(engine, uows, tmp_path):
    run(uows, "accounts", CRM / "salesforce_accounts.csv")
    renamed = rewrite(CRM / "salesforce_accounts.csv", tmp_path / "sf.csv", '"Tyrell Corp"', '"Tyrell Replicants"')

    report = run(uows, "accounts", renamed)

    assert report.updated == 1
    tyrell = accounts(engine)["Tyrell Replicants"]
    assert tyrell.crm_id == "0015g00000TyrelAAH" and tyrell.aliases == ["Tyrell Corp"]
    assert tyrell.normalized_name == "tyrell replicants"


def test_an_empty_cell_does_not_erase_a_stored_value(engine, uows, tmp_path):
    run(uows, "accounts", CRM / "salesforce_accounts.csv")
    blank = rewrite(CRM / "salesforce_accounts.csv", tmp_path / "sf.csv", '"$4.5B"', '""')

    report = run(uows, "accounts", blank)

    assert report.unchanged == SF_ACCOUNTS
    assert accounts(engine)["Borealis Energy AS"].customer_annual_revenue == 4_500_000_000


def test_dry_run_writes_nothing_but_reports_what_would_happen(engine, uows, tmp_path):
    report = run(uows, "accounts", CRM / "salesforce_accounts.csv", dry_run=True)

    assert report.dry_run and (report.created, report.updated, report.unchanged) == (SF_ACCOUNTS, 0, 0)
    assert "nothing written" in report.summary()
    assert everything(engine) == dict.fromkeys(everything(engine), 0)

    run(uows, "accounts", CRM / "salesforce_accounts.csv")
    changed = rewrite(CRM / "salesforce_accounts.csv", tmp_path / "sf.csv", '"Manufacturing"', '"Robotics"')
    audits = count(engine, AuditEntry)
    preview = run(uows, "accounts", changed, dry_run=True)
    assert (preview.created, preview.updated, preview.unchanged) == (0, 1, SF_ACCOUNTS - 1)
    assert accounts(engine)["Acme Corporation"].industry == "Manufacturing"
    assert count(engine, AuditEntry) == audits


def test_each_import_writes_one_audit_entry_with_the_counts(engine, uows):
    run(uows, "accounts", CRM / "salesforce_accounts.csv", actor="U123")
    run(uows, "accounts", CRM / "salesforce_accounts.csv", actor="U123")

    with Session(engine) as session:
        entries = session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
    assert len(entries) == 2
    assert all(e.team_id == T_A and e.actor == "U123" and e.action == "import.accounts" for e in entries)
    assert entries[0].after["created"] == SF_ACCOUNTS and entries[1].after["unchanged"] == SF_ACCOUNTS
    assert entries[0].after["file"] == "salesforce_accounts.csv"


# --------------------------------------------------------------------------- all or nothing


def test_two_bad_rows_among_good_ones_write_nothing_and_name_both(engine, uows):
    with pytest.raises(ImportRejected) as rejected:
        run(uows, "accounts", BAD / "accounts_two_bad_rows.csv")

    errors = rejected.value.errors
    assert [(e.line, e.column) for e in errors] == [(4, "Annual Revenue"), (8, "Account Name")]
    message = rejected.value.message
    assert "line 4, Annual Revenue: 'twelve' is not an amount (use 1200000, 1,200,000 or $1.2M)" in message
    assert "line 8, Account Name: is empty" in message
    assert "nothing was written" in message
    assert everything(engine) == dict.fromkeys(everything(engine), 0)


def test_row_errors_are_capped_with_a_count_of_the_rest(engine, uows, tmp_path):
    rows = [["Account Name", "Annual Revenue"]] + [[f"Company {n}", "lots"] for n in range(120)]
    with pytest.raises(ImportRejected) as rejected:
        run(uows, "accounts", write_rows(tmp_path / "many.csv", rows))

    assert len(rejected.value.errors) == 120
    lines = rejected.value.message.splitlines()
    assert lines[-1] == "and 70 more" and len(lines) == 1 + 50 + 1
    assert lines[1].startswith("line 2, Annual Revenue: 'lots' is not an amount")


def test_duplicate_accounts_in_one_file_are_row_errors(engine, uows, tmp_path):
    rows = [["Account Name", "Account ID"], ["Acme Inc", "A1"], ["ACME Ltd.", "A2"], ["Globex", "A1"]]
    with pytest.raises(ImportRejected) as rejected:
        run(uows, "accounts", write_rows(tmp_path / "dupes.csv", rows))

    assert [(e.line, e.column) for e in rejected.value.errors] == [(3, "Account Name"), (4, "Account ID")]
    assert "same account as line 2" in str(rejected.value.errors[0])


def test_an_import_interrupted_while_writing_leaves_nothing(engine, uows, tmp_path):
    rows = [["Account Name", "Account ID", "Annual Revenue"]] + [
        [f"Company {n:05d}", f"ID{n:05d}", f"{n},000"] for n in range(2500)]
    path = write_rows(tmp_path / "big.csv", rows)
    calls: list[tuple[int, int]] = []

    def kill_midway(done: int, total: int) -> None:
        calls.append((done, total))
        if done > total // 2:  # the second half of the count is the writing
            raise KeyboardInterrupt("killed")

    with pytest.raises(KeyboardInterrupt):
        run(uows, "accounts", path, progress=kill_midway)

    assert calls[-1][0] > 2500 and calls[-1][1] == 5000
    assert everything(engine) == dict.fromkeys(everything(engine), 0)
    report = run(uows, "accounts", path)
    assert report.created == 2500 and count(engine, Account) == 2500


def test_progress_is_reported_about_every_thousand_rows(engine, uows, tmp_path):
    rows = [["Account Name"]] + [[f"Company {n}"] for n in range(2500)]
    calls: list[tuple[int, int]] = []
    run(uows, "accounts", write_rows(tmp_path / "big.csv", rows), progress=lambda d, t: calls.append((d, t)))

    assert calls[0] == (1000, 5000) and calls[-1] == (5000, 5000)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls) and len(calls) >= 5


# --------------------------------------------------------------------------- contacts, notes, financials


def test_salesforce_contacts_link_to_accounts_by_name_and_crm_id(engine, uows):
    run(uows, "accounts", CRM / "salesforce_accounts.csv")
    report = run(uows, "contacts", CRM / "salesforce_contacts.csv")

    assert report.encoding == "cp1252" and (report.created, report.updated) == (6, 0)
    assert "Contact ID" in report.ignored_columns
    stored = accounts(engine)
    with Session(engine) as session:
        people = {s.name: s for s in session.scalars(select(Stakeholder))}
    assert people["Road Runner"].account_id == stored["Acme Corporation"].id  # 'ACME CORP.' by Account ID
    assert people["Road Runner"].email == "rr@acme.example"
    assert people["José Núñez"].account_id == stored["Café Lumière SARL"].id  # by normalised name
    assert people["Ingrid Åström"].account_id == stored["Borealis Energy AS"].id
    assert people["Zoë Brontë"].title == "Procurement Manager" and people["Zoë Brontë"].email is None
    assert people["Wile E. Coyote"].title == "VP, Procurement"
    assert people["Wile E. Coyote"].normalized_name == "wile e coyote"
    assert {(s.role, s.influence, s.attitude, s.contact_level, s.team_id) for s in people.values()} == {
        ("unknown", 3, 0, "none", T_A)}

    again = run(uows, "contacts", CRM / "salesforce_contacts.csv")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 6)


def test_hubspot_contacts_semicolon_separated_with_roles(engine, uows):
    run(uows, "accounts", CRM / "hubspot_companies.csv")
    report = run(uows, "contacts", CRM / "hubspot_contacts.csv")

    assert report.delimiter == ";" and report.created == 4
    with Session(engine) as session:
        people = {s.name: s for s in session.scalars(select(Stakeholder))}
    assert (people["Nancy Davolio"].role, people["Nancy Davolio"].influence, people["Nancy Davolio"].attitude) == (
        "decision_maker", 4, 1)
    assert (people["Andrew Fuller"].role, people["Andrew Fuller"].title) == ("economic_buyer", "VP Sales; Board member")
    assert (people["Ola Hansen"].role, people["Ola Hansen"].influence, people["Ola Hansen"].attitude) == (
        "technical_buyer", 4, 2)
    assert people["Kim Abercrombie"].role == "unknown"


def test_a_contact_found_by_email_is_renamed_not_duplicated(engine, uows, tmp_path):
    run(uows, "accounts", CRM / "hubspot_companies.csv")
    run(uows, "contacts", CRM / "hubspot_contacts.csv")
    married = rewrite(CRM / "hubspot_contacts.csv", tmp_path / "hs.csv", ";Nancy;Davolio;", ";Nancy;Fuller-Davolio;")

    report = run(uows, "contacts", married)

    assert (report.created, report.updated) == (0, 1)
    with Session(engine) as session:
        names = set(session.scalars(select(Stakeholder.name)))
    assert "Nancy Fuller-Davolio" in names and "Nancy Davolio" not in names


def test_an_unknown_account_is_a_row_error(engine, uows):
    run(uows, "accounts", CRM / "salesforce_accounts.csv")
    with pytest.raises(ImportRejected) as rejected:
        run(uows, "contacts", BAD / "contacts_unknown_account.csv")

    assert [(e.line, e.column) for e in rejected.value.errors] == [(3, "Account Name"), (4, "Account Name")]
    assert "no account 'Pied Piper' in this workspace" in rejected.value.message
    assert count(engine, Stakeholder) == 0


def test_notes_link_by_name_or_crm_id_and_are_idempotent(engine, uows):
    run(uows, "accounts", CRM / "salesforce_accounts.csv")
    report = run(uows, "notes", CRM / "notes.csv")

    assert report.created == 6
    stored = accounts(engine)
    with Session(engine) as session:
        notes = session.scalars(select(Note).order_by(Note.written_on, Note.id)).all()
    assert {n.written_on for n in notes} == {date(2026, 11, 3), date(2026, 11, 10), date(2026, 11, 18)}
    qbr = next(n for n in notes if n.body.startswith("QBR"))
    assert qbr.body.count("\n") == 2 and '"fewer but deeper"' in qbr.body and "\r" not in qbr.body
    assert qbr.content_hash == content_hash(T_A, stored["Acme Corporation"].id, date(2026, 11, 3), qbr.body)
    borealis = next(n for n in notes if "offshore" in n.body)
    assert borealis.account_id == stored["Borealis Energy AS"].id and borealis.written_on == date(2026, 11, 3)
    cafe = next(n for n in notes if "trade fair" in n.body)
    assert cafe.author == "unknown"
    assert all(n.source == "import" and n.indexed_at is None and n.team_id == T_A for n in notes)

    again = run(uows, "notes", CRM / "notes.csv")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 6)


def test_financials_link_normalise_periods_and_stay_apart_from_annual_revenue(engine, uows):
    run(uows, "accounts", CRM / "salesforce_accounts.csv")
    report = run(uows, "financials", CRM / "financials.csv")

    assert report.delimiter == "\t" and report.created == 6
    stored = accounts(engine)
    with Session(engine) as session:
        figures = {(f.account_id, f.period): (f.revenue, f.cost_to_serve) for f in session.scalars(select(Financial))}
    acme, globex = stored["Acme Corporation"].id, stored["Globex, Ltd."].id
    assert figures[(acme, "2026-Q3")] == (1_200_000, 450_000)
    assert figures[(acme, "2026-Q2")] == (1_100_000, 430_000)
    assert figures[(stored["Borealis Energy AS"].id, "2026-Q3")] == (3_400, 1_000)
    assert figures[(globex, "2026-09")] == (250_000, 90_000)
    assert figures[(globex, "2026-08")] == (260_000, 0)
    assert figures[(stored["Wayne Enterprises"].id, "2026-Q3")] == (1_200_000_000, 900_000_000)
    assert stored["Acme Corporation"].customer_annual_revenue == 1_200_000_000  # untouched

    again = run(uows, "financials", CRM / "financials.csv")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 6)


def test_a_changed_financial_row_updates_its_period(engine, uows):
    run(uows, "accounts", CRM / "salesforce_accounts.csv")
    text = "Account,Period,Revenue,Cost\nAcme Corporation,2026-Q3,$1.2M,450000\n"
    import_rows(uows, T_A, "financials", text, source="finance.csv")
    report = import_rows(uows, T_A, "financials", text.replace("$1.2M", "$1.3M"), source="finance.csv")

    assert (report.created, report.updated) == (0, 1)
    with Session(engine) as session:
        assert session.scalar(select(Financial.revenue)) == 1_300_000


def test_duplicate_periods_for_an_account_are_row_errors(engine, uows):
    run(uows, "accounts", CRM / "salesforce_accounts.csv")
    text = "Account,Period,Revenue\nAcme Corporation,2026-Q3,1\nAcme Corp,Q3 2026,2\nNobody,2026-Q3,3\n"
    with pytest.raises(ImportRejected) as rejected:
        import_rows(uows, T_A, "financials", text)

    assert [(e.line, e.column) for e in rejected.value.errors] == [(3, "Period"), (4, "Account")]


# --------------------------------------------------------------------------- whole-file problems


@pytest.mark.parametrize("name, says", [
    ("empty.csv", "is empty"),
    ("header_only.csv", "no data rows"),
    ("binary.csv", "not a text CSV file"),
    ("workbook.csv", "Excel workbook"),
    ("colon_separated.csv", "everything in one column"),
])
def test_unreadable_files_get_one_clear_sentence(engine, uows, name, says):
    with pytest.raises(BadImportFile) as error:
        run(uows, "accounts", BAD / name)

    message = error.value.message
    assert says in message and name in message
    assert "\n" not in message and message.endswith(".") and message.count(": ") <= 1
    assert everything(engine) == dict.fromkeys(everything(engine), 0)


def test_missing_columns_name_what_is_required_and_what_was_found(engine, uows):
    with pytest.raises(MissingColumns) as error:
        run(uows, "contacts", BAD / "contacts_without_account.csv")

    message = error.value.message
    assert "\n" not in message
    assert "Account Name (or Associated Company, or Account ID)" in message
    assert "First Name, Last Name, Job Title, Email" in message


def test_unknown_kind_and_missing_file_are_clear(engine, uows, tmp_path):
    with pytest.raises(UnknownImportKind, match="use one of accounts, contacts, notes, financials"):
        run(uows, "opportunities", CRM / "salesforce_accounts.csv")
    with pytest.raises(BadImportFile, match="does not exist"):
        run(uows, "accounts", tmp_path / "nope.csv")
    assert issubclass(ImportRejected, UserError) and issubclass(BadImportFile, UserError)


def test_windows_latin1_crlf_quoted_newlines_and_commas(engine, uows, tmp_path):
    path = tmp_path / "excel.csv"
    path.write_bytes('Account Name;Billing Country;Annual Revenue;Description\r\n'
                     '"Société Générale, SA";France;"1.200.000,50";"line one\r\nline two; still two"\r\n'
                     'Zoë Brontë Ltd;United Kingdom;€ 3.4k;\r\n'.encode("cp1252"))

    report = run(uows, "accounts", path)

    assert (report.encoding, report.delimiter, report.created) == ("cp1252", ";", 2)
    stored = accounts(engine)
    assert stored["Société Générale, SA"].customer_annual_revenue == 1_200_000.5
    assert stored["Zoë Brontë Ltd"].customer_annual_revenue == 3_400


# --------------------------------------------------------------------------- workspaces


def test_workspaces_are_isolated(engine, uows, tmp_path):
    run(uows, "accounts", CRM / "salesforce_accounts.csv", team=T_A)
    run(uows, "notes", CRM / "notes.csv", team=T_A)
    a_before = {n: (a.id, a.industry, a.updated_at) for n, a in accounts(engine, T_A).items()}
    other = rewrite(CRM / "salesforce_accounts.csv", tmp_path / "sf.csv", '"Manufacturing"', '"Robotics"')

    report = run(uows, "accounts", other, team=T_B)

    assert (report.created, report.updated) == (SF_ACCOUNTS, 0)
    assert {n: (a.id, a.industry, a.updated_at) for n, a in accounts(engine, T_A).items()} == a_before
    assert accounts(engine, T_B)["Acme Corporation"].industry == "Robotics"
    assert accounts(engine, T_B)["Acme Corporation"].id != a_before["Acme Corporation"][0]
    # The same notes in T_B are new notes of T_B's accounts; T_A's stay as they were.
    notes_b = run(uows, "notes", CRM / "notes.csv", team=T_B)
    assert notes_b.created == 6 and count(engine, Note, T_A) == 6 and count(engine, Note, T_B) == 6
    with Session(engine) as session:
        assert session.get(Workspace, T_B) is not None


def test_references_never_reach_another_workspace(engine, uows):
    run(uows, "accounts", CRM / "salesforce_accounts.csv", team=T_A)
    with pytest.raises(ImportRejected) as rejected:
        run(uows, "contacts", CRM / "salesforce_contacts.csv", team=T_B)

    assert len(rejected.value.errors) == 6
    assert count(engine, Stakeholder) == 0


def test_import_rows_reads_text_already_in_memory(engine, uows):
    report = import_rows(uows, T_A, "Companies", "company_name|industry\nAcme|Energy\n", source="paste")
    assert (report.kind, report.delimiter, report.created) == ("accounts", "|", 1)
    assert accounts(engine)["Acme"].industry == "Energy"


def test_one_person_exported_twice_is_imported_once_and_said(engine, uows, tmp_path):
    """CRMs export undone merges: the same name with the same email (any case) or with it left out."""
    run(uows, "accounts", CRM / "salesforce_accounts.csv")
    path = write_rows(tmp_path / "contacts.csv", [
        ["First Name", "Last Name", "Account Name", "Email"],
        ["Kelly", "Brennan", "Acme Corporation", "kelly.brennan@acme.example"],
        ["Kelly", "Brennan", "Acme Corporation", "KELLY.BRENNAN@ACME.EXAMPLE"],
        ["Kelly", "Brennan", "Acme Corporation", ""],
    ])
    report = run(uows, "contacts", path)
    assert (report.created, report.unchanged) == (1, 2)
    assert "repeated on line(s) 3 (same as 2), 4 (same as 2)" in report.summary()
    assert count(engine, Stakeholder, T_A) == 1


def test_two_people_with_one_name_and_different_emails_are_refused(engine, uows, tmp_path):
    run(uows, "accounts", CRM / "salesforce_accounts.csv")
    path = write_rows(tmp_path / "contacts.csv", [
        ["First Name", "Last Name", "Account Name", "Email"],
        ["Alex", "Kim", "Acme Corporation", "alex.kim@acme.example"],
        ["Alex", "Kim", "Acme Corporation", "alexandra.kim@acme.example"],
    ])
    with pytest.raises(ImportRejected) as rejected:
        run(uows, "contacts", path)
    assert "line 3, Last Name: 'Alex Kim' at this account is already on line 2 with another email" in str(rejected.value)
    assert count(engine, Stakeholder, T_A) == 0


REALISTIC = CRM / "realistic"


def test_hubspot_notes_and_a_finance_sheet_import_as_exported(engine, uows):
    """HubSpot's notes export: 'Activity date', 'Activity assigned to', HTML 'Note body'; a finance sheet with
    'Fiscal Quarter' (the Salesforce-side one) and '2026 Q3' periods (the HubSpot-side one)."""
    run(uows, "accounts", REALISTIC / "hs_companies.csv")
    notes = run(uows, "notes", REALISTIC / "hs_notes.csv")
    assert notes.created == 80
    with Session(engine) as session:
        bodies = session.scalars(select(Note.body).where(Note.team_id == T_A)).all()
        authors = set(session.scalars(select(Note.author).where(Note.team_id == T_A)).all())
    assert not any("<p>" in b or "</" in b or "&amp;" in b for b in bodies)
    assert "Marcus Lindqvist" in authors
    assert run(uows, "financials", REALISTIC / "hs_financials.csv").created == 110
    run(uows, "accounts", REALISTIC / "sf_accounts.csv", team=T_B)
    assert run(uows, "financials", REALISTIC / "sf_financials.csv", team=T_B).created == 352
