"""Pure rules of the drafting layer: statements, commitments, escaping, citations."""
from __future__ import annotations

from datetime import date

import pytest

from kam_domain.drafting.commitments import find, kind_of
from kam_domain.drafting.statements import split_statements
from kam_domain.drafting.types import DraftAction, DraftPoint, ExcludedPoint, is_excluded, point_id
from kam_domain.drafting.validate import clean_answer_text, clean_model_text, valid_actions, valid_points
from kam_domain.index.knowledge_docs import chunk_markdown, fingerprint
from kam_domain.index.ranking import lexical_scores, recency, terms
from kam_domain.index.chroma_index import notes_collection_name


@pytest.mark.parametrize("body, expected", [
    ("Email from Ana Ruiz: Good signal from Ana Ruiz: they love our on-site service team.",
     ["They love our on-site service team."]),
    ("Watch out: Kraftmann offered 8% below us (heard from Dieter Brandt).", ["Kraftmann offered 8% below us."]),
    ("According to Lars Henriksen, we were the only supplier that kept delivering seals.",
     ["We were the only supplier that kept delivering seals."]),
    ("Lars let slip that a new CFO is reviewing all vendors; Ana said it plainly: our technicians fixed it fast.",
     ["A new CFO is reviewing all vendors.", "Our technicians fixed it fast."]),
    ("Felix Hartmann hinted at a move to another company.", ["Felix Hartmann hinted at a move to another company."]),
    ("Short note: ok.", []),
])
def test_statements_drop_reporting_wrappers(body, expected):
    assert [s.text for s in split_statements(body)] == expected


def test_statement_keeps_its_label_as_a_hint():
    [statement] = split_statements("Risk: their new CFO reviews all suppliers above 1M.")
    assert statement.label == "Risk"


@pytest.mark.parametrize("sentence, kind", [
    ("I promised to send the revised TCO model by Friday.", "commitment"),
    ("Will send Ana the lifetime data this week.", "commitment"),
    ("Action on me: draft the framework proposal.", "commitment"),
    ("They asked for our ISO 14001 certificate; sending tomorrow.", "commitment"),  # "sending tomorrow" is ours
    ("They asked for our ISO 14001 certificate.", "request"),
    ("Felix asked for a reference customer in logistics; I will line one up.", "commitment"),
    ("Trade fair follow-up: According to Felix, they love our on-site team.", None),
    ("Katrin Vogel wants a 6% rebate, otherwise they will re-tender.", "risk"),
    ("Open question: who signs off above 250k?", "question"),
    ("Still unclear whether SKF is in the tender.", "question"),
    ("Risk: Lars may move to another company.", "risk"),
    ("Follow up with Ana.", "follow_up"),
    ("They love our service team.", None),
])
def test_commitments_questions_and_risks_are_told_apart(sentence, kind):
    assert kind_of(sentence) == kind


def test_due_dates_are_read_relative_to_the_note_date():
    written = date(2026, 11, 10)  # a Tuesday
    found = {f.text: f.due for f in find("I promised to send the revised TCO model by Friday. Promised a "
                                         "root-cause report within two weeks. Open question: who signs?", written)}
    assert found["Send the revised TCO model by Friday"] == date(2026, 11, 13)
    assert found["Promised a root-cause report within two weeks"] == date(2026, 11, 24)
    assert found["Find out: who signs?"] is None


@pytest.mark.parametrize("raw, clean", [
    ("<!channel> they <@U0BOSS> love us", "they love us"),
    ("@channel @here @everyone look", "channel here everyone look"),
    ("see <https://evil.example|here> and https://evil.example/x", "see and [link removed]"),
    ("ping @U0BOSSMAN now", "ping U0BOSSMAN now"),
    ("a\u202e\x07b  \n c", "ab c"),
])
def test_model_text_is_defused(raw, clean):
    assert clean_model_text(raw) == clean


def test_answer_text_keeps_lines_but_not_mentions():
    assert clean_answer_text("1. Prepare <!here>\n2. Agenda @channel") == "1. Prepare\n2. Agenda channel"


def test_points_and_actions_citing_other_notes_are_dropped():
    points = [DraftPoint("strength", "They love our service team", 1), DraftPoint("threat", "Rival is cheaper", 99),
              DraftPoint("nonsense", "x y z", 1)]
    assert [p.note_id for p in valid_points(points, {1, 2})] == [1]
    actions = [DraftAction("Send the TCO model", "promised", 2, "commitment"), DraftAction("Leak it", "x", 7, "risk")]
    assert [a.note_id for a in valid_actions(actions, {1, 2})] == [2]


def test_a_model_commitment_names_who_made_it_or_is_only_a_follow_up():
    actions = [DraftAction("Send the TCO model", "promised", 1, "commitment", by="us", owner="me"),
               DraftAction("Keep the on-site team", "they love it", 1, "commitment"),
               DraftAction("Chase the forecast", "asked", 1, "request", by="them")]
    kept = valid_actions(actions, {1})
    assert [(a.kind, a.by, a.owner) for a in kept] == [("commitment", "us", "me"), ("follow_up", None, None),
                                                      ("request", None, None)]


def test_point_ids_are_stable_and_exclusion_tolerates_rewording():
    assert point_id(5, "strength", "They love us!") == point_id(5, "strength", "they love us")
    assert point_id(5, "strength", "They love us") != point_id(6, "strength", "They love us")
    rejected = [ExcludedPoint(5, "threat", "Kraftmann offered 12% below our price on bearings.")]
    assert is_excluded(5, "threat", "Kraftmann offered them 12% below our price on bearings", rejected)
    assert not is_excluded(6, "threat", "Kraftmann offered them 12% below our price on bearings", rejected)


def test_knowledge_is_chunked_by_heading_with_its_title():
    chunks = chunk_markdown("qbr", "# Running a QBR\n\nIntro text.\n\n## Agenda\n\n1. One\n2. Two\n   wrapped\n")
    assert [(c.id, c.title, c.heading) for c in chunks] == [("qbr#running-a-qbr", "Running a QBR", "Running a QBR"),
                                                           ("qbr#agenda", "Running a QBR", "Agenda")]
    assert chunks[1].text == "1. One\n2. Two wrapped"
    assert fingerprint(chunks) != fingerprint(chunks[:1])


def test_lexical_and_recency_ranking():
    scores = lexical_scores(["late deliveries again", "they love us", "late late late"], terms("late delivery"))
    assert scores.argmax() in (0, 2) and scores[1] == 0
    fresh = recency([date(2026, 11, 23), date(2026, 5, 27)], date(2026, 11, 23))
    assert fresh[0] == 1.0 and abs(fresh[1] - 0.5) < 0.01


@pytest.mark.parametrize("team_id", ["T_ALPHA", "T0123ABC", "e/../x", "ümlaut team", "-"])
def test_collection_names_are_chroma_safe_and_distinct(team_id):
    name = notes_collection_name(team_id, "all-MiniLM-L6-v2")
    assert 3 <= len(name) <= 512 and name[0].isalnum() and name[-1].isalnum()
    assert all(ch.isalnum() or ch in "._-" for ch in name)
    assert name != notes_collection_name(team_id + "x", "all-MiniLM-L6-v2")
    assert name != notes_collection_name(team_id, "openai:text-embedding-3-small")


def test_drafted_next_actions_skip_what_the_plan_has_and_flag_what_is_overdue():
    from kam_domain.drafting.offline import OfflineDrafter
    from kam_domain.drafting.types import ActionsRequest, SourceNote

    notes = [SourceNote(1, date(2026, 11, 2), "Anna", "I promised Felix a site visit with our application engineer "
                                                      "in December. Weak spot we need to own: we have no "
                                                      "relationship with IT."),
             SourceNote(2, date(2026, 10, 20), "Marco", "I promised to send the revised TCO model by Friday. "
                                                        "Open question: who signs off above 250k?")]
    request = ActionsRequest("Borealis", date(2026, 11, 23), notes,
                             known_actions=["Book an application-engineer visit with Felix Hartmann"])
    draft = OfflineDrafter(None).draft_next_actions(request)
    assert [(a.text, a.note_id, a.kind) for a in draft.actions] == [
        ("Send the revised TCO model by Friday", 2, "commitment"),
        ("Find out: who signs off above 250k?", 2, "question"),
    ]
    assert draft.actions[0].due == date(2026, 10, 23)
    assert "it was due 2026-10-23: check it happened" in draft.actions[0].reason


@pytest.mark.parametrize("body, by, owner", [
    ("Felix asked for a reference customer in logistics; I will line one up.", "us", "me"),
    ("They promised to send the forecast by May.", "them", None),
    ("Graham said they'll share the spec by 15 Dec.", "them", None),
    ("We agreed a tuning sprint; Nadia owns it, target an 80% reduction by 11/15.", "us", "Nadia"),
])
def test_a_commitment_says_who_made_it_and_who_owns_it(body, by, owner):
    [finding] = find(body, date(2026, 11, 10))
    assert (finding.kind, finding.by, finding.owner) == ("commitment", by, owner)


@pytest.mark.parametrize("body", [
    "According to Felix Hartmann, they love our on-site service team.",
    "Greg will make the platform decision for the merged CU in Q4.",
    "He said he might come to our user day in the autumn if his schedule allows.",
])
def test_observations_are_never_promises(body):
    assert [f.kind for f in find(body, date(2026, 11, 10))] in ([], ["request"], ["risk"], ["follow_up"])
