"""Account plans, stakeholder maps, meeting logs and next actions: each handler calls one service."""
from __future__ import annotations

import logging

from bot import canvas_sync, indexing
from bot.commands import Shape, Subcommand, Writes
from bot.handlers.drafts import next_with_drafts
from bot.handlers.plan_writes import (PLAN_ARGS, PLAN_DETAILS, PLAN_EXAMPLES, PLAN_KEYS, is_canvas_request,
                                      is_plan_change, plan_with_writes)
from bot.results import OpenModal
from bot.render.plans_common import LOG_FORM, PERSON_FORM
from bot.render.plans_map import person_text
from bot.slack_directory import SlackPeopleDirectory
from kam_domain.services import meetings, next_actions, plans, stakeholders
from kam_domain.services.meetings import LogForm
from kam_domain.services.stakeholders import StakeholderForm

STAKEHOLDER_FIELDS = ("title", "role", "influence", "attitude", "owner", "reports_to", "email", "contact")

log = logging.getLogger("kam.plans")


def plan(ctx, inv):
    if is_canvas_request(inv.words):
        return canvas_sync.put_plan_in_canvas(ctx, " ".join(inv.words[:-1]))
    return plans.account_plan(ctx.uow(), ctx.actor, inv.account_text, ctx.today)


def next_(ctx, inv):
    return next_actions.next_actions(ctx.uow(), ctx.actor, inv.account_text, ctx.today)


def stakeholders_(ctx, inv):
    return stakeholders.stakeholder_map(ctx.uow(), ctx.actor, inv.account_text, ctx.today)


def stakeholder(ctx, inv):
    if not inv.kv:
        form = stakeholders.form_from_command(ctx.uow(), ctx.actor, inv.words, ctx.today)
        return person_modal(form)
    fields = dict(inv.kv)  # owner= is a user id or a colleague's name: the service resolves it or says what to write
    return stakeholders.save_from_command(ctx.uow(), ctx.actor, inv.words, fields, ctx.today, ctx.container.clock.now(),
                                          people=people_source(ctx), names_resolvable=ctx.surface != "console")


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
        hint = (f"{person_text(form.person)}\nChange fields with e.g. "
                f"`stakeholder {form.account_name} {form.person.name} attitude=+1 owner=@someone`")
    return OpenModal(PERSON_FORM, "Stakeholder", hint, data={"form": form})


# --------------------------------------------------------------------------- after a log


def index_soon(container, team_id: str | None = None, background: bool = True) -> None:
    """Ask the retrieval side to index the new note now. Never fails the log: a note left
    unindexed (indexed_at NULL) is picked up by the next indexing pass."""
    try:
        if background:
            indexing.start_background_indexing(container, team_id)  # one pass at a time, off the request
        else:
            _quietly(indexing.index_pending, container, team_id)
    except Exception:  # noqa: BLE001
        log.warning("could not start indexing after a meeting log; the next pass will index the note", exc_info=True)


def _quietly(index_pending, container, team_id) -> None:
    try:
        index_pending(container, team_id)
    except Exception:  # noqa: BLE001
        log.warning("indexing after a meeting log failed; the next pass will index the note", exc_info=True)


COMMANDS = (
    Subcommand("plan", PLAN_ARGS, "plan summary: goals, objectives by horizon, actions", Shape.ACCOUNT_REST_KV,
               kv_keys=PLAN_KEYS, kv_spaces=True, examples=PLAN_EXAMPLES, details=PLAN_DETAILS,
               changes_when=is_plan_change, intent_label="Account plan",
               tool="The account plan: goals, objectives by horizon, strategy actions.",
               handler=plan_with_writes(plan)),
    Subcommand("next", "ACCOUNT", "next actions, each with its reason", Shape.ACCOUNT,
               examples=("/kam next Borealis",), intent_label="Next actions",
               tool="The next actions for one account, each with its reason.",
               handler=next_with_drafts(next_)),
    Subcommand("stakeholders", "ACCOUNT", "relationship map, coverage status and gaps", Shape.ACCOUNT,
               examples=("/kam stakeholders Borealis",), aliases=("map", "stakeholder map"),
               intent_label="Stakeholder map",
               tool="The stakeholder map of one account: people, their roles in the decision, coverage and gaps.",
               handler=stakeholders_),
    Subcommand("stakeholder", "ACCOUNT NAME [title=.. role=.. influence=.. attitude=.. owner=@u]",
               "add or update one person on the map", Shape.ACCOUNT_REST_KV, kv_keys=STAKEHOLDER_FIELDS, kv_spaces=True,
               examples=("/kam stakeholder Acme Ana Ruiz title=CFO role=economic_buyer influence=5 attitude=+1",),
               details="Fields: title, role (economic_buyer, decision_maker, technical_buyer, user_buyer, influencer, "
               "champion, gatekeeper, blocker), influence 1-5, attitude -2..+2, contact (none, brief, multiple, "
               "in_depth), owner=@someone, reports_to=NAME, email. Only a name opens the form.",
               writes=Writes.ALWAYS, intent_label="Add or update a stakeholder", handler=stakeholder),
    Subcommand("log", "ACCOUNT [what happened]", "log a meeting; no text opens the form", Shape.ACCOUNT_REST,
               examples=("/kam log Acme met Ana Ruiz (CFO) today, keen on the 3-year deal; "
               "send draft contract by Friday",),
               details="I read the date (today, yesterday, last Tuesday, 12 Nov, 2026-11-20), who was there, how it "
               "went and the next step with its due date; the next step becomes your action.",
               writes=Writes.ALWAYS, intent_label="Log a meeting", handler=log_),
)
