"""CRM owner -> Slack user matching: pure, table-driven."""
from __future__ import annotations

import pytest

from kam_domain.rules.people_matching import (
    OwnerMatch, PeopleIndex, SlackPerson, match_owner, name_key, owner_key,
)

PEOPLE = [
    SlackPerson("U_JOSE", "José Núñez", "jose", "jose.nunez@acme.example"),
    SlackPerson("U_JANE", "Jane Doe", "jane.d", "jane@acme.example"),
    SlackPerson("U_SAM1", "Sam Carter", "sam", "sam.carter@acme.example"),
    SlackPerson("U_SAM2", "Sam Carter", "samc", "sam.c@acme.example"),
    SlackPerson("U_KLAUS", "Klaus Weber", "Klausi", None),
    SlackPerson("U_ZOE", None, "Zoë Brontë", "zoe@acme.example"),
    SlackPerson("U_OBRIEN", "Mary O'Brien", "", "mary@acme.example"),
    SlackPerson("B_BOT", "Ola Nordmann", "ola-bot", "ola@acme.example", is_bot=True),
    SlackPerson("U_GONE", "Lucius Fox", "lucius", "lucius@acme.example", deleted=True),
    SlackPerson("U_GUEST", "Pedro Alvarez", "pedro", "pedro@partner.example", is_guest=True),
    SlackPerson("U_MARIA", "Maria Anders", "maria", "maria@acme.example"),
    SlackPerson("U_MARIA_GUEST", "Maria Anders", "maria.partner", "maria@partner.example", is_guest=True),
]


@pytest.mark.parametrize("name, email, expected", [
    # exact name, case, accents, extra spaces, punctuation
    ("Jane Doe", None, OwnerMatch("U_JANE", "name", ("U_JANE",))),
    ("JANE DOE", None, OwnerMatch("U_JANE", "name", ("U_JANE",))),
    ("José Núñez", None, OwnerMatch("U_JOSE", "name", ("U_JOSE",))),
    ("Jose Nunez", None, OwnerMatch("U_JOSE", "name", ("U_JOSE",))),
    ("  jose   NUNEZ ", None, OwnerMatch("U_JOSE", "name", ("U_JOSE",))),
    ("Mary OBrien", None, OwnerMatch("U_OBRIEN", "name", ("U_OBRIEN",))),
    ("mary o'brien", None, OwnerMatch("U_OBRIEN", "name", ("U_OBRIEN",))),
    # display name
    ("Klausi", None, OwnerMatch("U_KLAUS", "name", ("U_KLAUS",))),
    ("Zoe Bronte", None, OwnerMatch("U_ZOE", "name", ("U_ZOE",))),
    # email wins over the name, case-insensitively
    ("Jane Doe", "JOSE.NUNEZ@acme.example", OwnerMatch("U_JOSE", "email", ("U_JOSE",))),
    ("Sam Carter", "sam.c@acme.example", OwnerMatch("U_SAM2", "email", ("U_SAM2",))),
    # an unknown email falls back to the name
    ("Jane Doe", "jane.doe@old-domain.example", OwnerMatch("U_JANE", "name", ("U_JANE",))),
    # two candidates: no match, both listed
    ("Sam Carter", None, OwnerMatch(None, None, ("U_SAM1", "U_SAM2"))),
    # bots, deleted users and guests never match, by name or by email
    ("Ola Nordmann", None, OwnerMatch(None, None, ())),
    (None, "ola@acme.example", OwnerMatch(None, None, ())),
    ("Lucius Fox", "lucius@acme.example", OwnerMatch(None, None, ())),
    ("Pedro Alvarez", None, OwnerMatch(None, None, ())),
    ("Maria Anders", None, OwnerMatch("U_MARIA", "name", ("U_MARIA",))),  # the guest namesake is no candidate
    # nothing to match
    ("Nobody Here", None, OwnerMatch(None, None, ())),
    ("", None, OwnerMatch(None, None, ())),
    (None, None, OwnerMatch(None, None, ())),
    ("!!!", None, OwnerMatch(None, None, ())),
])
def test_match_owner(name, email, expected):
    assert match_owner(name, email, PEOPLE) == expected
    assert PeopleIndex(PEOPLE).match(name, email) == expected


@pytest.mark.parametrize("by_email, expected", [
    (SlackPerson("U_NEW", "Someone Else", "", "new.kam@acme.example"), OwnerMatch("U_NEW", "email", ("U_NEW",))),
    (SlackPerson("U_NEW", "Someone Else", "", None), OwnerMatch("U_NEW", "email", ("U_NEW",))),
    (SlackPerson("B_X", "X", "", "new.kam@acme.example", is_bot=True), OwnerMatch("U_JANE", "name", ("U_JANE",))),
    (SlackPerson("U_OTHER", "X", "", "other@acme.example"), OwnerMatch("U_JANE", "name", ("U_JANE",))),
    (None, OwnerMatch("U_JANE", "name", ("U_JANE",))),
])
def test_a_lookup_by_email_answer_wins_over_the_name(by_email, expected):
    assert match_owner("Jane Doe", "new.kam@acme.example", PEOPLE, by_email=by_email) == expected


@pytest.mark.parametrize("name, email, key", [
    ("José  Núñez", None, "josenunez"),
    ("JOSE-NUNEZ", None, "josenunez"),
    ("Jane Doe", "Jane@ACME.example ", "jane@acme.example"),
    (None, None, ""),
])
def test_owner_keys(name, email, key):
    assert owner_key(name, email) == key
    if not email:
        assert name_key(name) == key


def test_ambiguity_properties():
    ambiguous = match_owner("Sam Carter", None, PEOPLE)
    assert ambiguous.ambiguous and not ambiguous.matched
    assert not match_owner("Nobody", None, PEOPLE).ambiguous


def test_an_index_is_built_once_and_answers_by_key():
    """The speed itself is benchmarks/bench_owner_linking.py's; here: one index, dict look-ups."""
    people = [SlackPerson(f"U{n:05d}", f"Person {n:05d}", f"p{n}", f"p{n}@acme.example") for n in range(5000)]
    index = PeopleIndex(people)
    assert index.size == 5000 and len(index.by_email) == 5000 and index.by_name["person00042"] == ["U00042"]
    matches = [index.match(f"person {n % 5000:05d}", None) for n in range(20_000)]
    assert all(m.matched for m in matches) and matches[5042].user_id == "U00042"
