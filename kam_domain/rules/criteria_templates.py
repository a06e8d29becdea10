"""Ready-made scoring criteria a workspace can start from.

CLASSIC_SELECTION and ATTRACTIVENESS_8 each define a complete matrix; STRENGTH_CRITERIA adds
criteria for the x-axis (our strength as the customer sees us) and combines with
either via `combine`. DAY_ONE, the default until an admin chooses, puts the criteria that
data answers first (see rules.derived_scores) and adds a few judgement criteria.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from kam_domain.rules.scoring import ATTRACTIVENESS, STRENGTH, CriterionDef


@dataclass(frozen=True)
class CriteriaTemplate:
    name: str
    label: str
    description: str
    criteria: tuple[CriterionDef, ...]

    def __iter__(self) -> Iterator[CriterionDef]:
        return iter(self.criteria)

    def __len__(self) -> int:
        return len(self.criteria)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.criteria)


def _a(key: str, label: str, weight: float, description: str) -> CriterionDef:
    return CriterionDef(key, label, weight, ATTRACTIVENESS, description)


def _s(key: str, label: str, weight: float, description: str) -> CriterionDef:
    return CriterionDef(key, label, weight, STRENGTH, description)


CLASSIC_SELECTION = CriteriaTemplate(
    name="classic",
    label="Classic key-account selection",
    description="Eight classic selection criteria; relationships and cultural fit "
    "measure our strength, the rest how attractive the customer is.",
    criteria=(
        _a(
            "product_fit", "Product fit", 3,
            "How well our products and services meet the customer's needs.",
        ),
        _a(
            "solvency", "Solvency", 2,
            "The customer's financial health and ability to pay.",
        ),
        _s(
            "existing_relationships", "Existing relationships", 2,
            "How many good relationships we already have with the customer's people.",
        ),
        _a(
            "channel_partner_potential", "Channel partner potential", 1,
            "The chance the customer becomes a channel partner or reference.",
        ),
        _s(
            "cultural_fit", "Cultural fit", 1,
            "How well our ways of working and values match.",
        ),
        _a(
            "geographic_alignment", "Geographic alignment", 1,
            "How well the customer's locations match where we can serve.",
        ),
        _a(
            "buying_process", "Buying process", 1,
            "How open and workable the customer's buying process is for us.",
        ),
        _a(
            "revenue_potential", "Revenue potential", 3,
            "What the customer could spend with us in the next years.",
        ),
    ),
)

ATTRACTIVENESS_8 = CriteriaTemplate(
    name="attractiveness_8",
    label="Eight-point customer attractiveness",
    description="Eight attractiveness criteria for the y-axis; add the strength "
    "template to place accounts on the x-axis.",
    criteria=(
        _a(
            "business_market_stability", "Business and market stability", 1,
            "How stable the customer's business and its markets are.",
        ),
        _a(
            "cross_up_sell", "Cross- and up-sell opportunity", 1,
            "Room to sell more and other products to the customer.",
        ),
        _a(
            "adjacent_markets", "Access to adjacent markets", 1,
            "Whether the customer opens doors to adjacent markets or segments.",
        ),
        _a(
            "stable_order_flow", "Stable order flow", 1,
            "How steady and predictable the customer's orders are.",
        ),
        _a(
            "aligned_strategy_values", "Aligned strategy and values", 1,
            "How well the customer's strategy and values align with ours.",
        ),
        _a(
            "financial_security_payment", "Financial security and payment terms", 1,
            "Creditworthiness and how acceptable the payment terms are.",
        ),
        _a(
            "ease_of_business", "Ease of doing business", 1,
            "How easy the customer is to work with day to day.",
        ),
        _a(
            "brand_value", "Brand value", 1,
            "What having this customer's name on our list is worth.",
        ),
    ),
)

STRENGTH_CRITERIA = CriteriaTemplate(
    name="strength",
    label="Our strength as the customer sees us",
    description="Strength criteria for the x-axis; combine with either attractiveness template.",
    criteria=(
        _s(
            "relationship_strength", "Relationship strength", 2,
            "Breadth and depth of our relationships with the customer's decision makers.",
        ),
        _s(
            "share_of_wallet", "Share of wallet", 1,
            "Our share of what the customer spends in our category.",
        ),
        _s(
            "customer_rating_of_us", "Customer's rating of us", 2,
            "How the customer rates us against our competitors.",
        ),
    ),
)

DAY_ONE = CriteriaTemplate(
    name="day_one",
    label="Day-one (data first)",
    description="Active from install: what the data answers (our revenue, margin, growth, cost to "
    "serve, the customer's size; stakeholder sentiment, breadth, recency, the customer's rating of us) "
    "is scored from the data, the judgement criteria wait for a person.",
    criteria=(
        _a(
            "revenue_to_us", "Revenue to us", 3,
            "What the customer paid us over the last year, ranked against the portfolio (from financials).",
        ),
        _a(
            "profit_margin", "Profit margin", 2,
            "Profit as a share of revenue over the last year (from financials).",
        ),
        _a(
            "revenue_growth", "Revenue growth", 2,
            "Revenue of the last year against the year before (from financials).",
        ),
        _a(
            "customer_size", "Customer size", 2,
            "The customer's own annual revenue, ranked against the portfolio (from the CRM).",
        ),
        _a(
            "cost_to_serve", "Cost to serve", 1,
            "Cost to serve as a share of revenue over the last year; lower is better (from financials).",
        ),
        _a(
            "product_fit", "Product fit", 2,
            "How well our products and services meet the customer's needs.",
        ),
        _a(
            "revenue_potential", "Revenue potential", 2,
            "What the customer could spend with us in the next years.",
        ),
        _s(
            "stakeholder_sentiment", "Stakeholder sentiment", 2,
            "Attitudes of the people we know, weighted by influence, and the sentiment of logged meetings.",
        ),
        _s(
            "relationship_breadth", "Relationship breadth", 2,
            "How many of the customer's people we know with real contact.",
        ),
        _s(
            "contact_recency", "Contact recency", 1,
            "Days since we last met or spoke with anyone at the customer.",
        ),
        _s(
            "customer_rating_of_us", "Customer's rating of us", 2,
            "How the customer rates us against our competitors.",
        ),
        _s(
            "relationship_strength", "Relationship strength", 2,
            "Breadth and depth of our relationships with the customer's decision makers.",
        ),
    ),
)

DEFAULT_TEMPLATE = DAY_ONE  # in force for a workspace that never chose criteria

TEMPLATES: dict[str, CriteriaTemplate] = {
    t.name: t for t in (CLASSIC_SELECTION, ATTRACTIVENESS_8, STRENGTH_CRITERIA, DAY_ONE)
}


def combine(*templates: CriteriaTemplate) -> tuple[CriterionDef, ...]:
    """Criteria of several templates in order; a key already taken is skipped."""
    seen: set[str] = set()
    combined = []
    for template in templates:
        for criterion in template.criteria:
            if criterion.key not in seen:
                seen.add(criterion.key)
                combined.append(criterion)
    return tuple(combined)
