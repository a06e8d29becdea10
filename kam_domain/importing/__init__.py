"""Reading CRM exports: file decoding, delimiter and header detection, cell values.

The import use case itself is `kam_domain.services.importing` (`import_file`, `import_rows`).
"""
from kam_domain.importing.csv_reader import (
    DELIMITERS, KIND_COLUMNS, KINDS, BadImportFile, HeaderMap, MissingColumns, Table, decode, header_key,
    map_headers, read_table,
)
from kam_domain.importing.values import parse_date, parse_email, parse_money, parse_period

__all__ = [
    "DELIMITERS", "KIND_COLUMNS", "KINDS", "BadImportFile", "HeaderMap", "MissingColumns", "Table", "decode",
    "header_key", "map_headers", "read_table", "parse_date", "parse_email", "parse_money", "parse_period",
]
