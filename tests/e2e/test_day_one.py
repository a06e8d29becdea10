"""Day one on a real team's CRM export, as a new team meets it.

A Salesforce export that is not our demo (tests/fixtures/crm/realistic: 60 accounts, 180 contacts,
320 notes, 8 quarters of financials; its README says how it mirrors the CRM and which owner should
link to whom) is imported with `kam import` x4 and only the Slack settings set; then `kam serve`
answers signed Slack requests. Owners link by name, by email, accent-insensitively; one matches no
one and one matches two people. No one scores anything by hand.
"""
from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

import pytest

from support import signing
from support.app_server import free_port
from support.fake_slack import FakeSlack
from test_cli_processes import KAM, _env, _kam, _wait_healthy

REALISTIC = Path(__file__).resolve().parent.parent / "fixtures" / "crm" / "realistic"
TEAM = "T0HELIX"
SECRET = "day-one-secret"
ADMIN = "U0990ZTV21D"  # Sofia Rossi, sales operations
SARAH = "U0GURP43ZDW"  # Sarah Whitfield: Salesforce owner of Meridian Freight Lines (key)
DANIEL = "U0M54UL93B1"  # Daniel Brooks
JOSE = "U031LGD4ASH"  # José Núñez in Slack, "Jose Nunez" with another email in Salesforce
TOMIWA = "U0SEBWNP9SV"  # Tomiwa Okafor in Slack, "Tom Okafor" in Salesforce: same email
REBECCA = "U0YA2PL7UEZ"  # VP Sales, the executive sponsor to be
KENJI = "U0ZAK2VUHFY"  # solutions engineer
BEN = "U0JM3KBLRQ5"  # a sales development rep on no account team

pytestmark = pytest.mark.slow


def _load_directory(fake: FakeSlack) -> None:
    for member in json.loads((REALISTIC / "slack_users.json").read_text())["members"]:
        profile = member.get("profile", {})
        fake.add_user(member["id"], real_name=profile.get("real_name") or member.get("real_name"),
                      display_name=profile.get("display_name"), email=profile.get("email"),
                      deleted=bool(member.get("deleted")), is_bot=bool(member.get("is_bot")),
                      is_restricted=bool(member.get("is_restricted")))


class Helix:
    """The imported workspace served by `kam serve`, spoken to as Slack does."""

    def __init__(self, fake: FakeSlack, url: str, env: dict):
        self.fake, self.url, self.env = fake, url, env

    def command(self, user: str, text: str, until: str | None = None, timeout: float = 60) -> str:
        """Run `/kam TEXT` as `user`; the text of the replies it produced (waits for `until` if given)."""
        before = len(self.fake.calls("response_url"))
        body, content_type = signing.slash_command_body(text, team_id=TEAM, user_id=user, channel_id="C0SALES",
                                                        response_url=self.fake.response_url(f"r{before}"))
        status, _, ack = signing.post_signed(self.url, body, content_type, SECRET)
        assert status == 200, ack
        deadline = time.monotonic() + timeout
        while True:
            replies = [json.dumps(c.args) for c in self.fake.calls("response_url")[before:]]
            said = ack + "\n".join(replies)
            if replies and (until is None or until in said):
                return said
            assert time.monotonic() < deadline, f"no reply{' with ' + until if until else ''} to {text!r}: {said}"
            time.sleep(0.1)

    def home_of(self, user: str) -> str:
        before = len(self.fake.calls("views.publish"))
        event = {"type": "app_home_opened", "user": user, "channel": "D" + user, "tab": "home",
                 "event_ts": signing.new_ts()}
        body, content_type = signing.event_body(event, team_id=TEAM)
        assert signing.post_signed(self.url, body, content_type, SECRET)[0] == 200
        published = self.fake.wait_for("views.publish", count=before + 1, timeout=30)
        return json.dumps([c.args for c in published[before:] if c.args.get("user_id") == user])


@pytest.fixture(scope="module")
def helix(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("day-one")
    with FakeSlack(team_id=TEAM, team_name="Helix Logistics Software", channels=("C0SALES",)) as fake:
        _load_directory(fake)
        env = _env(tmp, SLACK_BOT_TOKEN="xoxb-helix", SLACK_SIGNING_SECRET=SECRET, SLACK_API_URL=fake.base_url,
                   KAM_ADMINS=ADMIN)
        imports = {kind: _kam(["import", kind, str(REALISTIC / f"sf_{kind}.csv")], env, timeout=240)
                   for kind in ("accounts", "contacts", "notes", "financials")}
        for kind, done in imports.items():
            assert done.returncode == 0, f"kam import {kind}: {done.stdout}\n{done.stderr}"
        port = free_port()
        server = subprocess.Popen([KAM, "serve", "--port", str(port), "--host", "127.0.0.1"], env=env,
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        try:
            _wait_healthy(port, server, timeout=90)
            world = Helix(fake, f"http://127.0.0.1:{port}/slack/events", env)
            world.imports = imports
            yield world
        finally:
            server.terminate()
            server.communicate(timeout=20)


def test_the_imports_land_in_the_tokens_workspace_and_link_the_owners(helix):
    accounts = helix.imports["accounts"]
    assert f"Workspace {TEAM} (the bot token's workspace)." in accounts.stderr
    summary = accounts.stdout
    assert "Greg Halvorsen" in summary  # left the company: matches no one, and says how to fix it
    assert "Alex Kim" in summary and "U0YVXJ0Z988" in summary and "U0E507QL3WP" in summary  # two people
    assert "kam import users" in summary
    assert "8 accounts became key" in summary
    assert "Indexed 320 notes" in helix.imports["notes"].stdout
    users_list_pages = len(helix.fake.calls("users.list"))
    assert 1 <= users_list_pages <= 2  # 39 people: one page of 200, asked once for 60 rows, not per row


def test_each_owner_sees_their_accounts_on_app_home(helix):
    assert "Meridian Freight Lines" in helix.home_of(SARAH)
    assert "Nordwind Spedition GmbH" in helix.home_of(JOSE)  # "Jose Nunez" in Salesforce
    assert "Calloway Building Supply" in helix.home_of(TOMIWA)  # "Tom Okafor": linked by email
    assert "Meridian Freight Lines" not in helix.home_of(BEN)


def test_an_owner_logs_a_meeting_and_an_outsider_is_refused(helix):
    # "meridian" alone is two accounts here (a prospect "Meridian Freight Lines Canada Ltd."): asked which
    assert "Which account do you mean" in helix.command(SARAH, "account meridian")
    logged = helix.command(SARAH, "log Meridian Freight Lines met their VP Operations today, positive about "
                                  "the renewal")
    assert "Meeting logged for Meridian Freight Lines" in logged
    refused = helix.command(BEN, "log Meridian Freight Lines met their CFO today, all good")
    assert "Only the account team, its executive sponsor or an admin can change this account" in refused


def test_an_owner_nominates_an_account_of_theirs(helix):
    said = helix.command(DANIEL, "nominate keystone beverage growing fast, new distribution centres in 2027")
    assert "Only the account team" not in said
    assert "Nomination of Keystone Beverage Co. sent for approval" in said


def test_the_kam_sets_a_sponsor_and_a_member_and_the_card_shows_them(helix):
    changed = helix.command(SARAH, f"team Meridian Freight Lines sponsor=<@{REBECCA}|rebecca> add=<@{KENJI}|kenji>:specialist")
    assert REBECCA in changed and KENJI in changed and "Nothing was changed" not in changed
    card = helix.command(SARAH, "account Meridian Freight Lines")
    assert REBECCA in card
    assert "Meridian Freight Lines" in helix.home_of(KENJI)
    assert "Only" in helix.command(BEN, f"team Meridian Freight Lines add=<@{BEN}|ben>")


def test_the_portfolio_places_accounts_in_three_quadrants_with_no_manual_scoring(helix):
    said = helix.command(ADMIN, "portfolio", until="Placed from data only")
    quadrants = [name for name in ("Strategic", "Star", "Status", "Streamline") if f"{name}" in said]
    assert len(quadrants) >= 3, said[:3000]
    from bot.bootstrap import Container
    from bot.settings import load_settings
    from kam_domain.services.authz import Actor
    from kam_domain.services.portfolio import portfolio_overview

    container = Container(load_settings(KAM_DATA_DIR=helix.env["KAM_DATA_DIR"]))
    try:
        report = portfolio_overview(container.uow(), Actor(TEAM, ADMIN, is_admin=True))
    finally:
        container.close()
    placed = {q.quadrant for q in report.quadrants if q.count}
    assert len(placed) >= 3, report.quadrants


def test_the_swot_reads_the_index(helix):
    said = helix.command(SARAH, "swot Meridian Freight Lines", until="note #", timeout=120)
    assert "Meridian Freight Lines" in said
    assert "not indexed" not in said and "from the database" not in said
