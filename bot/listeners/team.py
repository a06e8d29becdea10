"""The account team's edit form (`/kam team ACCOUNT` alone, or its Edit team button).

The submission is validated and saved in the ack: per-field errors go back in it and nothing is
written. The confirmation (what changed) follows after the ack: lazily over HTTP, right after
the ack in Socket Mode. The account id in the form's metadata is re-checked by the service
against the submitter's workspace and rights.
"""
from __future__ import annotations

from slack_bolt import App

from bot.bootstrap import Container
from bot.errors import apology, log_unexpected
from bot.listeners.reply import form_int, form_metadata, form_problems
from bot.render.blocks import to_message
from bot.render.escape import safe_text
from bot.render.team import TEAM_FORM
from kam_domain.errors import FieldErrors, UserError
from kam_domain.services import teams

SHORTCUTS: list[str] = []
FOLLOW_UP = "kam_team_follow_up"
FIELDS = ("owner", "sponsor", "members", "channel")


def register(app: App, container: Container) -> None:
    def follow_up(spec: dict, client) -> None:
        try:
            message = to_message(spec["result"])
            client.chat_postMessage(channel=spec["user_id"], text=safe_text(message.text, message.blocks),
                                    blocks=message.blocks, unfurl_links=False, unfurl_media=False)
        except Exception as exc:  # noqa: BLE001 - the change is saved; only the confirmation is missing
            log_unexpected(exc, "team follow-up")

    def ack_function(ack, view, context, client):
        actor = context["actor"]
        anchor = _anchor(view)
        problems = form_problems(view)
        if problems:
            ack(response_action="errors", errors=problems)
            return
        try:
            result = _submit(container, actor, view)
        except FieldErrors as exc:
            ack(response_action="errors", errors=_on_blocks(view, exc.errors, anchor))
            return
        except UserError as exc:
            ack(response_action="errors", errors={anchor: exc.message[:1900]})
            return
        except Exception as exc:  # noqa: BLE001 - told on the form, never raised into Bolt
            ack(response_action="errors", errors={anchor: apology(log_unexpected(exc, TEAM_FORM))})
            return
        ack()
        spec = {"result": result, "user_id": actor.user_id}
        if app.process_before_response:
            context[FOLLOW_UP] = spec  # the lazy listener gets a copy of the context
        else:
            follow_up(spec, client)

    def lazy_function(context, client):
        spec = context.get(FOLLOW_UP)
        if spec:
            follow_up(spec, client)

    app.view(TEAM_FORM)(ack=ack_function, lazy=[lazy_function])


def _submit(container: Container, actor, view: dict):
    meta = form_metadata(view)
    values = (view.get("state") or {}).get("values") or {}
    state = {block: next(iter(actions.values()), {}) for block, actions in values.items()
             if isinstance(actions, dict) and actions}
    members = (state.get("members") or {}).get("selected_users") or []
    if not isinstance(members, list) or not all(isinstance(m, str) for m in members):
        raise FieldErrors({"members": "This field came in a form I can't read; pick the people again."})
    owner_shown = "owner" in state or bool(meta.get("k"))
    return teams.save_team_form(
        container.uow(), actor, form_int(meta.get("a")),
        owner=(state.get("owner") or {}).get("selected_user"),
        sponsor=(state.get("sponsor") or {}).get("selected_user"),
        members=members,
        channel=(state.get("channel") or {}).get("selected_conversation"),
        now=container.clock.now(), owner_shown=owner_shown)


def _input_blocks(view: dict) -> list[str]:
    blocks = [b.get("block_id") for b in view.get("blocks") or [] if isinstance(b, dict) and b.get("type") == "input"]
    return blocks or list(((view.get("state") or {}).get("values") or {}))


def _anchor(view: dict) -> str:
    blocks = _input_blocks(view)
    for preferred in ("members", "sponsor"):
        if preferred in blocks or not blocks:
            return preferred
    return blocks[0]


def _on_blocks(view: dict, errors: dict[str, str], anchor: str) -> dict[str, str]:
    """Service fields (owner, sponsor, add, remove, channel) onto the form's blocks."""
    known = set(_input_blocks(view))
    placed: dict[str, str] = {}
    for key, message in errors.items():
        block = "members" if key in ("add", "remove") else key
        block = block if block in known else anchor
        placed[block] = (placed[block] + " " + message if block in placed else message)[:1900]
    return placed
