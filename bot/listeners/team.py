"""The account team's edit form (`/kam team ACCOUNT` alone, or its Edit team button).

The submission is validated and saved in the ack: per-field errors go back in it and nothing is
written. The confirmation (what changed) follows after the ack (bot/listeners/toolkit.py). The
account id in the form's metadata is re-checked by the service against the submitter's
workspace and rights.
"""
from __future__ import annotations

from slack_bolt import App

from bot.listeners import submitted as form
from bot.listeners.toolkit import modal_submission
from bot.render.team import TEAM_FORM
from kam_domain.services import teams

SHORTCUTS: list[str] = []


def save_team(container, actor, view: dict):
    meta = form.form_metadata(view)
    state = form.form_state(view)
    return teams.save_team_form(
        container.uow(), actor, form.form_int(meta.get("a")),
        owner=form.user(state, "owner"), sponsor=form.user(state, "sponsor"), members=form.users(state, "members"),
        channel=form.conversation(state, "channel"), now=container.clock.now(),
        owner_shown="owner" in state or bool(meta.get("k")))


# The service's "add" and "remove" are the one members field of the form.
TEAM_SUBMISSION = modal_submission(save_team, anchor=("members", "sponsor"),
                                   aliases={"add": "members", "remove": "members"})


def register(app: App) -> None:
    app.view(TEAM_FORM)(**TEAM_SUBMISSION)
