"""Facts about one account or person on real databases: money over N quarters, reports-to chains, a
person's attitude with the notes behind it, promises, changes since a day. Expected values are computed
here from the rows each test seeds; another workspace's rows and restricted accounts never show."""
from __future__ import annotations

from datetime import date, datetime, timezone

import pytest
from sqlmodel import Session, select

from kam_domain.errors import NeedsChoice, NotAllowed, UserError
from kam_domain.models import Action, AuditEntry, Interaction, Note, Stakeholder
from kam_domain.services import account_history, account_money, person_facts
from kam_domain.services.authz import Actor
from kam_domain.store.uow import UnitOfWork
from support.builders import add_account, add_financials, add_stakeholder, two_workspaces_with_borealis

TODAY = date(2026, 11, 23)
ALICE = Actor("T_ALPHA", "U_ALICE")
OUTSIDER = Actor("T_ALPHA", "U_OUTSIDER")
BETA = Actor("T_BETA", "U_BETAUSER")
QUARTERS = [("2025-Q1", 100_000, 70_000), ("2025-Q2", 110_000, 72_000), ("2025-Q3", 120_000, 80_000),
            ("2025-Q4", 90_000, 95_000), ("2026-Q1", 130_000, 90_000), ("2026-Q2", 150_000, 100_000),
            ("2026-Q3", 160_000, 100_000)]


def _note(session, account, day: date, author: str, body: str) -> Note:
    note = Note(team_id=account.team_id, account_id=account.id, written_on=day, author=author, body=body,
                content_hash=f"{account.id}-{day}-{len(body)}-{author}")
    session.add(note)
    session.flush()
    return note


def _seed(engine) -> dict:
    with Session(engine) as session:
        alpha, beta = two_workspaces_with_borealis(session)
        add_financials(session, alpha, QUARTERS)
        add_financials(session, beta, [("2026-Q3", 9_999_999, 1), ("2026-Q2", 8_888_888, 1)])
        acme = add_account(session, "T_ALPHA", "Acme Retail Group", tier="key", owner_user_id="U_ALICE")
        add_financials(session, acme, [("2026-07", 10_000, 4_000), ("2026-08", 11_000, 4_000), ("2026-09", 12_000, 5_000)])
        secret = add_account(session, "T_ALPHA", "Secret Merger Target", owner_user_id="U_BOB", restricted=True)
        lars = next(p for p in alpha_people(session, alpha) if p.name == "Lars Henriksen")
        ceo = add_stakeholder(session, alpha, "Petra Holm", title="CEO", role="economic_buyer")
        board = add_stakeholder(session, alpha, "Ole Dahl", title="Chair")
        ceo.reports_to_id = board.id
        lars.reports_to_id = ceo.id
        nina = add_stakeholder(session, alpha, "Nina Berg", title="Head of IT", reports_to_id=lars.id)
        add_stakeholder(session, acme, "Lars Olsen", title="Buyer", attitude=-1)
        add_stakeholder(session, secret, "Hidden Person", title="CFO")
        session.add(AuditEntry(team_id="T_ALPHA", account_id=alpha.id, actor="U_ALICE", action="stakeholder.updated",
                               entity="stakeholder", entity_id=lars.id, before={"attitude": 0}, after={"attitude": 1},
                               at=datetime(2026, 11, 5, 10, 0, tzinfo=timezone.utc)))
        notes = [_note(session, alpha, date(2026, 10, 2), "Alice", "Lars Henriksen is a strong supporter of the "
                       "rollout. Lars defends us in the steering group."),
                 _note(session, alpha, date(2026, 11, 10), "Bob", "Met Lars Henriksen and Nina. I promised to send "
                       "the revised TCO model by Friday. We will set up a site visit in December."),
                 _note(session, alpha, date(2026, 9, 1), "Alice", "Budget talks only; nobody else named.")]
        session.add(Action(team_id="T_ALPHA", account_id=alpha.id, title="Send pricing proposal", status="open",
                           due_on=date(2026, 11, 20), owner_user_id="U_ALICE"))
        session.add(Action(team_id="T_ALPHA", account_id=alpha.id, title="Old thing", status="done"))
        session.add(Action(team_id="T_BETA", account_id=beta.id, title="Beta secret promise", status="open"))
        session.add(Interaction(team_id="T_ALPHA", account_id=alpha.id, occurred_on=date(2026, 11, 10),
                                summary="Steering group with Lars", sentiment=1, logged_by="U_BOB",
                                note_id=notes[1].id))
        session.add(AuditEntry(team_id="T_ALPHA", account_id=alpha.id, actor="U_ALICE", action="plan.section_saved",
                               entity="plan_section", entity_id=1, after={"section": "goals"},
                               at=datetime(2026, 11, 12, 9, 0, tzinfo=timezone.utc)))
        session.add(AuditEntry(team_id="T_ALPHA", account_id=alpha.id, actor="U_ALICE", action="scores.set",
                               entity="account", entity_id=alpha.id, at=datetime(2026, 10, 1, 9, 0, tzinfo=timezone.utc)))
        session.add(AuditEntry(team_id="T_BETA", account_id=beta.id, actor="U_BETAUSER", action="plan.section_saved",
                               entity="plan_section", entity_id=2, at=datetime(2026, 11, 12, 9, 0, tzinfo=timezone.utc)))
        session.commit()
        return {"borealis": alpha.id, "acme": acme.id, "secret": secret.id, "lars": lars.id, "ceo": ceo.id,
                "board": board.id, "nina": nina.id, "notes": [n.id for n in notes]}


def alpha_people(session, account):
    return session.exec(select(Stakeholder).where(Stakeholder.account_id == account.id)).all()


# --------------------------------------------------------------------------- money


@pytest.mark.parametrize("count", [4, 6])
def test_money_over_n_quarters_sums_the_window_and_compares_it(engine, count):
    ids = _seed(engine)
    m = account_money.account_money(UnitOfWork(engine), ALICE, "borealis", count)
    window = QUARTERS[-count:]
    assert m.account_id == ids["borealis"] and [q.period for q in m.quarters] == [p for p, _, _ in window]
    assert m.revenue == sum(r for _, r, _ in window) and m.cost == sum(c for _, _, c in window)
    assert m.profit == sum(r - c for _, r, c in window)
    assert m.margin == pytest.approx(m.profit / m.revenue)
    assert m.growth == pytest.approx((window[-1][1] - window[0][1]) / window[0][1])
    before = QUARTERS[-2 * count:-count]
    expected_previous = sum(r for _, r, _ in before) if len(before) == count else None
    assert m.previous_revenue == expected_previous
    assert m.period == f"{window[0][0]} to {window[-1][0]}" and "customer pays us" in m.source


def test_eight_quarters_names_the_quarter_without_figures(engine):
    _seed(engine)
    m = account_money.account_money(UnitOfWork(engine), ALICE, "Borealis Logistics", 8)
    assert m.missing == ["2024-Q4"] and m.revenue == sum(r for _, r, _ in QUARTERS)
    assert m.growth_vs_previous is None  # nothing before the window


def test_monthly_figures_add_up_to_their_quarter(engine):
    _seed(engine)
    m = account_money.account_money(UnitOfWork(engine), ALICE, "acme", 1)
    assert [q.period for q in m.quarters] == ["2026-Q3"]
    assert (m.revenue, m.cost) == (10_000 + 11_000 + 12_000, 4_000 + 4_000 + 5_000)


def test_money_is_scoped_to_the_workspace_and_the_readers(engine):
    ids = _seed(engine)
    beta = account_money.account_money(UnitOfWork(engine), BETA, "borealis", 4)
    assert beta.revenue == 9_999_999 + 8_888_888 and beta.account_id != ids["borealis"]
    alpha = account_money.account_money(UnitOfWork(engine), ALICE, "borealis", 4)
    assert 9_999_999 not in [q.revenue for q in alpha.quarters]
    with pytest.raises(NotAllowed):
        account_money.account_money(UnitOfWork(engine), OUTSIDER, "secret merger", 4)
    with pytest.raises(UserError, match="1 to 40"):
        account_money.account_money(UnitOfWork(engine), ALICE, "borealis", 0)


# --------------------------------------------------------------------------- people


def test_reports_chain_goes_up_to_the_top_and_lists_direct_reports(engine):
    ids = _seed(engine)
    r = person_facts.reports_chain(UnitOfWork(engine), ALICE, "Lars Henriksen")
    assert r.person.id == ids["lars"] and [p.id for p in r.chain] == [ids["ceo"], ids["board"]]
    assert [p.id for p in r.direct_reports] == [ids["nina"]] and not r.loops
    top = person_facts.reports_chain(UnitOfWork(engine), ALICE, "who does ole dahl report to?")
    assert top.chain == []


def test_a_loop_in_the_reports_to_links_is_named_not_followed_forever(engine):
    ids = _seed(engine)
    with Session(engine) as session:
        board = session.get(Stakeholder, ids["board"])
        board.reports_to_id = ids["lars"]
        session.add(board)
        session.commit()
    r = person_facts.reports_chain(UnitOfWork(engine), ALICE, "Lars Henriksen")
    assert r.loops and [p.id for p in r.chain] == [ids["ceo"], ids["board"]]


def test_a_name_at_two_accounts_asks_which_and_a_place_settles_it(engine):
    ids = _seed(engine)
    with pytest.raises(NeedsChoice) as asked:
        person_facts.reports_chain(UnitOfWork(engine), ALICE, "Lars")
    assert {c.value for c in asked.value.choices} == {f"Lars Henriksen at #{ids['borealis']}",
                                                      f"Lars Olsen at #{ids['acme']}"}
    chosen = asked.value.retry_command.replace("{choice}", asked.value.choices[0].value)
    assert chosen.startswith("reports Lars")
    r = person_facts.reports_chain(UnitOfWork(engine), ALICE, "Lars at Acme Retail")
    assert r.person.name == "Lars Olsen" and r.account_id == ids["acme"]
    r = person_facts.reports_chain(UnitOfWork(engine), ALICE, f"Lars at #{ids['borealis']}")
    assert r.person.id == ids["lars"]


def test_people_of_other_workspaces_and_restricted_accounts_stay_hidden(engine):
    _seed(engine)
    with pytest.raises(UserError, match="No one called"):
        person_facts.reports_chain(UnitOfWork(engine), ALICE, "Beta Secret Person")
    with pytest.raises(NotAllowed):
        person_facts.person_attitude(UnitOfWork(engine), OUTSIDER, "Hidden Person")
    with pytest.raises(UserError, match="No one called"):
        person_facts.reports_chain(UnitOfWork(engine), BETA, "Lars Henriksen")


def test_attitude_names_who_set_it_and_cites_the_notes(engine):
    ids = _seed(engine)
    a = person_facts.person_attitude(UnitOfWork(engine), ALICE, "is Lars Henriksen for or against us?")
    assert a.person.id == ids["lars"] and a.attitude == 1 and a.verdict == "for us"
    assert (a.set_by, a.set_at.date()) == ("U_ALICE", date(2026, 11, 5))
    assert a.notes_read == 2  # "strong supporter" and "defends us"
    assert {e.note_id for e in a.evidence} == {ids["notes"][0]}
    assert [m.note_id for m in a.mentions] == [ids["notes"][1], ids["notes"][0]]  # newest first; not the third
    assert a.mentions[0].author == "Bob" and a.mentions[0].written_on == date(2026, 11, 10)


def test_attitude_without_notes_or_record_says_so(engine):
    _seed(engine)
    a = person_facts.person_attitude(UnitOfWork(engine), ALICE, "Lars Olsen")
    assert (a.attitude, a.verdict, a.set_by, a.notes_read, a.mentions) == (-1, "against us", None, None, [])


# --------------------------------------------------------------------------- promises and changes


def test_promises_are_open_actions_and_our_commitments_in_notes(engine):
    ids = _seed(engine)
    p = account_history.promises(UnitOfWork(engine), ALICE, "borealis", TODAY)
    assert [a.text for a in p.actions] == ["Send pricing proposal"] and p.actions[0].overdue(TODAY)
    from_notes = {x.sentence for x in p.from_notes}
    assert "I promised to send the revised TCO model by Friday." in from_notes
    assert all(x.note_id == ids["notes"][1] and x.author == "Bob" for x in p.from_notes)
    assert "Beta secret promise" not in str(p)


def test_a_commitment_an_action_already_carries_is_not_listed_twice(engine):
    _seed(engine)
    first = account_history.promises(UnitOfWork(engine), ALICE, "borealis", TODAY)
    title = first.from_notes[0].text
    with Session(engine) as session:
        session.add(Action(team_id="T_ALPHA", account_id=first.account_id, title=title, status="open"))
        session.commit()
    again = account_history.promises(UnitOfWork(engine), ALICE, "borealis", TODAY)
    assert title not in [x.text for x in again.from_notes] and title in [a.text for a in again.actions]


def test_changes_since_a_day_lists_notes_meetings_and_audited_changes(engine):
    _seed(engine)
    c = account_history.changes_since(UnitOfWork(engine), ALICE, "borealis", "since 1 Nov", TODAY)
    assert c.since == date(2026, 11, 1)
    kinds = [(x.at, x.kind) for x in c.changes]
    assert kinds == [(date(2026, 11, 5), "stakeholder"), (date(2026, 11, 10), "meeting"), (date(2026, 11, 12), "plan")]
    assert "attitude 0 → 1" in c.changes[0].text
    assert c.count("note") == 0  # the note of the logged meeting is the meeting
    wider = account_history.changes_since(UnitOfWork(engine), ALICE, "borealis", "2026-09-01", TODAY)
    assert wider.count("note") == 2 and wider.count("score") == 1


def test_changes_refuse_an_unreadable_or_future_day_and_stay_in_the_workspace(engine):
    _seed(engine)
    with pytest.raises(UserError, match="can't read"):
        account_history.changes_since(UnitOfWork(engine), ALICE, "borealis", "since whenever", TODAY)
    with pytest.raises(UserError, match="future"):
        account_history.changes_since(UnitOfWork(engine), ALICE, "borealis", "2027-01-01", TODAY)
    beta = account_history.changes_since(UnitOfWork(engine), BETA, "borealis", "1 Nov", TODAY)
    assert [x.kind for x in beta.changes] == ["plan"]
    with pytest.raises(NotAllowed):
        account_history.changes_since(UnitOfWork(engine), OUTSIDER, "secret merger", "1 Nov", TODAY)
