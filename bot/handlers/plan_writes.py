"""Plan and SWOT writes typed as lines, so the console (and `/kam`) can do what Slack's buttons do:

    plan ACCOUNT add objective "TITLE" [horizon=short|mid|long owner=@u due=YYYY-MM-DD]
    plan ACCOUNT add action "TITLE" [objective=N owner=@u due=YYYY-MM-DD]
    plan ACCOUNT close|drop|reopen action N        plan ACCOUNT close|drop|reopen objective N
    plan ACCOUNT redate action N due=YYYY-MM-DD    plan ACCOUNT snooze action N
    swot ACCOUNT accept 1 3                        swot ACCOUNT reject 2

`plan ACCOUNT` and `swot ACCOUNT` read as before. The numbers of a SWOT draft are those of the last
draft shown in this `kam chat` session; without a session (`kam ask`, Slack) the draft is made again
(deterministic offline) and its numbering used. Every decision answers with the draft as it reads
now, numbered afresh. The `plan` (bot.handlers.plans) and `swot` (bot.handlers.drafts) declarations
compose their read handlers with `plan_with_writes` and `swot_with_decisions`.
"""
from __future__ import annotations

import re
import unicodedata

from bot.commands import UsageError, parse_user_id
from kam_domain.demo import DEMO_USERS
from kam_domain.errors import NeedsChoice, UserError
from kam_domain.services import drafts, plan_commands, queries
from kam_domain.services.swot_decisions import decide_points, parse_numbers

PLAN_KEYS = ("horizon", "owner", "due", "objective")
_VERBS = {"add": "add", "close": "done", "done": "done", "complete": "done", "drop": "dropped",
          "reopen": "open", "redate": "redate", "re-date": "redate", "reschedule": "redate", "snooze": "snooze"}
_WHAT = {"objective": "objective", "objectives": "objective", "goal": "objective", "action": "action",
         "actions": "action", "task": "action"}
_REF = re.compile(r"^#?(\d{1,9})$")
_SWOT_VERBS = ("accept", "reject")

PLAN_ARGS = ('ACCOUNT [add objective|action "TITLE" horizon=.. owner=@u due=YYYY-MM-DD objective=N | '
             'close|drop|reopen action|objective N | redate action N due=YYYY-MM-DD | snooze action N | canvas]')
PLAN_DETAILS = ("Without more words: the plan summary (objectives and actions show their numbers, e.g. "
                "[action #12]). add objective \"...\" takes horizon= (short, mid, long), owner=@someone and "
                "due=; add action \"...\" takes objective=N, owner= and due=. close marks an action done or an "
                "objective achieved, drop drops it, reopen opens it again; redate gives an action a new due "
                "date; snooze hides it from next actions for a week. canvas puts the plan into the account "
                "channel's canvas (set the channel with /kam team ACCOUNT channel=#c) and keeps it current. The "
                "account team, its sponsor and admins change a plan; every change is audited.")
PLAN_EXAMPLES = ("/kam plan Borealis",
                 '/kam plan Borealis add objective "Win the 2027 framework" horizon=short owner=@ana due=2027-01-31',
                 '/kam plan Borealis add action "Send the TCO model" objective=4 due=2026-12-18',
                 "/kam plan Borealis close action 3", "/kam plan Borealis redate action 3 due=2027-01-15",
                 "/kam plan Borealis canvas")
SWOT_ARGS = "ACCOUNT [accept|reject N ...]"
SWOT_DETAILS = ("Points come from the account's notes and cite the note (number, date, author); points from old "
                "notes are marked stale. The console numbers the points: `swot Borealis accept 1 3` puts points 1 "
                "and 3 into the plan's SWOT, `swot Borealis reject 2` leaves point 2 out of later drafts (also "
                "`accept 2-4`, `accept all`). In Slack each point has Accept and Reject buttons.")
SWOT_EXAMPLES = ("/kam swot Borealis", "/kam swot Borealis accept 1 3", "/kam swot Borealis reject 2")


# =========================================================================== plan


def plan_with_writes(read):
    def plan(ctx, inv):
        verb_at = _verb_index(inv.words)
        if verb_at is None:
            if inv.kv:
                raise UsageError(inv.command, "Fields like due= go with a change, e.g. "
                                              "`plan Borealis add action \"Send the TCO model\" due=2026-12-18`.")
            return read(ctx, inv)
        account_words, change = inv.words[:verb_at], inv.words[verb_at:]
        try:
            account = plan_commands.plan_account(ctx.uow(), ctx.actor, " ".join(account_words))
        except NeedsChoice as exc:
            if exc.retry_command:
                exc.retry_command = f"{exc.retry_command} {_line(change, inv.kv)}"
            raise
        return _change(ctx, inv, account, change)

    return plan


def _verb_index(words: list[str]) -> int | None:
    """Where the change starts: a verb then `objective`/`action` (never the account's first word)."""
    for i in range(1, len(words) - 1):
        if words[i].lower() in _VERBS and words[i + 1].lower() in _WHAT:
            return i
    return None


def _change(ctx, inv, account, change: list[str]):
    verb, what, rest = _VERBS[change[0].lower()], _WHAT[change[1].lower()], change[2:]
    uow, actor, now, today = ctx.uow, ctx.actor, ctx.container.clock.now(), ctx.today
    if verb == "add":
        title = " ".join(rest).strip()
        if not title:
            raise UsageError(inv.command, f"Say what the {what} is, in quotes after `add {what}`.")
        if what == "objective":
            _only(inv, ("horizon", "owner", "due"))
            return plan_commands.add_objective(uow, actor, account, title, inv.kv.get("horizon"),
                                               _owner(ctx, inv.kv.get("owner")), plan_commands.read_due(inv.kv.get("due")),
                                               today, now)
        _only(inv, ("objective", "owner", "due"))
        objective = _number(inv, inv.kv["objective"], "objective") if inv.kv.get("objective") else None
        return plan_commands.add_action(uow, actor, account, title, objective, _owner(ctx, inv.kv.get("owner")),
                                        plan_commands.read_due(inv.kv.get("due")), today, now)
    if len(rest) != 1:
        raise UsageError(inv.command, f"Name one {what} by its number, e.g. `plan {account.name} "
                                      f"{change[0].lower()} {what} 3` (`plan {account.name}` shows the numbers).")
    ref = _number(inv, rest[0], what)
    if verb == "redate":
        if what != "action":
            raise UsageError(inv.command, "Only actions are re-dated; change an objective in Slack's plan form.")
        _only(inv, ("due",))
        return plan_commands.redate_action(uow, actor, account, ref, plan_commands.read_due(inv.kv.get("due")),
                                           today, now)
    _only(inv, ())
    if verb == "snooze":
        if what != "action":
            raise UsageError(inv.command, "Only actions are snoozed.")
        return plan_commands.snooze_action(uow, actor, account, ref, today)
    if what == "action":
        return plan_commands.set_action_status(uow, actor, account, ref, verb, now)
    return plan_commands.set_objective_status(uow, actor, account, ref, verb, now)


def _only(inv, allowed: tuple[str, ...]) -> None:
    extra = [k for k in inv.kv if k not in allowed]
    if extra:
        takes = f"takes only {', '.join(k + '=' for k in allowed)}" if allowed else "takes no fields"
        raise UsageError(inv.command, f"`{extra[0]}=` does not fit here: this change {takes}.")


def _number(inv, raw: str, what: str) -> int:
    match = _REF.match(raw.strip())
    if not match:
        shown = raw if len(raw) <= 20 else raw[:19] + "…"
        raise UsageError(inv.command, f"`{shown}` is not {what} number: the plan shows them as [{what} #12].")
    return int(match.group(1))


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower().split())


def _owner(ctx, raw: str | None) -> str | None:
    """owner=@U123 (a mention as Slack sends it); at the console also a colleague's name it shows (@Anna Keller)."""
    if raw is None or not raw.strip():
        return None
    try:
        return parse_user_id(raw)
    except UserError:
        if ctx.surface != "console":
            raise
    wanted = _fold(raw.lstrip("@"))
    hits = [uid for uid, name in DEMO_USERS.items() if _fold(name) == wanted
            or (" " not in wanted and _fold(name).split()[:1] == [wanted])]
    if len(hits) == 1:
        return hits[0]
    raise UserError(f"owner: I don't know who `{raw}` is; give their Slack id, e.g. owner=@U0123ABCD. "
                    "Nothing was changed.")


def _line(words: list[str], kv: dict[str, str]) -> str:
    def show(word: str) -> str:
        return f'"{word}"' if " " in word else word

    fields = " ".join(f'{k}="{v}"' if " " in v else f"{k}={v}" for k, v in kv.items())
    return " ".join([*(show(w) for w in words), fields]).strip()


# =========================================================================== swot


def swot_with_decisions(draft_handler):
    def swot(ctx, inv):
        at = _decision_index(inv.words)
        if at is None:
            result = draft_handler(ctx, inv)
            _remember(ctx, result)
            return result
        account_words, verb, numbers_words = inv.words[:at], inv.words[at].lower(), inv.words[at + 1:]
        try:
            with ctx.uow() as uow:
                account = queries.resolve_account(uow.session, ctx.actor.team_id, " ".join(account_words),
                                                  command="swot")
                account_id, name = account.id, account.name
        except NeedsChoice as exc:
            if exc.retry_command:
                exc.retry_command = f"{exc.retry_command} {verb} {' '.join(numbers_words)}".strip()
            raise
        numbers = parse_numbers(numbers_words, f"swot {name} {verb} 1 3")
        draft = _last_draft(ctx, account_id)
        if draft is None:  # no draft shown in this session: the deterministic draft again
            draft = _draft(ctx, account_id)
        decided = decide_points(ctx.uow, ctx.actor, draft, numbers, accept=verb == "accept",
                                now=ctx.container.clock.now())
        decided.draft = _draft(ctx, account_id)
        _remember(ctx, decided.draft)
        return decided

    return swot


def _decision_index(words: list[str]) -> int | None:
    """`borealis accept 1 3` -> 1: the last accept/reject with only numbers (or `all`) after it."""
    for i in range(len(words) - 1, 0, -1):
        if words[i].lower() in _SWOT_VERBS:
            return i
    return None


def _draft(ctx, account_id: int):
    container = ctx.container
    return drafts.draft_swot_by_id(ctx.uow(), ctx.actor, account_id, ctx.today, container.notes_index,
                                   container.drafter)


def _last_draft(ctx, account_id: int):
    session = getattr(ctx, "session", None)
    return session.drafts.get(f"swot:{account_id}") if session is not None else None


def _remember(ctx, result) -> None:
    session = getattr(ctx, "session", None)
    if session is not None and isinstance(result, drafts.SwotResult):
        session.drafts[f"swot:{result.account_id}"] = result


def is_plan_change(invocation) -> bool:
    """`plan ACCOUNT add/close ...` or `plan ACCOUNT canvas`: a change, not the plan read."""
    return _verb_index(invocation.words) is not None or is_canvas_request(invocation.words)


def is_canvas_request(words: list[str]) -> bool:
    """`plan ACCOUNT canvas`: put the plan into the account channel's canvas."""
    return len(words) >= 2 and words[-1].lower() == "canvas"


def is_swot_decision(invocation) -> bool:
    """`swot ACCOUNT accept/reject N`: a decision, not the draft read."""
    return _decision_index(invocation.words) is not None
