"""Cell parsers and CSV reading for the CRM import: pure functions, table-driven."""
from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kam_domain.importing.csv_reader import (
    BadImportFile, decode, detect_delimiter, header_key, map_headers, missing_required, read_table,
)
from kam_domain.importing.values import clean_body, parse_date, parse_email, parse_money, parse_period

# --------------------------------------------------------------------------- money


@pytest.mark.parametrize("cell, expected", [
    ("1,200,000", 1_200_000.0),
    ("$1.2M", 1_200_000.0),
    ("1200000.00", 1_200_000.0),
    ("\u20ac 3.4k", 3_400.0),
    ("1.2bn", 1_200_000_000.0),
    ("(1,000)", -1_000.0),
    ("-1,000", -1_000.0),
    ("1000-", -1_000.0),
    ("-$5k", -5_000.0),
    ("$-1,000", -1_000.0),
    ("USD 24,000,000,000", 24_000_000_000.0),
    ("950,000,000", 950_000_000.0),
    ("1.200.000,50", 1_200_000.5),
    ("1,200,000.50", 1_200_000.5),
    ("1 200 000", 1_200_000.0),
    ("1\u00a0200\u00a0000 \u20ac", 1_200_000.0),
    ("1'200'000", 1_200_000.0),
    ("1,5", 1.5),
    ("1,200", 1_200.0),
    ("0,500", 0.5),
    ("1.200", 1.2),
    (".5", 0.5),
    ("\u00a3 2.5 million", 2_500_000.0),
    ("3.5 MM", 3_500_000.0),
    ("12b", 12_000_000_000.0),
    ("+42", 42.0),
    ("0", 0.0),
    ("(0)", 0.0),
    ("5 000 000 kr", 5_000_000.0),
])
def test_money_reads_crm_spellings(cell, expected):
    assert parse_money(cell) == pytest.approx(expected)


@pytest.mark.parametrize("cell", ["", "   ", None, "-", "N/A", "null", "\u2014"])
def test_money_empty_is_none(cell):
    assert parse_money(cell) is None


@pytest.mark.parametrize("cell", ["twelve", "1e5", "1,2,3", "12,34,567", "$", "1.2.3,4,5", "abc123", "1..2",
                                  "M", "1,200.000,5", "9" * 400, "--5", "1 2x"])
def test_money_rejects_garbage_with_a_hint(cell):
    with pytest.raises(ValueError) as error:
        parse_money(cell)
    assert "1,200,000" in str(error.value)


def test_money_message_names_the_cell():
    with pytest.raises(ValueError, match=r"^'twelve' is not an amount \(use 1200000, 1,200,000 or \$1.2M\)$"):
        parse_money("twelve")


# --------------------------------------------------------------------------- dates

NOV_3 = date(2026, 11, 3)


@pytest.mark.parametrize("cell, expected", [
    ("2026-11-03", NOV_3),
    ("11/03/2026", NOV_3),          # Salesforce US export: month/day
    ("11/3/2026", NOV_3),
    ("03.11.2026", NOV_3),          # dots: always day.month
    ("2026-11-03 14:22", NOV_3),
    ("2026-11-03T14:22:05Z", NOV_3),
    ("2026-11-03T14:22:05.123+01:00", NOV_3),
    ("11/3/2026 2:22 PM", NOV_3),
    ("Nov 3, 2026", NOV_3),
    ("November 3rd 2026", NOV_3),
    ("3 Nov 2026", NOV_3),
    ("3-Nov-2026", NOV_3),
    ("03-Nov-26", NOV_3),
    ("Tue, Nov 3, 2026", NOV_3),
    ("2026/11/03", NOV_3),
    ("20261103", NOV_3),
    ("2026-Nov-03", NOV_3),
    ("13/03/2026", date(2026, 3, 13)),  # first number > 12: can only be day/month
    ("1/2/99", date(1999, 1, 2)),
    ("1/2/26", date(2026, 1, 2)),
])
def test_dates_read_iso_and_crm_formats(cell, expected):
    assert parse_date(cell) == expected


def test_day_first_flips_only_ambiguous_slash_dates():
    assert parse_date("03/11/2026", day_first=True) == NOV_3
    assert parse_date("11/13/2026", day_first=True) == date(2026, 11, 13)
    assert parse_date("03.11.2026", day_first=False) == NOV_3


@pytest.mark.parametrize("cell", ["31/02/2026", "2026-13-01", "yesterday", "Smarch 3, 2026", "11/03",
                                  "0000-01-01", "1/1/1850", "3 Nov", "2026-11-03 25"])
def test_dates_reject_what_is_not_a_date(cell):
    with pytest.raises(ValueError, match="2026-11-03"):
        parse_date(cell)


def test_empty_date_is_none():
    assert parse_date("  ") is None


# --------------------------------------------------------------------------- periods


@pytest.mark.parametrize("cell, expected", [
    ("2026-Q3", "2026-Q3"), ("Q3 2026", "2026-Q3"), ("2026Q3", "2026-Q3"), ("2026 q3", "2026-Q3"),
    ("q3-2026", "2026-Q3"), ("3Q 2026", "2026-Q3"), ("Q3'26", "2026-Q3"),
    ("2026-09", "2026-09"), ("2026-9", "2026-09"), ("09/2026", "2026-09"), ("202609", "2026-09"),
    ("Sep 2026", "2026-09"), ("September 2026", "2026-09"), ("sept. 2026", "2026-09"), ("Sep-26", "2026-09"),
    ("2026 Sep", "2026-09"),
])
def test_periods_normalise_to_quarter_or_month(cell, expected):
    assert parse_period(cell) == expected


@pytest.mark.parametrize("cell", ["2026", "Q5 2026", "2026-13", "FY26", "H1 2026", "Smarch 2026", "2026-Q3-01"])
def test_periods_reject_others(cell):
    with pytest.raises(ValueError, match="2026-Q3"):
        parse_period(cell)


# --------------------------------------------------------------------------- emails and text


@pytest.mark.parametrize("cell, expected", [
    ("Ana.Ruiz@Acme.example", "ana.ruiz@acme.example"),
    ("Ana Ruiz <ana@acme.example>", "ana@acme.example"),
    ("mailto:ana@acme.example", "ana@acme.example"),
    ("", None),
])
def test_emails(cell, expected):
    assert parse_email(cell) == expected


@pytest.mark.parametrize("cell", ["ana", "ana@acme", "ana@@acme.example", "a b@acme.example"])
def test_bad_emails(cell):
    with pytest.raises(ValueError, match="email"):
        parse_email(cell)


def test_note_bodies_keep_lines_with_unix_newlines():
    assert clean_body("  first\r\nsecond\rthird \x00 ") == "first\nsecond\nthird"


# --------------------------------------------------------------------------- never anything but ValueError

PARSERS = [parse_money, parse_date, parse_period, parse_email, lambda c: parse_date(c, day_first=True)]
CRM_ALPHABET = st.sampled_from(list("0123456789 ,.-/:()$€£'+QqMmKkBbnNTZ") + ["Sep", "Nov", "bn", "\u00a0", "Q3"])


@pytest.mark.parametrize("parser", PARSERS)
@settings(max_examples=400, deadline=None)
@given(cell=st.one_of(st.text(max_size=40), st.lists(CRM_ALPHABET, max_size=14).map("".join)))
def test_parsers_raise_only_value_error(parser, cell):
    try:
        parser(cell)
    except ValueError:
        pass


@settings(max_examples=200, deadline=None)
@given(value=st.decimals(min_value=-10**12, max_value=10**12, places=2, allow_nan=False, allow_infinity=False))
def test_money_round_trips_formatted_amounts(value):
    assert parse_money(f"{value:,.2f}") == pytest.approx(float(value))
    assert parse_money(f"{value:.2f}") == pytest.approx(float(value))


@settings(max_examples=200, deadline=None)
@given(day=st.dates(min_value=date(1900, 1, 1), max_value=date(2199, 12, 31)))
def test_dates_round_trip_iso_and_us(day):
    assert parse_date(day.isoformat()) == day
    assert parse_date(f"{day.month}/{day.day}/{day.year}") == day
    assert parse_date(f"{day.day:02d}.{day.month:02d}.{day.year}") == day
    assert parse_date(day.strftime("%b %d, %Y")) == day


# --------------------------------------------------------------------------- reading CSV text


@pytest.mark.parametrize("header, key", [
    ("Account Name", "accountname"), ("\ufeffaccount_name ", "accountname"), ("  ACCOUNT   NAME", "accountname"),
    ("Country/Region", "countryregion"), ("Billing_Country", "billingcountry"),
])
def test_header_keys_ignore_case_spaces_underscores_and_bom(header, key):
    assert header_key(header) == key


def test_salesforce_and_hubspot_headers_map_to_the_same_fields():
    salesforce = map_headers(["Account Name", "Account ID", "Billing Country", "Annual Revenue", "Account Owner",
                              "Employees"], "accounts")
    hubspot = map_headers(["Record ID", "Company name", "Country/Region", "Annual Revenue", "Company owner",
                           "Lifecycle Stage"], "accounts")
    assert set(salesforce.fields) == set(hubspot.fields) == {
        "name", "crm_id", "country", "customer_annual_revenue", "crm_owner_name"}
    assert salesforce.ignored == ["Employees"] and hubspot.ignored == ["Lifecycle Stage"]


def test_missing_required_columns_are_named():
    mapping = map_headers(["First Name", "Last Name", "Email"], "contacts")
    assert missing_required(mapping, "contacts") == ["Account Name (or Associated Company, or Account ID)"]


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_delimiter_is_detected(delimiter):
    text = delimiter.join(["Account", "Date", "Author", "Note"]) + "\n"
    text += delimiter.join(["Acme", "2026-11-03", "Jane", '"Met them, agreed; next|step"']) + "\n"
    assert detect_delimiter(text, "notes") == delimiter


def test_records_keep_their_physical_line_numbers():
    text = 'Account Name,Billing Street\r\n"Acme","1 Way\nSuite 2"\r\n\r\n"Globex","x"\r\n'
    table = read_table(text, "accounts", "f.csv")
    assert [(r.line, r.cells[0]) for r in table.records] == [(2, "Acme"), (5, "Globex")]


def test_salesforce_report_footer_is_dropped():
    text = ('"Account Name","Industry"\n"Acme","Energy"\n\n"Confidential Information - Do Not Distribute"\n'
            '"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."\n"Acme Sales Cloud"\n')
    table = read_table(text, "accounts", "f.csv")
    assert len(table.records) == 1 and table.footer_lines == [4, 5, 6]


@pytest.mark.parametrize("data, encoding, text", [
    ("Zo\u00eb".encode("utf-8"), "utf-8", "Zo\u00eb"),
    (b"\xef\xbb\xbfZo\xc3\xab", "utf-8", "Zo\u00eb"),
    ("Zo\u00eb \u20ac".encode("cp1252"), "cp1252", "Zo\u00eb \u20ac"),
    (b"Zo\xeb \x81", "latin-1", "Zo\u00eb \x81"),
    ("Zo\u00eb".encode("utf-16"), "utf-16", "Zo\u00eb"),
])
def test_decoding_falls_back_from_utf8(data, encoding, text):
    decoded = decode(data, "f.csv")
    assert (decoded.encoding, decoded.text) == (encoding, text)


@pytest.mark.parametrize("data", [b"", b"  \r\n", b"\x00\x01\x02\x03binary", b"PK\x03\x04rest"])
def test_undecodable_files_are_refused(data):
    with pytest.raises(BadImportFile):
        decode(data, "f.csv")


@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.sampled_from(list('ab,;|\t"\r\n \ufeff') + ["Account Name", "Total"]), max_size=40).map("".join))
def test_reading_any_text_gives_a_table_or_one_clear_refusal(text):
    try:
        table = read_table(text, "accounts", "f.csv")
    except BadImportFile as refusal:
        assert "\n" not in refusal.message
        return
    assert table.records and all(r.line >= 2 for r in table.records)


# --------------------------------------------------------------------------- yes/no, tiers, period range

from kam_domain.importing.values import check_period_range, parse_yes_no, says_key  # noqa: E402


@pytest.mark.parametrize("cell, expected", [
    ("yes", True), ("Y", True), ("TRUE", True), ("1", True), ("x", True), ("no", False), ("0", False),
    ("false", False), ("", None), ("-", None), ("n/a", None),
])
def test_yes_no_cells(cell, expected):
    assert parse_yes_no(cell) is expected


def test_a_yes_no_cell_says_how_to_write_it():
    with pytest.raises(ValueError, match="'maybe' is not yes or no"):
        parse_yes_no("maybe")


@pytest.mark.parametrize("cell, expected", [
    ("Key Account", True), ("Customer - Key", True), ("KEY", True), ("Tier: key", True),
    ("Customer - Direct", False), ("Non-Key", False), ("not key", False), ("Keystone", False), ("Monkey", False),
    ("Regular", False), ("", None),
])
def test_a_tier_or_type_says_key_only_in_so_many_words(cell, expected):
    assert says_key(cell) is expected


@pytest.mark.parametrize("period, ok", [
    ("2000-01", True), ("2000-Q1", True), ("1999-12", False), ("1999-Q4", False),
    ("2027-11", True), ("2027-Q4", True), ("2027-12", False), ("2028-Q1", False),
])
def test_financial_periods_run_from_2000_to_a_year_ahead(period, ok):
    today = date(2026, 11, 23)
    if ok:
        check_period_range(period, today)
    else:
        with pytest.raises(ValueError, match="periods from 2000-01 to 2027-11 are accepted"):
            check_period_range(period, today)


@pytest.mark.parametrize("cell, expected", [
    ("<p>Met <b>Ana Ruiz</b> (CFO).</p><p>Budget &amp; scope agreed.</p>", "Met Ana Ruiz (CFO).\nBudget & scope agreed."),
    ("<div>Next steps:<ul><li>ROI deck</li><li>pilot plan</li></ul></div>", "Next steps:\n- ROI deck\n- pilot plan"),
    ("Line one<br>Line two<br/>Line&nbsp;three", "Line one\nLine two\nLine three"),
    ("margin <5% and >2%, a <b>bold</b> claim", "margin <5% and >2%, a bold claim"),
    ("margin <5% and >2% says plain text", "margin <5% and >2% says plain text"),  # no tags: kept as written
])
def test_note_bodies_exported_as_html_become_text(cell, expected):
    assert clean_body(cell) == expected
