"""What a statement means for us (kam_domain/drafting/meaning.py) and how it places a SWOT point:
who acts (a competitor, the customer, us) and whether it helps or hurts us. Pure rules, no model."""
from __future__ import annotations

import pytest

from kam_domain.drafting.meaning import meaning
from kam_domain.drafting.offline import OfflineDrafter
from kam_domain.drafting.reading import routine
from kam_domain.drafting.statements import split_statements


@pytest.mark.parametrize("text, quadrant", [
    # a competitor's move is a threat, even when it sounds like growth or a plan
    ("Voltline quoted the Bremen depot at 9% below our rate.", "threat"),
    ("Greenbyte and we are invited to the final round in March.", "threat"),
    ("Their ops director attended a Voltline demo last week.", "threat"),
    ("Voltline is also preparing a proposal for the new terminal.", "threat"),
    # the customer's demand on all its suppliers, or a wish that hurts us
    ("Procurement told every vendor to cut 5% from 2027 prices or face a tender.", "threat"),
    ("The board wants to insource maintenance by 2028.", "threat"),
    ("Marketing budget down 25% for 2027.", "threat"),
    ("They are selling 3 of their 11 warehouses next year.", "threat"),
    # our edge over a rival, our measured result, our share: strengths
    ("We have same-day service in Lyon, Dachser can't match it.", "strength"),
    ("Scrap rate fell from 4% to 1.5% since our inspection cameras went live.", "strength"),
    ("Throughput rose 14% on the lines running our controllers.", "strength"),
    ("We now hold 70% of their packaging spend.", "strength"),
    ("Our sponsor Mia Lund was promoted and now chairs the selection board.", "strength"),
    # our gap, even with a number or a date in it
    ("We still don't offer weekend support in Spain.", "weakness"),
    ("Our new release date moved to March 2027.", "weakness"),
    ("Our allocation of spare drives was cut 30% for Q1.", "weakness"),
    ("Nina is not happy with our invoicing.", "weakness"),
    # the customer's own plan or wish: an opportunity
    ("Their COO wants automated dock scheduling at all four sites by 2027.", "opportunity"),
    ("Harbor Foods is acquiring two bakeries in Ohio.", "opportunity"),
    ("Nina asked whether we could take over their returns too.", "opportunity"),
    ("The RFP documents were sent to us on Monday.", "opportunity"),
])
def test_who_acts_and_for_whom_decides_the_quadrant(text, quadrant):
    read = meaning(text)
    assert read is not None and read.quadrant == quadrant, (text, read)


@pytest.mark.parametrize("text, not_this", [
    ("Their COO wants a 10% discount to renew.", "opportunity"),  # a concession asked of us is no opening
    ("We offered a free pilot for the Lyon site.", "threat"),  # our own offer is no competitor's move
    ("They are unhappy with their current freight forwarder.", "weakness"),  # their other supplier's trouble
    ("Lunch at the Hamburg office went long.", None),
])
def test_readings_that_would_be_wrong_are_not_made(text, not_this):
    read = meaning(text)
    if not_this is None:
        assert read is None
    else:
        assert read is None or read.quadrant != not_this, read


def test_the_reading_outweighs_resemblance_without_a_model():
    drafter = OfflineDrafter(None)  # cue words and readings only
    assert drafter.classify([
        "Voltline is offering the Lyon site a 3-year deal at 12% less.",
        "Their CEO wants electric forklifts in every warehouse by 2028.",
        "Cycle time dropped 11% since our tooling went in.",
        "Our Polish plant was short 20 technicians in May, and the backlog grew.",
    ]) == ["threat", "opportunity", "strength", "weakness"]


def test_abbreviations_do_not_end_a_sentence_and_lowercase_notes_are_split():
    body = "ops review w/ Dr. Lee on site. downtime fell 30% incl. night shifts. they want a pilot"
    assert [s.text for s in split_statements(body)] == [
        "Ops review w/ Dr. Lee on site.", "Downtime fell 30% incl. night shifts.", "They want a pilot."]


def test_three_words_about_us_are_a_statement():
    texts = [s.text for s in split_statements("Jens pushes for NautiQ, but Birte defends us. Pilots booked today.")]
    assert "Birte defends us." in texts and "Pilots booked today." not in texts


@pytest.mark.parametrize("text, admin", [
    ("Quote was sent 12 March.", True),
    ("Next service window booked for October.", True),
    ("Annual review with Javier Ruiz.", True),
    ("Harbor ordered 4 new cranes for delivery in 2027.", False),
    ("Quote sent, but they say our price is 12% too high.", False),
])
def test_admin_done_is_no_swot_point(text, admin):
    assert routine(text) is admin
