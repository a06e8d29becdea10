"""Console parity (issue 15): every plan write Slack has, typed at the console through the same services;
numbered questions answered by number or name within one `kam chat` session; memory that belongs to one
session only; very overdue actions offered to close or re-date. Real store (SQLite and PostgreSQL via
`engine`), real container and handlers; fakes only at the edge: a retrieval index that is down (the SWOT
reads the notes from the database, as it does on an outage) and a stand-in for the model that drafts."""
from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from sqlmodel import Session, select

from bot.bootstrap import Container
from bot.console import CONSOLE_USER, NO_QUESTION, ChatSession, answer_line, chat
from bot.context import RequestContext
from bot.language.respond import thread_key
from bot.settings import load_settings
from kam_domain.clock import FixedClock
from kam_domain.demo import ANNA
from kam_domain.drafting.types import ActionsDraft, DraftPoint, SwotDraft
from kam_domain.index.chroma_index import IndexUnavailable
from kam_domain.models import Action, AuditEntry, ConversationMemory, Note, Objective, SwotPoint
from kam_domain.services.authz import Actor
from support.builders import add_account
from support.constants import NOW, TODAY

TEAM = "T_ALPHA"
OUTSIDER = Actor(TEAM, "U_OUTSIDER")
NOTES = (  # (days ago, "quadrant: statement") - the stand-in drafter reads the quadrant off the note
    (10, "strength: Our 24-hour spare-parts delivery keeps us on the shortlist."),
    (20, "weakness: Nobody in their finance team knows us beyond the invoices."),
    (30, "opportunity: They want to move to a 3-year framework deal."),
    (40, "threat: Procurement wants to re-tender the drive belts next spring."),
)


class DownIndex:
    """The retrieval index is unavailable: drafts read the account's notes from the database."""

    def rank_account_notes(self, *args, **kwargs):
        raise IndexUnavailable("the test index is down")


class NoteQuadrantDrafter:
    """A stand-in for the drafting model: one point per note, in the quadrant the note starts with."""

    label = "offline"

    def draft_swot(self, request):
        points = []
        for note in request.notes:
            quadrant, _, text = note.text.partition(":")
            points.append(DraftPoint(quadrant.strip(), text.strip(), note.id, 1.0))
        return SwotDraft(points, self.label)

    def draft_next_actions(self, request):
        return ActionsDraft([], self.label)


@pytest.fixture
def ids(engine) -> dict[str, int]:
    with Session(engine) as session:
        borealis = add_account(session, TEAM, "Borealis Logistics GmbH", tier="key", owner_user_id="U_ALICE")
        energy = add_account(session, TEAM, "Vantor Energy AS", tier="key", owner_user_id="U_ALICE")
        health = add_account(session, TEAM, "Vantor Health Ltd", tier="candidate", owner_user_id="U_BOB")
        for days, body in NOTES:
            session.add(Note(team_id=TEAM, account_id=borealis.id, written_on=TODAY - timedelta(days=days),
                             author="Anna Keller", body=body, content_hash=f"parity-{days}"))
        objective = Objective(team_id=TEAM, account_id=borealis.id, horizon="short", title="Win the renewal",
                              owner_user_id="U_ALICE", due_on=date(2027, 1, 31), created_by="U_ALICE")
        session.add(objective)
        session.flush()
        ancient = Action(team_id=TEAM, account_id=borealis.id, title="Send the ISO certificate", status="open",
                         owner_user_id="U_ALICE", due_on=TODAY - timedelta(days=517), source="manual")
        recent = Action(team_id=TEAM, account_id=borealis.id, title="Call Lars", status="open",
                        owner_user_id="U_ALICE", due_on=TODAY - timedelta(days=3), source="manual")
        elsewhere = Action(team_id=TEAM, account_id=energy.id, title="Vantor's own action", status="open",
                           owner_user_id="U_ALICE", due_on=TODAY + timedelta(days=5), source="manual")
        session.add_all([ancient, recent, elsewhere])
        session.commit()
        return {"borealis": borealis.id, "energy": energy.id, "health": health.id, "objective": objective.id,
                "ancient": ancient.id, "recent": recent.id, "elsewhere": elsewhere.id}


@pytest.fixture
def container(engine, tmp_path, ids):
    settings = load_settings(KAM_DATA_DIR=str(tmp_path), KAM_TEAM_ID=TEAM, KAM_TIMEZONE="UTC")
    return Container(settings, engine=engine, clock=FixedClock(NOW), notes_index=DownIndex(),
                     drafter=NoteQuadrantDrafter())


def _rows(engine, model, *where):
    with Session(engine) as session:
        return session.exec(select(model).where(*where)).all()


def _audit(engine, action: str) -> list[AuditEntry]:
    return _rows(engine, AuditEntry, AuditEntry.team_id == TEAM, AuditEntry.action == action)


# =========================================================================== SWOT points


def test_swot_points_are_numbered_and_accepted_or_rejected_by_number(engine, container, ids):
    session = ChatSession()
    draft = answer_line(container, "swot borealis", session=session)
    assert "  1. Our 24-hour spare-parts delivery keeps us on the shortlist." in draft
    assert "  4. Procurement wants to re-tender the drive belts next spring." in draft
    assert "swot Borealis Logistics GmbH accept 1 3" in draft

    accepted = answer_line(container, "swot borealis accept 1 3", session=session)
    assert "Added to Borealis Logistics GmbH's Strengths: Our 24-hour spare-parts delivery" in accepted
    assert "Added to Borealis Logistics GmbH's Opportunities: They want to move to a 3-year framework deal." in accepted
    assert "The SWOT draft now (numbers changed):" in accepted
    points = _rows(engine, SwotPoint, SwotPoint.account_id == ids["borealis"])
    assert sorted(p.quadrant for p in points) == ["opportunity", "strength"]
    assert {p.accepted_by for p in points} == {CONSOLE_USER}
    assert len(_audit(engine, "swot_point.accepted")) == 2

    # the draft now has two points left: 1 is the weakness, 2 the threat
    rejected = answer_line(container, "swot borealis reject 2", session=session)
    assert "Rejected for Borealis Logistics GmbH: Procurement wants to re-tender" in rejected
    assert len(_audit(engine, "swot_point.rejected")) == 1
    again = answer_line(container, "swot borealis", session=session)
    assert "re-tender" not in again and "  1. Nobody in their finance team knows us" in again

    plan = answer_line(container, "plan borealis", session=session)
    assert "Strengths: Our 24-hour spare-parts delivery keeps us on the shortlist." in plan


def test_without_a_session_the_numbers_are_those_of_the_same_draft_made_again(engine, container, ids):
    shown = answer_line(container, "swot borealis")  # `kam ask "swot borealis"`
    assert "  2. Nobody in their finance team knows us" in shown
    accepted = answer_line(container, "swot borealis accept 2")  # a second `kam ask`
    assert "Added to Borealis Logistics GmbH's Weaknesses: Nobody in their finance team" in accepted
    assert [p.quadrant for p in _rows(engine, SwotPoint, SwotPoint.account_id == ids["borealis"])] == ["weakness"]


@pytest.mark.parametrize("line, said", [
    ("swot borealis accept 9", "has points 1-4; there is no point 9. Nothing was changed."),
    ("swot borealis accept 1 9", "there is no point 9"),
    ("swot borealis accept", "Say which points by their number"),
    ("swot borealis reject one", "`one` is not a point number"),
])
def test_bad_point_numbers_write_nothing(engine, container, ids, line, said):
    assert said in answer_line(container, line, session=ChatSession())
    assert _rows(engine, SwotPoint) == [] and _audit(engine, "swot_point.accepted") == []
    assert _audit(engine, "swot_point.rejected") == []


def test_someone_outside_the_account_team_cannot_accept_points(engine, container, ids):
    said = answer_line(container, "swot borealis accept 1", OUTSIDER)
    assert "Only the account team" in said
    assert _rows(engine, SwotPoint) == []


def test_an_ambiguous_account_keeps_the_decision_for_the_chosen_one(engine, container, ids):
    session = ChatSession()
    asked = answer_line(container, "swot vantor accept 1", session=session)
    assert "Which account do you mean" in asked
    assert session.pending is not None and session.pending.retry_command == "swot #{choice} accept 1"


# =========================================================================== objectives and actions


def test_objectives_and_actions_are_added_with_their_fields_and_audited(engine, container, ids):
    added = answer_line(container, 'plan borealis add objective "Win the 2027 framework" horizon=short '
                                   "owner=@Anna Keller due=2027-01-31", session=ChatSession())
    assert added == ("Objective added to the Borealis Logistics GmbH plan: Win the 2027 framework "
                     "(short term, owner @Anna Keller, due 2027-01-31)")
    objective = _rows(engine, Objective, Objective.title == "Win the 2027 framework")[0]
    assert (objective.horizon, objective.owner_user_id, objective.due_on) == ("short", ANNA, date(2027, 1, 31))
    assert objective.created_by == CONSOLE_USER and len(_audit(engine, "objective.created")) == 1

    action = answer_line(container, f'plan borealis add action "Send the TCO model" objective={ids["objective"]} '
                                    "owner=@U_ALICE due=2026-12-18")
    assert action.startswith("Action added under “Win the renewal”: Send the TCO model")
    row = _rows(engine, Action, Action.title == "Send the TCO model")[0]
    assert (row.objective_id, row.owner_user_id, row.due_on) == (ids["objective"], "U_ALICE", date(2026, 12, 18))
    assert len(_audit(engine, "action.created")) == 1
    plan = answer_line(container, "plan borealis")
    assert "Win the 2027 framework" in plan and "Send the TCO model" in plan


@pytest.mark.parametrize("line, said", [
    ('plan borealis add objective "Grow" horizon=someday', "Unknown horizon 'someday'"),
    ('plan borealis add objective "Grow" due=31 Feb', "'31 Feb' is not"),
    ('plan borealis add objective "Grow" due=2020-01-01', "Pick today or a later date"),
    ('plan borealis add action "Call" owner=@nobody-we-know', "I don't know who `@nobody-we-know` is"),
    ('plan borealis add action "Call" objective=999', "has no objective #999"),
    ('plan borealis add action "Call" horizon=short', "`horizon=` does not fit here"),
    ("plan borealis add objective", "Say what the objective is, in quotes after `add objective`."),
    ("plan borealis close action", "Name one action by its number, e.g. `plan Borealis Logistics GmbH close action 3`"),
    ("plan borealis close action three", "`three` is not action number"),
])
def test_bad_plan_lines_say_what_to_fix_and_write_nothing(engine, container, ids, line, said):
    before = (len(_rows(engine, Objective)), len(_rows(engine, Action)), len(_rows(engine, AuditEntry)))
    answer = answer_line(container, line)
    assert said in answer, answer
    assert (len(_rows(engine, Objective)), len(_rows(engine, Action)), len(_rows(engine, AuditEntry))) == before


def test_actions_and_objectives_are_closed_reopened_and_re_dated(engine, container, ids):
    done = answer_line(container, f"plan borealis close action {ids['recent']}")
    assert done == "Done: Call Lars"
    assert _rows(engine, Action, Action.id == ids["recent"])[0].status == "done"
    assert answer_line(container, f"plan borealis reopen action #{ids['recent']}") == "Reopened: Call Lars"
    assert answer_line(container, f"plan borealis drop objective {ids['objective']}") == \
        "Objective dropped: Win the renewal"
    redated = answer_line(container, f"plan borealis redate action {ids['ancient']} due=2027-01-15")
    assert redated.startswith("Re-dated: Send the ISO certificate (it was due 2025-06-24, 517 days overdue)")
    assert _rows(engine, Action, Action.id == ids["ancient"])[0].due_on == date(2027, 1, 15)
    assert len(_audit(engine, "action.status")) == 2 and len(_audit(engine, "action.updated")) == 1
    assert len(_audit(engine, "objective.status")) == 1


@pytest.mark.parametrize("line, said", [
    ("plan borealis close action {elsewhere}", "is not an action of Borealis Logistics GmbH"),
    ("plan borealis close action 99999", "There is no action #99999"),
    ("plan borealis redate action {ancient} due=2026-01-01", "is in the past"),
    ("plan borealis redate action {ancient}", "Give the new date"),
])
def test_closing_or_re_dating_the_wrong_action_writes_nothing(engine, container, ids, line, said):
    assert said in answer_line(container, line.format(**ids))
    assert _rows(engine, AuditEntry) == []
    assert _rows(engine, Action, Action.id == ids["ancient"])[0].due_on == TODAY - timedelta(days=517)


def test_an_outsider_cannot_change_the_plan(engine, container, ids):
    assert "Only the account team" in answer_line(container, f"plan borealis close action {ids['recent']}", OUTSIDER)
    assert _rows(engine, AuditEntry) == []


def test_the_team_is_set_from_the_console(engine, container, ids):
    said = answer_line(container, "team borealis sponsor=@U_HELENA add=@U_BOB:specialist")
    assert "U_HELENA" in said or "sponsor" in said.lower()
    assert _rows(engine, AuditEntry, AuditEntry.team_id == TEAM) != []


# =========================================================================== very overdue actions


def test_very_overdue_actions_come_first_and_are_offered_to_close_or_re_date(engine, container, ids):
    nxt = answer_line(container, "next borealis")
    first = nxt.splitlines()[1]
    assert "Chase: Send the ISO certificate" in first and "!! 517 DAYS OVERDUE" in first
    assert f"close: plan Borealis Logistics GmbH close action {ids['ancient']}" in nxt
    assert f"re-date: plan Borealis Logistics GmbH redate action {ids['ancient']} due=" in nxt
    assert "Call Lars" in nxt and "3 DAYS OVERDUE" not in nxt  # only the very overdue stand out

    plan = answer_line(container, "plan borealis")
    assert "Send the ISO certificate (@U_ALICE, due 2025-06-24 !! 517 DAYS OVERDUE)" in plan
    assert "Very overdue (1): close or re-date them" in plan


# =========================================================================== numbered choices


@pytest.mark.parametrize("reply, card", [
    ("1", "Vantor Energy AS - Key account"), ("1.", "Vantor Energy AS - Key account"),
    ("2", "Vantor Health Ltd - Candidate"), ("the second", "Vantor Health Ltd - Candidate"),
    ("Vantor Health", "Vantor Health Ltd - Candidate"), ("energy", "Vantor Energy AS - Key account"),
    ("last", "Vantor Health Ltd - Candidate"),
])
def test_a_numbered_question_is_answered_by_number_ordinal_or_name(container, ids, reply, card):
    session = ChatSession()
    asked = answer_line(container, "account vantor", session=session)
    assert "Which account do you mean by “vantor”?\n  1. Vantor Energy AS\n  2. Vantor Health Ltd" in asked
    assert "Answer with a number (1-2) or the name." in asked
    assert answer_line(container, reply, session=session).startswith(card)
    assert session.pending is None


def test_a_number_out_of_range_keeps_the_question_and_anything_else_is_a_new_message(container, ids):
    session = ChatSession()
    answer_line(container, "account vantor", session=session)
    assert answer_line(container, "3", session=session) == "Choose 1-2, or type the name."
    assert answer_line(container, "account borealis", session=session).startswith("Borealis Logistics GmbH")
    assert session.pending is None
    assert "There is no question waiting" in answer_line(container, "1", session=session)


def test_kam_ask_has_no_question_waiting(container, ids):
    asked = answer_line(container, "account vantor")
    assert f'kam ask "account #{ids["energy"]}"' in asked
    assert answer_line(container, "1") == NO_QUESTION
    assert answer_line(container, "the second") == NO_QUESTION


def test_kam_chat_answers_the_choice_by_its_number(container, ids):
    out = io.StringIO()
    chat(container, stdin=io.StringIO("account vantor\n1\n"), stdout=out)
    assert "Vantor Energy AS - Key account" in out.getvalue()


# =========================================================================== memory


def test_memory_belongs_to_one_chat_session_and_nothing_else(engine, container, ids):
    admin = Actor(TEAM, CONSOLE_USER, is_admin=True)
    assert thread_key(RequestContext(container, admin, surface="console")) is None  # kam ask: no memory
    one, two = ChatSession(), ChatSession()
    key_one = thread_key(RequestContext(container, admin, surface="console", thread_ts=one.id))
    key_two = thread_key(RequestContext(container, admin, surface="console", thread_ts=two.id))
    assert key_one != key_two and key_one.thread_ts == one.id
    slack = thread_key(RequestContext(container, admin, channel_id="C1", thread_ts="1700000000.000100"))
    assert (slack.channel_id, slack.thread_ts) == ("C1", "1700000000.000100")  # Slack threads keep theirs


def test_a_finished_chat_forgets_its_memory(engine, container, ids):
    from kam_domain.language.directory import Memory, SqlDirectory, ThreadKey

    session = ChatSession()
    with Session(engine) as db:
        SqlDirectory(db, TEAM).remember(ThreadKey("console", session.id), Memory(ids["borealis"], None, "account"))
        SqlDirectory(db, TEAM).remember(ThreadKey("C1", "1700000000.000100"), Memory(ids["borealis"], None, "plan"))
        db.commit()
    from bot.console import forget

    forget(container, session)
    left = _rows(engine, ConversationMemory)
    assert [(m.channel_id, m.thread_ts) for m in left] == [("C1", "1700000000.000100")]
