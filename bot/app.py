"""The thin Bolt app factory: settings and parts in, an App with every listener out."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from slack_bolt import App

from bot.bootstrap import Container
from bot.errors import apology, log_unexpected
from bot.listeners import register_all
from bot.middleware import attach_context, dedupe_events


LAZY_WORKERS = 4


def create_app(container: Container, *, socket_mode: bool = False) -> App:
    settings = container.settings
    oauth = _oauth_options(container) if settings.oauth_enabled and not socket_mode else {}
    app = App(
        token=None if oauth else settings.slack_bot_token,
        signing_secret=settings.slack_signing_secret or ("socket-mode" if socket_mode else None),
        client=container.slack_client,
        process_before_response=not socket_mode,
        request_verification_enabled=not socket_mode,
        token_verification_enabled=False,
        raise_error_for_unhandled_request=False,
        # Slow work (lazy listeners) runs on a small pool so it cannot crowd out the acks.
        listener_executor=ThreadPoolExecutor(max_workers=LAZY_WORKERS, thread_name_prefix="kam-lazy"),
        **oauth,
    )
    app.use(attach_context(container))
    app.use(dedupe_events(container))
    register_all(app, container)
    register_uninstall(app, container, oauth=bool(oauth))

    @app.error
    def on_error(error, body, respond=None):
        reference = log_unexpected(error, "bolt")
        if respond is not None and body.get("response_url"):
            respond(text=apology(reference), response_type="ephemeral", replace_original=False)

    return app


def _oauth_options(container: Container) -> dict:
    from bot.oauth import oauth_settings

    store = container.installation_store
    return {"oauth_settings": oauth_settings(container, store), "installation_store": store}


def register_uninstall(app: App, container: Container, oauth: bool) -> None:
    """app_uninstalled / tokens_revoked: drop the installation, keep or erase the data."""
    from bot.oauth import forget_workspace

    revoked_listener = app.default_tokens_revoked_event_listener() if oauth else None
    uninstalled_listener = app.default_app_uninstalled_event_listener() if oauth else None

    def on_uninstalled(event, context, body, logger):
        if uninstalled_listener is not None:
            uninstalled_listener(context=context)
        forget_workspace(container, context.get("team_id") or body.get("team_id"))

    def on_tokens_revoked(event, context, body, logger):
        if revoked_listener is not None:
            revoked_listener(event=event, context=context)

    app.event("app_uninstalled")(on_uninstalled)
    app.event("tokens_revoked")(on_tokens_revoked)
