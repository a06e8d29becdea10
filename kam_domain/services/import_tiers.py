"""Tiers from the CRM: a file's tier column (`Tier`, `Key Account`, a `Type` saying "Key") on import.

Key accounts in the file become tier "key" (key_since = the import's day), audited with the
reason "imported from CRM"; everything else is regular when created. An existing account follows
the file only while its tier was never handled in Slack: no nomination or demotion (pending,
approved or rejected) other than the import's own, and it is either regular or was made key by an
import. So a re-import never promotes or demotes an account whose tier a person changed, and a
candidate on the watch-list stays one. A change to an existing account is also recorded as an
approved TierChange decided by "import", so the tier history (portfolio, 80/20 over time) knows it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import func, insert, select, update
from sqlmodel import Session

from kam_domain.models import Account, AuditEntry, TierChange, Workspace

IMPORT_DECIDER = "import"
TIER_REASON = "imported from CRM"
TIER_ACTION = "account.tier_imported"
MAX_NAMED = 10


@dataclass
class TierOutcome:
    promoted: int = 0
    demoted: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # "Name (key in Slack, regular in the file)"
    over_cap: str | None = None

    def lines(self, dry_run: bool = False) -> list[str]:
        lines = []
        if self.promoted:
            lines.append(f"{self.promoted} account{'s' if self.promoted != 1 else ''} "
                         f"{'would become' if dry_run else 'became'} key, as marked in the CRM (imported from CRM).")
        if self.demoted:
            lines.append(f"{len(self.demoted)} account{'s' if len(self.demoted) != 1 else ''} made key by an earlier "
                         f"import {'would be' if dry_run else 'are'} regular again as the CRM no longer marks them "
                         "key: " + _listed(self.demoted) + ".")
        if self.kept:
            lines.append(f"{len(self.kept)} account{'s' if len(self.kept) != 1 else ''} keep the tier set in Slack, "
                         "whatever the file says: " + _listed(self.kept) + ".")
        if self.over_cap:
            lines.append(self.over_cap)
        return lines


def apply_tiers(session: Session, team_id: str, wanted: dict[int, bool], created: set[int], actor: str,
                now: datetime, today: date, write: bool = True) -> TierOutcome:
    """`wanted[account_id]` = does the file mark it key. Writes in the caller's transaction (unless `write`
    is False: a dry run counts what would change)."""
    outcome = TierOutcome()
    if not wanted:
        return outcome
    accounts = {r.id: r for r in session.execute(
        select(Account.id, Account.name, Account.tier, Account.key_since).where(Account.team_id == team_id))
        if r.id in wanted}
    by_people = set(session.scalars(select(TierChange.account_id).where(
        TierChange.team_id == team_id,
        (TierChange.decided_by.is_(None)) | (TierChange.decided_by != IMPORT_DECIDER))))
    by_import = set(session.scalars(select(AuditEntry.account_id).where(
        AuditEntry.team_id == team_id, AuditEntry.action == TIER_ACTION)))
    account_updates, changes, audits = [], [], []
    for account_id, key in wanted.items():
        account = accounts.get(account_id)
        desired = "key" if key else "regular"
        if account is None or account.tier == desired:
            continue
        new = account_id in created
        if not new and (account_id in by_people or not (account.tier == "regular" or account_id in by_import)):
            outcome.kept.append(f"{account.name} ({account.tier} in Slack, {desired} in the file)")
            continue
        key_since = today if key else None
        account_updates.append({"id": account_id, "tier": desired, "key_since": key_since, "updated_at": now})
        if key:
            outcome.promoted += 1
        else:
            outcome.demoted.append(account.name)
        audits.append({
            "team_id": team_id, "account_id": account_id, "actor": (actor or "import")[:32], "action": TIER_ACTION,
            "entity": "account", "entity_id": account_id,
            "before": {"tier": account.tier, "key_since": account.key_since.isoformat() if account.key_since else None},
            "after": {"tier": desired, "key_since": key_since.isoformat() if key_since else None},
            "reason": TIER_REASON, "at": now})
        if not new:
            changes.append({
                "team_id": team_id, "account_id": account_id, "from_tier": account.tier, "to_tier": desired,
                "kind": "nomination" if key else "demotion", "reason": TIER_REASON,
                "requested_by": (actor or "import")[:32], "requested_at": now, "status": "approved",
                "decided_by": IMPORT_DECIDER, "decided_at": now, "decision_reason": TIER_REASON,
                "override_reason": None})
    if write:
        for statement, rows in ((update(Account), account_updates), (insert(TierChange), changes),
                                (insert(AuditEntry), audits)):
            for start in range(0, len(rows), 1000):
                session.execute(statement, rows[start:start + 1000])
    outcome.over_cap = _cap_warning(session, team_id, outcome, write)
    return outcome


def _cap_warning(session: Session, team_id: str, outcome: TierOutcome, written: bool) -> str | None:
    if not outcome.promoted:
        return None
    cap = session.scalar(select(Workspace.key_account_cap).where(Workspace.team_id == team_id))
    keys = session.scalar(select(func.count()).select_from(Account).where(
        Account.team_id == team_id, Account.tier == "key")) or 0
    if not written:
        keys += outcome.promoted - len(outcome.demoted)
    if cap and keys > cap:
        return (f"There are now {keys} key accounts, above the cap of {cap}: few key accounts get real attention, "
                "so review them with `/kam portfolio` and demote the weakest.")
    return None


def _listed(items: list[str]) -> str:
    shown = ", ".join(items[:MAX_NAMED])
    return shown + (f" and {len(items) - MAX_NAMED} more" if len(items) > MAX_NAMED else "")
