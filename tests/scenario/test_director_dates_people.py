"""Issue 15, "Bad input still wrote data" and "Whose action and who is who", walked over signed Slack
HTTP into the real app: impossible dates refused, far and future dates confirmed with a button first,
first names matched, colleagues kept off the customer's map, next steps owned by the colleague named."""
from __future__ import annotations

import json
from datetime import date

import pytest
from sqlmodel import Session, func, select

from kam_domain.models import Action, AuditEntry, Interaction, Note, Stakeholder
from support import signing
from support.builders import add_account, add_member, add_stakeholder

LARS_LAST = date(2026, 11, 17)  # the scenario clock's today is Mon 23 Nov 2026


# The real app over a real notes index (Chroma in tmp, the hash embedder): the indexing a log asks for runs.
from test_log_flows import scenario  # noqa: E402,F401  (the fixture)


def _seed(engine, fake_slack) -> dict[str, int]:
    with Session(engine) as session:
        borealis = add_account(session, "T_ALPHA", "Borealis Logistics GmbH", tier="key", owner_user_id="U_ALICE",
                               sponsor_user_id="U_HELENA")
        add_member(session, borealis, "U_BOB")
        lars = add_stakeholder(session, borealis, "Lars Henriksen", title="COO", role="decision_maker", influence=5,
                               attitude=1, contact_level="in_depth", last_contact_on=LARS_LAST)
        katrin = add_stakeholder(session, borealis, "Katrin Vogel", title="CFO", role="economic_buyer", influence=5,
                                 attitude=0, contact_level="multiple", last_contact_on=date(2026, 11, 4))
        add_stakeholder(session, borealis, "Eva Lund", title="Head of Procurement", influence=4)
        add_stakeholder(session, borealis, "Eva Brandt", title="Buyer", influence=2)
        session.commit()
        ids = {"borealis": borealis.id, "lars": lars.id, "katrin": katrin.id}
    # Our people, as Slack's directory knows them (users.list): nothing about them is stored.
    fake_slack.add_user("U_ALICE", real_name="Anna Keller", display_name="anna")
    fake_slack.add_user("U_HELENA", real_name="Helena Berg", display_name="helena")
    fake_slack.add_user("U_BOB", real_name="Bob Meyer", display_name="bob")
    return ids


def _render(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def _counts(engine) -> tuple:
    with Session(engine) as session:
        return tuple(session.exec(select(func.count()).select_from(m)).one()
                     for m in (Interaction, Note, Action, Stakeholder, AuditEntry))


def _person(engine, stakeholder_id: int) -> Stakeholder:
    with Session(engine) as session:
        return session.get(Stakeholder, stakeholder_id)


def _buttons(blocks: list[dict]) -> list[dict]:
    return [e for b in blocks if b.get("type") == "actions" for e in b["elements"]]


def _click(scenario, element: dict, name: str) -> None:
    payload = signing.block_action_payload(element["action_id"], element["value"], channel_id="C_GENERAL",
                                           response_url=scenario.fake.response_url(name), block_id="log_date")
    status, _, _ = scenario.interaction(payload)
    assert status == 200


@pytest.mark.parametrize("line, phrase, why", [
    ("log borealis met Lars Henriksen on 31 Feb, fine", "31 Feb", "February has 28 days in 2026"),
    ("log borealis met Lars Henriksen on 2026-13-45, fine", "2026-13-45", "there is no month 13; write year-month-day"),
])
def test_an_impossible_date_is_refused_with_the_words_and_writes_nothing(engine, scenario, line, phrase, why):
    ids = _seed(engine, scenario.fake)
    before = _counts(engine)
    status, _, _ = scenario.command(line)
    assert status == 200
    reply = scenario.replies()[0]
    assert reply["response_type"] == "ephemeral"
    assert f"I could not read the date '{phrase}' ({why})" in reply["text"]
    assert "Nothing was logged" in reply["text"]
    assert _counts(engine) == before
    assert _person(engine, ids["lars"]).last_contact_on == LARS_LAST


def test_next_friday_is_asked_about_and_logged_on_that_day_only_after_the_click(engine, scenario):
    ids = _seed(engine, scenario.fake)
    before = _counts(engine)
    scenario.command("log borealis met Lars Henriksen next Friday, fine")
    asked = scenario.replies()[0]
    assert asked["response_type"] == "ephemeral"
    rendered = _render(asked["blocks"])
    assert "'next Friday' is Fri 27 Nov 2026, in 4 days" in rendered and "Nothing was logged." in rendered
    assert _counts(engine) == before
    [confirm] = _buttons(asked["blocks"])
    assert confirm["text"]["text"] == "Yes, log it on Fri 27 Nov 2026"
    assert confirm["value"] == f"log #{ids['borealis']} met Lars Henriksen next Friday, fine confirm-date=2026-11-27"
    _click(scenario, confirm, "confirm")
    logged = scenario.replies(count=2)[1]
    assert logged.get("replace_original") is True
    assert "Meeting logged for *Borealis Logistics GmbH*" in _render(logged["blocks"])
    with Session(engine) as session:
        interaction = session.exec(select(Interaction)).one()
        assert interaction.occurred_on == date(2026, 11, 27)
        assert "confirm-date" not in session.get(Note, interaction.note_id).body
    assert _person(engine, ids["lars"]).last_contact_on == LARS_LAST  # a meeting still to come is no contact


def test_1999_needs_the_confirmation_and_writes_nothing_until_then(engine, scenario):
    ids = _seed(engine, scenario.fake)
    before = _counts(engine)
    scenario.command("log borealis met Lars Henriksen on 1999-01-01, fine")
    asked = scenario.replies()[0]
    assert "'1999-01-01' is Fri 1 Jan 1999, about 28 years ago" in _render(asked["blocks"])
    [confirm] = _buttons(asked["blocks"])
    assert confirm["text"]["text"] == "Yes, log it on Fri 1 Jan 1999"
    assert _counts(engine) == before
    assert _person(engine, ids["lars"]).last_contact_on == LARS_LAST


def test_a_first_name_alone_updates_katrin_vogel(engine, scenario):
    ids = _seed(engine, scenario.fake)
    people = _counts(engine)[3]
    scenario.command("stakeholder borealis katrin attitude=-1")
    reply = scenario.replies()[0]
    assert "Katrin Vogel (CFO)" in _render(reply["blocks"])
    assert _person(engine, ids["katrin"]).attitude == -1
    assert _counts(engine)[3] == people


def test_a_shared_first_name_asks_which_with_both_full_names(engine, scenario):
    _seed(engine, scenario.fake)
    before = _counts(engine)
    scenario.command("stakeholder borealis eva attitude=1")
    text = scenario.replies()[0]["text"]
    assert "'eva' could be" in text and "Eva Lund" in text and "Eva Brandt" in text
    assert _counts(engine) == before


def test_helenas_next_step_is_hers_and_she_is_not_offered_as_a_customer_person(engine, scenario):
    _seed(engine, scenario.fake)
    scenario.command("log borealis met Katrin Vogel yesterday, Helena Berg joined; "
                     "next step: Helena to call her back by 15 Dec")
    reply = scenario.replies()[0]
    rendered = _render(reply["blocks"])
    assert "Helena to call her back by 15 Dec" in rendered and "<@U_HELENA>" in rendered
    assert "Helena Berg* is not on the" not in rendered and "plans:add_person" not in rendered
    assert scenario.fake.calls("users.list")  # the directory told us who Helena is
    with Session(engine) as session:
        action = session.exec(select(Action)).one()
        assert (action.owner_user_id, action.due_on) == ("U_HELENA", date(2026, 12, 15))
        assert session.exec(select(Stakeholder).where(Stakeholder.name.like("Helena%"))).first() is None


def test_our_sponsor_cannot_be_added_to_the_customer_map(engine, scenario):
    _seed(engine, scenario.fake)
    before = _counts(engine)
    scenario.command("stakeholder borealis Helena Berg title=CFO")
    assert "Helena Berg (executive sponsor) is one of ours" in scenario.replies()[0]["text"]
    assert _counts(engine) == before


def test_owner_by_a_name_is_resolved_or_refused_never_added(engine, scenario):
    ids = _seed(engine, scenario.fake)
    scenario.command("stakeholder borealis katrin owner=@Anna Keller")
    scenario.replies()
    assert _person(engine, ids["katrin"]).owner_user_id == "U_ALICE"
    before = _counts(engine)
    scenario.command("stakeholder borealis katrin owner=@Anna Kellerman")
    text = scenario.replies(count=2)[1]["text"]
    assert "`@Anna Kellerman` is not a Slack user" in text and "owner=U0123ABCD" in text
    assert _counts(engine) == before and _person(engine, ids["katrin"]).owner_user_id == "U_ALICE"
