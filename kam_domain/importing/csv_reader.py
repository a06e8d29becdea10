"""Reading CRM export files: bytes to text, the delimiter, records with their line numbers,
and the header row mapped to our fields.

Headers are matched ignoring case, spaces, underscores, punctuation and a BOM, so
`Account Name`, `account_name`, ` ACCOUNT NAME ` and `\ufeffAccount Name` are one header.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

from kam_domain.errors import UserError
from kam_domain.rules.names import fold

DELIMITERS = (",", ";", "\t", "|")
DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}
SAMPLE_CHARS = 32_768
SAMPLE_RECORDS = 25
FIELD_SIZE_LIMIT = 16 * 1024 * 1024


class BadImportFile(UserError):
    """The file as a whole cannot be imported; the message is one sentence saying why."""


class MissingColumns(BadImportFile):
    """Required columns are absent from the header row."""

    def __init__(self, message: str, required: list[str], found: list[str]):
        super().__init__(message)
        self.required = required
        self.found = found


# --------------------------------------------------------------------------- columns


@dataclass(frozen=True)
class Column:
    """One field we import and the header spellings CRMs use for it (canonical first)."""

    field: str
    aliases: tuple[str, ...]

    @property
    def label(self) -> str:
        return self.aliases[0]


_ACCOUNT_REF = Column("account", ("Account Name", "Account", "Associated Company", "Company name", "Company"))
_ACCOUNT_CRM_REF = Column("account_crm_id", (
    "Account ID", "Associated Company ID", "Associated Company IDs", "Associated Company IDs (Primary)",
    "Company ID", "Account CRM ID"))

KIND_COLUMNS: dict[str, tuple[Column, ...]] = {
    "accounts": (
        Column("name", ("Account Name", "Company name", "Account", "Company", "Name")),
        Column("crm_id", ("Account ID", "Record ID", "CRM ID", "Company ID", "Id")),
        Column("industry", ("Industry",)),
        Column("country", ("Billing Country", "Country/Region", "Country", "Billing Country/Region")),
        Column("customer_annual_revenue", ("Annual Revenue", "Customer Annual Revenue")),
        Column("crm_owner_name", ("Account Owner", "Company owner", "Account Owner Name", "Owner")),
        # "Account Owner: Email" reads as "Account Owner Email" (punctuation is ignored).
        Column("crm_owner_email", ("Owner Email", "Account Owner Email", "Company owner email",
                                   "Account Owner E-mail", "Owner E-mail")),
        # The tier: `Tier`, a yes/no `Key Account`, or a CRM `Type` whose value says "Key".
        Column("tier", ("Tier", "Account Tier", "KAM Tier")),
        Column("key_account", ("Key Account", "Is Key Account")),
        Column("crm_type", ("Type", "Account Type", "Company Type")),
    ),
    "contacts": (
        Column("first_name", ("First Name", "Firstname", "Given Name")),
        Column("last_name", ("Last Name", "Lastname", "Surname", "Family Name")),
        Column("full_name", ("Name", "Full Name", "Contact Name", "Contact")),
        Column("title", ("Title", "Job Title")),
        Column("account", ("Account Name", "Associated Company", "Company Name", "Account", "Company")),
        _ACCOUNT_CRM_REF,
        Column("email", ("Email", "Email Address", "E-mail")),
        Column("role", ("Role", "Decision Role")),
        Column("influence", ("Influence",)),
        Column("attitude", ("Attitude",)),
    ),
    "notes": (
        _ACCOUNT_REF,
        _ACCOUNT_CRM_REF,
        Column("written_on", ("Date", "Note Date", "Created Date", "Activity Date")),
        Column("author", ("Author", "Created By", "Assigned To", "Activity assigned to", "Owner")),
        Column("body", ("Note", "Body", "Notes", "Note Body", "Description", "Comments")),
    ),
    "financials": (
        _ACCOUNT_REF,
        _ACCOUNT_CRM_REF,
        Column("period", ("Period", "Quarter", "Month", "Fiscal Quarter", "Fiscal Period")),
        Column("revenue", ("Revenue", "Revenue to Us", "Billed Revenue")),
        Column("cost", ("Cost", "Cost to Serve", "Cost-to-serve", "Costs")),
        Column("credit", ("Credit", "Credit Note", "Is Credit", "Is Credit Note")),
    ),
    # `kam import users`: which Slack user each CRM owner is.
    "users": (
        Column("crm_owner", ("CRM Owner", "Account Owner", "Company owner", "Owner", "CRM Owner Email")),
        Column("user_id", ("Slack User ID", "Slack ID", "Slack User", "User ID")),
        Column("email", ("Email", "Slack Email", "Email Address", "E-mail")),
    ),
}

# Each group is satisfied by any one of its fields; the label is how messages name it.
REQUIRED: dict[str, tuple[tuple[tuple[str, ...], str], ...]] = {
    "accounts": ((("name",), "Account Name (or Company name)"),),
    "contacts": ((("account", "account_crm_id"), "Account Name (or Associated Company, or Account ID)"),
                 (("last_name", "first_name", "full_name"), "Last Name (or First Name, or Name)")),
    "notes": ((("account", "account_crm_id"), "Account (or Account ID)"), (("written_on",), "Date"),
              (("body",), "Note")),
    "financials": ((("account", "account_crm_id"), "Account (or Account ID)"), (("period",), "Period"),
                   (("revenue",), "Revenue")),
    "users": ((("crm_owner",), "CRM Owner"), (("user_id", "email"), "Slack User ID (or Email)")),
}

KINDS = tuple(KIND_COLUMNS)


def header_key(text: str) -> str:
    """'\ufeff Billing_Country ' -> 'billingcountry'; 'Country/Region' -> 'countryregion'."""
    return re.sub(r"[^a-z0-9]", "", fold(text.replace("\ufeff", "")))


@dataclass
class HeaderMap:
    """Which file column (index) feeds which field, and the columns we ignore."""

    headers: list[str]
    fields: dict[str, int] = field(default_factory=dict)
    ignored: list[str] = field(default_factory=list)

    def header_of(self, field_name: str) -> str:
        return self.headers[self.fields[field_name]]

    def used_headers(self) -> dict[str, str]:
        return {name: self.headers[index] for name, index in self.fields.items()}


def map_headers(headers: list[str], kind: str) -> HeaderMap:
    """Match each field to the first header spelled like one of its aliases (in alias order)."""
    keys = [header_key(h) for h in headers]
    mapping = HeaderMap(headers=[h.replace("\ufeff", "").strip() for h in headers])
    used: set[int] = set()
    for column in KIND_COLUMNS[kind]:
        index = _first_header(keys, column.aliases, used)
        if index is not None:
            mapping.fields[column.field] = index
            used.add(index)
    mapping.ignored = [mapping.headers[i] for i, key in enumerate(keys) if i not in used and key]
    return mapping


def _first_header(keys: list[str], aliases: tuple[str, ...], used: set[int]) -> int | None:
    for alias in aliases:
        wanted = header_key(alias)
        for index, key in enumerate(keys):
            if key == wanted and index not in used:
                return index
    return None


def missing_required(mapping: HeaderMap, kind: str) -> list[str]:
    """Labels of the required column groups the header lacks."""
    return [label for group, label in REQUIRED[kind] if not any(f in mapping.fields for f in group)]


def required_labels(kind: str) -> list[str]:
    return [label for _, label in REQUIRED[kind]]


def recognised_count(headers: list[str], kind: str) -> int:
    return len(map_headers(headers, kind).fields)


# --------------------------------------------------------------------------- decoding


@dataclass
class Decoded:
    text: str
    encoding: str


_BINARY_SIGNATURES = {
    b"PK\x03\x04": "an Excel workbook or a zip archive",
    b"\xd0\xcf\x11\xe0": "an old Excel workbook (.xls)",
    b"%PDF": "a PDF document",
}


def decode(data: bytes, source: str) -> Decoded:
    """Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, else cp1252, else latin-1."""
    if not data.strip():
        raise BadImportFile(f"{source} is empty: export it again from your CRM as CSV with a header row.")
    for signature, what in _BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise BadImportFile(f"{source} looks like {what}, not a CSV file: open it and save it as CSV (UTF-8).")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _checked(data.decode("utf-16", errors="replace"), "utf-16", source)
    if b"\x00" in data[:8192]:
        raise _binary(source)
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return _checked(data.decode(encoding), "utf-8" if encoding == "utf-8-sig" else encoding, source)
        except UnicodeDecodeError:
            continue
    return _checked(data.decode("latin-1"), "latin-1", source)


def _binary(source: str) -> BadImportFile:
    return BadImportFile(f"{source} is not a text CSV file (it looks binary): export it from your CRM as CSV.")


def _checked(text: str, encoding: str, source: str) -> Decoded:
    """Reject text that is mostly control characters (a binary file that decoded by luck)."""
    sample = text[:8192]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\r\n\f") + sample.count("\ufffd")
    if sample and controls / len(sample) > 0.02:
        raise _binary(source)
    return Decoded(text=text.lstrip("\ufeff"), encoding=encoding)


# --------------------------------------------------------------------------- records


@dataclass
class Record:
    """One CSV record and the physical line it starts on (the header is line 1)."""

    line: int
    cells: list[str]


@dataclass
class Table:
    headers: list[str]
    records: list[Record]
    delimiter: str
    header_line: int = 1
    footer_lines: list[int] = field(default_factory=list)


# Salesforce report exports end with single-cell lines like these.
_FOOTER = re.compile(
    r"^\s*(grand totals?|totals?|subtotal|confidential information|copyright|\(c\)|\u00a9|generated by"
    r"|filtered by|report generated)\b",
    re.IGNORECASE,
)


def read_table(text: str, kind: str, source: str) -> Table:
    """Detect the delimiter, read every record with its line number, drop blank and footer rows."""
    if not text.strip():
        raise BadImportFile(f"{source} is empty: export it again from your CRM as CSV with a header row.")
    delimiter = detect_delimiter(text, kind)
    rows = _records(text, delimiter, source)
    if not rows:
        raise BadImportFile(f"{source} is empty: export it again from your CRM as CSV with a header row.")
    header, data = rows[0], rows[1:]
    records, footer = _drop_footer(data)
    if not records:
        raise BadImportFile(f"{source} has a header row but no data rows: there is nothing to import.")
    headers = [h.replace("\ufeff", "").strip() for h in header.cells]
    return Table(headers=headers, records=records, delimiter=delimiter,
                 header_line=header.line, footer_lines=footer)


def _records(text: str, delimiter: str, source: str) -> list[Record]:
    """All non-blank records; a record spanning lines reports the line it starts on."""
    csv.field_size_limit(max(csv.field_size_limit(), FIELD_SIZE_LIMIT))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, skipinitialspace=True)
    records: list[Record] = []
    previous_end = 0
    try:
        for cells in reader:
            start, previous_end = previous_end + 1, reader.line_num
            if any(cell.strip() for cell in cells):
                records.append(Record(start, cells))
    except csv.Error as exc:
        raise BadImportFile(f"{source} could not be read as CSV at line {previous_end + 1} ({exc}): "
                            "check the quotes around that line.") from None
    return records


def _drop_footer(records: list[Record]) -> tuple[list[Record], list[int]]:
    """Strip a report footer: from the first single-cell 'Confidential/Copyright/Total' line on."""
    for position, record in enumerate(records):
        if len(record.cells) == 1 and _FOOTER.match(record.cells[0]):
            tail = records[position:]
            if all(len(r.cells) == 1 for r in tail):
                return records[:position], [r.line for r in tail]
    return records, []


def detect_delimiter(text: str, kind: str) -> str:
    """The separator among , ; tab | that makes the best header: csv.Sniffer's guess, checked.

    Candidates are ranked by how many known headers they produce, then by whether they
    split the header at all, then by how consistently the first rows have the header's
    width, then by the Sniffer's own guess; comma wins a tie.
    """
    sample = _sample(text)
    try:
        sniffed = csv.Sniffer().sniff(sample, delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        sniffed = None
    return max(DELIMITERS, key=lambda d: _delimiter_score(sample, d, kind, sniffed))


def _sample(text: str) -> str:
    """The first ~32 KB cut at a line end."""
    if len(text) <= SAMPLE_CHARS:
        return text
    cut = text.rfind("\n", 0, SAMPLE_CHARS)
    return text[: cut if cut > 0 else SAMPLE_CHARS]


def _delimiter_score(sample: str, delimiter: str, kind: str, sniffed: str | None) -> tuple:
    rows = _first_rows(sample, delimiter)
    if not rows:
        return (0, False, 0.0, False, False)
    header, body = rows[0], rows[1:]
    width = len(header)
    consistent = sum(1 for r in body if len(r) == width) / len(body) if body else 0.0
    return (recognised_count(header, kind), width > 1, consistent, delimiter == sniffed, delimiter == ",")


def _first_rows(sample: str, delimiter: str) -> list[list[str]]:
    rows: list[list[str]] = []
    reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter, skipinitialspace=True)
    try:
        for cells in reader:
            if any(c.strip() for c in cells):
                rows.append(cells)
            if len(rows) >= SAMPLE_RECORDS:
                break
    except csv.Error:
        pass
    return rows
