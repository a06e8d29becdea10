"""How people, channels and roles are written for the account team (kam_domain/rules/team.py)."""
from __future__ import annotations

import pytest

from bot.commands import clean_slack_text
from kam_domain.rules import team


@pytest.mark.parametrize("text, expected", [
    ("<@U123ABC|ana>", "U123ABC"), ("<@U123ABC>", "U123ABC"), ("@U123ABC", "U123ABC"), ("U123ABC", "U123ABC"),
    (" W0ENTERPRISE ", "W0ENTERPRISE"),
])
def test_user_ids_in_every_form_slack_and_people_write_them(text, expected):
    assert team.user_id(text) == expected


@pytest.mark.parametrize("text", ["ana", "@ana", "@Anna Keller", "u123", "", "<@U1>", "C0123ABC", "ana@x.example"])
def test_anything_else_is_not_a_user_and_the_message_says_what_to_write(text):
    with pytest.raises(team.NotAUser, match="mention them"):
        team.user_id(text)
    with pytest.raises(team.NotAUser, match="use their Slack user id"):
        team.user_id(text, names_resolvable=False)


@pytest.mark.parametrize("text, expected", [
    ("<#C9ACME|acme>", "C9ACME"), ("<#C9ACME>", "C9ACME"), ("#C9ACME", "C9ACME"), ("C9ACME", "C9ACME"),
    ("G0PRIVATE", "G0PRIVATE"),
])
def test_channel_ids(text, expected):
    assert team.channel_id(text) == expected


@pytest.mark.parametrize("text, message", [("#general", "is not a channel"), ("D0DM123", "is not a channel"),
                                           ("@U123ABC", "is a person, not a channel"), ("", "is not a channel")])
def test_not_a_channel(text, message):
    with pytest.raises(ValueError, match=message):
        team.channel_id(text)


def test_slack_channel_markup_keeps_its_id_through_the_parser_cleaning():
    assert clean_slack_text("team acme channel=<#C9ACME|acme-account> owner=<@U1AB|ana>") == \
        "team acme channel=#C9ACME owner=@U1AB"


def test_members_split_with_roles_and_mentions():
    assert team.split_members("<@U1AB|ana b>:specialist,@U2CD, U3EF:member") == [
        team.MemberSpec("<@U1AB|ana b>", "specialist"), team.MemberSpec("@U2CD", None),
        team.MemberSpec("U3EF", "member")]
    assert team.split_users("@U1AB,@U2CD @U3EF") == ["@U1AB", "@U2CD", "@U3EF"]


@pytest.mark.parametrize("text, role", [(None, "member"), ("", "member"), ("Specialist", "specialist"),
                                        ("member", "member")])
def test_member_roles(text, role):
    assert team.member_role(text) == role


@pytest.mark.parametrize("text, message", [("kam", "owner="), ("sponsor", "sponsor="), ("boss", "not a team role")])
def test_the_kam_and_sponsor_are_not_added_as_members(text, message):
    with pytest.raises(ValueError, match=message):
        team.member_role(text)


@pytest.mark.parametrize("text, role", [("KAM", "kam"), ("Owner", "kam"), ("Account owner", "kam"),
                                        ("executive sponsor", "sponsor"), ("Specialist", "specialist"),
                                        ("Legal counsel", "member"), ("", "member")])
def test_import_roles_and_free_labels(text, role):
    assert team.import_role(text) == role
