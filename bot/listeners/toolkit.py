"""The Slack protocol, written once for every listener module.

Listeners are plain functions that Bolt calls with the arguments they name. Besides Bolt's own
(`ack`, `body`, `action`, `view`, `client`, `respond`, `context` ...) they name `container` and
`actor`: context values, which Bolt passes by name (`provide_container` below, and
bot.middleware for the actor). So a unit test calls a listener directly with a fake `ack`,
`client` and `respond`, as Slack's starter template does.

- `acknowledge`: the ack of a click, shortcut or event whose work runs in a lazy listener.
- `on_click(work, where)`: that lazy listener; `work(ctx, action, body)` runs through `deliver`
  (bot/listeners/reply.py), which answers the clicker with the result or the error.
- `modal_submission(save, ...)`: a form validated and saved in the ack (errors go back on its
  fields and nothing is written); what follows a success runs after the ack: lazily over HTTP,
  right after the ack in Socket Mode, where the ack has already gone out.
- Submitted values are read with bot/listeners/submitted.py; NOTHING_TO_SEND is in reply.py.
"""
from __future__ import annotations

from typing import Any, Callable, Iterable, Mapping

from bot.context import RequestContext
from bot.errors import error_text, log_unexpected
from bot.listeners.reply import deliver, poster, to_clicker
from bot.listeners.submitted import MAX_ERROR_TEXT, anchor_block, form_problems, place_errors
from bot.wiring import to_message
from kam_domain.errors import FieldErrors
from kam_domain.services.authz import Actor

Work = Callable[[RequestContext, dict, dict], object]  # (ctx, action, body) -> a result to send
Save = Callable[[Any, Actor, dict], object]  # (container, actor, view) -> what was saved
FollowUp = Callable[[Any, Actor, dict, object, Any], None]  # (container, actor, view, saved, client)

_SAVED = "kam_saved"  # the context key that hands what a form saved to its lazy follow-up


def provide_container(container) -> Callable:
    """Middleware: every listener that names `container` gets this one."""

    def middleware(context, next):
        context["container"] = container
        return next()

    return middleware


def acknowledge(ack) -> None:
    """The ack of a click, shortcut or event; its work runs in a lazy listener."""
    ack()


def click_context(container, actor: Actor, body: dict, client, thread_ts: str | None = None) -> RequestContext:
    return RequestContext(container, actor, channel_id=(body.get("channel") or {}).get("id"), thread_ts=thread_ts,
                          trigger_id=body.get("trigger_id"), client=client)


def on_click(work: Work, where: str, then: Callable[[RequestContext, dict, object], None] | None = None) -> Callable:
    """A lazy listener for a button or menu: `work` runs and the clicker is answered (a modal is
    opened, the result sent, or the error told); `then(ctx, body, result)` follows a result."""

    def clicked(body, action, actor, container, client, respond):
        ctx = click_context(container, actor, body, client)
        result = deliver(ctx, lambda: work(ctx, action, body), to_clicker(body, respond, client, actor.user_id),
                         where)
        if result is not None and then is not None:
            then(ctx, body, result)

    return clicked


def post_to_submitter(container, actor: Actor, view: dict, saved: object, client) -> None:
    """The usual follow-up of a form: what was saved, by DM to whoever submitted it."""
    poster(client, actor.user_id)(to_message(saved))


def modal_submission(save: Save, *, anchor: Iterable[str] = (), follow_up: FollowUp = post_to_submitter,
                     aliases: Mapping[str, str] | None = None) -> dict:
    """Bolt's listeners for a form (`app.view(callback_id)(**modal_submission(...))`).

    `save(container, actor, view)` raises FieldErrors for errors on fields (service field names are
    the form's block ids, or `aliases` maps them to one); any other error goes on the `anchor` field
    (the first of those the form has, else its first field): a user error as written, anything
    else an apology with a reference.
    """
    anchor = tuple(anchor)

    def ack_submission(ack, view, actor, container, context, client):
        saved = _saved_or_refused(ack, view, lambda: save(container, actor, view), anchor, aliases)
        if saved is _REFUSED:
            return
        if _follows_lazily(context):
            context[_SAVED] = saved  # the lazy listener gets a copy of this context
        else:
            _follow(follow_up, container, actor, view, saved, client)

    def follow_submission(view, actor, container, context, client):
        if _SAVED in context:
            _follow(follow_up, container, actor, view, context[_SAVED], client)

    return {"ack": ack_submission, "lazy": [follow_submission]}


_REFUSED = object()


def _saved_or_refused(ack, view: dict, save: Callable[[], object], anchor: tuple[str, ...],
                      aliases: Mapping[str, str] | None) -> object:
    field = anchor_block(view, anchor)
    problems = form_problems(view)
    if problems:
        ack(response_action="errors", errors=place_errors(view, problems, field))
        return _REFUSED
    try:
        saved = save()
    except FieldErrors as exc:
        ack(response_action="errors", errors=place_errors(view, exc.errors, field, aliases))
        return _REFUSED
    except Exception as exc:  # noqa: BLE001 - told on the form, never raised into Bolt
        text = error_text(exc, view.get("callback_id") or "form")
        ack(response_action="errors", errors={field: text[:MAX_ERROR_TEXT]})
        return _REFUSED
    ack()
    return saved


def _follows_lazily(context) -> bool:
    """Over HTTP (process_before_response) the ack goes out when the ack listener returns, so what
    follows waits for the lazy listener; in Socket Mode the ack has gone out already."""
    runner = context.get("listener_runner") if context is not None else None
    return getattr(runner, "process_before_response", True)


def _follow(follow_up: FollowUp, container, actor: Actor, view: dict, saved: object, client) -> None:
    try:
        follow_up(container, actor, view, saved, client)
    except Exception as exc:  # noqa: BLE001 - the change is saved; only the confirmation is missing
        log_unexpected(exc, f"{view.get('callback_id') or 'form'} follow-up")
