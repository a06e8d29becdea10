"""Pure parts of the language router: finding accounts, people and roles in text, and the
arguments of commands. No model, no database."""
from __future__ import annotations

import pytest

from kam_domain.language.entities import PersonRef, find_account, find_people, find_role, title_variants
from kam_domain.language.router import strip_pins
from kam_domain.language.slots import (CriterionName, accounts_choice, help_topic, log_text, reason, score_values,
                                       stakeholder_edit)
from kam_domain.language.spelling import Speller
from kam_domain.rules.matching import NameCandidate
from kam_domain.rules.relationships import DecisionRole

ACCOUNTS = [
    NameCandidate.build(1, "Borealis Logistics GmbH", ["Borealis"], "SF-1001"),
    NameCandidate.build(2, "Vantor Energy AS", [], "SF-2001"),
    NameCandidate.build(3, "Vantor Health Ltd"),
    NameCandidate.build(4, "Acme Retail Group", ["ARG"]),
    NameCandidate.build(5, "Helios Foods"),
    NameCandidate.build(6, "Planet Group"),
]
COMMON = frozenset({"plan", "group", "health", "next", "key"})


@pytest.mark.parametrize("text, expected", [
    ("borealis logistcs plan", 1),  # typo, name not at the start
    ("who's the EB at vantor energy?", 2),  # "vantor energy" wins over "vantor" alone
    ("what about the ARG account", 4),  # alias
    ("SF-2001", 2),  # CRM id
    ("show vantor healht", 3),  # typo in the second word
    ("plan for helios", 5),
    ("account #3 please", 3),  # an exact reference
    ("borealsi", 1),
    ("what's the plan at acme retail", 4),
])
def test_an_account_is_found_anywhere_in_the_text(text, expected):
    found = find_account(text, ACCOUNTS, COMMON)
    assert found.match is not None and found.match.id == expected


def test_two_close_names_are_ambiguous_not_guessed():
    found = find_account("who's the EB at vantor?", ACCOUNTS, COMMON)
    assert found.match is None
    assert {h.id for h in found.ambiguous} == {2, 3}


@pytest.mark.parametrize("text", ["what's the plan?", "health of the group", "next steps", "bananas are yellow"])
def test_common_words_never_name_an_account_fuzzily(text):
    found = find_account(text, ACCOUNTS, COMMON)
    assert found.match is None and not found.ambiguous


def test_a_common_word_that_is_a_names_first_word_still_counts():
    assert find_account("planet group plan", ACCOUNTS, COMMON).match.id == 6


def test_an_unknown_reference_stays_an_unknown_id():
    found = find_account("account #999", ACCOUNTS, COMMON)
    assert found.explicit and found.match.id == 999


def test_account_search_scales_to_a_thousand_accounts():
    import time

    many = ACCOUNTS + [NameCandidate.build(100 + i, f"Company {i:04d} Holding", [f"C{i}"]) for i in range(1000)]
    started = time.perf_counter()
    found = find_account("had a call with borealis logistics yesterday about the renewal", many, COMMON)
    assert found.match.id == 1
    assert time.perf_counter() - started < 1.0  # generous: a benchmark, not this test, measures speed


PEOPLE = [
    PersonRef(10, 4, "Ana Ruiz", "CFO", "economic_buyer"),
    PersonRef(11, 4, "Jonas Berg", "Store Operations Manager", "champion"),
    PersonRef(12, 4, "Mark Olsen", "Chief Information Officer", "blocker"),
]


@pytest.mark.parametrize("text, person, how", [
    ("met Ana Ruiz today", 10, "full_name"),
    ("met ana ruis today", 10, "full_name"),  # typo
    ("what does Ruiz think", 10, "last_name"),
    ("lunch with jonas", 11, "first_name"),
    ("the CFO is keen", 10, "title"),
    ("the CIO pushed back", 12, "title"),  # "CIO" for Chief Information Officer
])
def test_people_are_found_by_name_last_name_first_name_or_title(text, person, how):
    hits = find_people(text, PEOPLE)
    assert hits and hits[0].person.id == person and hits[0].how == how


def test_full_names_only_ignores_titles_and_single_names():
    assert find_people("the CFO and Ruiz", PEOPLE, full_names_only=True) == []
    assert find_people("Ana Ruiz's account", PEOPLE, full_names_only=True)[0].person.id == 10


def test_title_variants_cover_acronyms_both_ways():
    assert "cfo" in title_variants("Chief Financial Officer")
    assert "chief financial officer" in title_variants("CFO")


@pytest.mark.parametrize("text, role, plural", [
    ("who's the EB at vantor?", DecisionRole.ECONOMIC_BUYER, False),
    ("who are the decision makers at Borealis?", DecisionRole.DECISION_MAKER, True),
    ("who signs the contract", DecisionRole.ECONOMIC_BUYER, False),
    ("our coach at acme", DecisionRole.CHAMPION, False),
    ("any blockers?", DecisionRole.BLOCKER, True),
])
def test_decision_roles_are_read_from_synonyms(text, role, plural):
    hit = find_role(text)
    assert hit.role == role and hit.plural == plural


def test_dm_me_is_not_a_decision_maker():
    assert find_role("dm me the plan") is None


CRITERIA = [CriterionName("product_fit", "Product fit"), CriterionName("solvency", "Solvency")]


@pytest.mark.parametrize("text, values", [
    ("set borealis product fit to 8", {"product_fit": 8}),
    ("score acme solvency 6, product fit 7", {"solvency": 6, "product_fit": 7}),
    ("give helios an 8 for product fit", {"product_fit": 8}),
    ("score kestrel product_fit=5 solvency=6", {"product_fit": 5, "solvency": 6}),
    ("solvancy to 4", {"solvency": 4}),  # typo
    ("product fit 11", {}),  # out of range
    ("what's the product fit of acme?", {}),
])
def test_score_values_are_read_for_the_workspaces_criteria(text, values):
    assert score_values(text, CRITERIA) == values


def test_reasons_drop_the_account_and_the_ask():
    text = "demote nordic paper because volumes fell 60% and no growth plan"
    assert reason(text, (7, 19), nominate=False) == "volumes fell 60% and no growth plan"
    text = "nominate helios foods, their new plant doubles volume"
    assert reason(text, (9, 21), nominate=True) == "their new plant doubles volume"
    assert reason("helios key account", (0, 6), nominate=True) == ""  # nothing left of the ask
    assert reason("helios as a key account because of the plant", (0, 6), nominate=True) == "of the plant"


def test_stakeholder_edits_read_name_title_role_attitude_influence():
    edit = stakeholder_edit("add Maria Gomez as CTO at Kestrel, technical buyer, supportive", None, ["Kestrel Aerospace"])
    assert edit.name == "Maria Gomez"
    assert edit.fields == {"title": "CTO", "role": "technical_buyer", "attitude": "+1"}
    edit = stakeholder_edit("update lars: influence 4", PersonRef(1, 1, "Lars Henriksen"), [])
    assert edit.name == "Lars Henriksen" and edit.fields == {"influence": "4"}
    assert stakeholder_edit("Mark Olsen turned hostile", PEOPLE[2], []).fields == {"attitude": "-2"}


def test_a_log_loses_its_lead_in_and_names_the_remembered_person():
    ana = PEOPLE[0]
    assert log_text("log that I called her today", ana) == "I called Ana Ruiz today"
    assert log_text("Log: met Ana Ruiz, keen", ana) == "Met Ana Ruiz, keen"


def test_list_choice_and_help_topic():
    assert accounts_choice("show the watch list") == "candidates"
    assert accounts_choice("all accounts") == "all"
    assert accounts_choice("key accounts") == "key"
    assert help_topic("how do I log a meeting") == "log"
    assert help_topic("what can you do") is None


def test_pins_from_choice_buttons_are_read_and_removed():
    assert strip_pins("#42 intent:log met Ana today") == ("met Ana today", 42, "log")
    assert strip_pins("who's the EB at vantor") == ("who's the EB at vantor", None, None)


def test_the_speller_mends_typos_of_our_vocabulary_only():
    speller = Speller(["show the portfolio", "swot analysis for Contoso"])
    assert speller.mend("portfolo overview") .startswith("portfolio")
    assert speller.mend("swot anaylsis") == "swot analysis"
    assert speller.mend("Contoso") == "Contoso"


def test_the_speller_spells_out_shorthand_and_keeps_negations():
    speller = Speller(["list all accounts", "nominate Contoso", "demote Contoso"], lexicon={"does", "with"})
    assert speller.mend("key accts w/ Contoso") == "key accounts with/ Contoso"
    assert speller.mend("Contoso doesnt deserve key") == "Contoso doesn't deserve key"  # not "does"
    assert speller.mend("cna you list") == "can you list"  # two letters swapped in a short word


def test_a_real_word_is_mended_only_where_its_neighbour_calls_for_another():
    """"swat analysis" is the "swot analysis" of our phrasings; "swat" alone, another ending
    ("wants") or another word ("deals" beside the account) is left as typed."""
    texts = ["swot analysis for Contoso", "swot for Contoso", "Contoso details", "I want Contoso to be key"]
    speller = Speller(texts, lexicon={"swat", "team", "wants", "deals", "analysis"})
    assert speller.mend("do a swat analysis on Contoso") == "do a swot analysis on Contoso"
    assert speller.mend("swat for Contoso") == "swot for Contoso"
    assert speller.mend("a swat team") == "a swat team"
    assert speller.mend("who signs off on deals at Contoso") == "who signs off on deals at Contoso"
    assert speller.mend("Pat wants Contoso") == "Pat wants Contoso"



def test_a_neighbour_in_another_clause_does_not_mend_a_real_word():
    """"{a} score" is one of our phrasings, but in "at Contoso, store rollout on track" the comma ends the
    clause: "store" stays "store"."""
    speller = Speller(["how does Contoso score", "Contoso score"], lexicon={"store", "rollout", "track"})
    assert speller.mend("met Pat at Contoso, store rollout on track") == "met Pat at Contoso, store rollout on track"
    assert speller.mend("how does Contoso store") == "how does Contoso score"  # same clause: the typo is mended


@pytest.mark.parametrize("text, boosted, not_boosted", [
    ("Contoso should become a key account, they're expanding", "nominate", "demote"),
    ("Contoso shouldn't become a key account", "demote", "nominate"),
    ("Contoso doesn't deserve key status anymore", "demote", "nominate"),
    ("how are we doing with Contoso", "account", None),
    ("any warnings on our key account selection?", "portfolio", None),
    ("what are our current key accounts", "accounts", "method"),  # our own data, not a definition
    ("what counts as good stakeholder coverage?", "method", None),
    ("set Pat Smith influence to 4", "stakeholder", None),
    ("Pat Smith is warming up, set his attitude to 0", "stakeholder", None),
    ("just got off the phone with Pat Smith", "log", None),
    ("am i behind on anything at Contoso", "next", None),
])
def test_cue_words(text, boosted, not_boosted):
    from kam_domain.language.cues import cue_boosts

    boosts = cue_boosts(text)
    assert boosts.get(boosted, 0) > 0, boosts
    assert not_boosted is None or boosts.get(not_boosted, 0) <= 0, boosts


def test_kam_vocabulary_is_kams_own_not_everyday_words():
    from kam_domain.language.cues import KAM_VOCABULARY

    assert KAM_VOCABULARY.search("what is a champion?")
    assert KAM_VOCABULARY.search("how do we handle a gatekeeper who blocks access?")
    for text in ("what time is it in tokyo", "what's the score of the arsenal game", "how do I cook pasta?"):
        assert not KAM_VOCABULARY.search(text)


@pytest.mark.parametrize("line, exact", [
    ("help", True), ("help log", True), ("help me find the EB", False), ("accounts key", True),
    ("list key accounts", False), ("log #4 met Ana today", True), ("log acme met Ana today", False),
    ("account #3", True), ("account borealis", False), ("next steps for acme", False),
    ("score #1 product_fit=8", True), ("ask who is the EB at acme", True),
])
def test_exact_command_lines_are_told_from_plain_language(line, exact):
    from bot.language import is_exact_command
    from bot.wiring import default_wiring

    assert is_exact_command(line, default_wiring().registry) is exact


def test_a_word_the_model_knows_whole_is_never_mended():
    """"owner" is one word piece of the model, not a typo of "lower"; "portfolo" is not a word."""
    texts = ["lower Contoso solvency to 2", "show the portfolio", "selection warnings"]
    plain = Speller(texts)
    assert plain.mend("who owner") == "who lower"  # without the lexicon the speller cannot tell
    speller = Speller(texts, lexicon={"owner", "select", "show"})
    assert speller.mend("the account owner") == "the account owner"
    assert speller.mend("how do you select key accounts") == "how do you select key accounts"
    assert speller.mend("portfolo please") == "portfolio please"


@pytest.mark.parametrize("text, span, values", [
    ("product fit for kestrel is 3 now", (16, 23), {"product_fit": 3}),
    ("solvency at borealis logistics should be 4", (12, 30), {"solvency": 4}),
    ("product fit for borealis logistics gmbh is 7", (16, 39), {"product_fit": 7}),
    ("solvency for 3 years was fine", None, {}),  # a duration, not a score
])
def test_a_score_value_is_read_across_the_accounts_name(text, span, values):
    assert score_values(text, CRITERIA, span) == values


def test_criteria_are_named_with_or_without_a_value():
    from kam_domain.language.slots import criteria_named

    assert criteria_named("what did we give acme for solvency", CRITERIA) == {"solvency"}
    assert criteria_named("set product fit to 8", CRITERIA) == {"product_fit"}
    assert criteria_named("what criteria should we use", CRITERIA) == set()


@pytest.mark.parametrize("text, expected", [
    ("whats nordics score", None),  # not in ACCOUNTS: no match
    ("whats borealiss score", 1),  # "borealis" + a possessive s typed without the apostrophe
    ("helioss plan", 5),
    ("acmes next steps", 4),
    ("borealis's swot", 1),
])
def test_a_possessive_or_plural_s_without_apostrophe_still_names_the_account(text, expected):
    found = find_account(text, ACCOUNTS, COMMON)
    assert (found.match.id if found.match else None) == expected


@pytest.mark.parametrize("text, role", [
    ("whos got budget authority at acme", DecisionRole.ECONOMIC_BUYER),
    ("who holds the purse strings", DecisionRole.ECONOMIC_BUYER),
    ("who controls the budget there", DecisionRole.ECONOMIC_BUYER),
    ("who signs the cheques", DecisionRole.ECONOMIC_BUYER),
    ("who has the final say", DecisionRole.DECISION_MAKER),
    ("whos their techie", DecisionRole.TECHNICAL_BUYER),
    ("who evaluates the tech at acme", DecisionRole.TECHNICAL_BUYER),
])
def test_decision_roles_in_other_words(text, role):
    assert find_role(text).role == role


@pytest.mark.parametrize("text", ["met ana today, acme has budget for the upgrade",
                                  "we're evaluating the product fit for acme"])
def test_everyday_budget_and_evaluation_talk_names_no_role(text):
    assert find_role(text) is None


def test_a_write_verb_clipped_by_a_letter_at_the_start_is_mended():
    speller = Speller(["add Pat Smith as CFO at Contoso", "met Pat Smith today"], leading_verbs={"add", "met", "set"})
    assert speller.mend("ad Tim Cole as CTO") == "add Tim Cole as CTO"
    assert speller.mend("mt Ana today") == "met Ana today"
    assert speller.mend("st Contoso solvency to 7") == "set Contoso solvency to 7"
    assert speller.mend("Tim ad") == "Tim ad"  # only the first word leads a write
    assert speller.mend("on Contoso") == "on Contoso"  # a stopword is never clipped


@pytest.mark.parametrize("text, boosted, not_boosted", [
    ("Contoso: key, candidate or regular?", "account", "nominate"),  # which tier: the card, not a nomination
    ("what tier is Contoso", "account", "accounts"),
    ("show the regular tier", "accounts", "account"),  # a tier as a list
    ("explain the portfolio matrix axes to me", "method", "portfolio"),  # the concept, not the chart
    ("what do the portfolio quadrants mean", "method", "portfolio"),
    ("are our key accounts actually the ones making the money?", "portfolio", "account"),
    ("how do i add a stakeholder with you", "help", "method"),
])
def test_cues_for_tiers_money_explanations_and_the_bot(text, boosted, not_boosted):
    from kam_domain.language.cues import cue_boosts

    boosts = cue_boosts(text)
    assert boosts.get(boosted, 0.0) > 0 and boosts.get(boosted, 0.0) > boosts.get(not_boosted, 0.0)


def test_a_tier_is_read_with_typos_mended_for_the_list():
    assert accounts_choice("show the regular tier") == "regular"


# --------------------------------------------------------------------------- third round: FINAL2's classes

from kam_domain.language.cues import cue_boosts  # noqa: E402
from kam_domain.language.entities import find_by_single_name  # noqa: E402

WORKSPACE = PEOPLE + [
    PersonRef(20, 2, "Erik Dahl", "CEO", "economic_buyer"),
    PersonRef(21, 5, "Grace Parker", "COO", "decision_maker"),
    PersonRef(22, 1, "Jonas Weber", "CTO", "technical_buyer"),  # a second Jonas, at another account
]
VOCAB = COMMON | {"mark"}


@pytest.mark.parametrize("text, ids", [
    ("had lunch with erik, he hinted at a bigger rollout", {20}),  # a unique first name
    ("Olsen, what's his story?", {12}),  # a unique surname, even first in the sentence
    ("quick sync w/ jonas this morning", {11, 22}),  # two Jonases: both, the router asks which account
    ("had lunch with Mark today", {12}),  # an everyday word as a name: capitalised inside the sentence
    ("met grace yesterday", {21}),  # ... or where a name is expected
])
def test_a_person_is_found_by_one_name_across_the_workspace(text, ids):
    assert {h.person.id for h in find_by_single_name(text, WORKSPACE, VOCAB)} == ids


@pytest.mark.parametrize("text", ["mark the helios plan as done", "Mark it done", "the grace period ends friday",
                                  "next meeting in jan", "erikson is no one we know"])
def test_everyday_words_do_not_name_a_person(text):
    assert find_by_single_name(text, WORKSPACE, VOCAB) == []


@pytest.mark.parametrize("text, intent", [
    ("quick sync w/ jonas this morning, rollout approved", "log"),
    ("had dinner with their cfo", "log"),
    ("site vist at borealis hamburg today", "log"),
    ("catch-up with the acme team", "log"),
    ("anything i dropped the ball on with kestrel?", "next"),
    ("what's his story?", "stakeholders"),
    ("borealis IT director - name?", "stakeholders"),
    ("anyone at borealis working against us?", "stakeholders"),
])
def test_cues_for_meeting_reports_slips_and_people(text, intent):
    boosts = cue_boosts(text)
    assert boosts.get(intent, 0) > 0 and boosts[intent] == max(boosts.values())


def test_working_against_us_is_the_blocker_role():
    assert find_role("anyone activley working against us?").role == DecisionRole.BLOCKER


@pytest.mark.parametrize("typed", ["nordic s.w.o.t. pls", "write up a sowt for helios", "a swto for kestrel"])
def test_swot_dotted_or_with_letters_swapped_is_mended(typed):
    speller = Speller(["swot for acme", "plan for acme"])
    assert "swot" in speller.mend(typed)


def test_e_g_is_not_an_acronym_to_mend():
    assert "e.g." in Speller(["swot for acme"]).mend("e.g. acme")


def test_a_title_typed_with_a_one_letter_slip_still_names_its_holder():
    hits = find_people("borealis IT directer - name?", [PersonRef(30, 1, "Jan Novak", "IT Director", "technical_buyer")])
    assert hits and hits[0].person.id == 30 and hits[0].how == "title"
    assert find_people("the dictator", [PersonRef(30, 1, "Jan Novak", "Director", "technical_buyer")]) == []


def test_a_word_only_one_close_name_has_settles_the_ambiguity():
    from kam_domain.language.router import _disambiguate_by_words

    text = "draft a swot for vantor, the enrgy one"
    found = _disambiguate_by_words(text, find_account(text, ACCOUNTS, COMMON))
    assert found.match is not None and found.match.id == 2
    plain = "swot for vantor, the new one"
    assert _disambiguate_by_words(plain, find_account(plain, ACCOUNTS, COMMON)).match is None


@pytest.mark.parametrize("text, intent", [
    ("whats the sytnax for the log command", "help"),
    ("are we over-weighted on key accts vs the cap", "portfolio"),
    ("the rationale behind putting an account in streamline", "method"),
])
def test_cues_for_command_syntax_the_cap_and_the_rationale(text, intent):
    boosts = cue_boosts(text)
    assert boosts.get(intent, 0) > 0 and boosts[intent] == max(boosts.values())


def _compiled_patterns():
    import re

    from kam_domain.language import cues, entities, router, slots

    for module in (cues, entities, router, slots):
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern):
                yield f"{module.__name__}.{name}", value.pattern
    for intent, pattern, _boost in cues.CUES:
        yield f"cue for {intent}", pattern.pattern
    for pattern, role in entities._ROLE_RES:
        yield f"role {role.value}", pattern.pattern


def test_no_pattern_lost_a_repetition_count_to_an_f_string():
    """A `{0,2}` inside an rf-string is formatted into "(0, 2)": the pattern still compiles but means
    something else. Every compiled pattern of the router is checked for that trace."""
    import re

    broken = [name for name, pattern in _compiled_patterns() if re.search(r"\(\d+, \d+\)", pattern)]
    assert broken == []


@pytest.mark.parametrize("text, influence, attitude", [
    ("jan novak's influence should be 2", "2", None),
    ("Jonas Berg's influence went up, put it at 4", "4", None),
    ("petra schmidt influence shld be 4 not 3", "4", None),
    ("erik dahl attitude -> +1", None, "+1"),
    ("influence of 9", None, None),  # out of range: no value
])
def test_stakeholder_fields_a_few_words_from_their_value(text, influence, attitude):
    fields = stakeholder_edit(text, PersonRef(1, 1, "Pat Smith"), []).fields
    assert fields.get("influence") == influence
    assert fields.get("attitude") == attitude


@pytest.mark.parametrize("text, expected", [
    ("existing relationships for this acct -> 9 pls", {"existing_relationships": 9}),
    ("helios prod fit 7", {"product_fit": 7}),
    ("Acme's solvency must be corrected to 5 because of the bank's rating", {"solvency": 5}),
    ("change the number for paying ability of Borealis to 5", {"solvency": 5}),  # the account's words skipped
    ("a mark of 4 for how well our product suits them", {"product_fit": 4}),
    ("solvency is fine, we have worked with them for 5 years", {}),  # a duration is no score
])
def test_criterion_values_in_plain_words_and_shorthand(text, expected):
    criteria = [CriterionName("product_fit", "Product fit"), CriterionName("solvency", "Solvency"),
                CriterionName("existing_relationships", "Existing relationships")]
    named = text.find("Borealis")
    span = (named, named + len("Borealis")) if named >= 0 else None
    assert score_values(text, criteria, span) == expected


def test_an_account_name_with_one_slip_of_the_finger_is_found_but_a_short_word_is_not():
    assert find_account("next steps heilos?", ACCOUNTS, COMMON).match.id == 5
    assert find_account("swot for boraelis", ACCOUNTS, COMMON).match.id == 1
    assert find_account("acne plan", ACCOUNTS, COMMON).match is None  # 4 letters: only a suggestion at most


@pytest.mark.parametrize("text, expected", [
    ("we should stop treating   as key, cost to serve has been higher than what they pay us",
     "cost to serve has been higher than what they pay us"),
    ("I want to request that   loses its key status - they were bought by a US group",
     "they were bought by a US group"),
])
def test_a_demotion_wish_leaves_only_its_reason(text, expected):
    assert reason(text, None, nominate=False) == expected
