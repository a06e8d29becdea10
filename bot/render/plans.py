"""Renderers of the plans feature (stakeholder map, meeting logs, account plan, next actions)
and its modal forms. Importing this module registers them all."""
from __future__ import annotations

from bot.render import plans_log, plans_map, plans_next, plans_plan, plans_views  # noqa: F401  (registration)
