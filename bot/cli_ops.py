"""`kam export` and `kam doctor`: attached to the `kam` Typer app by `register(cli)`.

The plain functions (`export_command`, `doctor_command`) do the work for a container and a
workspace, so tests and other surfaces call them without Typer. The workspace of a CLI command
comes from bot.cli_support's `_workspace` (the token's workspace, `--team` under OAuth, else KAM_TEAM_ID).
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Callable, Optional

import typer

log = logging.getLogger(__name__)

TEAM_HELP = "The workspace (T…): needed with several workspaces (OAuth); else the token's or KAM_TEAM_ID."


def export_command(container, team_id: str, kind: str, file) -> tuple[int, str]:
    """(exit code, what to print): 0 and the summary, or 1 and what to fix."""
    from kam_domain.errors import UserError
    from kam_domain.services.export import export_csv

    try:
        report = export_csv(container.uow(), team_id, kind, file, today=container.clock.today())
    except UserError as exc:
        return 1, exc.message
    return 0, f"{report.summary()} Workspace {team_id}."


def doctor_command(container, team_id: str, slack_check: bool = True) -> str:
    """The doctor's report as text; Slack channels are checked when this workspace has a bot token."""
    from bot.render.doctor import doctor_text
    from kam_domain.services.doctor import setup_checks

    port = slack_port(container, team_id) if slack_check else None
    return doctor_text(setup_checks(container.uow(), team_id, slack=port, today=container.clock.today()))


def slack_port(container, team_id: str):
    """The doctor's way to ask Slack about channels, or None when there is no Slack for this workspace."""
    settings = container.settings
    if not (settings.slack_bot_token or settings.oauth_enabled):
        return None
    from bot.slack_checks import channel_membership

    try:
        client = container.slack_client_for(team_id)
    except LookupError as exc:  # OAuth: not installed in that workspace
        log.warning("kam doctor: no Slack client for %s (%s)", team_id, exc)
        return None
    return channel_membership(client)


def resolve_team(container, team: str | None) -> str:
    """The workspace as every CLI command finds it: the token's, --team under OAuth, else KAM_TEAM_ID."""
    from bot.cli_support import _workspace

    return _workspace(container, team)


def _default_container():
    from bot.cli_support import _container

    return _container()


def register(cli: typer.Typer, container_factory: Callable | None = None) -> None:
    """Add `kam export` and `kam doctor` to the Typer app. `container_factory()` builds a migrated
    container (default: bot.cli_support's)."""
    make_container = container_factory or _default_container

    @cli.command("export")
    def export(
        kind: str = typer.Argument(..., help="accounts, stakeholders or actions"),
        file: Path = typer.Argument(..., help="The CSV file to write (UTF-8, header row; replaced if it exists)"),
        team: Optional[str] = typer.Option(None, "--team", help=TEAM_HELP),
    ) -> None:
        """What a sales-ops person takes back to a spreadsheet: accounts, stakeholders or actions as CSV."""
        container = make_container()
        code, message = export_command(container, resolve_team(container, team), kind, file)
        typer.echo(message, err=code != 0)
        raise typer.Exit(code)

    @cli.command("doctor")
    def doctor(team: Optional[str] = typer.Option(None, "--team", help=TEAM_HELP)) -> None:
        """Set-up left to do (owners not linked, sponsors, channels, criteria, scores, index), each with its fix."""
        container = make_container()
        typer.echo(doctor_command(container, resolve_team(container, team)))  # a report: exit 0 always
