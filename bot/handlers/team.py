"""The account team: `/kam team ACCOUNT [owner=@u sponsor=@u add=@u[:role] remove=@u channel=#c]`."""
from __future__ import annotations

from bot.commands import Shape, Subcommand, Writes
from bot.results import OpenModal
from bot.render.team import TEAM_FORM
from kam_domain.errors import NeedsChoice
from kam_domain.services import teams
from kam_domain.services.teams import TeamChanges


def team(ctx, inv):
    try:
        return _team(ctx, inv)
    except NeedsChoice as exc:
        if inv.kv and exc.retry_command:  # the chosen account gets the same changes
            exc.retry_command = f"{exc.retry_command} {_fields_text(inv.kv)}"
        raise


def _team(ctx, inv):
    if not inv.kv:
        view = teams.show_team(ctx.uow(), ctx.actor, inv.account_text)
        if view.can_edit and ctx.surface != "console" and ctx.trigger_id:  # Slack can open the form
            form = teams.team_form(ctx.uow(), ctx.actor, view.account_id)
            hint = (f"Change the team with fields, e.g. `/kam team {form.account_name} sponsor=@someone "
                    "add=@someone:specialist channel=#account-channel`")
            return OpenModal(TEAM_FORM, "Account team", hint, data={"form": form})
        return view
    changes = TeamChanges.from_fields(inv.kv)
    return teams.change_team(ctx.uow(), ctx.actor, inv.account_text, changes, ctx.container.clock.now(),
                             names_resolvable=ctx.surface != "console")


def _fields_text(kv: dict[str, str]) -> str:
    return " ".join(f'{key}="{value}"' if " " in value else f"{key}={value}" for key, value in kv.items())


COMMANDS = (
    Subcommand("team", "ACCOUNT [owner=@u sponsor=@u add=@u[:role] remove=@u channel=#c]",
               "the account team: KAM, members, executive sponsor and channel; alone it opens the form",
               Shape.ACCOUNT_KV, kv_keys=teams.FIELDS, repeatable_keys=("add", "remove"), kv_spaces=True,
               examples=("/kam team Borealis sponsor=@bo add=@cy:specialist channel=#borealis-account",
               "/kam team Borealis", "/kam team Borealis owner=@ana remove=@dan"),
               details="Roles for add=: member (the default) or specialist; several people with add=@a,@b:specialist "
               "or add= given again. sponsor=none or channel=none clears it. The KAM, the executive sponsor "
               "and admins edit the team; only the current KAM or an admin changes the KAM. Without "
               "fields you see the team (and, if you may edit it, the form).",
               writes=Writes.WITH_FIELDS, handler=team),
)
