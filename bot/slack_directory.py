"""The workspace's people from Slack, for linking CRM account owners on import.

`SlackPeopleDirectory(client)` reads `users.list` (cursor pages of 200) once per instance and
answers `users.lookupByEmail` once per email; both go through the client's retry handlers, so a
429 waits for Retry-After (bot/slack_client.py). A Slack error other than "no such user" raises
DirectoryUnavailable, whose message says that owner linking was skipped and why.
"""
from __future__ import annotations

from typing import Any

from slack_sdk.errors import SlackApiError

from kam_domain.rules.people_matching import SlackPerson
from kam_domain.services.directory import DirectoryUnavailable

PAGE_SIZE = 200
MAX_PAGES = 10_000  # a guard against a cursor that never ends (2M users)
SLACKBOT = "USLACKBOT"

_HINTS = {
    "missing_scope": "the app lacks a scope: reinstall it from manifest.yaml (users:read and users:read.email)",
    "not_authed": "the bot token is missing",
    "invalid_auth": "the bot token is not valid",
    "account_inactive": "the bot token was revoked",
    "token_revoked": "the bot token was revoked",
    "ratelimited": "Slack kept rate-limiting the requests; try again in a minute",
}


class SlackPeopleDirectory:
    """`PeopleDirectory` over the Slack Web API (kam_domain/services/directory.py)."""

    def __init__(self, client: Any, team_id: str | None = None):
        self.client = client
        self.team_id = team_id
        self._people: list[SlackPerson] | None = None
        self._by_email: dict[str, SlackPerson | None] = {}

    @property
    def name(self) -> str:
        return f"Slack workspace {self.team_id}" if self.team_id else "Slack"

    def people(self) -> list[SlackPerson]:
        if self._people is None:
            self._people = self._list_everyone()
        return list(self._people)

    def by_email(self, email: str) -> SlackPerson | None:
        key = (email or "").strip().lower()
        if not key:
            return None
        if key not in self._by_email:
            self._by_email[key] = self._lookup(key)
        return self._by_email[key]

    # ------------------------------------------------------------------ Slack calls

    def _list_everyone(self) -> list[SlackPerson]:
        people: list[SlackPerson] = []
        cursor: str | None = None
        for _ in range(MAX_PAGES):
            args: dict[str, Any] = {"limit": PAGE_SIZE}
            if cursor:
                args["cursor"] = cursor
            response = self._call("users.list", self.client.users_list, **args)
            people += [person_of(member) for member in response.get("members") or []]
            cursor = (response.get("response_metadata") or {}).get("next_cursor") or None
            if not cursor:
                break
        return people

    def _lookup(self, email: str) -> SlackPerson | None:
        try:
            response = self.client.users_lookupByEmail(email=email)
        except SlackApiError as exc:
            if _error_code(exc) == "users_not_found":
                return None
            raise _unavailable("users.lookupByEmail", exc) from None
        except Exception as exc:  # connection refused, timeout after the retries
            raise _unavailable("users.lookupByEmail", exc) from None
        return person_of(response.get("user") or {})

    def _call(self, method: str, function, **args: Any):
        try:
            return function(**args)
        except SlackApiError as exc:
            raise _unavailable(method, exc) from None
        except Exception as exc:
            raise _unavailable(method, exc) from None


def person_of(member: dict[str, Any]) -> SlackPerson:
    """A Slack user object as a SlackPerson (guests are restricted or ultra-restricted users)."""
    profile = member.get("profile") or {}
    return SlackPerson(
        user_id=str(member.get("id") or ""),
        real_name=profile.get("real_name") or member.get("real_name") or None,
        display_name=profile.get("display_name") or None,
        email=profile.get("email") or None,
        is_bot=bool(member.get("is_bot") or member.get("is_app_user")) or member.get("id") == SLACKBOT,
        deleted=bool(member.get("deleted")),
        is_guest=bool(member.get("is_restricted") or member.get("is_ultra_restricted")),
    )


def directory_for(container: Any, team_id: str) -> SlackPeopleDirectory | None:
    """The directory an import in `team_id` links owners through; None without Slack (console)."""
    settings = container.settings
    if not (settings.slack_bot_token or settings.oauth_enabled):
        return None
    try:
        client = container.slack_client_for(team_id)
    except LookupError as exc:
        raise DirectoryUnavailable(f"Linking account owners to Slack users was skipped because {exc}: install the "
                                   "app in that workspace and import again.") from None
    return SlackPeopleDirectory(client, team_id)


def _error_code(exc: SlackApiError) -> str:
    response = getattr(exc, "response", None)
    try:
        return str(response.get("error") or "") if response is not None else ""
    except Exception:
        return ""


def _unavailable(method: str, exc: Exception) -> DirectoryUnavailable:
    if isinstance(exc, SlackApiError):
        code = _error_code(exc) or f"HTTP {getattr(exc.response, 'status_code', '?')}"
        why = f"Slack answered {method} with '{code}'"
        hint = _HINTS.get(code)
        if hint:
            why += f": {hint}"
    else:
        why = f"Slack could not be reached for {method} ({exc.__class__.__name__})"
    return DirectoryUnavailable(
        f"Linking account owners to Slack users was skipped because {why}; fix that and import again.")
