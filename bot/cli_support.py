"""What every `kam` command shares: settings read once, the container, and the one workspace a command
acts on (bot/cli.py and bot/cli_ops.py both use these)."""
from __future__ import annotations

import typer

from bot.settings import Settings, SettingsError, load_settings


def _settings() -> Settings:
    try:
        return load_settings()
    except SettingsError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2)


def _container(settings: Settings | None = None, migrate: bool = True):
    from bot.bootstrap import Container

    container = Container(settings or _settings())
    if migrate:
        container.migrate()
    return container


TEAM_OPTION_HELP = "The workspace (Slack team id, T…) to act on; needed when the app serves several workspaces (OAuth)."


def _workspace(container, team: str | None = None, quiet: bool = False) -> str:
    """The one workspace this command acts on, exactly as Slack requests would, bound into the container.

    With a bot token: the token's workspace (auth.test). With OAuth (several workspaces): `--team`, never a
    guess. With no Slack at all: `--team` or KAM_TEAM_ID. Says which on stderr."""
    team_id, why = _resolve_workspace(container, (team or "").strip() or None)
    container.settings = container.settings.model_copy(update={"team_id": team_id})
    if not quiet:
        typer.echo(f"Workspace {team_id} ({why}).", err=True)
    return team_id


def _resolve_workspace(container, team: str | None) -> tuple[str, str]:
    settings = container.settings
    if settings.oauth_enabled:
        from bot.oauth import installed_teams

        teams = installed_teams(container)
        listed = ", ".join(teams) if teams else "none is installed yet (install from /slack/install)"
        if team is None:
            _fail(f"This app serves several workspaces (SLACK_CLIENT_ID is set): say which with --team T…; "
                  f"installed: {listed}.")
        if team not in teams:
            _fail(f"The app is not installed in workspace {team}; installed: {listed}.")
        return team, "--team"
    if settings.slack_bot_token:
        found = _token_workspace(container)
        if team is not None and team != found:
            _fail(f"--team {team} is not the workspace of SLACK_BOT_TOKEN ({found}); drop --team or use that "
                  "workspace's token.")
        return found, "the bot token's workspace"
    if team is not None:
        return team, "--team, no Slack token set"
    return settings.team_id, "KAM_TEAM_ID, no Slack token set"


def _token_workspace(container) -> str:
    from slack_sdk.errors import SlackApiError

    try:
        return container.slack_client.auth_test()["team_id"]
    except SlackApiError as exc:
        reason = exc.response.get("error", "an error")
    except (OSError, KeyError) as exc:
        reason = exc.__class__.__name__
    _fail(f"Slack did not say which workspace SLACK_BOT_TOKEN belongs to (auth.test: {reason}): check the token "
          "and SLACK_API_URL, or unset SLACK_BOT_TOKEN to work offline on KAM_TEAM_ID.")


def _fail(message: str, code: int = 2):
    typer.echo(message, err=True)
    raise typer.Exit(code)
