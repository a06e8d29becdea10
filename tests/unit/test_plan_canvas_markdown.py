"""The plan's canvas sections (kam_domain.services.plan_canvas): one h2 heading each, only the bot's mark in
it, no heading inside (a canvas splits sections at headings), and customer text that cannot format, link,
mention or start a heading, list or table row."""
from __future__ import annotations

from datetime import date

from kam_domain.services.plan_canvas import MARK, block, document, inline, mention, plan_sections
from kam_domain.services.plans import AccountGoals, AccountPlan, HorizonGroup, ObjectiveRow, SectionRow, TeamRow
from kam_domain.services.stakeholders import GapRow, PersonRow, RoleGroup, StakeholderMap
from support.fake_surfaces import parse_sections

TODAY = date(2026, 11, 23)


def _plan(**fields) -> AccountPlan:
    goals = AccountGoals(None, [], None, None, 0, 0.0, 0, 0.0, [], None)
    defaults = dict(
        account_id=1, account_name="Borealis", tier="key", kam_user_id="U_ALICE", crm_owner_name=None,
        sponsor_user_id=None, team=[TeamRow("U_ALICE", "kam"), TeamRow("U_BOB", "specialist")],
        business=[SectionRow("customer_goals", "Customer goals", "## Take over\n1. <!channel> ![](@U_EVIL)"),
                  SectionRow("competitors", "Competitors", None)],
        swot={"strength": ["Fast | reliable"], "weakness": [], "opportunity": [], "threat": ["[link](http://x)"]},
        goals=goals,
        horizons=[HorizonGroup("short", "Short term", "0-6 months", [
            ObjectiveRow(7, "short", "Win the *renewal* | now", None, date(2027, 1, 31), "open", False, [])]),
            HorizonGroup("mid", "Mid term", "6-18 months", [])],
        loose_actions=[], achieved=2, completeness=50, missing=[], stale=False, days_since_update=3, stale_after=90,
        can_edit=True, today=TODAY)
    return AccountPlan(**{**defaults, **fields})


def _map(people: list[PersonRow] | None = None) -> StakeholderMap:
    ana = PersonRow(1, "Ana #1 Ruiz", "CFO", "economic_buyer", "Economic buyer", 5, 1, "brief", "Brief", "U_ALICE",
                    date(2026, 11, 2), 21)
    rows = [ana] if people is None else people
    return StakeholderMap(1, "Borealis", "key", "U_ALICE", None, "amber", [GapRow("single", "Only Ana is known")],
                          [RoleGroup("economic_buyer", "Economic buyer", rows)] if rows else [], len(rows), True, TODAY,
                          coverage_reason="held back by a gap")


def test_each_section_is_one_h2_with_the_mark_and_no_heading_inside():
    sections = plan_sections(_plan(), _map())
    parsed = parse_sections(document(sections))

    assert [s["type"] for s in parsed] == ["h2"] * 5
    assert [s["markdown"].splitlines()[0] for s in parsed] == [
        f"## {t} {MARK}" for t in ("Business", "Team and sponsor", "SWOT", "Objectives", "Stakeholder coverage")]
    assert [s.markdown for s in sections] == [s["markdown"] for s in parsed]


def test_customer_text_cannot_format_mention_or_start_a_heading():
    business = plan_sections(_plan(), _map())[0].markdown

    assert "\\#\\# Take over" in business and "\n## Take over" not in business
    assert "1\\. \\<\\!channel\\> \\!\\[\\](@U\\_EVIL)" in business
    assert "**Competitors**\n_Not written yet._" in business
    swot = plan_sections(_plan(), _map())[2].markdown
    assert "- Fast \\| reliable" in swot and "- \\[link\\](http://x)" in swot and "**Weaknesses**\n_None accepted yet._" in swot


def test_objectives_by_horizon_in_tables_with_owner_and_date():
    objectives = plan_sections(_plan(), _map())[3].markdown

    assert "**Short term** (0-6 months)\n| Objective | Owner | Due |\n| --- | --- | --- |\n" in objectives
    assert "| Win the \\*renewal\\* \\| now | _no owner_ | 2027-01-31 |" in objectives
    assert "**Mid term** (6-18 months)\n_No objectives yet._" in objectives
    assert "_2 objectives achieved so far._" in objectives


def test_team_names_the_roles_and_says_when_there_is_no_sponsor():
    team = plan_sections(_plan(), _map())[1].markdown

    assert "- Key account manager: ![](@U_ALICE)\n- Specialist: ![](@U_BOB)\n- Executive sponsor: _none yet_" in team
    with_sponsor = plan_sections(_plan(sponsor_user_id="U_SPONSOR", team=[TeamRow("U_SPONSOR", "sponsor")]), _map())
    assert with_sponsor[1].body == "- Executive sponsor: ![](@U_SPONSOR)"


def test_coverage_has_the_colour_its_reason_the_gaps_and_the_people():
    coverage = plan_sections(_plan(), _map())[4].markdown

    assert "Coverage: **Amber**: held back by a gap\n\n- Only Ana is known\n\n| Person |" in coverage
    assert "| Ana \\#1 Ruiz (CFO) | Economic buyer | supportive | ![](@U_ALICE) | 2026-11-02 |" in coverage
    assert "_No one on the stakeholder map yet._" in plan_sections(_plan(), _map([]))[4].markdown


def test_escaping_helpers():
    assert inline("a\nb   c") == "a b c"
    assert block("- one\n+ two\n3) three\n  > four") == "\\- one\n\\+ two\n3\\) three\n  \\> four"
    assert mention("U_ALICE") == "![](@U_ALICE)" and mention(None) == "_nobody_" and mention("<@x>") == "\\<@x\\>"
