"""Shared by the security tests (imported by name: a conftest.py here would shadow the
`from conftest import ...` of tests/scheduling when both are collected in one run).

Two workspaces installed over OAuth, with the same portfolio (same account names, same people,
same Slack user ids), one app server per module.

Alpha's and Beta's free text carries a marker (AlphaSecret / BetaSecret), so a reply that shows
the other workspace's data is caught by the marker; every row of the guarded workspace is
snapshotted, so a write that lands there is caught by the snapshot.
"""
from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass, field
from datetime import datetime, timezone

import pytest
from slack_sdk.oauth.installation_store import Installation
from sqlalchemy import inspect as sa_inspect, select as sa_select, text, update
from sqlmodel import Session, SQLModel, select

from bot.app import create_app
from bot.http import create_web_app
from kam_domain.demo import seed_demo
from kam_domain.models import (Account, Action, Interaction, Note, Objective, PlanSection, Stakeholder,
                               TierChange)
from kam_domain.services import tier_changes
from kam_domain.services.authz import Actor
from kam_domain.store.engine import make_engine
from kam_domain.store.uow import UnitOfWork
from support.app_server import ServerThread, SlackScenario, free_port, shut_down_lazy
from support.constants import NOW, TODAY
from support.fake_slack import FakeSlack, _Answer, _token_of
from support.scenario_helpers import build_container

ALPHA, BETA = "T_ALPHA", "T_BETA"
TOKENS = {ALPHA: "xoxb-alpha-installed", BETA: "xoxb-beta-installed"}
MARK = {ALPHA: "AlphaSecret", BETA: "BetaSecret"}
OTHER = {ALPHA: BETA, BETA: ALPHA}
ADMIN = "U0SECADMIN"
SLACK_TABLES = ("slack_bots", "slack_installations", "slack_oauth_states")
_POSTGRES = os.environ.get("KAM_TEST_POSTGRES_URL", "postgres").strip().lower() not in {"off", "none", "0", ""}
DATABASES = ["sqlite"] + ([pytest.param("postgres", marks=pytest.mark.postgres)] if _POSTGRES else [])


class TwoTeamSlack(FakeSlack):
    """The fake Slack, answering users.info and auth.test for the workspace of the calling token."""

    def _answer(self, method, args, request) -> _Answer:
        answer = super()._answer(method, args, request)
        team = {v: k for k, v in TOKENS.items()}.get(_token_of(request.headers, args) or "")
        if team and method == "users.info" and isinstance(answer.body, dict) and "user" in answer.body:
            with self._lock:
                custom = self._users.get(args.get("user", ""), {})
            if "team_id" not in custom:
                answer.body["user"]["team_id"] = team
        return answer


# ---------------------------------------------------------------------------- the database, per module


@pytest.fixture(scope="module", params=DATABASES)
def module_engine(request, tmp_path_factory, sqlite_template):
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("security-db") / "kam.sqlite3"
        shutil.copy(sqlite_template, path)
        engine = make_engine(f"sqlite:///{path}")
    else:
        engine = make_engine(request.getfixturevalue("postgres_url"))
        _clean_postgres(engine)
    yield engine
    if request.param != "sqlite":
        _clean_postgres(engine)
    engine.dispose()


def _clean_postgres(engine) -> None:
    tables = ", ".join(f'"{t.name}"' for t in SQLModel.metadata.sorted_tables)
    with engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    existing = set(sa_inspect(engine).get_table_names())
    with engine.begin() as connection:
        for table in SLACK_TABLES:
            if table in existing:
                connection.execute(text(f'TRUNCATE "{table}"'))


# ---------------------------------------------------------------------------- the world


@dataclass
class World:
    engine: object
    scenario: SlackScenario
    fake: TwoTeamSlack
    # per workspace: names and ids the cases need (the same names in both workspaces)
    names: dict[str, str] = field(default_factory=dict)
    users: dict[str, str] = field(default_factory=dict)
    ids: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def container(self):
        return self.scenario.container


def seed_world(engine) -> tuple[dict, dict, dict]:
    """The demo portfolio in both workspaces, each workspace's free text marked, two pending nominations."""
    with Session(engine) as session:
        for team in (ALPHA, BETA):
            seed_demo(session, team, TODAY, reset=True)
        session.commit()
        for team in (ALPHA, BETA):
            mark = MARK[team]
            for model, column in ((Stakeholder, "title"), (Note, "body"), (PlanSection, "body"),
                                  (Objective, "title"), (Action, "title"), (Interaction, "summary"),
                                  (Account, "industry")):
                col = getattr(model, column)
                session.exec(update(model).where(model.team_id == team, col.is_not(None))
                             .values({column: col + f" {mark}"}))
        session.commit()
        borealis = session.exec(select(Account).where(Account.team_id == ALPHA,
                                                      Account.name == "Borealis Logistics GmbH")).one()
        person = session.exec(select(Stakeholder).where(Stakeholder.account_id == borealis.id)
                              .order_by(Stakeholder.id)).first()
        pending = {c.account_id for c in session.exec(select(TierChange).where(TierChange.status == "pending"))}
        key = [a for a in session.exec(select(Account).where(Account.team_id == ALPHA, Account.tier == "key",
                                                             Account.owner_user_id.is_not(None))
                                       .order_by(Account.id)).all()
               if a.id not in pending and a.name != borealis.name and a.sponsor_user_id]
        others = [a for a in session.exec(select(Account).where(Account.team_id == ALPHA, Account.tier != "key",
                                                                Account.owner_user_id.is_not(None))
                                          .order_by(Account.id)).all()
                  if a.id not in pending]
        names = {"borealis": borealis.name, "person": person.name, "demote": key[0].name,
                 "nominate": others[0].name, "approve": others[1].name, "reject": others[2].name,
                 "four_eyes": others[3].name}
        users = {"kam": borealis.owner_user_id, "sponsor": borealis.sponsor_user_id,
                 "demote_kam": key[0].owner_user_id, "nominate_kam": others[0].owner_user_id,
                 "approve_kam": others[1].owner_user_id, "reject_kam": others[2].owner_user_id}
        criterion = session.exec(text("SELECT key FROM criterion WHERE team_id = :t ORDER BY position LIMIT 1"),
                                 params={"t": ALPHA}).scalar_one()
        names["criterion"] = criterion
    ids: dict[str, dict[str, int]] = {}
    for team in (ALPHA, BETA):
        for which in ("approve", "reject"):  # requests waiting for a decision, in each workspace
            tier_changes.nominate(UnitOfWork(engine), Actor(team, users[f"{which}_kam"]), names[which].split(),
                                  NOW, [ADMIN])
        with Session(engine) as session:
            account_id = lambda name: session.exec(select(Account.id).where(  # noqa: E731
                Account.team_id == team, Account.name == name)).one()
            borealis_id = account_id(names["borealis"])
            ids[team] = {
                "borealis": borealis_id,
                "person": session.exec(select(Stakeholder.id).where(Stakeholder.account_id == borealis_id,
                                                                    Stakeholder.name == names["person"])).one(),
                "note": session.exec(select(Note.id).where(Note.account_id == borealis_id)
                                     .order_by(Note.id)).first(),
                "objective": session.exec(select(Objective.id).where(Objective.account_id == borealis_id)
                                          .order_by(Objective.id)).first(),
                "action": session.exec(select(Action.id).where(Action.team_id == team, Action.status == "open")
                                       .order_by(Action.id)).first(),
                "interaction": session.exec(select(Interaction.id).where(Interaction.team_id == team)
                                            .order_by(Interaction.id)).first(),
                "request": session.exec(select(TierChange.id).where(
                    TierChange.team_id == team, TierChange.status == "pending",
                    TierChange.account_id == account_id(names["reject"]))).one(),
            }
    return names, users, ids


def index_borealis_notes(engine, index) -> None:
    from kam_domain.index.chroma_index import NoteRecord

    with Session(engine) as session:
        notes = session.exec(select(Note).join(Account, Account.id == Note.account_id)
                             .where(Account.name == "Borealis Logistics GmbH")).all()
        index.upsert_notes([NoteRecord(n.id, n.team_id, n.account_id, n.written_on, n.author, n.body)
                            for n in notes])
        # The other demo notes count as indexed, so a background indexing pass (after `/kam log`)
        # embeds only what the tests write, not the whole demo portfolio.
        session.exec(update(Note).values(indexed_at=datetime(2026, 11, 1, tzinfo=timezone.utc)))
        session.commit()


@pytest.fixture(scope="module")
def world(module_engine, tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("security")
    with TwoTeamSlack(team_id=ALPHA) as fake:
        container = build_container(module_engine, fake, tmp_path, SLACK_BOT_TOKEN="", SLACK_CLIENT_ID="111.222",
                                    SLACK_CLIENT_SECRET="oauth-secret", admins=ADMIN)
        store = container.installation_store
        for team in (ALPHA, BETA):
            store.save(Installation(app_id="A_KAM", enterprise_id=None, team_id=team, bot_token=TOKENS[team],
                                    bot_id=f"B_{team}", bot_user_id=f"U_BOT_{team}", bot_scopes=["chat:write"],
                                    user_id="U_INSTALLER", installed_at=datetime(2026, 11, 1, tzinfo=timezone.utc)
                                    .timestamp()))
            fake.set_token(TOKENS[team], team, user_id=f"U_BOT_{team}", bot_id=f"B_{team}")
        names, users, ids = seed_world(module_engine)
        index_borealis_notes(module_engine, container.notes_index)
        app = create_app(container)
        port = free_port()
        server = ServerThread(create_web_app(app, container), port)
        server.start()
        scenario = SlackScenario(url=f"http://127.0.0.1:{port}/slack/events", fake=fake, container=container,
                                 app=app)
        yield World(module_engine, scenario, fake, names, users, ids)
        server.stop()
        shut_down_lazy(app)
        container.close()


# ---------------------------------------------------------------------------- what a workspace holds


VOLATILE = {"indexed_at"}  # the indexing pass marks notes as indexed in the background: not a change of data


def team_tables():
    return [t for t in SQLModel.metadata.sorted_tables if "team_id" in t.c]


def snapshot(engine, team_id: str) -> dict[str, list[tuple]]:
    """Every row of one workspace, table by table, in a stable order."""
    found = {}
    with engine.connect() as connection:
        for table in team_tables():
            order = list(table.primary_key.columns) or list(table.c)
            columns = [c for c in table.c if c.name not in VOLATILE]
            rows = connection.execute(sa_select(*columns).where(table.c.team_id == team_id).order_by(*order)).all()
            found[table.name] = [tuple(json.dumps(v, default=str, sort_keys=True) for v in row) for row in rows]
    return found


def changed_tables(before: dict, after: dict) -> list[str]:
    return sorted(name for name in before if before[name] != after.get(name))
