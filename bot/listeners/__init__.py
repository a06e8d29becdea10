"""Listeners by Slack feature. `LISTENED` is what the manifest must declare, and no more.

Each feature module has `register(app)` and lists the shortcut callback ids it handles in
`SHORTCUTS`; buttons and modal callbacks stay inside their module. Listeners are module-level
functions over Bolt's arguments plus `actor` and `container` (bot/listeners/toolkit.py).
"""
from __future__ import annotations

from slack_bolt import App

from bot.listeners import actions, commands, drafts, events, home, plans, reviews, selection, team
from bot.listeners import assistant
from bot.listeners import workflow_step
from bot.listeners import plan_drafts
from bot.listeners.toolkit import provide_container

FEATURES = (selection, plans, drafts, plan_drafts, reviews, team)

LISTENED = {
    "commands": list(commands.COMMANDS),
    "events": events.EVENTS + home.EVENTS + assistant.EVENTS + workflow_step.EVENTS
              + ["app_uninstalled", "tokens_revoked"],  # these two: bot/app.py
    "shortcuts": [callback for module in FEATURES for callback in module.SHORTCUTS],
    "functions": list(workflow_step.FUNCTIONS),  # Workflow Builder custom steps (manifest `functions`)
}


def register_all(app: App, container) -> None:
    app.use(provide_container(container))
    for module in (commands, events, home, actions, *FEATURES):
        module.register(app)
    assistant.register(app)  # bolt middleware: claims messages in DM threads before events.py sees them
    workflow_step.register(app)
