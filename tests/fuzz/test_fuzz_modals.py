"""Every modal's view_submission under random input, over real HTTP: random and oversize values,
missing fields, wrong types, garbage metadata. The ack is either empty (saved) or
response_action=errors with a clear message on a field of the form, and then nothing is written."""
from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import event, given, strategies as st
from sqlmodel import Session, select

from bot.app import create_app
from bot.handlers.plans import log_modal, person_modal
from bot.handlers.selection import score_modal
from bot.http import create_web_app
from bot.render import plans_common as ids
from bot.render import selection_views as forms
from bot.render.reviews import review_modal
from bot.results import OpenModal
from bot.wiring import build_view
from kam_domain.services import meetings, plans, reviews, selection, stakeholders, tier_changes
from kam_domain.services.authz import Actor
from fuzzing import APOLOGY, DATABASES, INJECTIONS, fuzz, fuzz_engine, injected, row_counts, unwatch, watch_errors
from support import signing
from support.app_server import ServerThread, SlackScenario, free_port
from support.builders import add_account, add_criteria, add_member, add_stakeholder
from support.constants import NOW, TODAY
from support.fake_slack import FakeSlack
from support.scenario_helpers import build_container

ALICE = Actor("T_ALPHA", "U_ALICE")
MAX_FIELD = 3000  # Slack's largest plain_text_input; longer never comes from Slack


def _views(container, account_id: int, person_id: int) -> dict[str, dict]:
    uow = container.uow
    objective = plans.save_objective(uow(), ALICE, account_id, None, "Win the 2027 renewal", None, "U_ALICE", None,
                                     TODAY, NOW)
    with Session(container.engine) as session:
        from kam_domain.models import Objective

        objective_id = session.exec(select(Objective)).first().id
    plans.add_action(uow(), ALICE, account_id, objective_id, "Book a site visit", "U_ALICE", None, TODAY, NOW)
    request = tier_changes.nominate(uow(), ALICE, ["Acme", "Retail", "Group", "new", "plant"], NOW,
                                    container.settings.admin_ids)
    request_data = {"tier_change_id": request.tier_change_id, "kind": request.kind,
                    "account_name": request.account_name, "channel_id": "C_GENERAL", "message_ts": None}
    section = plans.section_form(uow(), ALICE, account_id, plans.EDITABLE_SECTIONS[0].value)
    built = {
        ids.LOG_FORM: log_modal(meetings.form_for(uow(), ALICE, account_id, TODAY, attendee_ids=[person_id])),
        ids.LOG_MESSAGE_FORM: OpenModal(ids.LOG_MESSAGE_FORM, "Log as meeting", "", data={
            "notes": "met Lars", "date": TODAY, "channel_id": "C_GENERAL", "message_ts": "1700000000.000100"}),
        ids.PERSON_FORM: person_modal(stakeholders.form_for(uow(), ALICE, account_id, TODAY, stakeholder_id=person_id)),
        ids.SECTION_FORM: OpenModal(ids.SECTION_FORM, section.label, "", data={"form": section}),
        ids.OBJECTIVE_FORM: OpenModal(ids.OBJECTIVE_FORM, "Add an objective", "",
                                      data={"form": plans.objective_form(uow(), ALICE, account_id)}),
        ids.ACTION_FORM: OpenModal(ids.ACTION_FORM, "Add an action", "",
                                   data={"form": plans.action_form(uow(), ALICE, account_id, objective_id)}),
        ids.ACTIONS_FORM: OpenModal(ids.ACTIONS_FORM, "Edit actions", "", data={
            "form": plans.action_form(uow(), ALICE, account_id, objective_id, editing=True, today=TODAY)}),
        forms.REJECT_FORM: OpenModal(forms.REJECT_FORM, "", "", data=request_data),
        forms.OVERRIDE_FORM: OpenModal(forms.OVERRIDE_FORM, "", "", data=request_data),
        forms.SCORE_FORM: score_modal(selection.score_card_by_id(uow(), ALICE, account_id), "C_GENERAL"),
        "review": review_modal(reviews.review_checklist(uow(), ALICE, account_id, TODAY), "C_GENERAL"),
    }
    return {name: build_view(modal) for name, modal in built.items()}


@pytest.fixture(scope="module", params=DATABASES)
def world(request, sqlite_template, tmp_path_factory):
    directory = tmp_path_factory.mktemp("fuzz-modals")
    engine = fuzz_engine(request, sqlite_template, directory)
    with Session(engine) as session:
        borealis = add_account(session, "T_ALPHA", "Borealis Logistics GmbH", tier="key", owner_user_id="U_ALICE")
        acme = add_account(session, "T_ALPHA", "Acme Retail Group", tier="candidate", owner_user_id="U_ALICE")
        add_member(session, borealis, "U_BOB")
        add_member(session, acme, "U_ALICE", role="kam")
        lars = add_stakeholder(session, borealis, "Lars Henriksen", title="COO", role="decision_maker", influence=5,
                               attitude=1, last_contact_on=date(2026, 11, 1))
        add_criteria(session, "T_ALPHA", [("product_fit", 3, "attractiveness"), ("solvency", 2, "attractiveness"),
                                          ("relationships", 2, "strength")])
        session.commit()
        account_id, person_id = borealis.id, lars.id
    errors = watch_errors()
    with FakeSlack(team_id="T_ALPHA") as fake:
        container = build_container(engine, fake, directory)
        views = _views(container, account_id, person_id)
        port = free_port()
        server = ServerThread(create_web_app(create_app(container), container), port)
        server.start()
        try:
            yield {"engine": engine, "views": views, "errors": errors, "fake": fake,
                   "scenario": SlackScenario(url=f"http://127.0.0.1:{port}/slack/events", fake=fake,
                                             container=container)}
        finally:
            server.stop()
            unwatch(errors)
            engine.dispose()


def input_blocks(view: dict) -> list[dict]:
    return [b for b in view.get("blocks") or [] if b.get("type") == "input"]


texts = st.one_of(
    st.text(max_size=60), st.sampled_from(INJECTIONS), st.just(""), st.just("   "),
    st.sampled_from(["Lars Henriksen", "5", "-3", "1e309", "nan", "99999999999999999999", "2026-02-30", "none",
                     "Tom Berg, Head of IT; Lea Vogt (CTO)", "(((", ";;;", "a@b.co", "$1.2M", "x" * 2999]),
    st.integers(min_value=2990, max_value=20_000).map(lambda n: ("lorem ipsum " * (n // 12 + 1))[:n]),
)
wrong = st.one_of(st.integers(), st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=3),
                                                                                      st.integers(), max_size=2),
                  st.booleans(), st.floats(allow_nan=True))
dates = st.one_of(st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)).map(date.isoformat),
                  st.sampled_from(["2026-02-30", "tomorrow", "", "2026-13-01", "0000-00-00"]), st.text(max_size=10))


def _options(element: dict) -> list[str]:
    found = [o.get("value") for o in element.get("options") or []]
    for group in element.get("option_groups") or []:
        found += [o.get("value") for o in group.get("options") or []]
    return [v for v in found if v is not None]


def element_state(draw, element: dict) -> dict:
    kind = element.get("type")
    state: dict = {"type": kind}
    if draw(st.integers(0, 9)) == 0:  # a wrong type where Slack would send a string
        key = {"plain_text_input": "value", "datepicker": "selected_date", "users_select": "selected_user"}.get(
            kind, "selected_option")
        state[key] = draw(wrong)
        return state
    if kind == "plain_text_input":
        state["value"] = draw(st.one_of(texts, st.none()))
    elif kind == "datepicker":
        state["selected_date"] = draw(st.one_of(dates, st.none()))
    elif kind in ("users_select", "conversations_select"):
        state["selected_user"] = draw(st.sampled_from(["U_ALICE", "U_BOB", "U_NOBODY", "", "<@U1>", "x" * 50, None]))
    elif kind in ("static_select", "radio_buttons", "external_select"):
        choices = _options(element) or ["1", "2"]
        value = draw(st.one_of(st.sampled_from(choices), st.text(max_size=10), st.sampled_from(["-1", "999", "0"])))
        state["selected_option"] = draw(st.sampled_from([{"value": value, "text": {"type": "plain_text", "text": "x"}},
                                                         None]))
    elif kind.startswith("multi_"):
        choices = _options(element) or ["1", "2", "x"]
        state["selected_options"] = [{"value": v} for v in draw(st.lists(
            st.one_of(st.sampled_from(choices), st.text(max_size=5)), max_size=4))]
    return state


def sane_state(draw, element: dict) -> dict:
    """What a person filling the form in would send."""
    kind = element.get("type")
    if kind == "plain_text_input":
        return {"type": kind, "value": element.get("initial_value") or draw(st.sampled_from(
            ["Renewal on track", "Lars Henriksen", "5", "Tom Berg, Head of IT", "Met the COO; keen on the pilot"]))}
    if kind == "datepicker":
        return {"type": kind, "selected_date": draw(st.sampled_from(["2026-11-20", "2026-12-01", "2027-01-15"]))}
    if kind in ("users_select", "conversations_select"):
        return {"type": kind, "selected_user": "U_ALICE"}
    if kind.startswith("multi_"):
        return {"type": kind, "selected_options": [{"value": v} for v in _options(element)[:1]]}
    choices = _options(element)
    return {"type": kind, "selected_option": {"value": draw(st.sampled_from(choices))} if choices else None}


@st.composite
def submissions(draw, views: dict[str, dict]):
    name = draw(st.sampled_from(sorted(views)))
    view = views[name]
    blocks = input_blocks(view)
    # Half the time a sane form with one field fuzzed (so saves happen too), else every field fuzzed.
    fuzzed = draw(st.sampled_from([b["block_id"] for b in blocks])) if blocks and draw(st.booleans()) else None
    values = {}
    for block in blocks:
        element = block.get("element") or {}
        if fuzzed is not None and block["block_id"] != fuzzed:
            values[block["block_id"]] = {element.get("action_id", "value"): sane_state(draw, element)}
            continue
        if draw(st.integers(0, 7)) == 0:
            continue  # a missing field
        values[block["block_id"]] = {element.get("action_id", "value"): element_state(draw, element)}
    if draw(st.integers(0, 9)) == 0:
        values[draw(st.text(min_size=1, max_size=10))] = {"value": {"type": "plain_text_input", "value": "x"}}
    metadata = view.get("private_metadata") or ""
    if fuzzed is None and draw(st.integers(0, 5)) == 0:
        metadata = draw(st.sampled_from(["", "{", "[]", "null", "1", "\"x\"", '{"a": "x"}', '{"a": -1}',
                                         '{"account_id": "nope"}', '{"tier_change_id": [1]}', '{"ids": "abc"}',
                                         '{"a": 1, "ids": [1, "x", null]}', '{"a": 99999999999999999999999}']))
    return name, view, values, metadata


def _oversized(values: dict) -> bool:
    return any(isinstance(state.get("value"), str) and len(state["value"].strip()) > MAX_FIELD
               for actions in values.values() for state in actions.values() if isinstance(state, dict))


def test_every_modal_is_covered(world):
    listened = {ids.LOG_FORM, ids.LOG_MESSAGE_FORM, ids.PERSON_FORM, ids.SECTION_FORM, ids.OBJECTIVE_FORM,
                ids.ACTION_FORM, ids.ACTIONS_FORM, forms.REJECT_FORM, forms.OVERRIDE_FORM, forms.SCORE_FORM}
    callbacks = {view["callback_id"] for view in world["views"].values()}
    assert listened | {"kam_review_form"} == callbacks


@fuzz(200)
@given(st.data())
def test_submissions_save_or_name_the_field_to_fix_and_write_nothing(world, data):
    name, view, values, metadata = data.draw(submissions(world["views"]))
    payload = signing.view_submission_payload(view["callback_id"], values, user_id="U_ALICE",
                                              private_metadata=metadata)
    payload["view"]["blocks"] = view.get("blocks") or []
    before = row_counts(world["engine"])
    status, _, body = world["scenario"].interaction(payload)
    assert status == 200, (name, body)
    assert APOLOGY not in body, (name, body)
    assert world["errors"].take() == [], name
    event(f"{name}: {'saved' if not body else 'errors'}")
    if not body:
        assert not _oversized(values), f"{name}: a field over {MAX_FIELD} characters was saved"
        return
    answer = json.loads(body)
    assert answer["response_action"] == "errors", answer
    fields = {b["block_id"] for b in input_blocks(view)}
    assert answer["errors"] and set(answer["errors"]) <= fields, (name, answer)
    assert all(isinstance(m, str) and m.strip() and len(m) <= 2000 for m in answer["errors"].values()), answer
    # Slack shows these errors as plain text under the field, never as mrkdwn: no mention can fire.
    assert row_counts(world["engine"]) == before, f"{name} answered errors {answer} but wrote"
