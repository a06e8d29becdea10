"""Day one on a HubSpot export (tests/fixtures/crm/realistic/hs_*), over Slack: the four imports with the
workspace's people (owners by name, accent-insensitively; "Alex Kim" is two people; one company has no owner),
then each owner's App Home, a key account from HubSpot's "Key Account" property, and the portfolio placed
from data with no manual scoring. The Salesforce side runs end to end in tests/e2e/test_day_one.py."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.slack_directory import directory_for
from kam_domain.services.authz import Actor
from kam_domain.services.importing import import_file
from kam_domain.services.portfolio import portfolio_overview

REALISTIC = Path(__file__).resolve().parent.parent / "fixtures" / "crm" / "realistic"
MARCUS, CHLOE, TOMIWA = "U0E4JL7TA7B", "U0NRY0V9CM4", "U0SEBWNP9SV"
ALEX_KIMS = {"U0YVXJ0Z988", "U0E507QL3WP"}


@pytest.fixture
def hubspot(scenario):
    for member in json.loads((REALISTIC / "slack_users.json").read_text())["members"]:
        profile = member.get("profile", {})
        scenario.fake.add_user(member["id"], real_name=profile.get("real_name"),
                               display_name=profile.get("display_name"), email=profile.get("email"),
                               deleted=bool(member.get("deleted")), is_bot=bool(member.get("is_bot")),
                               is_restricted=bool(member.get("is_restricted")))
    container = scenario.container
    directory = directory_for(container, "T_ALPHA")
    reports = {kind: import_file(container.uow, "T_ALPHA", kind, REALISTIC / f"hs_{name}.csv", directory=directory,
                                 today=container.clock.today())
               for kind, name in (("accounts", "companies"), ("contacts", "contacts"), ("notes", "notes"),
                                  ("financials", "financials"))}
    scenario.reports = reports
    return scenario


def _home(scenario, user: str) -> str:
    before = len(scenario.fake.calls("views.publish"))
    scenario.event({"type": "app_home_opened", "user": user, "channel": "D" + user, "tab": "home"})
    calls = scenario.fake.wait_for("views.publish", count=before + 1, timeout=10)
    return json.dumps([c.args for c in calls[before:] if c.args.get("user_id") == user])


def test_hubspot_owners_link_by_name_and_the_ambiguous_one_is_listed(hubspot):
    report = hubspot.reports["accounts"]
    assert report.linked["Marcus Lindqvist"] == MARCUS
    assert report.linked["Chloe Dubois"] == CHLOE  # "Chloé Dubois" in Slack
    assert report.linked["Tomiwa Okafor"] == TOMIWA
    assert set(report.ambiguous["Alex Kim"]) == ALEX_KIMS
    summary = report.summary()
    assert "Alex Kim" in summary and "kam import users" in summary
    assert report.key_accounts_imported == 4  # HubSpot's "Key Account" = true


def test_each_hubspot_owner_sees_their_companies_and_only_theirs(hubspot):
    marcus = _home(hubspot, MARCUS)
    assert "Cobalt Courier Co." in marcus and "Swift Lane Removals" in marcus
    assert "Green Valley Organics" not in marcus
    assert "Green Valley Organics" in _home(hubspot, CHLOE)


def test_a_key_account_from_hubspot_is_key_and_its_kam_may_change_it(hubspot):
    hubspot.command("account Cobalt Courier", user_id=MARCUS)
    card = json.dumps(hubspot.replies(1)[0])
    assert "Cobalt Courier Co." in card and "Key account" in card
    hubspot.command(f"team Cobalt Courier sponsor=<@U0YA2PL7UEZ|rebecca>", user_id=MARCUS)
    changed = json.dumps(hubspot.replies(2)[-1])
    assert "U0YA2PL7UEZ" in changed and "Nothing was changed" not in changed
    hubspot.command("team Cobalt Courier owner=<@U0E4JL7TA7B|marcus>", user_id=CHLOE)  # not on that team
    assert "Only" in json.dumps(hubspot.replies(3)[-1])


def test_the_hubspot_portfolio_is_placed_from_data_with_no_manual_scoring(hubspot):
    report = portfolio_overview(hubspot.container.uow(), Actor("T_ALPHA", "U0ADMIN", is_admin=True),
                                today=hubspot.container.clock.today())
    placed = [q for q in report.quadrants if q.count]
    assert sum(q.count for q in placed) >= 12  # the 13 customers with financials, not the leads
    assert len(placed) >= 3, [(q.quadrant, q.count) for q in report.quadrants]
