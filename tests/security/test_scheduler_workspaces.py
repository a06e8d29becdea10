"""The clock in multi-workspace (OAuth) mode: each workspace's messages go out with its own token."""
from __future__ import annotations

from datetime import datetime, timezone

from slack_sdk.oauth.installation_store import Installation
from sqlmodel import Session, select

from bot.scheduler import run_due
from kam_domain.models import Delivery
from kam_domain.services import tier_changes
from kam_domain.services.authz import Actor
from kam_domain.store.uow import UnitOfWork
from security_world import ALPHA, BETA, TOKENS, TwoTeamSlack
from support.builders import add_account
from support.constants import NOW
from support.scenario_helpers import build_container


def test_run_due_sends_each_workspaces_messages_with_that_workspaces_token(engine, tmp_path):
    with TwoTeamSlack(team_id=ALPHA) as fake:
        container = build_container(engine, fake, tmp_path, SLACK_BOT_TOKEN="", SLACK_CLIENT_ID="111.222",
                                    SLACK_CLIENT_SECRET="oauth-secret", admins="U_ADMIN")
        container.__dict__.pop("slack_client")  # as in production: no single bot token in OAuth mode
        store = container.installation_store
        for team in (ALPHA, BETA):
            store.save(Installation(app_id="A_KAM", enterprise_id=None, team_id=team, bot_token=TOKENS[team],
                                    bot_id=f"B_{team}", bot_user_id=f"U_BOT_{team}", user_id="U_INSTALLER",
                                    installed_at=datetime(2026, 11, 1, tzinfo=timezone.utc).timestamp()))
            fake.set_token(TOKENS[team], team)
        with Session(engine) as session:
            for team in (ALPHA, BETA):  # same account, same KAM, same sponsor id in both workspaces
                add_account(session, team, "Borealis Logistics GmbH", owner_user_id="U_KAM",
                            sponsor_user_id="U_SPONSOR")
            add_account(session, "T_UNINSTALLED", "Borealis Logistics GmbH", owner_user_id="U_KAM",
                        sponsor_user_id="U_SPONSOR")
            session.commit()
        for team in (ALPHA, BETA, "T_UNINSTALLED"):  # an approval request DM waits in each outbox
            tier_changes.nominate(UnitOfWork(engine), Actor(team, "U_KAM"), ["Borealis"], NOW, ["U_ADMIN"])

        report = run_due(container, NOW)

        assert sorted(report.teams) == [ALPHA, BETA]  # installed workspaces only
        posts = fake.calls("chat.postMessage")
        assert sorted(c.token for c in posts) == sorted(TOKENS.values())
        with Session(engine) as session:
            rows = session.exec(select(Delivery).order_by(Delivery.team_id)).all()
        status = {d.team_id: d.status for d in rows}
        assert status == {ALPHA: "sent", BETA: "sent", "T_UNINSTALLED": "pending"}
        ts_by_team = {d.team_id: d.slack_ts for d in rows if d.status == "sent"}
        for post in posts:
            team = {v: k for k, v in TOKENS.items()}[post.token]
            assert post.response["ts"] == ts_by_team[team]  # the row of that workspace, sent with its token
        # every lookup made for a workspace (users.info, conversations) used that workspace's token too
        assert {c.token for c in fake.calls() if c.method != "auth.test"} <= set(TOKENS.values())
        again = run_due(container, NOW)  # exactly once: nothing more
        assert again.send is not None and again.send.sent == []
