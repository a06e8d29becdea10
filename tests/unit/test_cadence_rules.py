"""Review cadence by tier and quadrant (kam_domain.rules.cadence)."""
from __future__ import annotations

import pytest

from kam_domain.rules.cadence import default_review_cadence_days
from kam_domain.rules.scoring import Quadrant


@pytest.mark.parametrize("tier, quadrant, days", [
    ("key", Quadrant.STRATEGIC, 30),
    ("key", Quadrant.STAR, 30),
    ("key", Quadrant.STATUS, 90),
    ("key", Quadrant.STREAMLINE, 90),
    ("key", "strategic", 30),  # the stored value
    ("key", "Status", 90),  # the label
    ("key", None, 30),  # not placed yet: monthly until it is
    ("key", "nonsense", 30),
    ("candidate", Quadrant.STRATEGIC, 90),
    ("candidate", None, 90),
    ("regular", Quadrant.STRATEGIC, None),  # regular accounts are watched by the numbers
    ("regular", None, None),
    ("unknown-tier", Quadrant.STAR, None),
])
def test_default_review_cadence(tier, quadrant, days):
    assert default_review_cadence_days(tier, quadrant) == days


def test_every_quadrant_has_a_key_cadence():
    assert all(default_review_cadence_days("key", q) for q in Quadrant)
