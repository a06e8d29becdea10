"""What each SWOT quadrant sounds like in a key account manager's notes.

Short, generic sentences; the offline drafter compares statements with them (nearest
exemplars) and with the quadrant descriptions. `NOT_SWOT` is what notes say that is no SWOT
point at all: meeting logistics, follow-ups and to-dos.
"""
from __future__ import annotations

DESCRIPTIONS = {
    "strength": "Our strength with this customer: what we do well for them and what they value about us.",
    "weakness": "Our weakness with this customer: where we fall short, what they complain about us.",
    "opportunity": "An opportunity at the customer: their growth, new projects, budgets or needs we could win.",
    "threat": "A threat to our business with the customer: competitors, cuts, tenders, changes that could cost us.",
}

EXEMPLARS: dict[str, tuple[str, ...]] = {
    "strength": (
        "The customer is very happy with our service team.",
        "They trust our engineers and call us first.",
        "Our product outperformed the competitor's in their test.",
        "We solved their problem faster than any other supplier.",
        "We have an excellent relationship with their decision maker.",
        "They praised our quality and reliability.",
        "Our delivery performance has been flawless this year.",
        "We are their preferred supplier and hold most of their spend.",
        "They value our technical expertise and support.",
        "Our local stock means we can deliver the same day.",
        "They see our reports as the best they receive.",
        "We kept supplying when others could not.",
        "Our team responds quickly and they appreciate it.",
        "Their staff like our training and want more of it.",
    ),
    "weakness": (
        "Our deliveries have been late again.",
        "We have no contact in their finance department.",
        "They find our prices too high.",
        "Our invoices are often wrong.",
        "There were quality problems with our last shipments.",
        "Our lead times are too long.",
        "Only one person on our side knows the customer.",
        "Our systems do not integrate with theirs.",
        "We missed agreed deadlines and they are frustrated with us.",
        "They complained that our support is slow to respond.",
        "We lack a product for their new requirement.",
        "Our relationship with them is weak and only transactional.",
        "Our quotes and paperwork take too long.",
        "We have no senior sponsor for this account.",
    ),
    "opportunity": (
        "They are opening a new plant next year.",
        "They want a multi-year agreement with one supplier.",
        "Their budget for next year is increasing.",
        "They plan to consolidate suppliers across their sites.",
        "They are interested in a pilot of our new service.",
        "A new production line will start soon.",
        "They asked if we could take over another part of their operations.",
        "Their business is growing and volumes will rise.",
        "They are unhappy with another supplier and looking for an alternative.",
        "A new project is starting where we could help.",
        "Their new manager wants to modernise maintenance.",
        "They acquired another company and are expanding.",
        "They invited us to propose for a new contract.",
        "Funding is available for the upgrade they want.",
    ),
    "threat": (
        "A competitor offered them a lower price.",
        "They announced budget cuts.",
        "Their new CFO is reviewing all suppliers.",
        "They may bring the work in-house.",
        "Procurement will put the contract out to tender.",
        "Their volumes are falling because demand is weak.",
        "A merger could move decisions to the parent company.",
        "Our main contact is leaving the company.",
        "They threatened to switch to another supplier.",
        "New regulation could rule out our product.",
        "A site may close in their restructuring.",
        "A rival supplier is running a trial at the customer.",
        "Their finances are weakening and payments may slip.",
        "All investment projects are on hold.",
    ),
}

NOT_SWOT: tuple[str, ...] = (
    "Call with the customer about the order.",
    "Met them at their office.",
    "Meeting with the buyer and the plant manager.",
    "Follow up with them next week.",
    "I will send the quote on Friday.",
    "Discuss this with them next time.",
    "Prep for the next meeting.",
    "Short note after the call.",
    "They asked for the presentation slides.",
    "Need to check this before the review.",
    "Worth a call to their manager.",
    "Open question about who signs the contract.",
    "The mood in the room was positive.",
    "It went well overall.",
    "She suggested we get in touch early.",
    "He raised it again at the end.",
)
