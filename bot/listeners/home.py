"""App Home: the user's own accounts, the scores they wait for, and (admins) set-up left to do."""
from __future__ import annotations

from slack_bolt import App

from bot.errors import log_unexpected
from bot.listeners.toolkit import acknowledge
from bot.render.home import home_view
from kam_domain.services.doctor import setup_checks
from kam_domain.services.home import my_accounts

EVENTS = ["app_home_opened"]


def setup_left_to_do(container, actor) -> list[tuple[str, str]]:
    """What an admin still has to set up, as `kam doctor` finds it: (what, the command that fixes it).

    The channel-membership check asks Slack once per key account, too slow for every tab
    opening: `kam doctor` runs it; the tab shows the database checks."""
    report = setup_checks(container.uow(), actor.team_id, today=container.clock.today())
    return [(item.message, item.fix_command) for item in report.items]


def publish_home(container, client, actor, where: str = "app_home_opened") -> None:
    """Draw the person's Home tab; on a failure it stays as it was (logged)."""
    try:
        summary = my_accounts(container.uow(), actor, container.clock.today())
        setup = setup_left_to_do(container, actor) if actor.is_admin else None
        client.views_publish(user_id=actor.user_id, view=home_view(summary, setup))
    except Exception as exc:  # noqa: BLE001 - the home tab is drawn again next time it is opened
        log_unexpected(exc, where)


def home_opened(event, actor, container, client):
    if event.get("tab") in (None, "home"):
        publish_home(container, client, actor)


def register(app: App) -> None:
    app.event("app_home_opened")(ack=acknowledge, lazy=[home_opened])
