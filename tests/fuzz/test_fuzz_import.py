"""CSV import under random files: random headers, encodings, BOMs, delimiters, huge fields, bad
numbers and dates. An import either succeeds or raises a UserError naming what to fix, and a
rejected file writes nothing at all."""
from __future__ import annotations

import codecs
import csv
import io

import pytest
from hypothesis import example, given, strategies as st

from kam_domain.errors import UserError
from kam_domain.importing.csv_reader import KIND_COLUMNS
from kam_domain.models import Note
from kam_domain.services.importing import MAX_NOTE_CHARS, ImportRejected, import_file
from sqlalchemy import func, select
from sqlmodel import Session
from kam_domain.store.uow import UowFactory  # noqa: F401
from support.builders import add_account
from fuzzing import DATABASES, fuzz, fuzz_engine, row_counts

HEADERS = {
    "accounts": ["Account Name", "Account ID", "Industry", "Billing Country", "Annual Revenue", "Account Owner",
                 "Company name", "Record ID", "Country/Region"],
    "contacts": ["First Name", "Last Name", "Title", "Account Name", "Email", "Job Title", "Associated Company"],
    "notes": ["Account", "Date", "Author", "Note"],
    "financials": ["Account", "Period", "Revenue", "Cost", "Credit"],
    "users": ["CRM Owner", "Slack User ID", "Email"],
}
CELLS = st.one_of(
    st.text(max_size=20), st.sampled_from(["Borealis Logistics GmbH", "Acme Retail Group", "", "n/a", "-"]),
    st.sampled_from(["1,200,000", "$1.2M", "1200000.00", "-5", "1e309", "nan", "€1.2.3", "12,34,5", "0x10",
                     "99999999999999999999999999", "inf", "(1,000)"]),
    st.sampled_from(["2026-11-03", "11/03/2026", "3 Nov 2026", "2026-02-30", "31/31/2031", "Q5 2026", "2026-Q3",
                     "2026-09", "0000-00-00", "yesterday"]),
    st.sampled_from(["<!channel>", "=cmd|' /C calc'!A0", "\"quoted, with comma\"", "line\nbreak", "\x00", "\ufeff"]),
    st.integers(min_value=1, max_value=200_000).map(lambda n: "x" * n),
)
ENCODINGS = ["utf-8", "utf-8-sig", "latin-1", "utf-16", "cp1252"]


@st.composite
def csv_files(draw):
    kind = draw(st.sampled_from(sorted(KIND_COLUMNS)))
    headers = draw(st.lists(st.one_of(st.sampled_from(HEADERS[kind]), st.text(max_size=12)), min_size=0, max_size=7))
    if draw(st.booleans()):
        headers = [h.upper() if draw(st.booleans()) else f" {h} " for h in headers]
    delimiter = draw(st.sampled_from([",", ";", "\t", "|", " "]))
    rows = draw(st.lists(st.lists(CELLS, min_size=0, max_size=len(headers) + 2), max_size=6))
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=draw(st.sampled_from(["\n", "\r\n", "\r"])))
    writer.writerow(headers)
    writer.writerows(rows)
    text = buffer.getvalue()
    encoding = draw(st.sampled_from(ENCODINGS))
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8")
    if draw(st.integers(0, 5)) == 0:
        data = draw(st.sampled_from([codecs.BOM_UTF8, codecs.BOM_UTF16_LE, b"\xff\xfe\x00", b"PK\x03\x04", b"\x89PNG",
                                     b"%PDF-"])) + data
    if draw(st.integers(0, 7)) == 0:
        data = draw(st.binary(max_size=200))
    return kind, data


@pytest.fixture(scope="module", params=DATABASES)
def engine(request, sqlite_template, tmp_path_factory):
    engine = fuzz_engine(request, sqlite_template, tmp_path_factory.mktemp("fuzz-import"))
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def uow_factory(engine):
    with Session(engine) as session:
        add_account(session, "T_ALPHA", "Acme Retail Group")
        session.commit()
    from kam_domain.store.uow import UnitOfWork

    return lambda: UnitOfWork(engine)


@fuzz(150)
@given(csv_files(), st.booleans())
@example(("accounts", b"Account Name,Annual Revenue\nAcme,1e309\n"), False)
@example(("notes", b"Account,Date,Author,Note\nAcme,2026-02-30,ana,hello\n"), False)
@example(("accounts", b"\xef\xbb\xbfAccount Name;Annual Revenue\r\nAcme;$1.2M\r\n"), False)
@example(("notes", b"Account,Date,Author,Note\nAcme Retail Group,2026-11-03,ana," + b"y" * 2_000_000 + b"\n"), False)
@example(("accounts", b"Account Name\n" + b"A" * 300 + b"\n"), False)
@example(("financials", b"Account,Period,Revenue,Cost\nNobody,2026-Q3,10,5\n"), False)
def test_an_import_succeeds_or_says_what_to_fix_and_writes_nothing(engine, uow_factory, tmp_path_factory,
                                                                   file, dry_run):
    kind, data = file
    path = tmp_path_factory.getbasetemp() / "fuzz-upload.csv"
    path.write_bytes(data)
    before = row_counts(engine)
    try:
        report = import_file(uow_factory, "T_ALPHA", kind, path, dry_run=dry_run)
    except UserError as exc:
        assert exc.message.strip()
        assert row_counts(engine) == before, f"a rejected import wrote: {exc.message[:200]}"
        if isinstance(exc, ImportRejected):
            assert exc.errors and all(e.line >= 1 and e.message for e in exc.errors)
            assert len(exc.message) < 20_000, "the error list is bounded"
        return
    assert report.summary()
    with Session(engine) as session:
        longest = session.execute(select(func.max(func.length(Note.body)))).scalar_one()
    assert (longest or 0) <= MAX_NOTE_CHARS
    if dry_run:
        assert row_counts(engine) == before
