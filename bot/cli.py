"""The `kam` command."""
from __future__ import annotations

import contextlib
import logging
import os
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Optional

import typer

from bot.cli_ops import register as register_ops
from bot.cli_support import TEAM_OPTION_HELP, _container, _settings, _workspace
from bot.settings import SettingsError, require

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

cli = typer.Typer(help="KAM assistant: key account management in Slack and the terminal.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)
db_cli = typer.Typer(help="Database maintenance.", no_args_is_help=True)
cli.add_typer(db_cli, name="db")


def _logging(level: int = logging.WARNING) -> None:
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr)


@cli.command()
def start() -> None:
    """Start on the embedded default with the demo portfolio: Socket Mode with Slack tokens, else console chat."""
    settings = _settings()
    if settings.socket_mode_ready:
        _logging(logging.INFO)
        container = _container(settings)
        team_id = _workspace(container)
        _seed_demo_if_empty(container, team_id)
        _index_notes_in_background(container, team_id)
        _run_socket(container)
        return
    _logging()
    container = _container(settings)
    team_id = _workspace(container)
    _seed_demo_if_empty(container, team_id)
    _index_notes_in_background(container, team_id)
    from bot.console import chat as console_chat

    console_chat(container)


def _seed_demo_if_empty(container, team_id: str) -> None:
    from kam_domain.demo import seed_demo

    with container.uow() as uow:
        summary = seed_demo(uow.session, team_id, container.clock.today())
        uow.commit()
    if summary.seeded:
        typer.echo(f"{summary.message} (workspace {team_id})", err=True)


def _index_notes_in_background(container, team_id: str) -> None:
    """Index the notes not indexed yet (the demo's, an import's) while the chat or Socket Mode runs;
    until it is done, SWOTs read the notes from the database and say so."""
    from bot.indexing import start_background_indexing

    start_background_indexing(container, team_id)


@cli.command()
def demo(reset: bool = typer.Option(False, "--reset", help="Delete the workspace's data and seed again."),
         team: Optional[str] = typer.Option(None, "--team", help=TEAM_OPTION_HELP)) -> None:
    """Seed a realistic demo portfolio into the data dir (deterministic)."""
    from kam_domain.demo import seed_demo

    container = _container()
    team_id = _workspace(container, team)
    with container.uow() as uow:
        summary = seed_demo(uow.session, team_id, container.clock.today(), reset=reset)
        uow.commit()
    typer.echo(summary.message)


@cli.command()
def chat(team: Optional[str] = typer.Option(None, "--team", help=TEAM_OPTION_HELP)) -> None:
    """Console chat; reads lines from stdin when it is not a terminal and answers each."""
    _logging()
    from bot.console import chat as console_chat

    container = _container()
    _workspace(container, team)
    console_chat(container)


@cli.command()
def ask(question: str = typer.Argument(..., help="A question or a /kam line, e.g. \"account borealis\""),
        team: Optional[str] = typer.Option(None, "--team", help=TEAM_OPTION_HELP)) -> None:
    """One answer, printed."""
    _logging()
    from bot.console import answer_line
    from bot.indexing import stop_background_indexing

    container = _container()
    _workspace(container, team)
    typer.echo(answer_line(container, question))
    stop_background_indexing()  # a log just written started indexing: stop it cleanly; the clock does the rest


@cli.command("import")
def import_(
    kind: str = typer.Argument(..., help="accounts, contacts, notes, financials, users (CRM owner -> Slack user) "
                                         "or teams (account teams)"),
    file: Path = typer.Argument(..., exists=False, help="The CSV file (Salesforce, HubSpot or our headers)"),
    dry_run: bool = typer.Option(False, "--dry-run", help="Check and report; write nothing."),
    team: Optional[str] = typer.Option(None, "--team", help=TEAM_OPTION_HELP),
    index: bool = typer.Option(True, "--index/--no-index",
                               help="Index imported notes now (default), or leave them to the clock's next pass."),
) -> None:
    """CRM import: all-or-nothing, idempotent, row errors listed; owners linked to Slack users; notes indexed."""
    _logging()
    from kam_domain.errors import UserError
    from kam_domain.services.importing import import_file, normalize_kind

    container = _container()
    team_id = _workspace(container, team)
    try:
        kind = "teams" if kind.strip().lower() in {"teams", "team"} else normalize_kind(kind)
        directory = _people_directory(container, team_id) if kind in {"accounts", "users", "teams"} else None
        with _progress_bar(f"Importing {kind}") as advance:
            report = _importer(kind)(container.uow, team_id, kind, file, dry_run=dry_run, progress=advance,
                                     directory=directory)
    except UserError as exc:
        typer.echo(exc.message, err=True)
        raise typer.Exit(1)
    typer.echo(report.summary())
    if kind == "notes" and not dry_run and (report.created or report.updated):
        if index:
            _index_imported_notes(container, team_id)
        else:
            typer.echo("The notes are stored; the clock's next pass indexes them (or run `kam reindex`).")


def _importer(kind: str):
    if kind == "teams":
        from kam_domain.services.team_import import import_teams

        return lambda uow, team_id, _kind, path, progress=None, **options: import_teams(uow, team_id, path, **options)
    from kam_domain.services.importing import import_file

    return import_file


def _people_directory(container, team_id: str):
    """Slack's people of this workspace, to link CRM owners to; None with no Slack (nothing is linked)."""
    from bot.slack_directory import directory_for

    return directory_for(container, team_id)


@contextlib.contextmanager
def _progress_bar(label: str):
    """A progress bar on a terminal; yields `advance(done, total)`."""
    from rich.progress import Progress

    with Progress(transient=True, disable=not sys.stderr.isatty()) as progress:
        task = progress.add_task(label, total=None)
        yield lambda done, total: progress.update(task, completed=done, total=total)


def _index_imported_notes(container, team_id: str) -> None:
    """Make imported notes searchable now; whatever fails stays queued for the clock's next pass."""
    from bot.indexing import index_pending, pending_count

    total = pending_count(container, team_id)
    with _progress_bar(f"Indexing {total} notes") as advance:
        done = [0]

        def step(count: int) -> None:
            done[0] += count
            advance(done[0], total)

        report = index_pending(container, team_id, progress=step)
    typer.echo(str(report))
    if report.failed:
        typer.echo("The notes are stored; the clock's next pass (or `kam reindex`) indexes the rest.", err=True)


@cli.command()
def serve(port: int = typer.Option(3000, "--port"), host: str = typer.Option("0.0.0.0", "--host"),
          workers: int = typer.Option(1, "--workers", min=1, max=32,
                                      help="Worker processes on this port (each loads its own model).")) -> None:
    """HTTP mode: POST /slack/events, GET /healthz (and OAuth routes when configured)."""
    _logging(logging.INFO)
    settings = _settings()
    try:
        require(settings, "slack_signing_secret")
        if not settings.oauth_enabled:
            require(settings, "slack_bot_token")
    except SettingsError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2)
    if workers > 1 and not settings.chroma_host:
        typer.echo("Setting CHROMA_HOST is missing: --workers above 1 needs a Chroma server (the local index "
                   "allows one process).", err=True)
        raise typer.Exit(2)
    import uvicorn

    container = _container(settings, migrate=settings.is_embedded_database)
    if workers > 1:
        # Each worker is a separate process with its own GIL: acks no longer queue behind another
        # request's card rendering. The clock (embedded default only) stays in this parent process.
        _start_clock(container)
        uvicorn.run("bot.cli:web_worker", factory=True, host=host, port=port, workers=workers, log_level="info",
                    access_log=False)
        return
    uvicorn.run(_web_app(container), host=host, port=port, log_level="info", access_log=False)


def _web_app(container, clock: bool = True):
    from bot.app import create_app
    from bot.http import create_web_app

    # Shorter GIL slices keep acks (a few ms of work) from waiting behind slow card rendering.
    sys.setswitchinterval(0.001)
    web = create_web_app(create_app(container), container)
    if clock:
        _start_clock(container)
    return web


def web_worker():
    """`kam serve --workers N`: the app of one worker process (uvicorn calls this in each worker).

    Never starts a clock: on the embedded default the parent process runs it; scaled out,
    `kam scheduler` does."""
    _logging(logging.INFO)
    return _web_app(_container(_settings(), migrate=False), clock=False)


@cli.command()
def socket() -> None:
    """Socket Mode (no public URL needed)."""
    _logging(logging.INFO)
    settings = _settings()
    try:
        require(settings, "slack_bot_token", "slack_app_token")
    except SettingsError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2)
    container = _container(settings)
    _run_socket(container)


def _start_clock(container):
    """On the embedded default the clock runs in this one process; scaled out, `kam scheduler` does.

    Start it only after the app is built: the clock's thread must not import a module (slack_bolt,
    via bot.oauth) while the main thread is importing it, or Python's import lock deadlocks."""
    import bot.jobs  # noqa: F401 - what the clock's first tick imports, imported here, on this thread
    import bot.oauth  # noqa: F401
    from bot.scheduler import start_embedded_scheduler

    return start_embedded_scheduler(container)


def _run_socket(container) -> None:
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    from bot.app import create_app

    handler = SocketModeHandler(create_app(container, socket_mode=True), container.settings.slack_app_token)
    _start_clock(container)  # after every import above (see _start_clock)
    handler.start()


@cli.command()
def scheduler() -> None:
    """The one scheduler process (the clock)."""
    _logging(logging.INFO)
    from bot.scheduler import run_clock

    run_clock(_container())


@cli.command("run-due")
def run_due(at: Optional[str] = typer.Option(None, "--at", help="ISO-8601 instant, e.g. 2026-12-01T09:00:00Z")) -> None:
    """Send everything due at that instant, once (idempotent)."""
    _logging()
    from bot.scheduler import run_due as run_due_at

    instant = _parse_instant(at) if at else datetime.now(timezone.utc)
    typer.echo(str(run_due_at(_container(), instant)))


def _parse_instant(raw: str) -> datetime:
    try:
        moment = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        typer.echo(f"--at must be an ISO-8601 instant such as 2026-12-01T09:00:00Z, not {raw!r}.", err=True)
        raise typer.Exit(2)
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


@cli.command()
def reindex() -> None:
    """Rebuild the retrieval index from the database."""
    _logging()
    from bot.indexing import reindex_all

    typer.echo(str(reindex_all(_container())))


@db_cli.command("upgrade")
def db_upgrade() -> None:
    """Apply migrations."""
    container = _container(migrate=False)
    container.migrate()
    typer.echo(f"Database at head: {container.settings.resolved_database_url.split('@')[-1]}")


register_ops(cli)  # kam export, kam doctor


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
