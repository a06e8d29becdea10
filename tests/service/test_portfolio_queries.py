"""Portfolio questions (issue 16, class 2) over a seeded store on both databases: each expected list is
computed here from the rows seeded, never written out; restricted accounts only for those who may read
them; another workspace's accounts never."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from statistics import median

import pytest
from sqlmodel import Session

from bot.bootstrap import Container
from bot.console import answer_line
from bot.settings import load_settings
from bot.wiring import to_message
from kam_domain.clock import FixedClock
from kam_domain.errors import NotAllowed, UserError
from kam_domain.models import Account, Interaction, OwnerLink, QuadrantSnapshot, Review
from kam_domain.rules.people_matching import SlackPerson
from kam_domain.services import accounts_of_person, portfolio_coverage as coverage, portfolio_queries as money
from kam_domain.services.authz import Actor
from support.builders import add_account, add_criteria, add_financials, add_member, add_scores, add_stakeholder
from support.constants import NOW, TODAY
from support.slack_rules import check_block

BOB = Actor("T_ALPHA", "U_BOB")  # a member on no account team
ANNA = Actor("T_ALPHA", "U_ANNA")  # KAM of the restricted account
GUEST = Actor("T_ALPHA", "U_GUEST", is_guest=True)
BEFORE = ["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"]
NOW_Q = ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]

# name -> (tier, revenue per quarter last year, this year, cost per quarter this year, extra fields)
ACCOUNTS = {
    "Borealis Logistics": ("key", 100, 150, 60, {"owner_user_id": "U_ANNA", "sponsor_user_id": "U_VP",
                                                  "channel_id": "C_BOREALIS", "plan_updated_at": NOW}),
    "Acme Retail Group": ("key", 200, 160, 190, {"owner_user_id": "U_ANNA"}),
    "Helios Foods": ("regular", 80, 104, 95, {"channel_id": "C_HELIOS"}),
    "Kestrel Aerospace": ("candidate", 50, 55, 40, {"owner_user_id": "U_CARL", "sponsor_user_id": "U_VP"}),
    "Nordic Paper": ("regular", 90, 54, 20, {}),
    "Vantor Energy": ("key", 120, 126, 30, {"owner_user_id": "U_CARL", "sponsor_user_id": "U_ANNA",
                                            "plan_updated_at": NOW}),
    "Quiet Merger Target": ("key", 40, 100, 120, {"owner_user_id": "U_ANNA", "restricted": True}),
}
BETA = ("Beta Only Account", "key", 10, 90, 200)


def _seed(session) -> dict[str, int]:
    ids = {}
    for name, (tier, before, now, cost, fields) in ACCOUNTS.items():
        account = add_account(session, "T_ALPHA", name, tier=tier, **fields)
        add_financials(session, account, [(p, before, before * 0.5) for p in BEFORE] + [(p, now, cost) for p in NOW_Q])
        ids[name] = account.id
    name, tier, before, now, cost = BETA
    beta = add_account(session, "T_BETA", name, tier=tier)
    add_financials(session, beta, [(p, before, 1) for p in BEFORE] + [(p, now, cost) for p in NOW_Q])
    ids[name] = beta.id
    return ids


@pytest.fixture
def container(engine, tmp_path):
    with Session(engine) as session:
        ids = _seed(session)
        session.commit()
    settings = load_settings(KAM_DATA_DIR=str(tmp_path), KAM_TEAM_ID="T_ALPHA")
    c = Container(settings, engine=engine, clock=FixedClock(NOW))
    c.ids = ids
    return c


def _visible(actor: Actor, tier: str | None = None) -> dict[str, tuple]:
    """The seeded accounts this actor may read: everything but the restricted one, unless on its team."""
    out = {}
    for name, row in ACCOUNTS.items():
        account_tier, fields = row[0], row[4]
        if fields.get("restricted") and actor.user_id not in (fields.get("owner_user_id"), fields.get("sponsor_user_id")):
            continue
        if tier == "key" and account_tier != "key" or tier == "non-key" and account_tier == "key":
            continue
        out[name] = row
    return out


def _growth(row) -> float:
    return (row[2] * 4 - row[1] * 4) / (row[1] * 4)


# ============================================================================ growth


@pytest.mark.parametrize("actor", [BOB, ANNA], ids=["member", "restricted-owner"])
@pytest.mark.parametrize("tier", [None, "key", "non-key"])
def test_growth_leaders_are_the_readable_accounts_that_grew_fastest_first(container, actor, tier):
    expected = sorted(((n, _growth(r)) for n, r in _visible(actor, tier).items() if _growth(r) > 0),
                      key=lambda x: -x[1])
    answer = money.growth(container.uow(), actor, "leaders", tier)
    assert [(r.account_name, round(r.growth, 6)) for r in answer.rows] == [(n, round(g, 6)) for n, g in expected]
    assert answer.basis == "revenue Q1–Q4 2026 vs Q1–Q4 2025, imported financials"
    assert "Beta Only Account" not in {r.account_name for r in answer.rows}


def test_the_restricted_account_is_listed_for_its_kam_only(container):
    assert "Quiet Merger Target" in {r.account_name for r in money.growth(container.uow(), ANNA).rows}
    assert "Quiet Merger Target" not in {r.account_name for r in money.growth(container.uow(), BOB).rows}


def test_decliners_fall_steepest_first_and_non_key_leaves_key_accounts_out(container):
    expected = sorted(((n, _growth(r)) for n, r in _visible(BOB, "non-key").items() if _growth(r) < 0),
                      key=lambda x: x[1])
    answer = money.growth(container.uow(), BOB, "decliners", "non-key")
    assert [r.account_name for r in answer.rows] == [n for n, _ in expected]
    assert answer.title == "Non-key accounts declining most"


# ============================================================================ margins


def _margin(row) -> tuple[float, float, float]:
    revenue, cost = row[2] * 4, row[3] * 4
    return revenue, cost, (revenue - cost) / revenue


def test_loss_making_accounts_lose_most_first(container):
    expected = sorted(((n, _margin(r)[0] - _margin(r)[1]) for n, r in _visible(BOB).items()
                       if _margin(r)[1] > _margin(r)[0]), key=lambda x: x[1])
    answer = money.margins(container.uow(), BOB, "loss")
    assert [(r.account_name, r.profit) for r in answer.rows] == expected
    assert answer.basis == "margin = (revenue − cost to serve) / revenue, Q1–Q4 2026, imported financials"


def test_low_margin_is_under_the_threshold_thinnest_first(container):
    expected = sorted(((n, _margin(r)[2]) for n, r in _visible(ANNA).items() if _margin(r)[2] < money.LOW_MARGIN),
                      key=lambda x: x[1])
    answer = money.margins(container.uow(), ANNA, "low")
    assert [r.account_name for r in answer.rows] == [n for n, _ in expected]
    assert "Quiet Merger Target" in [r.account_name for r in answer.rows]


def test_cost_to_serve_outliers_are_far_above_the_median_ratio(container):
    ratios = {n: r[3] / r[2] for n, r in _visible(BOB).items()}
    norm = median(ratios.values())
    expected = sorted((n for n, x in ratios.items() if x > norm * money.COST_OUTLIER), key=lambda n: -ratios[n])
    answer = money.margins(container.uow(), BOB, "cost-to-serve")
    assert [r.account_name for r in answer.rows] == expected and expected
    assert f"median {norm:.2f}" in answer.basis


# ============================================================================ gaps


@pytest.mark.parametrize("gap,field", [("plan", "plan_updated_at"), ("sponsor", "sponsor_user_id"),
                                       ("channel", "channel_id")])
def test_key_accounts_missing_a_plan_sponsor_or_channel(container, gap, field):
    expected = sorted(n for n, r in _visible(BOB, "key").items() if not r[4].get(field))
    answer = coverage.gaps(container.uow(), BOB, gap, TODAY)
    assert sorted(r.account_name for r in answer.rows) == expected and expected
    every = coverage.gaps(container.uow(), BOB, gap, TODAY, tier=None)
    assert sorted(r.account_name for r in every.rows) == sorted(n for n, r in _visible(BOB).items()
                                                                if not r[4].get(field))


def test_no_recent_contact_reads_meetings_and_stakeholders(engine, container):
    ids = container.ids
    met = {"Borealis Logistics": 10, "Acme Retail Group": 70, "Vantor Energy": 40}
    with Session(engine) as session:
        for name, days in met.items():
            session.add(Interaction(team_id="T_ALPHA", account_id=ids[name], occurred_on=TODAY - timedelta(days=days),
                                    summary="met", logged_by="U_ANNA"))
        kestrel = session.get(Account, ids["Kestrel Aerospace"])
        add_stakeholder(session, kestrel, "Ines Vogt", last_contact_on=TODAY - timedelta(days=5))
        session.commit()
    answer = coverage.gaps(container.uow(), BOB, "contact", TODAY, tier=None, days=30)
    last = {**{n: TODAY - timedelta(days=d) for n, d in met.items()}, "Kestrel Aerospace": TODAY - timedelta(days=5)}
    expected = {n for n in _visible(BOB) if n not in last or (TODAY - last[n]).days > 30}
    assert {r.account_name for r in answer.rows} == expected
    assert answer.title == "Accounts with no contact in 30 days"


# ============================================================================ cold key people


def test_cold_key_people_across_accounts(engine, container):
    ids = container.ids
    people = [("Borealis Logistics", "Lars Berg", 5, "economic_buyer", 40), ("Borealis Logistics", "Mia Kahn", 2,
              "user", 200), ("Acme Retail Group", "Tom Ruiz", 4, "influencer", 20), ("Helios Foods", "Eva Lind", 4,
              "decision_maker", 100), ("Nordic Paper", "Olaf Moe", 3, "decision_maker", None),
              ("Quiet Merger Target", "Hidden Person", 5, "economic_buyer", None)]
    with Session(engine) as session:
        for name, person, influence, role, days in people:
            add_stakeholder(session, session.get(Account, ids[name]), person, influence=influence, role=role,
                            last_contact_on=TODAY - timedelta(days=days) if days is not None else None)
        session.commit()
    thresholds = {"key": (30, 45), "regular": (90, 120), "candidate": (60, 90)}

    def cold(name, influence, role, days):
        tier = ACCOUNTS[name][0]
        key_person = influence >= 4 or role in ("economic_buyer", "decision_maker")
        limit = thresholds[tier][0 if influence >= 4 else 1]
        return key_person and (days is None or days > limit)

    expected = {(n, p) for n, p, i, r, d in people if n in _visible(BOB) and cold(n, i, r, d)}
    answer = coverage.cold_people(container.uow(), BOB, TODAY)
    assert {(r.account_name, r.person) for r in answer.rows} == expected
    assert answer.rows[0].days_since is None  # never contacted first
    only_key = coverage.cold_people(container.uow(), BOB, TODAY, tier="key")
    assert {r.account_name for r in only_key.rows} == {n for n, _ in expected if ACCOUNTS[n][0] == "key"}


# ============================================================================ trends


def test_engagement_going_down_compares_the_last_two_reviews(engine, container):
    ids = container.ids
    ratings = {"Borealis Logistics": [4, 2], "Acme Retail Group": [2, 3], "Helios Foods": [5, 5, 3],
               "Quiet Merger Target": [5, 1], "Kestrel Aerospace": [4]}
    with Session(engine) as session:
        for name, values in ratings.items():
            for i, value in enumerate(values):
                session.add(Review(team_id="T_ALPHA", account_id=ids[name], due_on=TODAY, checklist={},
                                   done_at=datetime(2026, 1 + i, 1, tzinfo=timezone.utc), engagement_rating=value,
                                   loyalty_rating=3))
        session.commit()
    pairs = {n: (v[-2], v[-1]) for n, v in ratings.items() if len(v) >= 2 and n in _visible(BOB)}
    answer = coverage.trends(container.uow(), BOB, "engagement", TODAY)
    assert [r.account_name for r in answer.rows] == sorted((n for n, (a, b) in pairs.items() if b < a),
                                                           key=lambda n: (pairs[n][1] - pairs[n][0], n))
    up = coverage.trends(container.uow(), BOB, "engagement", TODAY, direction="up")
    assert [r.account_name for r in up.rows] == [n for n, (a, b) in pairs.items() if b > a]
    assert coverage.trends(container.uow(), BOB, "loyalty", TODAY).rows == []  # loyalty stayed at 3


def test_meetings_going_down_compares_two_90_day_windows(engine, container):
    ids = container.ids
    days = {"Borealis Logistics": [5, 100, 120, 150], "Acme Retail Group": [10, 20, 100], "Nordic Paper": [130]}
    with Session(engine) as session:
        for name, ago in days.items():
            for d in ago:
                session.add(Interaction(team_id="T_ALPHA", account_id=ids[name], occurred_on=TODAY - timedelta(days=d),
                                        summary="met", logged_by="U_ANNA"))
        session.commit()
    counts = {n: (sum(90 <= d < 180 for d in ago), sum(d < 90 for d in ago)) for n, ago in days.items()}
    answer = coverage.trends(container.uow(), BOB, "meetings", TODAY)
    assert {r.account_name for r in answer.rows} == {n for n, (a, b) in counts.items() if b < a}


# ============================================================================ quadrant movers


def test_movers_compare_the_quarter_start_snapshot_with_current_scores(engine, container):
    ids = container.ids
    now = {"Borealis Logistics": (9, 9, "strategic"), "Acme Retail Group": (9, 2, "star"),
           "Helios Foods": (2, 9, "status"), "Quiet Merger Target": (2, 2, "streamline")}
    before = {"Borealis Logistics": "star", "Acme Retail Group": "star", "Helios Foods": "streamline",
              "Quiet Merger Target": "strategic"}
    start = coverage.quarter_start(TODAY)
    with Session(engine) as session:
        criteria = add_criteria(session, "T_ALPHA", [("size", 1, "attractiveness"), ("relationship", 1, "strength")])
        for name, (size, rel, _) in now.items():
            add_scores(session, session.get(Account, ids[name]), criteria, {"size": size, "relationship": rel})
            session.add(QuadrantSnapshot(team_id="T_ALPHA", week_start=start - timedelta(days=3), account_id=ids[name],
                                         tier=ACCOUNTS[name][0], quadrant=before[name]))
        session.commit()
    expected = sorted(n for n in now if before[n] != now[n][2] and n in _visible(BOB))
    answer = coverage.movers(container.uow(), BOB, TODAY)
    assert [(r.account_name, r.before, r.now) for r in answer.rows] == [(n, before[n], now[n][2]) for n in expected]
    assert "Quiet Merger Target" in {r.account_name for r in coverage.movers(container.uow(), ANNA, TODAY).rows}


def test_movers_without_a_snapshot_say_so(container):
    answer = coverage.movers(container.uow(), BOB, TODAY)
    assert answer.rows == [] and "No weekly snapshot" in answer.note


# ============================================================================ accounts of a person


def _link(engine, name: str, user_id: str) -> None:
    with Session(engine) as session:
        session.add(OwnerLink(team_id="T_ALPHA", crm_owner_key=name.lower(), crm_owner_name=name, user_id=user_id))
        session.commit()


def _roles_of(user_id: str, actor: Actor, tier: str | None = None) -> dict[str, str]:
    out = {}
    for name, (account_tier, *_rest, fields) in _visible(actor, tier).items():
        if fields.get("sponsor_user_id") == user_id:
            out[name] = "sponsor"
        if fields.get("owner_user_id") == user_id:
            out[name] = "kam"
    return out


def test_key_accounts_for_a_named_person_with_their_role(engine, container):
    _link(engine, "Anna Keller", "U_ANNA")
    with Session(engine) as session:
        add_member(session, session.get(Account, container.ids["Helios Foods"]), "U_ANNA", "specialist")
        session.commit()
    answer = accounts_of_person.accounts_of_person(container.uow(), BOB, "key accounts for Anna Keller", tier="key")
    assert {r.account_name: r.role for r in answer.rows} == _roles_of("U_ANNA", BOB, "key")
    assert answer.person_name == "Anna Keller" and answer.title == "Key accounts of Anna Keller"
    every = accounts_of_person.accounts_of_person(container.uow(), BOB, "anna keller")
    assert {r.account_name: r.role for r in every.rows} == {**_roles_of("U_ANNA", BOB), "Helios Foods": "specialist"}


def test_a_person_by_mention_by_me_and_through_the_slack_directory(container):
    carl = {r.account_name for r in accounts_of_person.accounts_of_person(container.uow(), BOB, "@U_CARL").rows}
    assert carl == set(_roles_of("U_CARL", BOB))
    mine = accounts_of_person.accounts_of_person(container.uow(), ANNA, "my accounts")
    assert {r.account_name for r in mine.rows} == set(_roles_of("U_ANNA", ANNA))
    people = lambda: [SlackPerson("U_VP", "Victoria Pérez", "vicky", None)]  # noqa: E731
    vp = accounts_of_person.accounts_of_person(container.uow(), BOB, "accounts of victoria perez", people=people)
    assert {r.account_name for r in vp.rows} == set(_roles_of("U_VP", BOB)) and vp.user_id == "U_VP"


def test_an_unknown_or_ambiguous_name_says_what_to_write(engine, container):
    _link(engine, "Anna Keller", "U_ANNA")
    _link(engine, "Anna Berg", "U_ANNA2")
    with pytest.raises(UserError, match="more than one colleague"):
        accounts_of_person.accounts_of_person(container.uow(), BOB, "Anna")
    with pytest.raises(UserError, match="I don't know a colleague called"):
        accounts_of_person.accounts_of_person(container.uow(), BOB, "Zoltan Nobody")


# ============================================================================ scope, surfaces


def test_a_guest_is_refused_and_another_workspace_sees_only_its_own(container):
    with pytest.raises(NotAllowed):
        money.growth(container.uow(), GUEST)
    beta = money.margins(container.uow(), Actor("T_BETA", "U_BETA"), "loss")
    assert [r.account_name for r in beta.rows] == ["Beta Only Account"]


@pytest.mark.parametrize("line,shown,hidden", [
    ("growth non-key", "Helios Foods", "Borealis Logistics"),
    ("growth decliners", "Nordic Paper", "Helios Foods"),
    ("margins loss", "Acme Retail Group", "Borealis Logistics"),
    ("gaps sponsor", "Acme Retail Group", "Kestrel Aerospace"),
    ("gaps plan all", "Helios Foods", "Vantor Energy"),
    ("owned-by @U_CARL", "Vantor Energy", "Acme Retail Group"),
])
def test_the_console_answers_with_the_basis_and_the_rows(container, line, shown, hidden):
    text = answer_line(container, line, BOB)
    assert "Basis: " in text and shown in text and hidden not in text
    assert "Quiet Merger Target" not in text and "Beta Only Account" not in text


def test_a_bad_option_gets_the_usage_and_days_parse(container):
    assert "is not one of: plan, sponsor, channel, contact" in answer_line(container, "gaps budget", BOB)
    assert "no contact in 45 days" in answer_line(container, "gaps contact 45 days all", BOB)
    assert "no contact in 14 days" in answer_line(container, "gaps contact 2w", BOB)


@pytest.mark.parametrize("answer", [
    lambda c: money.growth(c.uow(), BOB), lambda c: money.margins(c.uow(), BOB, "cost-to-serve"),
    lambda c: coverage.gaps(c.uow(), BOB, "plan", TODAY),
    lambda c: accounts_of_person.accounts_of_person(c.uow(), BOB, "@U_ANNA"),
])
def test_slack_gets_one_valid_table_under_the_basis(container, answer):
    message = to_message(answer(container))
    assert [b["type"] for b in message.blocks][:3] == ["section", "context", "table"]
    assert all(check_block(b, f"blocks[{i}]") is None for i, b in enumerate(message.blocks))
    table = message.blocks[2]
    assert table["rows"][0][0] == {"type": "raw_text", "text": "Account"}
    assert message.text.startswith(message.blocks[0]["text"]["text"].split("*")[1])


def test_names_are_never_markup_in_slack(engine, container):
    with Session(engine) as session:
        evil = add_account(session, "T_ALPHA", "<!channel> & Co", tier="key")
        add_financials(session, evil, [(p, 10, 1) for p in BEFORE] + [(p, 20, 30) for p in NOW_Q])
        session.commit()
    message = to_message(money.margins(container.uow(), BOB, "loss"))
    cells = [c for row in message.blocks[2]["rows"] for c in row]
    assert {"type": "raw_text", "text": "<!channel> & Co"} in cells  # a raw_text cell is never parsed
    assert "<!channel>" not in message.text


def test_nothing_to_list_says_so(container):
    answer = coverage.gaps(container.uow(), Actor("T_GAMMA", "U_NEW"), "plan", TODAY)
    message = to_message(answer)
    assert message.blocks[0]["text"]["text"] == "None: no key accounts without an account plan."
    assert all(b["type"] != "table" for b in message.blocks)


def test_days_cover_the_dates(container):
    assert coverage.quarter_start(date(2026, 11, 23)) == date(2026, 10, 1)
    assert money.span(["2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"]) == "2025-Q4–2026-Q3"
