"""Job functions the persistent job store names by reference ("bot.jobs:run_due_now").

APScheduler re-imports this module in whatever process runs the job, so importing it does
nothing: no settings, no database, no Slack. The running process binds its container under
a plain key (`bot.job_containers.bind`); a process that has none builds one from the environment on first use.
"""
from __future__ import annotations

import logging

from bot.job_containers import DEFAULT, bind, container_for, unbind  # noqa: F401  (bind/unbind: re-exported)

log = logging.getLogger(__name__)


def run_due_now(container_key: str = DEFAULT) -> str:
    """The clock tick: send what is due now (recover interrupted sends first), then index queued notes."""
    from bot.scheduler import run_due

    container = container_for(container_key)
    report = run_due(container, container.clock.now())
    log.info("clock tick: %s", report)
    indexed = _index_queued(container)
    return f"{report}; {indexed}" if indexed else str(report)


def _index_queued(container) -> str:
    """Notes no other path indexed (an import whose indexing failed, a note logged while the index was
    down) become searchable at the next tick; a failure here never stops the clock."""
    from bot.indexing import index_queued

    try:
        report = index_queued(container)
    except Exception:  # noqa: BLE001 - the reminders went out; indexing is retried next tick
        log.exception("clock tick: indexing queued notes failed")
        return "indexing failed (retried next tick)"
    if report is None or not (report.indexed or report.failed):
        return ""
    log.info("clock tick indexing: %s", report)
    return str(report)
