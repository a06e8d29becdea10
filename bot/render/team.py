"""The account team and changes to it, as Block Kit and as console text, and its edit form.

People and channels are rendered as mentions we build from validated ids (`user_ref`,
`channel_ref`); account names are escaped.
"""
from __future__ import annotations

from bot.render.blocks import RUN_ACTION, SlackMessage, button, context, header, section
from bot.render.escape import channel_ref, slack_escape as esc, user_ref
from bot.render.plans_views import field, modal, note, user_input
from bot.results import OpenModal
from kam_domain.rules.team import ROLE_LABELS
from kam_domain.services.teams import TeamChange, TeamChangeResult, TeamForm, TeamView

TEAM_FORM = "team_edit"  # the modal's callback id
VALUE = "value"  # the action_id of every input element in the form
MAX_MEMBERS = 50

def _role(role: str | None) -> str:
    return ROLE_LABELS.get(role or "", role or "member").lower()


# --------------------------------------------------------------------------- Slack


def _kam(team: TeamView) -> str:
    if team.kam_user_id:
        return user_ref(team.kam_user_id)
    if team.crm_owner_name:
        return f"{esc(team.crm_owner_name)} _(CRM owner, not linked to a Slack user yet)_"
    return "nobody yet"


def team_blocks(team: TeamView) -> list[dict]:
    fields = [f"*Key account manager*\n{_kam(team)}",
              f"*Executive sponsor*\n{user_ref(team.sponsor_user_id, 'none')}",
              f"*Account channel*\n{channel_ref(team.channel_id)}",
              f"*Team members*\n{len(team.members)}"]
    blocks = [{"type": "section", "fields": [{"type": "mrkdwn", "text": f} for f in fields]}]
    if team.members:
        lines = [f"• {user_ref(m.user_id)} · {esc(m.role_label)}" for m in team.members[:MAX_MEMBERS]]
        more = len(team.members) - MAX_MEMBERS
        if more > 0:
            lines.append(f"… and {more} more")
        blocks.append(section("\n".join(lines)))
    who = ["the KAM"] + (["the executive sponsor"] if team.sponsor_user_id else []) + ["admins"]
    facts = [f"Who can edit: {', '.join(who[:-1])} and {who[-1]}; only the KAM or an admin changes the KAM."]
    if team.owner_source == "manual":
        facts.append("The KAM was set by hand: a CRM import won't change it.")
    blocks.append(context(" ".join(facts)))
    if team.can_edit:
        blocks.append({"type": "actions", "elements": [
            button("Edit team", f"{RUN_ACTION}:team:{team.account_id}", f"team #{team.account_id}")]})
    return blocks


def team_view_message(team: TeamView) -> SlackMessage:
    blocks = [header(f"Account team: {team.account_name}")] + team_blocks(team)
    return SlackMessage(f"Account team of {team.account_name}", blocks)


def change_line(change: TeamChange) -> str:
    if change.kind == "owner":
        return f"Key account manager: {user_ref(change.before, 'nobody')} → {user_ref(change.after)}"
    if change.kind == "sponsor":
        return f"Executive sponsor: {user_ref(change.before, 'none')} → {user_ref(change.after, 'none')}"
    if change.kind == "channel":
        return f"Account channel: {channel_ref(change.before)} → {channel_ref(change.after)}"
    if change.kind == "added":
        return f"Added {user_ref(change.after)} as {esc(_role(change.role))}"
    return f"Removed {user_ref(change.before)} ({esc(_role(change.role))})"


def team_change_result_message(result: TeamChangeResult) -> SlackMessage:
    name = esc(result.team.account_name)
    if not result.changes:
        head = f"Nothing changed: the *{name}* team already looks like that."
    else:
        head = f":white_check_mark: *{name}* team updated:\n" + "\n".join(f"• {change_line(c)}"
                                                                          for c in result.changes)
    blocks = [section(head)] + team_blocks(result.team)
    text = (f"{result.team.account_name} team: " + "; ".join(change_line(c) for c in result.changes)
            if result.changes else f"Nothing changed on the {result.team.account_name} team")
    return SlackMessage(text, blocks)


# --------------------------------------------------------------------------- console


def _plain(user_id: str | None, fallback: str = "none") -> str:
    return f"@{user_id}" if user_id else fallback


def _plain_channel(channel_id: str | None) -> str:
    return f"#{channel_id}" if channel_id else "none"


def team_text(team: TeamView) -> list[str]:
    kam = _plain(team.kam_user_id, "") or (f"{team.crm_owner_name} (CRM owner, not linked to a Slack user yet)"
                                           if team.crm_owner_name else "nobody yet")
    lines = [f"  KAM: {kam}" + (" (set by hand)" if team.owner_source == "manual" and team.kam_user_id else ""),
             f"  Executive sponsor: {_plain(team.sponsor_user_id)}",
             f"  Account channel: {_plain_channel(team.channel_id)}"]
    if team.members:
        lines.append("  Members: " + ", ".join(f"{_plain(m.user_id)} ({m.role_label.lower()})" for m in team.members))
    else:
        lines.append("  Members: none besides the KAM and the sponsor")
    lines.append("  The KAM, the executive sponsor and admins edit the team; only the KAM or an admin changes the KAM."
                 + ("" if not team.can_edit else
                    f"\n  Change it: team {team.account_name} owner=U.. sponsor=U.. add=U..:specialist "
                    "remove=U.. channel=C.."))
    return lines


def team_view_text(team: TeamView) -> str:
    return "\n".join([f"Account team of {team.account_name}"] + team_text(team))


def change_text(change: TeamChange) -> str:
    if change.kind == "owner":
        return f"KAM: {_plain(change.before, 'nobody')} -> {_plain(change.after)}"
    if change.kind == "sponsor":
        return f"Executive sponsor: {_plain(change.before)} -> {_plain(change.after)}"
    if change.kind == "channel":
        return f"Account channel: {_plain_channel(change.before)} -> {_plain_channel(change.after)}"
    if change.kind == "added":
        return f"Added {_plain(change.after)} as {_role(change.role)}"
    return f"Removed {_plain(change.before)} ({_role(change.role)})"


def team_change_result_text(result: TeamChangeResult) -> str:
    if not result.changes:
        head = [f"Nothing changed: the {result.team.account_name} team already looks like that."]
    else:
        head = [f"{result.team.account_name} team updated:"] + [f"  - {change_text(c)}" for c in result.changes]
    return "\n".join(head + ["Now:"] + team_text(result.team))


# --------------------------------------------------------------------------- the form


def team_view(modal_request: OpenModal) -> dict:
    form: TeamForm = modal_request.data["form"]
    blocks = [note(f"*{esc(form.account_name)}* account team · roles other than member: "
                   f"`/kam team {esc(form.account_name)} add=@someone:specialist`")]
    if form.can_change_kam:
        blocks.append(field("owner", "Key account manager (KAM)", user_input(form.kam_user_id),
                            optional=form.kam_user_id is None,
                            hint="The previous KAM stays on the team as a member."))
    else:
        blocks.append(note(f"Key account manager: {user_ref(form.kam_user_id, 'nobody yet')} "
                           "(only the KAM or an admin changes the KAM)"))
    blocks.append(field("sponsor", "Executive sponsor", user_input(form.sponsor_user_id), optional=True))
    members = {"type": "multi_users_select", "action_id": VALUE, "max_selected_items": MAX_MEMBERS,
               "placeholder": {"type": "plain_text", "text": "Add people"}}
    if form.member_ids:
        members["initial_users"] = form.member_ids[:MAX_MEMBERS]
    blocks.append(field("members", "Team members", members, optional=True,
                        hint="Besides the KAM and the sponsor. Remove someone by taking them out."))
    channel = {"type": "conversations_select", "action_id": VALUE,
               "placeholder": {"type": "plain_text", "text": "Pick the account channel"},
               "filter": {"include": ["public", "private"], "exclude_external_shared_channels": True,
                          "exclude_bot_users": True}}
    if form.channel_id:
        channel["initial_conversation"] = form.channel_id
    blocks.append(field("channel", "Account channel", channel, optional=True,
                        hint="Review reminders go here (never to a channel shared with the customer)."))
    metadata = {"a": form.account_id, "k": 1 if form.can_change_kam else 0}
    return modal("Account team", TEAM_FORM, blocks, metadata)


MESSAGES = {
    TeamView: team_view_message,
    TeamChangeResult: team_change_result_message,
}

TEXTS = {
    TeamView: team_view_text,
    TeamChangeResult: team_change_result_text,
}

VIEWS = {
    TEAM_FORM: team_view,
}
