"""App Home: the user's own accounts."""
from __future__ import annotations

from slack_bolt import App

from bot.bootstrap import Container
from bot.errors import log_unexpected
from bot.render.home import home_view
from kam_domain.services.home import my_accounts

EVENTS = ["app_home_opened"]


def register(app: App, container: Container) -> None:
    def publish_home(event, context, client):
        if event.get("tab") not in (None, "home"):
            return
        actor = context["actor"]
        try:
            summary = my_accounts(container.uow(), actor, container.clock.today())
            client.views_publish(user_id=actor.user_id, view=home_view(summary))
        except Exception as exc:  # noqa: BLE001 - the home tab stays as it was; we log it
            log_unexpected(exc, "app_home_opened")

    def ack_only(ack):
        ack()

    app.event("app_home_opened")(ack=ack_only, lazy=[publish_home])
