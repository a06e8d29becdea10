"""The admin's one-time notice that a Slack surface is missing in the workspace (bot/surfaces.py)."""
from __future__ import annotations

from sqlmodel import Session

from bot.render.blocks import SlackMessage, context, section
from bot.render.escape import slack_escape as esc
from bot.surfaces import SURFACE_UNAVAILABLE, SURFACES
from kam_domain.models import Delivery


def render_surface_unavailable(session: Session, delivery: Delivery) -> SlackMessage | None:
    payload = delivery.payload or {}
    surface = SURFACES.get(payload.get("surface") or "")
    if surface is None:
        return None
    error = esc(str(payload.get("error") or "refused"))
    scope = payload.get("needed_scope")
    needs = f"the `{esc(scope)}` scope" if scope else surface.needs
    text = (f"Slack refused {surface.what} in this workspace (`{error}`). Until it is turned on I "
            f"{surface.instead}. It needs {needs}.")
    fix = ("Reinstall the app from `manifest.yaml` (Settings -> Install App) to grant missing scopes; "
           "plan features are turned on by a workspace owner. I say this once.")
    return SlackMessage(text, [section(text), context(fix)], ephemeral=False)


OUTBOX = {SURFACE_UNAVAILABLE: render_surface_unavailable}
