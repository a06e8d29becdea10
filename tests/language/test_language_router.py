"""The offline router over a real SQLite store and the bundled embedding model."""
from __future__ import annotations

import pytest
from sqlmodel import Session, func, select

from kam_domain.errors import NeedsChoice
from kam_domain.language.classifier import classifier_for
from kam_domain.language.directory import Memory, SqlDirectory, ThreadKey
from kam_domain.language.route import ConfirmWrite, Reply, Route
from kam_domain.language.router import Router
from kam_domain.models import ConversationMemory, Interaction
from lang_eval import CASES, SETS, evaluate
from lang_store import OTHER_TEAM, TEAM

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def router(encode):
    from bot.language.encoder import command_words, router_intents
    from bot.wiring import default_wiring

    registry = default_wiring().registry
    return Router(classifier_for("tests-session-model", encode), command_words(registry), router_intents(registry))


@pytest.fixture
def ask(router, sqlite_engine, language_store):
    def route(text, where=None, channel=None, team=TEAM):
        with Session(sqlite_engine) as session:
            directory = SqlDirectory(session, team)
            outcome = router.route(text, directory, where, channel)
            if where is not None and getattr(outcome, "account_id", None):
                directory.remember(where, Memory(outcome.account_id, getattr(outcome, "stakeholder_id", None),
                                                 outcome.intent))
                session.commit()
            return outcome

    return route


def test_evaluation_set_accuracy_floor(router, sqlite_engine, language_store):
    report = evaluate(router, sqlite_engine, language_store, batch=True)
    assert len(CASES) >= 150
    misses = [(c.text, s) for c, s in report.failures]
    assert report.overall >= 0.97, misses
    assert all(right / total >= 0.75 for right, total in report.per_intent.values()), report.per_intent
    assert {c.intent for c in CASES} >= {"help", "accounts", "account", "portfolio", "score", "score_set", "nominate",
                                         "demote", "plan", "swot", "next", "stakeholders", "stakeholder", "log",
                                         "review", "method", "unknown"}


# Each held-out set with its smallest size and its floor. History (BENCHMARKS.md): each was measured
# once before anything was tuned on it, then its misses were tuned on (general rules), so these floors
# guard against regressions; none of them is a clean estimate any more.
# - HOLDOUT: written after the router was tuned on CASES; 94.5% measured once.
# - FRESH: written after a tuning round; 92.7% (51/55).
# - DEV2: written blind (by someone who had not seen the router); 81.4% (57/70).
# - FINAL: written blind with DEV2, sealed while the router was tuned on DEV2; 92.5% (74/80).
# - FINAL2: written blind by another writer, sealed while the router was tuned on FINAL; 81.0% (81/100),
#   95% (95/100) after the third round.
# - FINAL3: written blind by a third writer, sealed while the router was tuned on FINAL2; 89.0% (89/100).
# - ROUND4: not held out: written by the developer in the fourth round to find classes of misses (68-89% per
#   batch before the fixes it prompted); a regression guard like the others.
# - DEV3: written blind as a development set, run once before tuning on it: 81.3% (122/150).
# - DEV4: the same by another writer, run once after the DEV3 tuning: 87.3% (131/150).
# - DEV5, DEV6: two more writers, each run once after the previous set's tuning: 92.5% (111/120), 94.2% (113/120).
# - FINAL4: written blind, sealed through the fourth round, measured once after it: 90.0% (90/100).
# - DEV7: a development set of hard cases, run once after the FINAL4 tuning: 87.5% (105/120).
# - FINAL5: written blind, sealed until measured after the sixth round: 88.3% (106/120); 93.3% with the phrasebook.
# - FINAL6, FINAL7: written blind, each sealed until measured once with the phrasebook: 94.2% (113/120),
#   94.7% (142/150).
# - FINAL8, FINAL9: written blind in the fifth session, each sealed until measured once: 85.3% (128/150) and
#   89.3% (134/150) as labelled; 88.0% and 91.3% with person reads relabelled (see their docstrings).
# - FINAL10, FINAL11: the same, measured once after the FINAL8/9 tuning: 90.7% (136/150) and 92.7% (139/150) as
#   labelled; 94.7% (142/150) and 95.3% (143/150), pooled 95.0% (285/300), with person reads relabelled by the
#   rule fixed before they were measured.
# Since the phrasebook (kam_domain/language/data/phrasebook.json) every set here is also a set of classifier examples;
# each set's provenance is the first line of its file in tests/language/sets/training/.
HELD_OUT_FLOORS = [("HOLDOUT", 55, 0.95), ("FRESH", 40, 0.95), ("DEV2", 60, 0.95), ("FINAL", 80, 0.9),
                   ("FINAL2", 100, 0.95), ("FINAL3", 100, 0.95), ("ROUND4", 170, 0.95),
                   ("DEV3", 150, 0.95), ("DEV4", 150, 0.95),
                   ("DEV5", 120, 0.95), ("DEV6", 120, 0.95), ("FINAL4", 100, 0.95),
                   ("DEV7", 120, 0.95), ("FINAL5", 120, 0.95),
                   ("FINAL6", 120, 0.95), ("FINAL7", 150, 0.95), ("FINAL8", 150, 0.95), ("FINAL9", 150, 0.95),
                   ("FINAL10", 150, 0.95), ("FINAL11", 150, 0.95)]


@pytest.mark.parametrize("name, smallest, floor", HELD_OUT_FLOORS, ids=[n for n, _, _ in HELD_OUT_FLOORS])
def test_held_out_sets_stay_above_their_floors(router, sqlite_engine, language_store, name, smallest, floor):
    cases = SETS[name]
    assert len(cases) >= smallest
    report = evaluate(router, sqlite_engine, language_store, cases, batch=True)
    assert report.overall >= floor, [(c.text, s) for c, s in report.failures]


def test_a_message_that_is_an_exemplar_is_routed_without_the_model(ask, router, language_store):
    router.classifier.clear_cache()
    before = router.classifier.queries_encoded
    assert ask("swot for helios").command_line == f"swot #{language_store.accounts['helios']}"
    assert ask("Borealis").command_line == f"account #{language_store.accounts['borealis']}"
    assert router.classifier.queries_encoded == before  # rules were certain: no embedding
    ask("what are the weak spots of our position at helios")
    assert router.classifier.queries_encoded == before + 1


def test_a_decision_role_with_a_typo_still_narrows_the_map(ask, language_store):
    route = ask("who's the champoin at acme retial?")
    assert route.account_id == language_store.accounts["acme"] and route.role_filter == "champion"


def test_one_query_runs_on_one_torch_thread_and_the_setting_comes_back(embedding_model):
    import threading

    import numpy as np
    import torch

    from bot.language.encoder import encoder_for, one_torch_thread

    before = torch.get_num_threads()
    seen = []
    with one_torch_thread():
        seen.append(torch.get_num_threads())
        worker = threading.Thread(target=lambda: seen.append(_pinned_threads()))
        worker.start()
        worker.join()
    assert seen == [1, 1] and torch.get_num_threads() == before  # overlapping queries put it back once
    encode = encoder_for(embedding_model)
    one = encode(["who's the economic buyer at Contoso?"])
    batch = encode(["who's the economic buyer at Contoso?", "show the portfolio"])
    assert one.shape == (1, 384) and float(np.dot(one[0], batch[0])) > 0.9999
    assert torch.get_num_threads() == before
    assert {"owner", "select"} <= encode.lexicon and "portfolo" not in encode.lexicon


def _pinned_threads() -> int:
    import torch

    from bot.language.encoder import one_torch_thread

    with one_torch_thread():
        return torch.get_num_threads()


def test_reads_become_command_lines_with_exact_account_references(ask, language_store):
    ids = language_store.accounts
    route = ask("borealis logistcs plan")
    assert isinstance(route, Route) and route.command_line == f"plan #{ids['borealis']}"
    route = ask("who's the EB at vantor energy?")
    assert route.command_line == f"stakeholders #{ids['vantor_energy']}" and route.role_filter == "economic_buyer"
    route = ask("the CFO at Vantor")  # only Vantor Health has a CFO
    assert route.account_id == ids["vantor_health"]
    assert route.stakeholder_id == language_store.people["Sofia Rossi"]
    assert ask("list key accounts").command_line == "accounts key"
    assert ask("accounts borealis").command_line == f"account #{ids['borealis']}"  # a name: its card, not the list
    assert ask("what exactly is an economic buyer").intent == "method"


def test_two_matching_accounts_get_a_question_whose_buttons_pin_the_choice(ask, language_store):
    with pytest.raises(NeedsChoice) as asked:
        ask("who's the EB at vantor?")
    choices = asked.value.choices
    assert [c.label for c in choices] == ["Vantor Energy AS", "Vantor Health Ltd"]
    assert asked.value.retry_command == "{choice}"
    line = choices[1].value
    assert line.startswith(f"ask #{language_store.accounts['vantor_health']} intent:stakeholders ")
    chosen = ask(line.removeprefix("ask "))
    assert chosen.account_id == language_store.accounts["vantor_health"]
    assert chosen.role_filter == "economic_buyer"


def test_a_plain_read_choice_runs_the_subcommand_directly(ask, language_store):
    with pytest.raises(NeedsChoice) as asked:
        ask("plan for vantor")
    assert [c.value for c in asked.value.choices] == [f"plan #{language_store.accounts['vantor_energy']}",
                                                       f"plan #{language_store.accounts['vantor_health']}"]


def test_writes_are_confirmations_with_the_exact_command_and_write_nothing(ask, language_store, sqlite_engine):
    acme = language_store.accounts["acme"]
    confirm = ask("met Ana Ruiz today, she's keen, send contract Fri")
    assert isinstance(confirm, ConfirmWrite)
    assert confirm.command_line == f"log #{acme} Met Ana Ruiz today, she's keen, send contract Fri"
    assert "Acme Retail Group" in confirm.summary
    assert ask("set borealis product fit to 8").command_line == \
        f"score #{language_store.accounts['borealis']} product_fit=8"
    assert ask("nominate helios foods, new plant doubles volume").command_line == \
        f"nominate #{language_store.accounts['helios']} new plant doubles volume"
    assert ask("Ana Ruiz is now our champion at acme").command_line == \
        f"stakeholder #{acme} Ana Ruiz role=champion attitude=+2"
    with Session(sqlite_engine) as session:
        assert session.exec(select(func.count()).select_from(Interaction)).one() == 0


def test_a_demotion_without_a_reason_asks_for_one(ask):
    reply = ask("demote nordic")
    assert isinstance(reply, Reply) and "needs a written reason" in reply.text


def test_a_thread_remembers_the_account_and_the_person(ask, language_store, sqlite_engine):
    thread = ThreadKey("C_SALES", "1700000000.000100")
    first = ask("had a call with Ana Ruiz at acme yesterday", where=thread)
    assert isinstance(first, ConfirmWrite)
    follow = ask("and who's their economic buyer?", where=thread)
    assert follow.account_id == language_store.accounts["acme"] and follow.role_filter == "economic_buyer"
    log = ask("log that I called her today", where=thread)
    assert isinstance(log, ConfirmWrite) and "I called Ana Ruiz today" in log.command_line
    with Session(sqlite_engine) as session:
        memory = session.get(ConversationMemory, (TEAM, "C_SALES", "1700000000.000100"))
        assert memory.account_id == language_store.accounts["acme"] and memory.last_intent == "log"
    borealis = language_store.accounts["borealis"]
    try:  # the account named now, not the thread's; after a log the bot may ask what is wanted for it
        switched = ask("what about borealis?", where=thread)
        assert switched.account_id == borealis
    except NeedsChoice as asked:
        assert asked.choices and all(f"#{borealis}" in c.value for c in asked.choices)


def test_the_account_channel_is_the_default_account(ask, language_store):
    route = ask("who's the EB here?", channel="C_ACME")
    assert route.account_id == language_store.accounts["acme"] and route.role_filter == "economic_buyer"
    assert ask("who's the EB at borealis?", channel="C_ACME").account_id == language_store.accounts["borealis"]


def test_another_workspaces_accounts_and_people_are_never_reached(ask, language_store):
    beta = language_store.accounts["beta_borealis"]
    reply = ask(f"plan for #{beta}")
    assert isinstance(reply, Reply) and "no longer exists" in reply.text
    reply = ask("who is Beta Secret Person?")
    assert not isinstance(reply, Route) or reply.account_id is None
    assert ask("tell me about borealis", team=OTHER_TEAM).account_id == beta


def test_nonsense_gets_what_i_can_do_with_examples_from_this_workspace(ask):
    reply = ask("bananas are yellow")
    assert isinstance(reply, Reply) and reply.intent == "unknown"
    assert any("Acme" in e for e in reply.examples)


def test_an_account_question_without_an_account_asks_which(ask):
    reply = ask("whats the plan")
    assert isinstance(reply, Reply) and reply.text.startswith("Which account?")


def test_a_bare_decision_role_in_a_thread_asks_who_holds_it(ask, language_store):
    thread = ThreadKey("C_SALES", "1700000000.000200")
    ask("stakeholder map borealis", where=thread)
    route = ask("and the gatekeeper?", where=thread)
    assert route.intent == "stakeholders" and route.role_filter == "gatekeeper"
    assert route.account_id == language_store.accounts["borealis"]
    assert ask("what is a gatekeeper?", where=thread).intent == "method"  # a definition, not the map


def test_an_off_topic_question_is_not_a_method_question(ask):
    for text in ("what time is it in tokyo", "how do I cook pasta?", "what's the score of the arsenal game"):
        reply = ask(text)
        assert isinstance(reply, Reply) and reply.intent == "unknown", text
    assert ask("what counts as good stakeholder coverage?").intent == "method"


def test_a_person_change_the_words_do_not_spell_out_opens_their_form(ask, language_store):
    route = ask("make me the relationship owner for Henrik Lund")
    assert isinstance(route, Route) and route.intent == "stakeholder"
    assert route.command_line == f"stakeholder #{language_store.accounts['nordic']} Henrik Lund"  # the form
    confirm = ask("set erik dahl's infleunce to 4 pls")  # a typo in the field's name
    assert isinstance(confirm, ConfirmWrite) and confirm.command_line.endswith("Erik Dahl influence=4")


def test_a_pronoun_for_the_threads_person_is_read_as_that_person(ask, language_store):
    thread = ThreadKey("C_SALES", "1700000000.000300")
    ask("who is Henrik Lund?", where=thread)
    route = ask("how influential is he", where=thread)
    assert route.intent == "stakeholders" and route.stakeholder_id == language_store.people["Henrik Lund"]


def test_cancel_and_help(ask):
    assert ask("cancel").intent == "cancel"
    assert ask("help").command_line == "help"
    assert ask("how do I log a meeting with you?").command_line == "help log"


def test_routing_is_deterministic(ask):
    texts = ["who's the EB at vantor energy?", "met Ana Ruiz today", "borealis plan", "what is a coach?"]
    assert [ask(t) for t in texts] == [ask(t) for t in texts]


def test_a_first_name_two_stakeholders_share_asks_which_account(ask, language_store, sqlite_engine):
    from kam_domain.models import Account
    from support.builders import add_stakeholder

    acme, borealis = language_store.accounts["acme"], language_store.accounts["borealis"]
    confirm = ask("had lunch with jonas, rollout to 40 stores approved")  # one Jonas: his account, him
    assert confirm.account_id == acme and confirm.stakeholder_id == language_store.people["Jonas Berg"]
    with Session(sqlite_engine) as session:
        add_stakeholder(session, session.get(Account, borealis), "Jonas Weber", title="CTO", role="technical_buyer")
        session.commit()
    with pytest.raises(NeedsChoice) as asked:  # two Jonases: the bot asks, as for two close account names
        ask("had lunch with jonas, rollout to 40 stores approved")
    assert sorted(c.label for c in asked.value.choices) == ["Acme Retail Group", "Borealis Logistics GmbH"]
    chosen = ask(next(c.value for c in asked.value.choices if c.label.startswith("Borealis")).removeprefix("ask "))
    assert chosen.account_id == borealis
    assert ask("mark the helios plan as reviewed").account_id == language_store.accounts["helios"]  # not Mark Olsen


def test_reviews_due_without_an_account_is_the_review_list_and_with_one_the_checklist(ask, language_store):
    for text in ("any overdue revews", "Which account reviews are due this week?", "reviews coming up?"):
        outcome = ask(text)
        assert (outcome.intent, outcome.command_line, outcome.account_id) == ("review", "review", None), text
    assert ask("review borealis").command_line == f"review #{language_store.accounts['borealis']}"
    with pytest.raises(NeedsChoice):  # two Vantors: still asks which, rather than listing everything
        ask("vantor review")


@pytest.mark.parametrize("text", [
    "send invoice to helios asap", "Can you generate a price quote for Borealis for 500 licences at a 12% discount?",
    "Can you update the opportunity stage for the Acme renewal to 'closed won' in Salesforce?",
    "what is the stock price of Kestrel Aerospace today?", "create a zoom link for my call with Jonas",
    "Draft a contract renewal offer for Acme Retail Group with a 5% discount.",
])
def test_sales_paperwork_for_a_known_account_is_not_something_we_do(ask, text):
    outcome = ask(text)
    assert isinstance(outcome, Reply) and outcome.intent == "unknown"


def test_a_meeting_that_mentions_a_quote_is_still_a_meeting(ask, language_store):
    confirm = ask("met Ana Ruiz today, she asked for a quote, send the contract Fri")
    assert isinstance(confirm, ConfirmWrite) and confirm.intent == "log"
    assert confirm.account_id == language_store.accounts["acme"]


def test_help_and_lists_carry_no_account_from_the_thread(ask, language_store):
    thread = ThreadKey("C_T", "7.0")
    ask("who is the CFO at acme", where=thread)
    assert ask("thank you. what other things can you do for me?", where=thread).account_id is None
    assert ask("list key accounts", where=thread).account_id is None
    assert ask("and who's their champion?", where=thread).account_id == language_store.accounts["acme"]


def test_a_value_given_to_it_after_the_criterion_is_named_sets_that_criterion(ask, language_store):
    confirm = ask("Nordic's revenue potential has improved a lot since the merger; set it to 8.")
    assert confirm.command_line == f"score #{language_store.accounts['nordic']} revenue_potential=8"


def test_people_by_plain_words_and_this_man_in_a_thread(ask, language_store):
    people = language_store.people
    assert ask("talked with the IT guy at borealis today, he liked the demo").stakeholder_id == people["Jan Novak"]
    assert ask("pull up petra schmit").stakeholder_id == people["Petra Schmidt"]
    thread = ThreadKey("C_T", "8.0")
    ask("who is Erik Dahl?", where=thread)
    assert ask("what else do we know about this man?", where=thread).stakeholder_id == people["Erik Dahl"]
    for text, role in (("who are the people using our product every day at Nordic Paper?", "user_buyer"),
                       ("is there anybody at Acme Retail who is a fan of us?", "champion"),
                       ("who keeps us away from the bosses at borealis?", "gatekeeper")):
        assert ask(text).role_filter == role, text


def test_across_all_accounts_the_review_list_drops_the_threads_account(ask):
    thread = ThreadKey("C_T", "9.0")
    ask("review borealis", where=thread)
    assert ask("and across all accounts, which reviews are overdue?", where=thread).command_line == "review"


@pytest.mark.parametrize("text", ["Can you book a meeting room for 10 people on Friday? It's for the Borealis workshop.",
                                  "Draft a job ad for a new account manager"])
def test_office_errands_are_not_something_we_do(ask, text):
    assert ask(text).intent == "unknown"
