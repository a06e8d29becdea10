"""`kam export`: CSV a spreadsheet opens and our own import reads back, one workspace only,
money as plain numbers, dates ISO, formulas defused. Real SQLite and PostgreSQL."""
from __future__ import annotations

import csv
import io
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlmodel import Session

from kam_domain.errors import UserError
from kam_domain.models import Account, Action, AuditEntry, Objective, Review
from kam_domain.services.authz import Actor
from kam_domain.services.export import (
    ACCOUNT_COLUMNS, ACTION_COLUMNS, STAKEHOLDER_COLUMNS, export_csv, guard, plain_number, split_name,
)
from kam_domain.services.importing import import_file
from kam_domain.store.uow import UnitOfWork, uow_factory
from support.builders import add_account, add_criteria, add_financials, add_scores, add_stakeholder

T_A, T_B = "T_ALPHA", "T_BETA"
TODAY = date(2026, 11, 23)
CRM = Path(__file__).resolve().parent.parent / "fixtures" / "crm"


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def export(engine, kind: str, path: Path, who=T_A) -> list[dict[str, str]]:
    export_csv(UnitOfWork(engine), who, kind, path, today=TODAY)
    return read(path)


def seed(engine) -> dict[str, int]:
    with Session(engine) as session:
        criteria = add_criteria(session, T_A, [("product_fit", 2, "attractiveness"), ("relationship", 1, "strength")])
        acme = add_account(session, T_A, "Acme Corporation", tier="key", crm_id="0015g00000AcmeCAA",
                           industry="Manufacturing", country="United States", customer_annual_revenue=1_200_000_000,
                           crm_owner_name="Jane Doe", owner_user_id="U_JANE", sponsor_user_id="U_BOSS",
                           channel_id="C_ACME")
        add_scores(session, acme, criteria, {"product_fit": 8, "relationship": 7})
        add_financials(session, acme, [("2026-Q1", 100_000.5, 40_000), ("2026-Q2", 200_000, 60_000),
                                       ("2026-Q3", 300_000, 100_000), ("2025-Q4", 50_000, 10_000),
                                       ("2025-Q3", 999_999, 0)])  # older than the last four periods
        evil = add_account(session, T_A, "=HYPERLINK(\"http://evil\",\"x\")", industry="+cmd|' /C calc'!A0",
                           crm_owner_name="@owner", country="-Nowhere")
        cafe = add_account(session, T_A, "Café Lumière SARL", tier="candidate", country="France")
        add_account(session, T_B, "Beta Secret Customer", industry="Secret Beta Industry")
        boss = add_stakeholder(session, acme, "Ana Ruiz", title="CFO", role="economic_buyer", influence=5,
                               attitude=2, contact_level="in_depth", owner_user_id="U_JANE", email="ana@acme.example",
                               last_contact_on=date(2026, 11, 1))
        add_stakeholder(session, acme, "Jean-Luc de la Tour", title="=Head of IT", role="blocker", influence=4,
                        attitude=-2, reports_to_id=boss.id)
        add_stakeholder(session, cafe, "Madonna", role="unknown")
        objective = Objective(team_id=T_A, account_id=acme.id, title="Win the 2027 renewal", created_by="U_JANE")
        session.add(objective)
        session.flush()
        session.add(Action(team_id=T_A, account_id=acme.id, objective_id=objective.id, title="Send the proposal",
                           owner_user_id="U_JANE", due_on=date(2026, 12, 1), source="manual",
                           created_at=datetime(2026, 11, 2, 15, 0, tzinfo=timezone.utc)))
        session.add(Action(team_id=T_A, account_id=acme.id, title="-1 discount talk", status="done", source="log",
                           created_at=datetime(2026, 10, 2, tzinfo=timezone.utc)))
        session.add(Review(team_id=T_A, account_id=acme.id, due_on=date(2026, 12, 15)))
        session.add(Review(team_id=T_A, account_id=acme.id, due_on=date(2026, 10, 1),
                           done_at=datetime(2026, 10, 1, tzinfo=timezone.utc)))
        session.commit()
        return {"acme": acme.id, "evil": evil.id, "cafe": cafe.id}


def test_accounts_export_has_our_columns_plain_money_iso_dates_and_stays_in_its_workspace(engine, tmp_path):
    seed(engine)
    path = tmp_path / "accounts.csv"
    rows = export(engine, "accounts", path)

    assert path.read_bytes().startswith(b"\xef\xbb\xbfAccount Name,Account ID,")  # UTF-8 with the BOM Excel needs
    assert tuple(rows[0]) == ACCOUNT_COLUMNS
    by_name = {r["Account Name"]: r for r in rows}
    assert "Beta Secret Customer" not in by_name and len(rows) == 3
    acme = by_name["Acme Corporation"]
    assert acme == {
        "Account Name": "Acme Corporation", "Account ID": "0015g00000AcmeCAA", "Industry": "Manufacturing",
        "Billing Country": "United States", "Annual Revenue": "1200000000", "Account Owner": "Jane Doe",
        "Owner Slack ID": "U_JANE", "Tier": "key", "Quadrant": "Strategic", "Weighted Score": "7.67",
        "Revenue last 4 periods": "650000.5", "Profit last 4 periods": "440000.5",
        "Executive Sponsor Slack ID": "U_BOSS", "Channel": "C_ACME", "Next Review": "2026-12-15",
        "Coverage": acme["Coverage"],
    }
    assert acme["Coverage"] in {"red", "amber", "green"}
    cafe = by_name["Café Lumière SARL"]
    assert (cafe["Tier"], cafe["Annual Revenue"], cafe["Revenue last 4 periods"], cafe["Next Review"]) == (
        "candidate", "", "", "")


def test_cells_that_a_spreadsheet_would_run_are_defused(engine, tmp_path):
    seed(engine)
    rows = export(engine, "accounts", tmp_path / "a.csv")
    evil = next(r for r in rows if "HYPERLINK" in r["Account Name"])
    assert evil["Account Name"] == "'=HYPERLINK(\"http://evil\",\"x\")"
    assert evil["Industry"] == "'+cmd|' /C calc'!A0"
    assert evil["Account Owner"] == "'@owner" and evil["Billing Country"] == "'-Nowhere"
    people = export(engine, "stakeholders", tmp_path / "s.csv")
    assert next(p for p in people if p["Last Name"] == "de la Tour")["Title"] == "'=Head of IT"
    actions = export(engine, "actions", tmp_path / "x.csv")
    assert any(a["Action"] == "'-1 discount talk" for a in actions)
    for raw, cell in [("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@SUM(A1)", "'@SUM(A1)"),
                      ("\tx", "'\tx"), ("\rx", "'\rx"), ("plain", "plain"), ("a=b", "a=b")]:
        assert guard(raw) == cell
    assert guard(-2) == "-2" and guard(-1200.5) == "-1200.5"  # numbers we write are numbers, not formulas


def test_stakeholders_export_reads_back_with_kam_import_contacts(engine, tmp_path):
    seed(engine)
    rows = export(engine, "stakeholders", tmp_path / "people.csv")

    assert tuple(rows[0]) == STAKEHOLDER_COLUMNS
    ana = next(r for r in rows if r["Last Name"] == "Ruiz")
    assert ana == {"Account Name": "Acme Corporation", "First Name": "Ana", "Last Name": "Ruiz", "Title": "CFO",
                   "Email": "ana@acme.example", "Role": "economic buyer", "Influence": "5", "Attitude": "2",
                   "Contact Level": ana["Contact Level"], "Reports To": "", "Relationship Owner": "U_JANE",
                   "Last Contact": "2026-11-01"}
    assert ana["Contact Level"].lower().startswith("in depth")
    jean = next(r for r in rows if r["Last Name"] == "de la Tour")
    assert (jean["First Name"], jean["Role"], jean["Attitude"], jean["Reports To"]) == (
        "Jean-Luc", "blocker", "-2", "Ana Ruiz")
    assert next(r for r in rows if r["Last Name"] == "Madonna")["First Name"] == ""
    assert [r["Account Name"] for r in rows] == ["Acme Corporation", "Acme Corporation", "Café Lumière SARL"]

    # the same people, imported into another workspace that has the same accounts
    with Session(engine) as session:
        add_account(session, "T_FRESH", "Acme Corporation")
        add_account(session, "T_FRESH", "Café Lumière SARL")
        session.commit()
    # the title cell defused for spreadsheets comes back with its quote; everything else as it went out
    report = import_file(uow_factory(engine), "T_FRESH", "contacts", tmp_path / "people.csv")
    assert report.created == 3
    again = export(engine, "stakeholders", tmp_path / "again.csv", who="T_FRESH")
    keys = ("Account Name", "First Name", "Last Name", "Title", "Email", "Role", "Influence", "Attitude")
    assert [{k: r[k] for k in keys} for r in again] == [{k: r[k] for k in keys} for r in rows]


def test_actions_export(engine, tmp_path):
    seed(engine)
    rows = export(engine, "actions", tmp_path / "actions.csv")
    assert tuple(rows[0]) == ACTION_COLUMNS
    assert rows == [
        {"Account Name": "Acme Corporation", "Action": "Send the proposal", "Owner": "U_JANE", "Due": "2026-12-01",
         "Status": "open", "Objective": "Win the 2027 renewal", "Source": "manual", "Created": "2026-11-02"},
        {"Account Name": "Acme Corporation", "Action": "'-1 discount talk", "Owner": "", "Due": "", "Status": "done",
         "Objective": "", "Source": "log", "Created": "2026-10-02"},
    ]


def test_export_round_trip_recreates_the_accounts_in_a_fresh_workspace(engine, tmp_path):
    uows = uow_factory(engine)
    import_file(uows, T_A, "accounts", CRM / "salesforce_accounts.csv")
    path = tmp_path / "accounts.csv"
    export(engine, "accounts", path)

    report = import_file(uows, "T_FRESH", "accounts", path)

    fields = ("name", "crm_id", "industry", "country", "customer_annual_revenue", "crm_owner_name")

    def snapshot(team: str) -> dict[str, tuple]:
        with Session(engine) as session:
            accounts = session.exec(select(Account).where(Account.team_id == team)).scalars().all()
            return {a.name: tuple(getattr(a, f) for f in fields) for a in accounts}

    original, copy = snapshot(T_A), snapshot("T_FRESH")
    assert report.created == len(original) == 10
    assert copy == original
    # and importing our own export again changes nothing
    again = import_file(uows, "T_FRESH", "accounts", path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 10)


def test_a_person_exports_only_what_they_may_read(engine, tmp_path):
    ids = seed(engine)
    with Session(engine) as session:
        session.get(Account, ids["acme"]).restricted = True
        session.commit()
    member = Actor(team_id=T_A, user_id="U_SOMEONE")
    rows = export(engine, "accounts", tmp_path / "a.csv", who=member)
    assert "Acme Corporation" not in {r["Account Name"] for r in rows} and len(rows) == 2
    assert "Ruiz" not in {r["Last Name"] for r in export(engine, "stakeholders", tmp_path / "s.csv", who=member)}
    assert export(engine, "actions", tmp_path / "x.csv", who=member) == []
    jane = Actor(team_id=T_A, user_id="U_JANE")  # the account's owner reads it
    assert "Acme Corporation" in {r["Account Name"] for r in export(engine, "accounts", tmp_path / "j.csv", who=jane)}
    guest = Actor(team_id=T_A, user_id="U_GUEST", is_guest=True)
    with pytest.raises(UserError):
        export_csv(UnitOfWork(engine), guest, "accounts", tmp_path / "g.csv", today=TODAY)
    assert not (tmp_path / "g.csv").exists()


def test_each_export_is_audited_and_streams_work(engine):
    seed(engine)
    stream = io.StringIO()
    report = export_csv(UnitOfWork(engine), T_A, "Contacts", stream, today=TODAY)
    assert report.kind == "stakeholders" and report.rows == 3
    assert stream.getvalue().splitlines()[0] == ",".join(STAKEHOLDER_COLUMNS)
    with Session(engine) as session:
        entry = session.exec(select(AuditEntry).where(AuditEntry.action == "export.stakeholders")).scalars().one()
    assert (entry.team_id, entry.actor, entry.after) == (T_A, "export", {"rows": 3, "file": "stream"})


def test_bad_kind_or_path_says_what_to_fix_and_writes_nothing(engine, tmp_path):
    seed(engine)
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    with pytest.raises(UserError, match="use one of accounts, stakeholders, actions"):
        export_csv(UnitOfWork(engine), T_A, "notes", tmp_path / "n.csv", today=TODAY)
    with pytest.raises(UserError, match="does not exist"):
        export_csv(UnitOfWork(engine), T_A, "accounts", tmp_path / "missing" / "a.csv", today=TODAY)
    with pytest.raises(UserError, match="is a folder"):
        export_csv(UnitOfWork(engine), T_A, "accounts", tmp_path, today=TODAY)
    assert list(tmp_path.iterdir()) == []
    with Session(engine) as session:
        assert session.exec(select(AuditEntry)).scalars().all() == []


def test_an_export_replaces_the_file_whole(engine, tmp_path):
    seed(engine)
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    path = tmp_path / "a.csv"
    path.write_text("old content that is much longer than nothing\n" * 100)
    export(engine, "accounts", path)
    assert "old content" not in path.read_text(encoding="utf-8-sig")
    assert [p.name for p in tmp_path.iterdir()] == ["a.csv"]  # no temporary file left behind


def test_value_helpers():
    assert [plain_number(v) for v in (1_200_000.0, 1234.567, 0, -5.5, None)] == ["1200000", "1234.57", "0", "-5.5", ""]
    assert split_name("Ana Ruiz") == ("Ana", "Ruiz")
    assert split_name("Jean-Luc de la Tour") == ("Jean-Luc", "de la Tour")
    assert split_name("Madonna") == ("", "Madonna")
