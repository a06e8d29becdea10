"""The account team, as values: who is who on our side, and how people and channels are written.

Pure: no Slack, no database. Slack sends a mention in command text as `<@U123|name>` and a
channel as `<#C123|name>`; people type `@U123`, `U123`, `#C123` or `C123`. Every reader
here accepts those forms and refuses anything else with a message that says what to write.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

KAM, SPONSOR, MEMBER, SPECIALIST = "kam", "sponsor", "member", "specialist"
ROLES = (KAM, SPONSOR, MEMBER, SPECIALIST)
MEMBER_ROLES = (MEMBER, SPECIALIST)  # what `add=@u:role` may give; the KAM and sponsor have their own fields
ROLE_LABELS = {KAM: "Key account manager", SPONSOR: "Executive sponsor", MEMBER: "Team member",
               SPECIALIST: "Specialist"}
CLEAR_WORDS = {"none", "-", "nobody", "no one", "clear"}

_USER = re.compile(r"^(?:<@([UW][A-Z0-9_]{2,})(?:\|[^>]*)?>|@?([UW][A-Z0-9_]{2,}))$")
_CHANNEL = re.compile(r"^(?:<#([CG][A-Z0-9_]{2,})(?:\|[^>]*)?>|#?([CG][A-Z0-9_]{2,}))$")
_EMAIL = re.compile(r"^[^@\s<>,]+@[^@\s<>,]+\.[^@\s<>,]+$")


class NotAUser(ValueError):
    """Not a Slack user id in any form we accept."""


def user_id(text: str | None, *, names_resolvable: bool = True) -> str:
    """`<@U123|ana>`, `@U123`, `U123` -> U123; anything else raises NotAUser saying what to write.

    `names_resolvable`: False where no Slack directory is at hand (the console), so the message
    asks for an id rather than a mention."""
    raw = (text or "").strip()
    match = _USER.match(raw)
    if match:
        return match.group(1) or match.group(2)
    shown = _short(raw) or "(nothing)"
    if not names_resolvable:
        raise NotAUser(f"`{shown}` is not a Slack user id. I can't look people up by name here: "
                       "use their Slack user id, e.g. owner=U0123ABCD (Slack: their profile > ⋮ > Copy member ID).")
    raise NotAUser(f"`{shown}` is not a Slack user: mention them (pick them from the list as you type @), "
                   "e.g. owner=@ana, or give their user id, e.g. owner=U0123ABCD.")


def channel_id(text: str | None) -> str:
    """`<#C123|acme>`, `#C123`, `C123` (or G… for an old private channel) -> C123."""
    raw = (text or "").strip()
    match = _CHANNEL.match(raw)
    if match:
        return match.group(1) or match.group(2)
    shown = _short(raw) or "(nothing)"
    if _USER.match(raw):
        raise ValueError(f"`{shown}` is a person, not a channel: pick the channel, e.g. channel=#acme-account.")
    raise ValueError(f"`{shown}` is not a channel: pick it from the list as you type # so Slack sends its id "
                     "(e.g. channel=#acme-account), or give the channel id, e.g. channel=C0123ABCD.")


def is_clear(text: str | None) -> bool:
    return (text or "").strip().lower() in CLEAR_WORDS


def is_email(text: str | None) -> bool:
    return bool(_EMAIL.match((text or "").strip()))


def member_role(text: str | None) -> str:
    """The role after `add=@u:` (default member); the KAM and the sponsor are not added this way."""
    word = (text or "").strip().lower().replace(" ", "_") or MEMBER
    if word in MEMBER_ROLES:
        return word
    if word in (KAM, "owner", "key_account_manager"):
        raise ValueError("The KAM is set with owner=@someone, not add=.")
    if word in (SPONSOR, "executive_sponsor"):
        raise ValueError("The executive sponsor is set with sponsor=@someone, not add=.")
    raise ValueError(f"`{_short(text or '')}` is not a team role: use member or specialist, "
                     "e.g. add=@ana:specialist.")


def import_role(text: str | None) -> str:
    """A `Role` cell of `kam import teams`: kam|owner|sponsor|member|specialist; any other label is a member."""
    word = re.sub(r"[\s_-]+", " ", (text or "").strip().lower())
    if word in ("kam", "owner", "key account manager", "account owner"):
        return KAM
    if word in ("sponsor", "executive sponsor", "exec sponsor"):
        return SPONSOR
    if word == SPECIALIST:
        return SPECIALIST
    return MEMBER


@dataclass(frozen=True)
class MemberSpec:
    """One `add=` entry as typed: who (not yet checked) and the role after the colon."""

    who: str
    role: str | None


def split_members(text: str | None) -> list[MemberSpec]:
    """`@U1:specialist,@U2` (what one or several `add=` give) -> [(@U1, specialist), (@U2, None)].

    The colon before a role is the last one outside `<...>`, so `<@U1|ana>:specialist` works."""
    specs = []
    for part in _parts(text):
        who, role = part, None
        closing = part.rfind(">")
        colon = part.rfind(":")
        if colon > closing:
            who, role = part[:colon].strip(), part[colon + 1:].strip()
        specs.append(MemberSpec(who, role))
    return specs


def split_users(text: str | None) -> list[str]:
    """`@U1,@U2` (what one or several `remove=` give) -> [@U1, @U2]."""
    return _parts(text)


def _parts(text: str | None) -> list[str]:
    return [p.strip() for p in re.split(r"[,\s]+(?![^<]*>)", text or "") if p.strip()]


def _short(text: str, limit: int = 40) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"
