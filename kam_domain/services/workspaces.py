"""Workspaces (Slack teams): every root record belongs to one."""
from __future__ import annotations

from sqlalchemy import Table, delete, select, update
from sqlmodel import Session, SQLModel

from kam_domain.models import Workspace


def ensure_workspace(session: Session, team_id: str, name: str = "", key_account_cap: int | None = None) -> Workspace:
    workspace = session.get(Workspace, team_id)
    if workspace is None:
        workspace = Workspace(team_id=team_id, name=name or team_id)
        if key_account_cap:
            workspace.key_account_cap = key_account_cap
        session.add(workspace)
        session.flush()
    return workspace


def erase_workspace_data(session: Session, team_id: str) -> int:
    """Delete every row of one workspace in every table (the Workspace row itself stays), children
    before parents. The tables come from the models' metadata, so a table added later is erased too:
    a table with a `team_id` by that column, one without (a link table) through its foreign keys."""
    deleted = 0
    tables = [t for t in SQLModel.metadata.sorted_tables if t.name != Workspace.__tablename__]
    for table in tables:
        _unlink_self_references(session, table, team_id)
    for table in reversed(tables):
        deleted += session.execute(delete(table).where(_of_workspace(table, team_id)),
                                   execution_options={"synchronize_session": False}).rowcount or 0
    session.expire_all()
    return deleted


def _of_workspace(table: Table, team_id: str):
    if "team_id" in table.c:
        return table.c.team_id == team_id
    links = [fk for fk in table.foreign_keys if "team_id" in fk.column.table.c]
    if not links:
        raise ValueError(f"table {table.name} has no team_id and no link to a table that has one: "
                         "say how a workspace's rows are found before erasing")
    fk = links[0]
    parent = fk.column.table
    return fk.parent.in_(select(fk.column).where(parent.c.team_id == team_id))


def _unlink_self_references(session: Session, table: Table, team_id: str) -> None:
    """A row that points at a row of its own table (a stakeholder's reports-to) is unlinked first."""
    for fk in table.foreign_keys:
        if fk.column.table is table and "team_id" in table.c:
            session.execute(update(table).where(table.c.team_id == team_id, fk.parent.is_not(None))
                            .values({fk.parent.name: None}), execution_options={"synchronize_session": False})
