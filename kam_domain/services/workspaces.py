"""Workspaces (Slack teams): every root record belongs to one."""
from __future__ import annotations

from sqlmodel import Session

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
