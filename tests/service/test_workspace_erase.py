"""Erasing one workspace's data (KAM_ON_UNINSTALL=erase, `kam demo --reset`): every table is emptied of
that workspace's rows, in dependency order, and the other workspace keeps every row it had."""
from __future__ import annotations

from datetime import date, datetime, timezone

from sqlalchemy import func, select
from sqlmodel import Session, SQLModel

from kam_domain.demo import seed_demo
from kam_domain.models import (
    Account, ConversationMemory, Delivery, Interaction, InteractionAttendee, Note, NudgeSnooze, OwnerLink,
    ProcessedEvent, QuadrantSnapshot, Stakeholder, SwotPoint, UserProfile, Workspace,
)
from kam_domain.services.workspaces import erase_workspace_data

T_A, T_B = "T_ALPHA", "T_BETA"
TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)


def _fill(session: Session, team_id: str) -> None:
    """The demo, plus a row in each table the demo leaves empty, and a reports-to link."""
    seed_demo(session, team_id, TODAY)
    account = session.exec(select(Account).where(Account.team_id == team_id)).scalars().first()
    people = session.exec(select(Stakeholder).where(Stakeholder.account_id == account.id)).scalars().all()
    people[0].reports_to_id = people[1].id
    interaction = session.exec(select(Interaction).where(Interaction.team_id == team_id)).scalars().first()
    if not session.exec(select(InteractionAttendee).where(
            InteractionAttendee.interaction_id == interaction.id)).first():
        session.add(InteractionAttendee(interaction_id=interaction.id, stakeholder_id=people[0].id))
    note = session.exec(select(Note).where(Note.account_id == account.id)).scalars().first()
    session.add_all([
        SwotPoint(team_id=team_id, account_id=account.id, quadrant="strength", text="Trusted on site",
                  source_note_id=note.id, accepted_by="U1"),
        ConversationMemory(team_id=team_id, channel_id="C1", thread_ts="1.0", account_id=account.id,
                           stakeholder_id=people[0].id),
        NudgeSnooze(team_id=team_id, subject=f"stakeholder:{people[0].id}", until=TODAY, snoozed_by="U1"),
        QuadrantSnapshot(team_id=team_id, week_start=TODAY, account_id=account.id, tier="key", quadrant="star"),
        UserProfile(team_id=team_id, user_id="U1"),
        OwnerLink(team_id=team_id, crm_owner_key="ana keller", crm_owner_name="Ana Keller", user_id="U1"),
        ProcessedEvent(team_id=team_id, event_id="Ev1"),
        Delivery(team_id=team_id, idempotency_key=f"{team_id}:digest", kind="digest", target="C1", due_at=NOW),
    ])
    session.flush()


def _counts(session: Session, team_id: str) -> dict[str, int]:
    counts = {}
    for table in SQLModel.metadata.sorted_tables:
        if "team_id" in table.c:
            where = table.c.team_id == team_id
        else:  # the meeting attendees, through their meeting
            where = table.c.interaction_id.in_(select(Interaction.id).where(Interaction.team_id == team_id))
        counts[table.name] = session.execute(select(func.count()).select_from(table).where(where)).scalar_one()
    return counts


def test_erasing_a_workspace_empties_every_table_of_it_and_leaves_the_other_whole(engine):
    with Session(engine) as session:
        _fill(session, T_A)
        _fill(session, T_B)
        session.commit()
        before_a, before_b = _counts(session, T_A), _counts(session, T_B)
    assert all(before_a.values()), {name: n for name, n in before_a.items() if not n}  # every table has rows

    with Session(engine) as session:
        deleted = erase_workspace_data(session, T_A)
        session.commit()
    with Session(engine) as session:
        after_a, after_b = _counts(session, T_A), _counts(session, T_B)
        assert session.get(Workspace, T_A) is not None  # the workspace row stays (marked uninstalled elsewhere)
    assert after_b == before_b
    assert after_a == {name: (1 if name == "workspace" else 0) for name in after_a}
    assert deleted == sum(before_a.values()) - 1


def test_erasing_a_workspace_with_nothing_in_it_deletes_nothing(engine):
    with Session(engine) as session:
        _fill(session, T_B)
        session.commit()
        before = _counts(session, T_B)
        assert erase_workspace_data(session, T_A) == 0
        session.commit()
        assert _counts(session, T_B) == before
