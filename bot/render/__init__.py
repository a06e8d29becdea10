"""Renderers: the same service results as Block Kit (Slack) or plain text (console)."""
