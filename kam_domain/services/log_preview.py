"""What a meeting log written in plain words will record, read before anything is written, so the
confirmation a person clicks shows what was understood (date, people matched or new, how it went,
the next step, its due date and owner), not the message echoed back. Reads only."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kam_domain.rules.colleagues import step_owner
from kam_domain.rules.log_dates import confirmed_date
from kam_domain.rules.meeting_log import parse_meeting_log
from kam_domain.services import queries
from kam_domain.services.authz import Actor, Permission, require
from kam_domain.services.colleagues import known_colleagues
from kam_domain.services.stakeholders import people_of
from kam_domain.store.uow import UnitOfWork


@dataclass(frozen=True)
class LogPreview:
    account_name: str
    occurred_on: date
    date_given: bool  # False: no date in the text, so today
    people: tuple[str, ...]  # on the map: "Katrin Vogel (CFO)"
    new_people: tuple[str, ...]  # to be added to the map
    sentiment: int  # -2..+2 read from the words
    next_step: str | None
    due_on: date | None
    owner_user_id: str | None  # None: the person logging


def preview_log(uow: UnitOfWork, actor: Actor, account_id: int, text: str, today: date) -> LogPreview:
    with uow:
        session = uow.session
        account = queries.account_by_id(session, actor.team_id, int(account_id))
        require(session, actor, Permission.READ, account)
        text, confirmed, _ = confirmed_date(" ".join((text or "").split()))
        people = people_of(session, account)
        known = [(p.id, p.name, p.title) for p in people]
        draft = parse_meeting_log(text, today, known, [account.name, *(account.aliases or [])])
        by_id = {p.id: p for p in people}
        matched = tuple(_display(by_id[m.stakeholder_id].name, by_id[m.stakeholder_id].title)
                        for m in draft.attendees_matched if m.stakeholder_id in by_id)
        step = draft.next_step
        owner = step_owner(step.text, known_colleagues(session, account, None)) if step else None
        return LogPreview(account.name, confirmed or draft.date, draft.date_was_given or confirmed is not None, matched,
                          tuple(_display(m.name, m.title) for m in draft.unknown_people if m.name), draft.sentiment,
                          step.text if step else None, step.due if step else None,
                          owner.user_id if owner is not None else None)


def _display(name: str, title: str | None) -> str:
    return f"{name} ({title})" if title else name
