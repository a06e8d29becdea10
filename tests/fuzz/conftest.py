"""Fuzz tests: module-scoped parts (one database, one fake Slack, one app server per module)."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
