"""Multi-workspace install: Slack OAuth with slack_sdk's SQLAlchemy stores on our database.

Active when SLACK_CLIENT_ID and SLACK_CLIENT_SECRET are set; otherwise the single-workspace
token (SLACK_BOT_TOKEN) is used. On uninstall or token revocation the installation rows go;
the workspace's KAM data is kept (marked uninstalled) or erased, as KAM_ON_UNINSTALL says.
"""
from __future__ import annotations

import logging
from pathlib import Path

import yaml
from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore

from bot.bootstrap import Container

log = logging.getLogger(__name__)
MANIFEST = Path(__file__).resolve().parent.parent / "manifest.yaml"
# an installed wheel has no manifest.yaml: these must equal the manifest's (tests/scenario/test_manifest.py)
FALLBACK_SCOPES = ["app_mentions:read", "assistant:write", "canvases:read", "canvases:write", "channels:history",
                   "channels:read", "chat:write", "commands", "files:write", "groups:history", "groups:read",
                   "im:history", "im:read", "im:write", "mpim:history", "users:read", "users:read.email"]


def bot_scopes() -> list[str]:
    """The scopes the committed manifest asks for (one source of truth)."""
    if MANIFEST.is_file():
        return list(yaml.safe_load(MANIFEST.read_text())["oauth_config"]["scopes"]["bot"])
    return FALLBACK_SCOPES


def installed_teams(container: Container) -> list[str]:
    """The workspaces that have the app installed with a bot token (OAuth mode), in a stable order."""
    from sqlalchemy import select

    store = container.installation_store
    if store is None:
        return []
    bots = store.bots.c
    query = (select(bots.team_id).where(bots.client_id == store.client_id, bots.enterprise_id.is_(None),
                                        bots.team_id.is_not(None), bots.bot_token.is_not(None))
             .distinct().order_by(bots.team_id))
    with container.engine.connect() as connection:
        return [row[0] for row in connection.execute(query)]


def oauth_settings(container: Container, store: SQLAlchemyInstallationStore) -> OAuthSettings:
    state_store = SQLAlchemyOAuthStateStore(expiration_seconds=600, engine=container.engine)
    state_store.metadata.create_all(container.engine)
    return OAuthSettings(
        client_id=container.settings.slack_client_id,
        client_secret=container.settings.slack_client_secret,
        scopes=bot_scopes(),
        installation_store=store,
        installation_store_bot_only=True,
        state_store=state_store,
        install_path="/slack/install",
        redirect_uri_path="/slack/oauth_redirect",
    )


def forget_workspace(container: Container, team_id: str) -> None:
    """After an uninstall: keep the KAM data (marked uninstalled) or erase it, as configured."""
    from kam_domain.models import Workspace
    from kam_domain.services.workspaces import erase_workspace_data

    with container.uow() as uow:
        workspace = uow.session.get(Workspace, team_id)
        if workspace is None:
            return
        if container.settings.on_uninstall == "erase":
            erase_workspace_data(uow.session, team_id)
        workspace.installed = False
        uow.session.add(workspace)
        uow.commit()
    log.info("workspace %s uninstalled; data %s", team_id,
             "erased" if container.settings.on_uninstall == "erase" else "kept")
