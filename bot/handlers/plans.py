"""Account plans, stakeholder maps, meeting logs and next actions: each handler calls one service."""
from __future__ import annotations

import logging
import threading

from bot.commands import Shape
from bot.handlers.declare import subcommand
from bot.results import OpenModal
from bot.render import plans as _renderers  # noqa: F401  (registers to_message / to_text / views)
from bot.render.plans_common import LOG_FORM, PERSON_FORM
from kam_domain.services import meetings, next_actions, plans, stakeholders
from kam_domain.services.meetings import LogForm
from kam_domain.services.stakeholders import StakeholderForm

STAKEHOLDER_FIELDS = ("title", "role", "influence", "attitude", "owner", "reports_to", "email", "contact")

log = logging.getLogger("kam.plans")


@subcommand("plan", "ACCOUNT", "plan summary: goals, objectives by horizon, actions", Shape.ACCOUNT,
            examples=("/kam plan Borealis",))
def plan(ctx, inv):
    return plans.account_plan(ctx.uow(), ctx.actor, inv.account_text, ctx.today)


@subcommand("next", "ACCOUNT", "next actions, each with its reason", Shape.ACCOUNT,
            examples=("/kam next Borealis",))
def next_(ctx, inv):
    return next_actions.next_actions(ctx.uow(), ctx.actor, inv.account_text, ctx.today)


@subcommand("stakeholders", "ACCOUNT", "relationship map, coverage status and gaps", Shape.ACCOUNT,
            examples=("/kam stakeholders Borealis",), aliases=("map", "stakeholder map"))
def stakeholders_(ctx, inv):
    return stakeholders.stakeholder_map(ctx.uow(), ctx.actor, inv.account_text, ctx.today)


@subcommand("stakeholder", "ACCOUNT NAME [title=.. role=.. influence=.. attitude=.. owner=@u]",
            "add or update one person on the map", Shape.ACCOUNT_REST_KV, kv_keys=STAKEHOLDER_FIELDS, kv_spaces=True,
            examples=("/kam stakeholder Acme Ana Ruiz title=CFO role=economic_buyer influence=5 attitude=+1",),
            details="Fields: title, role (economic_buyer, decision_maker, technical_buyer, user_buyer, influencer, "
                    "champion, gatekeeper, blocker), influence 1-5, attitude -2..+2, contact (none, brief, multiple, "
                    "in_depth), owner=@someone, reports_to=NAME, email. Only a name opens the form.")
def stakeholder(ctx, inv):
    if not inv.kv:
        form = stakeholders.form_from_command(ctx.uow(), ctx.actor, inv.words, ctx.today)
        return person_modal(form)
    fields = dict(inv.kv)  # owner= is a user id or a colleague's name: the service resolves it or says what to write
    return stakeholders.save_from_command(ctx.uow(), ctx.actor, inv.words, fields, ctx.today, ctx.container.clock.now(),
                                          people=people_source(ctx), names_resolvable=ctx.surface != "console")


@subcommand("log", "ACCOUNT [what happened]", "log a meeting; no text opens the form", Shape.ACCOUNT_REST,
            examples=("/kam log Acme met Ana Ruiz (CFO) today, keen on the 3-year deal; "
                      "send draft contract by Friday",),
            details="I read the date (today, yesterday, last Tuesday, 12 Nov, 2026-11-20), who was there, how it "
                    "went and the next step with its due date; the next step becomes your action.")
def log_(ctx, inv):
    result = meetings.log_from_command(ctx.uow(), ctx.actor, inv.words, ctx.today, ctx.container.clock.now(),
                                       channel_id=ctx.channel_id, people=people_source(ctx))
    if isinstance(result, LogForm):
        return log_modal(result)
    if isinstance(result, meetings.DateToConfirm):
        return result  # nothing written: the date is asked about first
    index_soon(ctx.container, ctx.actor.team_id)
    return result


def people_source(ctx):
    """The workspace's people (Slack's users.list, read once per request and only when needed), to tell
    our colleagues from customer people; None at the console, which has only the names we have stored."""
    if ctx.surface == "console" or ctx.client is None:
        return None
    from bot.slack_directory import SlackPeopleDirectory

    return SlackPeopleDirectory(ctx.client, ctx.actor.team_id).people


# --------------------------------------------------------------------------- modal requests


def log_modal(form: LogForm) -> OpenModal:
    example = f"log {form.account_name} met Ana Ruiz (CFO) today, keen on the renewal; send the draft by Friday"
    return OpenModal(LOG_FORM, "Log a meeting",
                     f"Say what happened after the account name, e.g. `{example}`", data={"form": form})


def person_modal(form: StakeholderForm) -> OpenModal:
    if form.person is None:
        hint = (f"{form.name} is not on the {form.account_name} map yet. Add them with fields, e.g. "
                f"`stakeholder {form.account_name} {form.name} title=CFO role=economic_buyer influence=4 attitude=0`")
    else:
        from bot.render.plans_map import person_text

        hint = (f"{person_text(form.person)}\nChange fields with e.g. "
                f"`stakeholder {form.account_name} {form.person.name} attitude=+1 owner=@someone`")
    return OpenModal(PERSON_FORM, "Stakeholder", hint, data={"form": form})


# --------------------------------------------------------------------------- after a log


def index_soon(container, team_id: str | None = None, background: bool = True) -> None:
    """Ask the retrieval side to index the new note now, if it can. Never fails the log: a note
    left unindexed (indexed_at NULL) is picked up by the next indexing pass."""
    try:
        from bot import indexing
    except Exception:  # noqa: BLE001 - no indexing module yet
        return
    try:
        start = getattr(indexing, "start_background_indexing", None)
        if background and callable(start):
            start(container, team_id)  # one pass at a time, off the request
            return
        index_pending = getattr(indexing, "index_pending", None)
        if not callable(index_pending):
            return
        if background:
            threading.Thread(target=_quietly, args=(index_pending, container, team_id), name="kam-index-after-log",
                             daemon=True).start()
        else:
            _quietly(index_pending, container, team_id)
    except Exception:  # noqa: BLE001
        log.warning("could not start indexing after a meeting log; the next pass will index the note", exc_info=True)


def _quietly(index_pending, container, team_id) -> None:
    try:
        index_pending(container, team_id)
    except Exception:  # noqa: BLE001
        log.warning("indexing after a meeting log failed; the next pass will index the note", exc_info=True)
