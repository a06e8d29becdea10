"""Name normalisation shared by matching, import keys and uniqueness constraints."""
from __future__ import annotations

import re
import unicodedata

# Legal-form suffixes that CRM exports add or drop at will; they never tell accounts apart.
LEGAL_SUFFIXES = {
    "inc", "incorporated", "llc", "ltd", "limited", "gmbh", "ag", "sa", "sas", "sarl", "srl",
    "spa", "bv", "nv", "plc", "corp", "corporation", "co", "company", "oy", "ab", "as", "kg",
    "pty", "pte", "sl", "lda", "kk", "se",
}


def fold(text: str) -> str:
    """Lowercase, strip accents and punctuation, collapse spaces."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[^\w\s]", " ", text.lower())
    return re.sub(r"\s+", " ", text).strip()


def normalize_account_name(name: str) -> str:
    words = fold(name).split()
    while len(words) > 1 and words[-1] in LEGAL_SUFFIXES:
        words.pop()
    return " ".join(words)


def normalize_person_name(name: str) -> str:
    return fold(name)
