"""A deterministic demo portfolio for Northwind Components, a B2B supplier of industrial
components and services.

`seed_demo` writes a workspace's worth of accounts, money, scores, stakeholders, notes,
meetings, plans, reviews and tier changes that exercise every feature of the assistant.
Everything comes from a fixed-seed generator and is dated relative to the `today` passed
in, so the same day always gives the same rows. The caller commits.

The stories worth showing (see also the module tables below):
- Borealis Logistics: biggest account (over a quarter of all profit), a supportive decision
  maker but amber coverage: an influential detractor in IT (Dieter Brandt) holds it back;
  a supplier consolidation to win.
- Acme Retail Group (ARG) and Sakura Precision: green (supportive decision makers, no gap);
  at ARG Ana Ruiz (CFO) is a supportive economic buyer.
- Halvorsen Maritime: amber, its economic buyer (Ingrid Solberg) has gone cold.
- Kestrel Aerospace and Granite Peak Mining: amber; Granite Peak has no executive sponsor.
- Meridian Foods: red coverage, loss-making, declining, its review is overdue.
- Tessaro Packaging: single-threaded (Marco holds every relationship), and the customer
  rates us far lower than we rate ourselves.
- Nordlys Pharma: a stale plan; Vantor Energy: newly key, no plan yet.
- Lumen Solar and Corvid Robotics: regular accounts that are very profitable and growing
  fast; Alpenglow Chemicals: a pending nomination.
"""
from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field, fields
from datetime import date, datetime, time, timedelta, timezone
from typing import Callable, Optional

from sqlalchemy import delete, func, select, update
from sqlmodel import Session

from kam_domain.models import (
    Account,
    Action,
    AuditEntry,
    Criterion,
    Delivery,
    Financial,
    Interaction,
    InteractionAttendee,
    Note,
    Objective,
    Opportunity,
    PlanSection,
    Review,
    Score,
    Stakeholder,
    SwotPoint,
    TeamMember,
    TierChange,
    Workspace,
)
from kam_domain.rules.criteria_templates import CLASSIC_SELECTION, STRENGTH_CRITERIA, combine
from kam_domain.rules.names import fold, normalize_account_name, normalize_person_name
from kam_domain.rules.scoring import ATTRACTIVENESS, STRENGTH
from kam_domain.services.importing import content_hash as note_hash
from kam_domain.services.workspaces import ensure_workspace, erase_workspace_data

SEED = 20_261_123
DEMO_TEAM_ID = "T0DEMONW"
DEMO_WORKSPACE_NAME = "Northwind Components (demo)"
QUARTERS = 8
CANDIDATE_CADENCE_DAYS = 90
NOTE_HISTORY_DAYS = 547

# --------------------------------------------------------------------------- our side

ANNA, MARCO, SOFIA, JAMES = "U0DEMOANNA", "U0DEMOMARC", "U0DEMOSOFI", "U0DEMOJAME"
PRIYA, TOMASZ, LUCAS = "U0DEMOPRIY", "U0DEMOTOMA", "U0DEMOLUCA"
HELENA, DAVID = "U0DEMOHELE", "U0DEMODAVI"
DEMO_ADMIN = "U0DEMORACH"

DEMO_USERS: dict[str, str] = {
    ANNA: "Anna Keller",
    MARCO: "Marco Bianchi",
    SOFIA: "Sofia Lindqvist",
    JAMES: "James Okafor",
    PRIYA: "Priya Nair",
    TOMASZ: "Tomasz Nowak",
    LUCAS: "Lucas Moreau",
    HELENA: "Helena Berg",
    DAVID: "David Chen",
    DEMO_ADMIN: "Rachel Adams",
}
DEMO_KAMS: tuple[str, ...] = (ANNA, MARCO, SOFIA, JAMES, PRIYA, TOMASZ, LUCAS)
DEMO_SPONSORS: tuple[str, ...] = (HELENA, DAVID)

# --------------------------------------------------------------------------- criteria

INACTIVE_CRITERIA = ("channel_partner_potential", "geographic_alignment")
DEMO_CRITERIA = tuple(
    c for c in combine(CLASSIC_SELECTION, STRENGTH_CRITERIA) if c.key != "customer_rating_of_us"
)

# --------------------------------------------------------------------------- accounts


@dataclass(frozen=True)
class Profile:
    """One account: who they are, what they pay us, and where they sit in the matrix."""

    name: str
    industry: str
    country: str
    tier: str
    owner: str
    size_m: float  # the customer's own annual revenue, millions
    revenue_k: float  # what they pay us per quarter, thousands
    margin: float  # after cost to serve; negative = loss-making
    growth: float  # revenue growth per quarter
    attractiveness: float
    strength: float
    rating: Optional[float] = None  # the customer's rating of us
    aliases: tuple[str, ...] = ()
    sponsor: Optional[str] = None
    potential: Optional[float] = 1.5  # potential annual value as a multiple of today's
    crm: bool = True


P = Profile
ACCOUNTS: tuple[Profile, ...] = (
    # key accounts
    P("Borealis Logistics GmbH", "Logistics", "Germany", "key", ANNA, 1850, 3000, 0.36, 0.02, 8.2, 7.6, 8, ("Borealis",), HELENA, 1.3),
    P("Acme Retail Group", "Retail", "United States", "key", JAMES, 4200, 1500, 0.28, 0.01, 7.6, 7.0, 7, ("ARG",), DAVID, 1.6),
    P("Sakura Precision KK", "Electronics manufacturing", "Japan", "key", PRIYA, 2600, 1100, 0.30, 0.015, 8.0, 7.2, None, ("Sakura",), DAVID, 1.5),
    P("Halvorsen Maritime ASA", "Shipping", "Norway", "key", SOFIA, 900, 900, 0.30, 0.0, 7.0, 6.4, 6, ("Halvorsen",), HELENA, 1.8),
    P("Tessaro Packaging SpA", "Packaging", "Italy", "key", MARCO, 640, 800, 0.30, -0.01, 4.6, 8.0, 4, ("Tessaro",), HELENA, 1.1),
    P("Kestrel Aerospace Ltd", "Aerospace", "United Kingdom", "key", TOMASZ, 3100, 700, 0.25, 0.02, 8.0, 4.0, 8, ("Kestrel",), DAVID, 3.0),
    P("Nordlys Pharma AB", "Pharmaceuticals", "Sweden", "key", SOFIA, 1200, 260, 0.18, 0.01, 8.4, 3.6, 4, ("Nordlys",), HELENA, 4.0),
    P("Meridian Foods SA", "Food processing", "France", "key", MARCO, 780, 420, -0.07, -0.03, 4.0, 4.2, 3, ("Meridian",), DAVID, 1.0),
    P("Granite Peak Mining Corp", "Mining", "Canada", "key", JAMES, 2300, 500, 0.12, 0.0, 7.2, 4.4, None, ("Granite Peak",), None, 2.5),
    P("Vantor Energy AS", "Energy", "Norway", "key", ANNA, 5000, 320, 0.22, 0.06, 7.8, 6.0, 6, (), HELENA, 4.0),
    # candidates
    P("Alpenglow Chemicals AG", "Chemicals", "Austria", "candidate", SOFIA, 1400, 350, 0.22, 0.04, 7.6, 6.2, 7, ("Alpenglow",), None, 2.5),
    P("Vantor Health Ltd", "Healthcare", "United Kingdom", "candidate", TOMASZ, 420, 200, 0.20, 0.03, 6.6, 4.6, None, (), None, 2.0),
    P("Pacifica Water Utilities Inc", "Utilities", "United States", "candidate", JAMES, 1100, 280, 0.15, 0.02, 7.0, 3.8, 4, ("Pacifica Water",), None, 2.5),
    P("Ironbridge Rail Services Ltd", "Rail", "United Kingdom", "candidate", TOMASZ, 760, 220, 0.18, 0.0, 6.2, 6.8, 7, ("Ironbridge",), None, 2.0),
    P("Solano Agritech SL", "Agricultural machinery", "Spain", "candidate", MARCO, 310, 150, 0.20, 0.03, 6.8, 4.4, None, (), None, 2.0),
    P("Baltica Timber Group UAB", "Forestry and timber", "Lithuania", "candidate", PRIYA, 260, 120, 0.10, 0.02, 6.2, 3.8, None, ("Baltica",), None, 2.2),
    # regular accounts
    P("Lumen Solar Systems BV", "Renewable energy", "Netherlands", "regular", ANNA, 520, 500, 0.42, 0.12, 7.4, 4.8, 5, ("Lumen Solar",), None, 2.0),
    P("Corvid Robotics Inc", "Industrial automation", "United States", "regular", JAMES, 380, 380, 0.36, 0.10, 7.0, 6.0, None, ("Corvid",), None, 1.8),
    P("Rhein-Ruhr Stahl AG", "Steel", "Germany", "regular", ANNA, 3900, 600, 0.28, -0.01, 4.4, 7.0, 7, ("RRS",), None, 1.2),
    P("Hollis & Crane Engineering Ltd", "Engineering services", "United Kingdom", "regular", TOMASZ, 210, 140, 0.16, 0.0, 4.8, 7.2, 3, ("Hollis & Crane",), None, 1.3),
    P("Dunmore Paper Mills Ltd", "Pulp and paper", "Ireland", "regular", TOMASZ, 180, 90, -0.06, -0.02, 3.6, 4.0, None, (), None, None),
    P("Fjordline Aquaculture AS", "Aquaculture", "Norway", "regular", SOFIA, 350, 70, 0.14, 0.01, 4.8, 3.4, None, (), None, 1.5),
    P("Castellan Building Materials SA", "Building materials", "Spain", "regular", MARCO, 900, 160, 0.12, -0.02, 4.2, 6.2, 6, (), None, 1.2),
    P("Orion Cold Chain BV", "Logistics", "Netherlands", "regular", ANNA, 450, 110, 0.15, 0.01, 6.4, 4.2, None, ("Orion",), None, 2.0),
    P("Pampas Agro SA", "Agriculture", "Argentina", "regular", MARCO, 600, 60, 0.10, 0.0, 3.8, 3.0, 3, (), None, None, False),
    P("Kowalski Machinery Sp. z o.o.", "Machinery", "Poland", "regular", TOMASZ, 140, 130, 0.18, 0.02, 6.6, 6.8, 7, ("Kowalski",), None, 1.6),
    P("Danubia Automotive Kft", "Automotive components", "Hungary", "regular", TOMASZ, 820, 150, 0.14, 0.0, 6.2, 3.6, None, ("Danubia",), None, 2.0),
    P("Sierra Textiles SA de CV", "Textiles", "Mexico", "regular", JAMES, 260, 80, -0.10, -0.02, 3.2, 4.4, None, (), None, None),
    P("Blue Harbor Breweries LLC", "Beverages", "United States", "regular", JAMES, 150, 55, -0.04, 0.0, 4.0, 6.2, 6, (), None, 1.1),
    P("Crestline Medical Devices Inc", "Medical devices", "United States", "regular", JAMES, 700, 120, 0.20, 0.02, 7.2, 4.0, 4, ("Crestline",), None, 2.5),
    P("Tasman Dairy Co-operative", "Dairy", "New Zealand", "regular", PRIYA, 1600, 100, 0.12, 0.0, 4.8, 6.4, None, ("Tasman Dairy",), None, 1.3, False),
    P("Helvetia Precision Tools AG", "Precision tooling", "Switzerland", "regular", SOFIA, 230, 90, 0.22, 0.01, 6.0, 6.6, 7, (), None, 1.4),
    P("Marlow Print Group plc", "Printing", "United Kingdom", "regular", TOMASZ, 95, 45, 0.08, -0.03, 3.0, 4.6, None, (), None, None),
    P("Odense Wind Services A/S", "Wind services", "Denmark", "regular", SOFIA, 340, 140, 0.20, 0.03, 7.0, 4.8, 5, ("Odense Wind",), None, 2.2),
    P("Lyon Hydraulique SAS", "Hydraulics", "France", "regular", MARCO, 120, 75, 0.16, 0.0, 4.6, 6.6, None, (), None, 1.2),
    P("Cascadia Timber Products Inc", "Forestry and timber", "Canada", "regular", JAMES, 480, 85, 0.10, -0.01, 4.2, 3.8, 4, (), None, 1.2),
    P("Anatolia Glassworks AS", "Glass", "Turkey", "regular", PRIYA, 690, 95, 0.14, 0.02, 6.2, 4.6, None, ("Anatolia",), None, 1.8, False),
    P("Bangalore Motion Systems Pvt Ltd", "Motion control", "India", "regular", PRIYA, 240, 70, 0.18, 0.03, 6.8, 6.4, 6, ("BMS",), None, 2.0),
    P("Suncoast Beverages Pty Ltd", "Beverages", "Australia", "regular", PRIYA, 410, 65, 0.12, 0.0, 4.0, 4.2, None, (), None, None),
    P("Greywater Utilities plc", "Utilities", "United Kingdom", "regular", TOMASZ, 1300, 130, 0.11, 0.0, 4.6, 6.4, 6, ("Greywater",), None, 1.3),
    P("Vellano Ceramics SpA", "Ceramics", "Italy", "regular", MARCO, 200, 60, 0.09, -0.02, 3.4, 6.0, None, (), None, None),
    P("Brightwell Labs Inc", "Laboratory equipment", "United States", "regular", JAMES, 90, 40, 0.25, 0.02, 6.4, 6.8, 7, (), None, 1.5),
    P("Karoo Minerals Ltd", "Mining", "South Africa", "regular", PRIYA, 1500, 110, 0.08, -0.01, 6.0, 3.2, None, (), None, 2.0),
    P("Maple Ridge Plastics Inc", "Plastics", "Canada", "regular", JAMES, 160, 70, 0.13, 0.0, 4.0, 6.2, 6, (), None, 1.2),
    P("Aurora Cement Oy", "Cement", "Finland", "regular", SOFIA, 560, 100, 0.10, 0.0, 3.8, 4.0, None, (), None, None),
    P("Quayside Logistics Ltd", "Logistics", "United Kingdom", "regular", ANNA, 130, 60, 0.12, 0.01, 4.2, 4.6, 5, (), None, 1.4),
)
del P

# --------------------------------------------------------------------------- key-account stories


@dataclass(frozen=True)
class Person:
    """A hand-cast stakeholder. last_seen: days since our last meeting, pinned."""

    name: str
    title: str
    role: str
    influence: int
    attitude: int
    contact: str
    owner: Optional[str]
    reports_to: Optional[str] = None
    last_seen: Optional[int] = None


@dataclass(frozen=True)
class Deal:
    name: str
    value: float
    status: str
    close_in_days: int
    next_step: Optional[str] = None


@dataclass(frozen=True)
class KeyStory:
    members: tuple[str, ...]
    key_since_days: int
    trend: int  # how scores and review ratings moved over the last year
    products: tuple[str, ...]
    competitors: tuple[str, ...]
    sites: tuple[str, ...]
    cities: tuple[str, ...]
    expansion: str
    goals: tuple[str, ...]
    strengths: tuple[str, ...]
    weaknesses: tuple[str, ...]
    opportunities: tuple[str, ...]
    threats: tuple[str, ...]
    deals: tuple[Deal, ...]
    cast: tuple[Person, ...]
    notes: int
    plan: str = "fresh"  # fresh, stale, none
    review: str = "due"  # due, overdue
    cadence_days: int = 30


KEY_STORIES: dict[str, KeyStory] = {
    "Borealis Logistics GmbH": KeyStory(
        members=(LUCAS, TOMASZ), key_since_days=1460, trend=1,
        products=("conveyor bearings", "sorter drive belts", "condition-monitoring sensors"),
        competitors=("Kraftmann Industrietechnik", "Dynaflex"),
        sites=("the Hamburg hub", "the Leipzig cross-dock"), cities=("Hamburg",), expansion="Poland",
        goals=("Cut unplanned sorter downtime by 30% across the German hubs by {story_year}",
               "Consolidate MRO spend to two strategic suppliers",
               "Open the Poznań cross-dock on schedule in {story_year}"),
        strengths=("they love our on-site service team at the Hamburg hub",
                   "our 24-hour spare-parts delivery is the main reason we are still on the shortlist",
                   "Jonas Weber's maintenance crew rates our sorter belts above anything else they have tried"),
        weaknesses=("we have no relationship with IT and Dieter Brandt blocks every sensor pilot",
                    "our delivery delays in Q2 hurt us on the conveyor retrofit",
                    "nobody in their finance team knows us beyond the invoices"),
        opportunities=("they are consolidating to two suppliers in {story_year} and we are on the shortlist",
                       "the new cross-dock hub near Poznań opens in {story_year} and needs a full fit-out",
                       "they want to move to a 3-year framework deal"),
        threats=("Kraftmann offered 10% below us on conveyor bearings",
                 "procurement (Eva Lund) is pushing hard for a 6% rebate",
                 "a new group CFO is reviewing all vendors above one million euros"),
        deals=(Deal("Supplier consolidation - 3-year framework agreement", 4_800_000, "open", 75,
                    "Send the revised TCO model to Lars Henriksen"),
               Deal("Poznań cross-dock fit-out", 650_000, "open", 140),
               Deal("Hamburg hub sorter belt retrofit", 420_000, "won", -120),
               Deal("Predictive maintenance pilot", 180_000, "lost", -200)),
        cast=(Person("Lars Henriksen", "COO", "decision_maker", 5, 1, "in_depth", ANNA, last_seen=6),
              Person("Katrin Vogel", "CFO", "economic_buyer", 5, 0, "brief", HELENA, last_seen=19),
              Person("Eva Lund", "Head of Procurement", "gatekeeper", 4, 0, "multiple", ANNA, "Katrin Vogel", 13),
              Person("Dieter Brandt", "Head of IT", "blocker", 4, -2, "brief", LUCAS, "Katrin Vogel"),
              Person("Jonas Weber", "Fleet Maintenance Manager", "user_buyer", 3, 2, "in_depth", LUCAS, "Lars Henriksen"),
              Person("Miriam Schulz", "Engineering Lead, Warehousing", "technical_buyer", 3, 1, "multiple", TOMASZ, "Lars Henriksen"),
              Person("Felix Hartmann", "Site Manager, Hamburg Hub", "champion", 3, 2, "multiple", ANNA, "Lars Henriksen")),
        notes=36, cadence_days=30,
    ),
    "Acme Retail Group": KeyStory(
        members=(PRIYA,), key_since_days=1100, trend=0,
        products=("refrigeration spare parts", "DC conveyor components", "HVAC components"),
        competitors=("Pinnacle MRO", "Atlas Drives"),
        sites=("the Columbus DC", "the Dallas DC"), cities=("Bentonville", "Dallas"), expansion="Mexico",
        goals=("Reduce store maintenance cost per square foot by 12%",
               "Standardise spare parts across all 600 stores by {story_year}"),
        strengths=("store maintenance teams like our next-day parts kits",
                   "the Columbus DC retrofit came in on time and under budget",
                   "we are the only supplier that shows them hard savings data"),
        weaknesses=("our invoicing errors in the spring cost us goodwill with accounts payable",
                    "we have almost no contact with store operations leadership",
                    "our stock-outs on compressor spares during the summer peak hurt us"),
        opportunities=("they want to move to a 3-year framework deal for all store refrigeration parts",
                       "a new DC in Monterrey opens in {story_year}",
                       "they are open to a national HVAC components agreement"),
        threats=("Pinnacle MRO offered 8% below us on the renewal",
                 "budget cuts were announced for store capex",
                 "Tanya Brooks wants to run a full re-tender next spring"),
        deals=(Deal("Store refrigeration spare-parts renewal", 1_200_000, "open", 45,
                    "Renewal pricing review with Ana Ruiz"),
               Deal("National HVAC components framework", 2_100_000, "open", 200),
               Deal("Columbus DC conveyor modernisation", 900_000, "won", -90)),
        cast=(Person("Ana Ruiz", "CFO", "economic_buyer", 5, 1, "multiple", JAMES, last_seen=24),
              Person("Mark Delaney", "VP Store Operations", "decision_maker", 4, 0, "multiple", JAMES, last_seen=16),
              Person("Tanya Brooks", "Director of Procurement", "gatekeeper", 4, 0, "multiple", JAMES, "Ana Ruiz"),
              Person("Kevin O'Brien", "Facilities Engineering Manager", "technical_buyer", 3, 1, "in_depth", PRIYA, "Mark Delaney"),
              Person("Rosa Martinez", "Regional Maintenance Lead", "user_buyer", 2, 2, "in_depth", PRIYA, "Kevin O'Brien"),
              Person("Greg Holt", "Head of Supply Chain", "influencer", 3, 0, "brief", JAMES)),
        notes=30,
    ),
    "Sakura Precision KK": KeyStory(
        members=(LUCAS,), key_since_days=900, trend=1,
        products=("linear guides", "clean-room bearings", "condition-monitoring sensors"),
        competitors=("Mecatron", "SKR Components"),
        sites=("the Nagoya plant", "the Osaka plant"), cities=("Nagoya", "Tokyo"), expansion="Vietnam",
        goals=("Zero unplanned stops on lines 5 to 7",
               "Start the Vietnam plant in {story_year} with the same supplier base"),
        strengths=("their engineers trust our application team more than the local suppliers",
                   "our linear guides passed the line 7 endurance test first time",
                   "we responded fastest of all suppliers after the line 5 flood"),
        weaknesses=("our Japanese-language documentation is poor",
                    "the quality team still logs our packaging as a nonconformity",
                    "we are slow to answer technical questions outside European office hours"),
        opportunities=("a new plant in Vietnam starts production in {story_year}",
                       "they want a single clean-room bearing supplier for all lines",
                       "the condition-monitoring rollout at the Nagoya plant could extend to Osaka"),
        threats=("Mecatron offered 12% below us with local stock",
                 "the weak yen has them pushing every import supplier on price",
                 "group purchasing in Tokyo is reviewing all foreign vendors"),
        deals=(Deal("Line 7 linear guide supply", 780_000, "won", -60),
               Deal("Clean-room bearing qualification", 540_000, "open", 90,
                    "Send qualification samples to Aiko Yamamoto"),
               Deal("Osaka condition monitoring", 300_000, "lost", -240)),
        cast=(Person("Hiroshi Tanaka", "Managing Director", "decision_maker", 5, 2, "in_depth", DAVID, last_seen=9),
              Person("Kenji Watanabe", "CFO", "economic_buyer", 5, 1, "brief", DAVID, last_seen=27),
              Person("Yuki Sato", "Purchasing Manager", "gatekeeper", 3, 0, "multiple", PRIYA, "Kenji Watanabe"),
              Person("Aiko Yamamoto", "Production Engineering Manager", "technical_buyer", 4, 1, "in_depth", LUCAS, "Hiroshi Tanaka", 20),
              Person("Takeshi Mori", "Quality Assurance Lead", "influencer", 3, -1, "brief", LUCAS, "Hiroshi Tanaka"),
              Person("Emi Kobayashi", "Line Supervisor", "user_buyer", 2, 1, "multiple", PRIYA, "Aiko Yamamoto")),
        notes=26,
    ),
    "Halvorsen Maritime ASA": KeyStory(
        members=(TOMASZ,), key_since_days=1250, trend=-1,
        products=("mechanical seal kits", "ballast pump spares", "stern-tube seals"),
        competitors=("Trident Seals", "Hansa Fluidtechnik"),
        sites=("the Bergen technical office", "the Ålesund dry dock"), cities=("Bergen",), expansion="Singapore",
        goals=("Keep fleet availability above 97%",
               "Meet the {story_year} emissions rules without losing charter days"),
        strengths=("our seal kits are the most reliable on the fleet",
                   "our dry-dock team finished the last overhaul two days early",
                   "we are the only supplier with engineers in both Bergen and Ålesund"),
        weaknesses=("nobody on our side has a real relationship with Ingrid Solberg",
                    "our quotes take longer than Trident Seals' to come back",
                    "the ballast pump spares arrived without the class certificates"),
        opportunities=("they want one seal supplier for the whole fleet of 34 vessels",
                       "a crew-change and spares hub in Singapore opens in {story_year}",
                       "the new emissions rules push them to retrofit every ballast pump"),
        threats=("Trident Seals offered a fleet deal 9% below us",
                 "freight rates fell and finance is cutting every non-essential budget",
                 "the fleet technical team is considering insourcing dry-dock maintenance"),
        deals=(Deal("Fleet-wide seal kit agreement", 1_500_000, "open", 100,
                    "Get a meeting with Ingrid Solberg"),
               Deal("Dry-dock overhaul package", 380_000, "won", -150),
               Deal("Ballast pump spares", 120_000, "lost", -45)),
        cast=(Person("Ingrid Solberg", "CFO", "economic_buyer", 5, 0, "brief", SOFIA, last_seen=97),
              Person("Erik Dahl", "Fleet Technical Director", "decision_maker", 5, 0, "multiple", SOFIA, last_seen=12),
              Person("Nina Bakken", "Superintendent Engineer", "technical_buyer", 4, 2, "in_depth", TOMASZ, "Erik Dahl", 15),
              Person("Ole Strand", "Procurement Manager", "gatekeeper", 3, 0, "multiple", SOFIA, "Ingrid Solberg"),
              Person("Kari Nilsen", "Dry-dock Planner", "user_buyer", 2, 1, "multiple", TOMASZ, "Nina Bakken")),
        notes=26,
    ),
    "Tessaro Packaging SpA": KeyStory(
        members=(LUCAS,), key_since_days=2100, trend=-1,
        products=("gearbox spares", "lubrication systems", "drive belts"),
        competitors=("Verso Industrial", "Dynaflex"),
        sites=("the Bologna plant", "the Parma plant"), cities=("Bologna",), expansion="Morocco",
        goals=("Keep the Bologna lines above 92% OEE", "Cut working capital by 10% by {story_year}"),
        strengths=("our gearbox overhaul team is the best they have worked with",
                   "we have been their lubrication partner for nine years",
                   "we have never missed a planned shutdown"),
        weaknesses=("our drive belt prices are above the market",
                    "every relationship there runs through Marco and nobody else",
                    "they rated our delivery performance poorly in the annual supplier survey"),
        opportunities=("they want a three-year lubrication service contract",
                       "a new line in Parma goes live in {story_year}",
                       "they are open to vendor-managed inventory for spares"),
        threats=("Verso Industrial won the drive belt re-tender at 11% below us",
                 "finance wants to push payment terms to 120 days",
                 "margins in packaging are squeezed and capex is frozen"),
        deals=(Deal("Three-year lubrication service", 720_000, "open", 60),
               Deal("Bologna line 3 gearbox overhaul", 260_000, "won", -30),
               Deal("Drive belt re-tender", 340_000, "lost", -100)),
        cast=(Person("Giulia Romano", "CEO", "decision_maker", 5, 1, "multiple", MARCO, last_seen=21),
              Person("Francesca Conti", "CFO", "economic_buyer", 4, -1, "brief", MARCO, "Giulia Romano", 44),
              Person("Luca Ferri", "Purchasing Manager", "gatekeeper", 4, 0, "in_depth", MARCO, "Francesca Conti", 9),
              Person("Paolo Greco", "Maintenance Director", "technical_buyer", 3, 1, "in_depth", MARCO, "Giulia Romano"),
              Person("Davide Russo", "Plant Manager, Bologna", "user_buyer", 3, 1, "multiple", MARCO, "Paolo Greco")),
        notes=24, cadence_days=90,
    ),
    "Kestrel Aerospace Ltd": KeyStory(
        members=(ANNA, LUCAS), key_since_days=700, trend=1,
        products=("MRO shop tooling", "composite-line hydraulics", "hangar pneumatics"),
        competitors=("Atlas Drives", "Mecatron"),
        sites=("the Filton MRO shop", "the Derby composites line"), cities=("Bristol", "Derby"),
        expansion="the United States",
        goals=("Double composite wing-part output by {story_year}", "Cut MRO turnaround time by 20%"),
        strengths=("our hydraulics team is the best-run supplier they have",
                   "our AS9100 paperwork is always complete, which their quality team loves",
                   "the hangar 2 pneumatics project was delivered a week early"),
        weaknesses=("we have never met Rajesh Patel, who signs off anything above a million",
                    "Charlotte Hughes sees us as a parts vendor, not a partner",
                    "our tooling lead times are longer than Atlas Drives'"),
        opportunities=("the Derby composites line doubles capacity in {story_year}",
                       "they want one hydraulics partner for all UK sites",
                       "a US facility is planned and they would like to take suppliers with them"),
        threats=("Atlas Drives is offering free tooling audits",
                 "defence budget delays could push the composites expansion back a year",
                 "procurement is moving MRO tooling to an e-auction"),
        deals=(Deal("MRO shop tooling refresh", 450_000, "open", 35,
                    "Commercial proposal to Charlotte Hughes"),
               Deal("Composite line hydraulics", 1_100_000, "open", 180),
               Deal("Hangar 2 pneumatics", 210_000, "won", -80)),
        cast=(Person("Oliver Grant", "Head of Engineering", "champion", 4, 2, "in_depth", TOMASZ, "Charlotte Hughes", 8),
              Person("Charlotte Hughes", "Commercial Director", "decision_maker", 5, 0, "brief", TOMASZ, last_seen=33),
              Person("Rajesh Patel", "CFO", "economic_buyer", 5, 0, "none", None),
              Person("Emma Wright", "Category Buyer", "gatekeeper", 3, 0, "multiple", ANNA, "Charlotte Hughes"),
              Person("Sam Fletcher", "MRO Shop Lead", "user_buyer", 2, 1, "multiple", LUCAS, "Oliver Grant")),
        notes=28,
    ),
    "Nordlys Pharma AB": KeyStory(
        members=(LUCAS,), key_since_days=800, trend=0,
        products=("validation-ready seals", "filling-line components", "clean-room bearings"),
        competitors=("Trident Seals", "SKR Components"),
        sites=("the Uppsala plant", "the Södertälje site"), cities=("Stockholm", "Uppsala"), expansion="Ireland",
        goals=("Double biologics capacity by {story_year}", "Pass every regulatory audit without a supplier finding"),
        strengths=("our validation documentation is the best in their supplier base",
                   "our seals passed the last FDA audit without a single remark",
                   "the account team reacts within hours when a filling line stops"),
        weaknesses=("we lost the filling-line retrofit because our offer came in late",
                    "Elin Forsberg's QA team still cites the seal batch we had to recall",
                    "we only know the Uppsala people and nobody at group level"),
        opportunities=("a new fill-finish plant in Ireland opens in {story_year}",
                       "they plan to double biologics capacity at Södertälje",
                       "they want validated suppliers on a long-term framework"),
        threats=("Trident Seals is already qualified at the Irish site",
                 "a new CFO is reviewing all vendors",
                 "group procurement is moving to a shared service centre in Poland"),
        deals=(Deal("Uppsala validation-ready seals", 640_000, "open", 20, "Send the validation pack to Maja Holm"),
               Deal("Filling-line retrofit", 400_000, "lost", -160)),
        cast=(Person("Astrid Nyberg", "VP Manufacturing", "decision_maker", 5, 1, "multiple", SOFIA, last_seen=26),
              Person("Henrik Sjöberg", "CFO", "economic_buyer", 5, 0, "brief", HELENA, last_seen=58),
              Person("Johan Eriksson", "Head of Procurement", "gatekeeper", 4, 0, "multiple", SOFIA, "Henrik Sjöberg"),
              Person("Maja Holm", "Validation Engineer", "champion", 3, 2, "in_depth", LUCAS, "Astrid Nyberg"),
              Person("Elin Forsberg", "QA Director", "influencer", 4, -1, "brief", LUCAS, "Astrid Nyberg")),
        notes=22, plan="stale",
    ),
    "Meridian Foods SA": KeyStory(
        members=(LUCAS,), key_since_days=1600, trend=-1,
        products=("hygienic bearings", "conveyor chain", "washdown motors"),
        competitors=("Verso Industrial", "Pinnacle MRO"),
        sites=("the Rennes plant", "the Lyon plant"), cities=("Rennes", "Paris"), expansion="Spain",
        goals=("Cut cost per tonne by 8%", "Halve the supplier base by {story_year}"),
        strengths=("the maintenance team still likes our washdown motors",
                   "we respond faster than anyone when a line stops in Rennes"),
        weaknesses=("our hygienic bearing trial failed the washdown test",
                    "our delivery delays in the second quarter hurt us badly",
                    "we have no supportive contact in their management team"),
        opportunities=("they may outsource all spare-parts management in {story_year}",
                       "a Spanish plant acquisition could add volume"),
        threats=("Verso Industrial offered 15% below us on conveyor chain",
                 "budget cuts were announced across all plants",
                 "Claire Dubois wants to cut the supplier list by half",
                 "Antoine Lefevre openly prefers Verso"),
        deals=(Deal("Contract renewal", 1_300_000, "open", 40),
               Deal("Hygienic bearing trial", 90_000, "lost", -70)),
        cast=(Person("Claire Dubois", "Purchasing Director", "decision_maker", 5, -1, "multiple", MARCO, last_seen=18),
              Person("Philippe Laurent", "CFO", "economic_buyer", 5, 0, "brief", DAVID, last_seen=40),
              Person("Antoine Lefevre", "VP Operations", "influencer", 4, -1, "brief", MARCO),
              Person("Julien Moreau", "Plant Maintenance Manager", "user_buyer", 3, 1, "in_depth", LUCAS, "Antoine Lefevre"),
              Person("Sophie Girard", "Technical Buyer", "technical_buyer", 3, 0, "multiple", MARCO, "Claire Dubois")),
        notes=26, review="overdue", cadence_days=90,
    ),
    "Granite Peak Mining Corp": KeyStory(
        members=(PRIYA, LUCAS), key_since_days=1000, trend=0,
        products=("crusher bearings", "conveyor idlers", "lubrication systems"),
        competitors=("Kraftmann Industrietechnik", "Atlas Drives"),
        sites=("the Red Lake mill", "the Sudbury concentrator"), cities=("Toronto", "Sudbury"), expansion="Chile",
        goals=("Raise mill availability to 94%", "Cut maintenance cost per tonne by 10% by {story_year}"),
        strengths=("our idlers last twice as long in winter as the previous supplier's",
                   "our on-site lubrication technician now joins their morning meeting"),
        weaknesses=("we have no executive sponsor on our side and they notice it",
                    "our crusher bearing lead time slipped to 14 weeks",
                    "Michael Tremblay only sees us at renewals"),
        opportunities=("they are expanding the Sudbury concentrator in {story_year}",
                       "procurement wants a mine-wide bearing program",
                       "a Chilean acquisition could bring two more sites"),
        threats=("Kraftmann is trialling bearings on crusher 2",
                 "copper prices fell and capex is under review",
                 "the CFO wants three quotes for every contract above 500k"),
        deals=(Deal("Mine-wide crusher bearing program", 1_800_000, "open", 120,
                    "Share site trial results with Michael Tremblay"),
               Deal("Conveyor idler supply", 520_000, "won", -200)),
        cast=(Person("Michael Tremblay", "VP Operations", "decision_maker", 5, 0, "brief", JAMES, last_seen=29),
              Person("Patricia Roy", "CFO", "economic_buyer", 5, 0, "brief", JAMES, last_seen=22),
              Person("Sarah Campbell", "Procurement Director", "gatekeeper", 4, 1, "multiple", PRIYA, "Patricia Roy", 11),
              Person("Jason Fraser", "Mill Maintenance Superintendent", "user_buyer", 3, 2, "in_depth", LUCAS, "Michael Tremblay"),
              Person("Émilie Gagnon", "Reliability Engineer", "technical_buyer", 3, 1, "multiple", LUCAS, "Jason Fraser"),
              Person("Brian MacLeod", "Site Manager, Sudbury", "unknown", 3, 0, "none", None, "Michael Tremblay")),
        notes=24,
    ),
    "Vantor Energy AS": KeyStory(
        members=(LUCAS,), key_since_days=78, trend=1,
        products=("offshore seal packages", "compressor spares", "condition-monitoring sensors"),
        competitors=("Hansa Fluidtechnik", "Trident Seals"),
        sites=("the Stavanger base", "the Kårstø terminal"), cities=("Stavanger",), expansion="the UK North Sea",
        goals=("Electrify the Kårstø terminal by {story_year}", "Cut offshore maintenance hours by 15%"),
        strengths=("they liked how quickly we turned around the compressor spares",
                   "our offshore-certified technicians are a real differentiator"),
        weaknesses=("we have not met Hanne Moen, their CFO, yet",
                    "our offshore documentation still needs aligning with NORSOK standards"),
        opportunities=("they want one seal partner for all platforms from {story_year}",
                       "the electrification of the Kårstø terminal needs new compressor components",
                       "they are looking at condition monitoring on all rotating equipment"),
        threats=("Hansa Fluidtechnik is the incumbent on three platforms",
                 "oil price volatility could freeze the {story_year} budget"),
        deals=(Deal("Platform-wide seal program", 2_400_000, "open", 150,
                    "Technical workshop with Thomas Lie"),
               Deal("Onshore compressor spares", 350_000, "won", -40)),
        cast=(Person("Magnus Haugen", "SVP Operations", "decision_maker", 5, 1, "multiple", ANNA, last_seen=10),
              Person("Hanne Moen", "CFO", "economic_buyer", 5, 0, "none", None),
              Person("Silje Johansen", "Category Manager", "gatekeeper", 3, 0, "multiple", ANNA, "Hanne Moen"),
              Person("Thomas Lie", "Offshore Maintenance Lead", "user_buyer", 3, 1, "multiple", LUCAS, "Magnus Haugen")),
        notes=20, plan="none", cadence_days=30,
    ),
}

# Tier changes: account, from, to, kind, requested_by, requested days ago, status,
# decided_by, decided days ago, reason, decision reason.
TIER_CHANGES = (
    ("Vantor Energy AS", "candidate", "key", "nomination", ANNA, 82, "approved", HELENA, 78,
     "Electrification of Kårstø and a platform-wide seal program: potential of four times "
     "today's revenue, and Magnus Haugen backs us.",
     "Strong fit and real potential. Write the account plan within 60 days."),
    ("Alpenglow Chemicals AG", "candidate", "key", "nomination", SOFIA, 3, "pending", None, None,
     "Two new production lines in Linz and a request for a 3-year framework; the weighted "
     "score is above the watch threshold.", None),
    ("Ironbridge Rail Services Ltd", "candidate", "key", "nomination", TOMASZ, 190, "rejected", DAVID, 185,
     "Depot maintenance outsourcing could triple volume.",
     "Cost to serve is too high for the revenue today; revisit after the Crewe depot contract."),
)

# --------------------------------------------------------------------------- generated accounts

INDUSTRY_KITS: dict[str, tuple[str, tuple[str, ...]]] = {
    "Chemicals": ("plant", ("mechanical seals", "process pump spares", "ATEX motors")),
    "Healthcare": ("hospital campus", ("HVAC components", "sterilisation unit spares", "medical gas valves")),
    "Utilities": ("treatment works", ("pump seals", "valve actuators", "condition-monitoring sensors")),
    "Rail": ("depot", ("wheelset bearings", "door actuators", "depot tooling")),
    "Agricultural machinery": ("assembly plant", ("gearboxes", "hydraulic cylinders", "drive belts")),
    "Forestry and timber": ("sawmill", ("saw-line bearings", "hydraulic couplings", "conveyor chain")),
    "Renewable energy": ("module plant", ("tracker drive gearboxes", "linear actuators", "slewing bearings")),
    "Industrial automation": ("assembly plant", ("linear guides", "servo gearboxes", "pneumatic actuators")),
    "Steel": ("rolling mill", ("roll-neck bearings", "hydraulic cylinders", "lubrication systems")),
    "Engineering services": ("workshop", ("industrial fasteners", "hydraulic couplings", "service tooling")),
    "Pulp and paper": ("mill", ("dryer-section bearings", "mechanical seals", "felt-roll spares")),
    "Aquaculture": ("processing plant", ("stainless pumps", "washdown motors", "feed-system spares")),
    "Building materials": ("quarry", ("crusher bearings", "conveyor idlers", "drive belts")),
    "Logistics": ("hub", ("conveyor bearings", "sorter drive belts", "roller chains")),
    "Agriculture": ("grain terminal", ("elevator belts", "conveyor chain", "gearboxes")),
    "Machinery": ("factory", ("linear guides", "spindle bearings", "hydraulic couplings")),
    "Automotive components": ("plant", ("robot gearboxes", "pneumatic actuators", "servo motors")),
    "Textiles": ("mill", ("spindle bearings", "drive belts", "lubrication systems")),
    "Beverages": ("brewery", ("washdown motors", "conveyor chain", "filling-line spares")),
    "Medical devices": ("clean-room plant", ("clean-room bearings", "linear guides", "precision fasteners")),
    "Dairy": ("processing plant", ("hygienic pumps", "washdown motors", "mechanical seals")),
    "Precision tooling": ("machining centre", ("spindle bearings", "linear guides", "coolant pumps")),
    "Printing": ("print plant", ("press bearings", "drive belts", "pneumatic components")),
    "Wind services": ("service base", ("pitch bearings", "gearbox spares", "hydraulic tensioners")),
    "Hydraulics": ("plant", ("hydraulic seals", "precision valves", "test-bench components")),
    "Glass": ("furnace site", ("high-temperature bearings", "conveyor chain", "gearboxes")),
    "Motion control": ("assembly plant", ("precision gearboxes", "encoders", "linear guides")),
    "Ceramics": ("kiln site", ("high-temperature bearings", "drive belts", "dust-extraction spares")),
    "Laboratory equipment": ("assembly site", ("miniature bearings", "linear stages", "precision fasteners")),
    "Mining": ("mine", ("crusher bearings", "conveyor idlers", "lubrication systems")),
    "Plastics": ("moulding plant", ("screw-barrel spares", "hydraulic valves", "temperature controllers")),
    "Cement": ("kiln plant", ("kiln-drive gearboxes", "crusher bearings", "dust-extraction spares")),
}

CITIES: dict[str, tuple[str, ...]] = {
    "Austria": ("Linz", "Graz"), "United Kingdom": ("Leeds", "Crewe", "Bristol"),
    "United States": ("Cleveland", "Houston", "Sacramento"), "Spain": ("Zaragoza", "Valencia"),
    "Lithuania": ("Kaunas", "Klaipėda"), "Netherlands": ("Eindhoven", "Venlo"),
    "Germany": ("Duisburg", "Dortmund"), "Ireland": ("Cork", "Limerick"), "Norway": ("Trondheim", "Bodø"),
    "Argentina": ("Rosario", "Córdoba"), "Poland": ("Poznań", "Wrocław"), "Hungary": ("Győr", "Debrecen"),
    "Mexico": ("Puebla", "Monterrey"), "New Zealand": ("Hamilton", "Palmerston North"),
    "Switzerland": ("Winterthur", "Biel"), "Denmark": ("Esbjerg", "Odense"), "France": ("Lyon", "Grenoble"),
    "Canada": ("Prince George", "Kamloops", "Sarnia"), "Turkey": ("Bursa", "Kocaeli"),
    "India": ("Bengaluru", "Pune"), "Australia": ("Brisbane", "Townsville"),
    "South Africa": ("Rustenburg", "Kimberley"), "Finland": ("Lappeenranta", "Tampere"),
    "Italy": ("Sassuolo", "Modena"),
}
EXPANSION_COUNTRIES = ("Poland", "Mexico", "Vietnam", "Morocco", "Romania", "India", "Portugal", "Texas", "Czechia")
COMPETITORS = ("Kraftmann Industrietechnik", "Dynaflex", "SKR Components", "Mecatron", "Atlas Drives",
               "Hansa Fluidtechnik", "Pinnacle MRO", "Trident Seals", "Verso Industrial")

NAME_REGIONS: dict[str, str] = {
    "Germany": "de", "Austria": "de", "Switzerland": "de", "Norway": "nordic", "Sweden": "nordic",
    "Denmark": "nordic", "Finland": "nordic", "United Kingdom": "en", "Ireland": "en",
    "United States": "en", "Canada": "en", "Australia": "en", "New Zealand": "en", "South Africa": "en",
    "France": "fr", "Italy": "it", "Spain": "es", "Mexico": "es", "Argentina": "es", "Netherlands": "nl",
    "Poland": "pl", "Lithuania": "lt", "Hungary": "hu", "Japan": "jp", "India": "in", "Turkey": "tr",
}
NAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "de": (("Stefan", "Julia", "Markus", "Sabine", "Tobias", "Anja", "Florian", "Claudia", "Matthias", "Nicole"),
           ("Becker", "Fischer", "Wagner", "Hoffmann", "Schäfer", "Koch", "Richter", "Klein", "Wolf", "Zimmermann")),
    "nordic": (("Anders", "Karin", "Mikkel", "Sanna", "Jens", "Liv", "Mats", "Tiina", "Rasmus", "Hanna"),
               ("Andersen", "Nyström", "Virtanen", "Halvorsen", "Lindberg", "Korhonen", "Madsen", "Ekström", "Berntsen", "Laine")),
    "en": (("Rachel", "Daniel", "Laura", "Peter", "Hannah", "Owen", "Grace", "Liam", "Megan", "Thabo",
            "Chloe", "Nathan", "Aisha", "Connor"),
           ("Walker", "Bennett", "Morgan", "Reid", "Campbell", "Hughes", "Foster", "Murphy", "Naidoo", "Price",
            "Sullivan", "Carter", "Hayes", "Kelly")),
    "fr": (("Camille", "Nicolas", "Isabelle", "Thomas", "Élodie", "Mathieu", "Aurélie", "Pierre"),
           ("Martin", "Bernard", "Roux", "Fontaine", "Chevalier", "Mercier", "Blanc", "Garnier")),
    "it": (("Alessandro", "Chiara", "Matteo", "Elena", "Stefano", "Valentina", "Roberto", "Silvia"),
           ("Ricci", "Marino", "Gallo", "Costa", "Fontana", "Rinaldi", "Moretti", "Barbieri")),
    "es": (("Javier", "Lucía", "Carlos", "María", "Diego", "Carmen", "Andrés", "Valeria", "Pablo", "Sofía"),
           ("García", "Fernández", "López", "Herrera", "Navarro", "Castillo", "Romero", "Vargas", "Molina", "Ortega")),
    "nl": (("Daan", "Femke", "Bram", "Sanne", "Ruben", "Lotte"), ("de Vries", "Jansen", "Visser", "Bakker", "Smit", "Mulder")),
    "pl": (("Piotr", "Agnieszka", "Krzysztof", "Katarzyna", "Marek", "Magdalena"),
           ("Kowalczyk", "Wójcik", "Mazur", "Krawczyk", "Dudek", "Zając")),
    "lt": (("Tomas", "Mindaugas", "Darius", "Andrius", "Vytautas"),
           ("Kazlauskas", "Jankauskas", "Stankevičius", "Petrauskas", "Vasiliauskas")),
    "hu": (("Gábor", "Zsófia", "László", "Eszter", "Balázs"), ("Nagy", "Kovács", "Tóth", "Szabó", "Horváth")),
    "jp": (("Haruto", "Sakura", "Ren", "Mei", "Daiki"), ("Suzuki", "Takahashi", "Ito", "Nakamura", "Kato")),
    "in": (("Arjun", "Kavya", "Rohan", "Ananya", "Vikram", "Meera"), ("Sharma", "Iyer", "Reddy", "Gupta", "Menon", "Rao")),
    "tr": (("Emre", "Zeynep", "Burak", "Elif", "Can"), ("Yılmaz", "Kaya", "Demir", "Şahin", "Çelik")),
}

TITLES: dict[str, tuple[str, ...]] = {
    "economic_buyer": ("CFO", "Finance Director", "VP Finance", "Managing Director"),
    "decision_maker": ("COO", "VP Operations", "Plant Director", "Operations Director", "Head of Engineering"),
    "technical_buyer": ("Maintenance Engineering Manager", "Reliability Engineer", "Head of Technical Services",
                        "Lead Mechanical Engineer"),
    "user_buyer": ("Maintenance Supervisor", "Production Manager", "Shift Lead", "Workshop Manager"),
    "influencer": ("Head of Supply Chain", "Continuous Improvement Manager", "HSE Manager", "Quality Manager"),
    "champion": ("Reliability Lead", "Maintenance Manager", "Engineering Manager"),
    "gatekeeper": ("Procurement Manager", "Category Buyer", "Strategic Sourcing Lead", "Purchasing Director"),
    "blocker": ("Head of IT", "Internal Audit Lead", "Sustainability Director", "Procurement Director"),
    "unknown": ("Project Manager", "Site Manager", "Business Analyst"),
}
ROLE_POOL = ("technical_buyer", "user_buyer", "gatekeeper", "influencer", "champion",
             "economic_buyer", "decision_maker", "blocker", "unknown")
ROLE_WEIGHTS = (3, 3, 3, 2, 2, 1, 1, 1, 1)
INFLUENCE: dict[str, tuple[int, int]] = {
    "economic_buyer": (4, 5), "decision_maker": (4, 5), "technical_buyer": (2, 4), "user_buyer": (1, 3),
    "influencer": (2, 4), "champion": (2, 4), "gatekeeper": (2, 4), "blocker": (3, 4), "unknown": (1, 3),
}
CONTACT_LEVELS = ("none", "brief", "multiple", "in_depth")
CONTACT_WEIGHT = {"none": 0, "brief": 1, "multiple": 2, "in_depth": 4}

# --------------------------------------------------------------------------- note phrasing

STRENGTH_FACTS = (
    "they love our on-site service team",
    "our technicians fixed a failure on the {product} at {site} within a day",
    "our {product} lasted almost twice as long as the ones from {competitor} in their own test",
    "the spare-parts cabinet at {site} has cut their waiting time for parts",
    "our account team answers faster than any other supplier",
    "they see our condition-monitoring reports as the best they get",
    "their maintenance crew trusts our application engineers",
    "we were the only supplier that kept delivering {product} during the {month} shortage",
)
WEAKNESS_FACTS = (
    "our delivery delays in {quarter} hurt us",
    "we have no relationship with IT",
    "our invoices keep arriving with the wrong PO numbers",
    "we are seen as expensive on {product}",
    "our lead time on {product} slipped to {weeks} weeks",
    "we only know people at {site} and nobody at headquarters",
    "our ordering portal does not talk to their ERP",
    "the last two deliveries of {product} had quality complaints",
)
OPPORTUNITY_FACTS = (
    "they are opening a new site in {expansion} in {next_year}",
    "they want to move to a 3-year framework deal",
    "they want a single supplier for {product} across all {n} sites",
    "they are open to a predictive-maintenance pilot at {site}",
    "their maintenance budget for {next_year} is up by {pct}%",
    "they are looking to outsource spare-parts management",
    "they asked for our sustainability data for their new supplier scorecard",
    "a second line at {site} goes live next year",
)
THREAT_FACTS = (
    "{competitor} offered {pct}% below us",
    "budget cuts were announced for the second half",
    "a new CFO is reviewing all vendors",
    "they are considering insourcing maintenance",
    "{competitor} is running a free trial at {site}",
    "procurement wants to re-tender {product} next spring",
    "their volumes are down {pct}% on weak demand",
    "merger talks could move purchasing to the parent company",
)
FACT_POOLS = {"strength": STRENGTH_FACTS, "weakness": WEAKNESS_FACTS,
              "opportunity": OPPORTUNITY_FACTS, "threat": THREAT_FACTS}
WRAPPERS = {
    "strength": ("{p} told me {fact}.", "Good signal from {p}: {fact}.",
                 "{p_first} said it plainly: {fact}.", "According to {p}, {fact}.",
                 "Worth quoting in the next QBR: {fact} ({p})."),
    "weakness": ("{p} was blunt: {fact}.", "Honest feedback from {p}: {fact}.",
                 "Weak spot we need to own: {fact}. {p_first} raised it twice.",
                 "{p_first} reminded me that {fact}."),
    "opportunity": ("{p} confirmed {fact}.", "Opening: {fact}. {p_first} suggested we pitch early.",
                    "{p_first} hinted that {fact}.", "Big one from {p}: {fact}."),
    "threat": ("{p} let slip that {fact}.", "Watch out: {fact} (heard from {p}).",
               "{p_first} warned us that {fact}.", "Bad news via {p}: {fact}."),
}
QUADRANTS = ("strength", "weakness", "opportunity", "threat")
SENTIMENT = {"strength": 1, "opportunity": 1, "weakness": -1, "threat": -1}
ROLE_VOICES = {
    "strength": ("champion", "user_buyer", "technical_buyer"),
    "weakness": ("user_buyer", "technical_buyer", "influencer"),
    "opportunity": ("decision_maker", "economic_buyer", "champion"),
    "threat": ("gatekeeper", "economic_buyer", "blocker"),
}
COMMITMENTS = (
    ("I promised to send the revised TCO model by {weekday}.", "Send the revised TCO model to {p}"),
    ("Will send {p_first} the {product} lifetime data this week.", "Send {product} lifetime data to {p}"),
    ("They asked for a quote for {n} more pallets of {product}; I will turn it around by {weekday}.",
     "Quote {n} pallets of {product} for {p}"),
    ("I promised {p_first} a site visit with our application engineer in {next_month}.",
     "Book an application-engineer visit with {p}"),
    ("Action on me: draft the framework proposal before their {next_month} steering meeting.",
     "Draft the framework proposal for {p}"),
    ("{p_first} asked for a reference customer in {industry_lc}; I will line one up.",
     "Find a {industry_lc} reference for {p}"),
    ("Agreed to come back with a volume-based rebate structure.", "Propose a volume-based rebate structure to {p}"),
    ("Will loop in {colleague} to walk {p_first} through the service report.",
     "Service report walkthrough with {p} and {colleague}"),
    ("They asked for our ISO 14001 certificate and CO2 data; sending tomorrow.",
     "Send ISO 14001 certificate and CO2 data to {p}"),
    ("I owe {p_first} an answer on the lead-time guarantee for {product}.",
     "Answer {p} on the {product} lead-time guarantee"),
    ("Promised a root-cause report on the failed {product} within two weeks.",
     "Root-cause report on the failed {product} for {p}"),
    ("Will set up a call between {p_first} and {colleague} about spare-parts stocking.",
     "Set up a spare-parts stocking call with {p} and {colleague}"),
)
QUESTIONS = (
    "Open question: who signs off above {amount}k now that the budget moved to group level? Ask {p_first}.",
    "Still unclear whether {competitor} is in the tender; need to check with {p}.",
    "Need to find out when the {next_year} maintenance budget gets fixed; {p_first} did not know.",
    "Open: is {site} in scope for the framework or only headquarters?",
    "We still don't know who {p_first} reports to after the reorganisation.",
    "Not sure yet if the rebate request comes from {p_first} or from finance.",
    "Question for the next call with {p_first}: consignment stock, or just faster delivery?",
)
RISKS = (
    "Risk: {p} hinted at a move to another company; we need a second contact at that level.",
    "Risk: if the delays on {product} continue, {p_first} will escalate to their CFO.",
    "Risk: {p} asked twice whether we can match {competitor}'s payment terms.",
    "Risk flagged by {p}: the auto-renewal clause is gone from the new contract draft.",
    "Risk: {competitor} has been invited to quote on {product} for {site}.",
)
MEETING_OPENERS = {
    1: (("Good meeting with {att} at {site}.", "meeting"), ("Great call with {att}.", "call"),
        ("Lunch with {att}, a very open conversation.", "meeting"), ("QBR with {att} went well.", "meeting"),
        ("Site visit at {site} with {att}; the team was upbeat.", "visit")),
    0: (("Call with {att}:", "call"), ("Met {att} at their {city} office.", "meeting"),
        ("Quarterly review with {att}.", "meeting"), ("Teams call with {att} about {product}.", "call"),
        ("Catch-up with {att} on the {product} rollout.", "meeting"), ("Walked {site} with {att}.", "visit")),
    -1: (("Tough meeting with {att}.", "meeting"), ("Difficult call with {att}.", "call"),
         ("Escalation call with {att} about {product}.", "call"),
         ("Frank conversation with {att}; not an easy one.", "meeting")),
}
FOLLOW_UPS = ("Discuss with {p} next time.", "Follow up with {p}.", "Check this with {p} before the next review.",
              "Worth a call to {p}.")
NOTE_OPENERS = (
    "Email from {p}:", "Heard from {p} via {colleague}:", "Prep for the next meeting with {p}:",
    "Internal note after a chat with {colleague}:", "Account update:", "Trade fair follow-up:", "Short note:",
)
REVIEW_OUTCOMES = (
    "Reviewed the plan and the map with {colleague}. {fact} Next: {action}.",
    "Review done. {fact} Agreed to focus on: {action}.",
    "Account review: {fact} Main follow-up: {action}.",
    "Walked through numbers and relationships. {fact} Owner of the next step: {owner}. Next: {action}.",
)
OPPORTUNITY_NAMES = ("{product_title} supply {year}", "{site_title} maintenance contract",
                     "Framework renewal {year}", "{product_title} retrofit", "Spare-parts program {year}")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
FRESH_SLOTS = ("pct", "n", "amount", "weeks", "weekday")

# --------------------------------------------------------------------------- public API


@dataclass(frozen=True)
class DemoSummary:
    team_id: str
    seeded: bool
    message: str
    deleted: int = 0
    users: int = 0
    accounts: int = 0
    key_accounts: int = 0
    candidates: int = 0
    regular_accounts: int = 0
    team_members: int = 0
    financials: int = 0
    criteria: int = 0
    scores: int = 0
    stakeholders: int = 0
    notes: int = 0
    interactions: int = 0
    attendees: int = 0
    plan_sections: int = 0
    objectives: int = 0
    actions: int = 0
    opportunities: int = 0
    reviews: int = 0
    tier_changes: int = 0
    audit_entries: int = 0

    @property
    def counts(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in COUNTED}


COUNTED = tuple(f.name for f in fields(DemoSummary) if f.name not in ("team_id", "seeded", "message", "deleted"))


Progress = Callable[[str], None]


def seed_demo(session: Session, team_id: str, today: date, reset: bool = False,
              progress: Optional[Progress] = None) -> DemoSummary:
    """Seed the demo portfolio into `team_id`; flushes, never commits."""
    say = progress or (lambda _message: None)
    existing = _account_count(session, team_id)
    if existing and not reset:
        return DemoSummary(team_id, False, f"Workspace {team_id} already has {existing} accounts; nothing "
                                           "was seeded. Reset to replace them with the demo portfolio.")
    deleted = delete_workspace_data(session, team_id) if reset else 0
    if deleted:
        say(f"Removed {deleted} rows of earlier data.")
    counts = _Builder(session, team_id, today, say).build()
    message = (f"Seeded the demo portfolio: {counts['accounts']} accounts ({counts['key_accounts']} key), "
               f"{counts['stakeholders']} stakeholders, {counts['notes']} notes.")
    say(message)
    return DemoSummary(team_id, True, message, deleted=deleted, **counts)


# Children before parents. ProcessedEvent is Slack bookkeeping, not portfolio data: kept.
def delete_workspace_data(session: Session, team_id: str) -> int:
    """Delete every portfolio row of one workspace before a reset (kam_domain.services.workspaces)."""
    return erase_workspace_data(session, team_id)


def _account_count(session: Session, team_id: str) -> int:
    return session.execute(select(func.count()).select_from(Account).where(Account.team_id == team_id)).scalar_one()


# --------------------------------------------------------------------------- plain helpers


def last_full_quarters(today: date, count: int = QUARTERS) -> list[str]:
    """The `count` quarters ending with the last full quarter before `today`, oldest first."""
    index = today.year * 4 + (today.month - 1) // 3 - 1
    return [f"{i // 4}-Q{i % 4 + 1}" for i in range(index - count + 1, index + 1)]


def _clamp(value: float, low: int, high: int) -> int:
    return max(low, min(high, int(round(value))))


def _first(name: str) -> str:
    return name.split()[0]


def _at(day: date, hour: int = 9) -> datetime:
    return datetime.combine(day, time(hour, 0), tzinfo=timezone.utc)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _money(value: float) -> str:
    if abs(value) >= 1e9:
        return f"EUR {value / 1e9:.1f}bn"
    if abs(value) >= 1e6:
        return f"EUR {value / 1e6:.1f}M"
    return f"EUR {value / 1e3:.0f}k"


def _channel_id(name: str) -> str:
    return "C0" + fold(name).split()[0].upper()[:9]


class _Slots(dict):
    """Template values drawn on first use, so a note only spends randomness on what it says."""

    def __init__(self, draw: Callable[[str], str], **fixed: str):
        super().__init__(**fixed)
        self._draw = draw
        self.used: set[str] = set()
        self.available: list[Stakeholder] = []

    def __missing__(self, key: str) -> str:
        value = self[key] = self._draw(key)
        return value

    def refresh(self) -> None:
        for key in FRESH_SLOTS:
            self.pop(key, None)


# --------------------------------------------------------------------------- per-account working state


@dataclass
class _Story:
    profile: Profile
    account: Account
    kam: str
    members: tuple[str, ...]
    sponsor: Optional[str]
    products: tuple[str, ...]
    competitors: tuple[str, ...]
    sites: tuple[str, ...]
    cities: tuple[str, ...]
    expansion: str
    facts: dict[str, tuple[str, ...]]
    key: Optional[KeyStory] = None
    people: list[Stakeholder] = field(default_factory=list)
    specs: dict[str, Person] = field(default_factory=dict)
    scores: dict[str, int] = field(default_factory=dict)
    quarters: list[tuple[float, float]] = field(default_factory=list)
    fact_use: Counter = field(default_factory=Counter)
    meetings: dict[int, list[date]] = field(default_factory=dict)

    @property
    def team(self) -> tuple[str, ...]:
        return (self.kam, *self.members)

    def by_role(self, *roles: str) -> Optional[Stakeholder]:
        for role in roles:
            for person in self.people:
                if person.role == role:
                    return person
        return None

    def reachable(self) -> list[Stakeholder]:
        return [p for p in self.people if p.contact_level != "none"]


class _Builder:
    def __init__(self, session: Session, team_id: str, today: date, say: Progress):
        self.session = session
        self.team_id = team_id
        self.today = today
        self.now = _at(today)
        self.say = say
        self.rng = random.Random(SEED)
        self.periods = last_full_quarters(today)
        self.story_year = today.year + 1
        self.counts: Counter = Counter()
        self.used_names: set[str] = {fold(n) for n in DEMO_USERS.values()}
        for story in KEY_STORIES.values():
            self.used_names.update(fold(p.name) for p in story.cast)

    def build(self) -> dict[str, int]:
        self._workspace()
        criteria = self._criteria()
        stories = self._accounts()
        self.say(f"{len(stories)} accounts")
        self._team_members(stories)
        self._financials(stories)
        self._scores(stories, criteria)
        self._stakeholders(stories)
        self.say(f"{self.counts['stakeholders']} stakeholders")
        self._notes(stories)
        self.say(f"{self.counts['notes']} notes, {self.counts['interactions']} meetings")
        self._last_contacts(stories)
        self._plans(stories)
        self._opportunities(stories)
        self._reviews(stories)
        self._tier_changes(stories)
        self.session.flush()
        self.counts["users"] = len(DEMO_USERS)
        for tier, label in (("key", "key_accounts"), ("candidate", "candidates"), ("regular", "regular_accounts")):
            self.counts[label] = sum(1 for s in stories if s.profile.tier == tier)
        return {name: self.counts[name] for name in COUNTED}

    def _add(self, label: str, rows: list) -> list:
        self.session.add_all(rows)
        self.counts[label] += len(rows)
        return rows

    def _days_ago(self, days: int) -> date:
        return self.today - timedelta(days=days)

    # ----------------------------------------------------------------- workspace and criteria

    def _workspace(self) -> None:
        fresh = self.session.get(Workspace, self.team_id) is None
        workspace = ensure_workspace(self.session, self.team_id, DEMO_WORKSPACE_NAME)
        if fresh:
            workspace.created_at = self.now - timedelta(days=900)

    def _criteria(self) -> list[Criterion]:
        rows = [Criterion(team_id=self.team_id, key=c.key, label=c.label, weight=c.weight, axis=c.axis,
                          position=i, active=c.key not in INACTIVE_CRITERIA)
                for i, c in enumerate(DEMO_CRITERIA)]
        return self._add("criteria", rows)

    # ----------------------------------------------------------------- accounts

    def _accounts(self) -> list[_Story]:
        crm_ids = self._crm_ids(len(ACCOUNTS))
        stories = [self._story(profile, crm_id) for profile, crm_id in zip(ACCOUNTS, crm_ids)]
        self._add("accounts", [s.account for s in stories])
        self.session.flush()
        return stories

    def _crm_ids(self, count: int) -> list[str]:
        alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"
        ids: list[str] = []
        while len(ids) < count:
            candidate = "001XX00000" + "".join(self.rng.choice(alphabet) for _ in range(4))
            if candidate not in ids:
                ids.append(candidate)
        return ids

    def _story(self, profile: Profile, crm_id: str) -> _Story:
        key = KEY_STORIES.get(profile.name)
        account = self._account(profile, crm_id, key)
        if key:
            return _Story(profile, account, profile.owner, key.members, profile.sponsor, key.products,
                          key.competitors, key.sites, key.cities, key.expansion, self._key_facts(key), key)
        site_word, products = INDUSTRY_KITS[profile.industry]
        cities = CITIES[profile.country]
        sites = tuple(f"the {city} {site_word}" for city in cities)
        competitors = tuple(self.rng.sample(COMPETITORS, 2))
        expansion = self.rng.choice([c for c in EXPANSION_COUNTRIES if c != profile.country])
        members = (LUCAS,) if profile.tier == "candidate" and profile.owner != LUCAS else ()
        return _Story(profile, account, profile.owner, members, profile.sponsor, products, competitors,
                      sites, cities, expansion, {q: () for q in FACT_POOLS})

    def _key_facts(self, key: KeyStory) -> dict[str, tuple[str, ...]]:
        return {"strength": key.strengths, "weakness": key.weaknesses,
                "opportunity": key.opportunities, "threat": key.threats}

    def _account(self, profile: Profile, crm_id: str, key: Optional[KeyStory]) -> Account:
        annual = profile.revenue_k * 4000
        age = self.rng.randint(900, 2600)
        created = self.now - timedelta(days=max(age, key.key_since_days + 120) if key else age)
        is_key = profile.tier == "key"
        return Account(
            team_id=self.team_id, name=profile.name, normalized_name=normalize_account_name(profile.name),
            aliases=list(profile.aliases), crm_id=crm_id if profile.crm else None,
            industry=profile.industry, country=profile.country,
            customer_annual_revenue=profile.size_m * 1_000_000.0,
            crm_owner_name=DEMO_USERS[profile.owner], owner_user_id=profile.owner,
            sponsor_user_id=profile.sponsor, channel_id=_channel_id(profile.name) if is_key else None,
            tier=profile.tier,
            potential_annual_value=round(annual * profile.potential, -4) if profile.potential else None,
            customer_rating=float(profile.rating) if profile.rating is not None else None,
            key_since=self._days_ago(key.key_since_days) if key else None,
            review_cadence_days=key.cadence_days if key else CANDIDATE_CADENCE_DAYS if profile.tier == "candidate"
            else None,
            created_at=created, updated_at=self.now - timedelta(days=self.rng.randint(1, 30)),
        )

    def _team_members(self, stories: list[_Story]) -> None:
        rows = []
        for s in stories:
            if s.profile.tier == "regular":
                continue
            rows.append(TeamMember(team_id=self.team_id, account_id=s.account.id, user_id=s.kam, role="kam"))
            rows += [TeamMember(team_id=self.team_id, account_id=s.account.id, user_id=u,
                                role="specialist" if u == LUCAS else "member") for u in s.members]
            if s.sponsor:
                rows.append(TeamMember(team_id=self.team_id, account_id=s.account.id, user_id=s.sponsor,
                                       role="sponsor"))
        self._add("team_members", rows)

    # ----------------------------------------------------------------- money

    def _financials(self, stories: list[_Story]) -> None:
        rows = []
        for s in stories:
            p = s.profile
            for i, period in enumerate(self.periods):
                revenue = p.revenue_k * 1000 * (1 + p.growth) ** (i - 3.5) * self.rng.uniform(0.93, 1.07)
                cost = revenue * (1 - p.margin) * self.rng.uniform(0.96, 1.04)
                s.quarters.append((round(revenue, -1), round(cost, -1)))
                rows.append(Financial(team_id=self.team_id, account_id=s.account.id, period=period,
                                      revenue=round(revenue, -1), cost_to_serve=round(cost, -1)))
        self._add("financials", rows)

    # ----------------------------------------------------------------- scores

    def _scores(self, stories: list[_Story], criteria: list[Criterion]) -> None:
        self.session.flush()
        active = [c for c in criteria if c.active]
        rows = []
        for s in stories:
            s.scores = self._current_scores(s.profile, active)
            rows += self._score_rows(s, active)
        self._add("scores", rows)

    def _current_scores(self, profile: Profile, active: list[Criterion]) -> dict[str, int]:
        scores: dict[str, int] = {}
        for axis, target in ((ATTRACTIVENESS, profile.attractiveness), (STRENGTH, profile.strength)):
            on_axis = [c for c in active if c.axis == axis]
            values = {c.key: _clamp(target + self.rng.gauss(0, 1.0), 1, 10) for c in on_axis}
            scores.update(self._steer(values, on_axis, target))
        return scores

    def _steer(self, values: dict[str, int], on_axis: list[Criterion], target: float) -> dict[str, int]:
        """Nudge single scores until the weighted axis lands within 0.4 of the target."""
        total_weight = sum(c.weight for c in on_axis)
        for _ in range(50):
            mean = sum(c.weight * values[c.key] for c in on_axis) / total_weight
            if abs(mean - target) <= 0.4:
                break
            step = 1 if mean < target else -1
            movable = [c for c in on_axis if 1 <= values[c.key] + step <= 10]
            chosen = self.rng.choice(movable)
            values[chosen.key] += step
        return values

    def _score_rows(self, s: _Story, active: list[Criterion]) -> list[Score]:
        rows = []
        history = (330, 170) if s.key else ()
        for c in active:
            current = s.scores[c.key]
            drift = s.key.trend * self.rng.choice((0, 1, 1)) if s.key else 0
            for step, days in enumerate(history):
                value = _clamp(current - drift * (len(history) - step), 1, 10)
                rows.append(self._score(s, c, value, days + self.rng.randint(0, 12)))
            latest = self.rng.randint(12, 40) if s.key else self.rng.randint(20, 200)
            rows.append(self._score(s, c, current, latest))
        return rows

    def _score(self, s: _Story, criterion: Criterion, value: int, days_ago: int) -> Score:
        return Score(team_id=self.team_id, account_id=s.account.id, criterion_id=criterion.id, value=value,
                     scored_by=s.kam, scored_at=_at(self._days_ago(days_ago), 14))

    # ----------------------------------------------------------------- stakeholders

    def _stakeholders(self, stories: list[_Story]) -> None:
        for s in stories:
            specs = s.key.cast if s.key else self._generated_cast(s)
            s.specs = {spec.name: spec for spec in specs}
            s.people = [self._stakeholder(s, spec) for spec in specs]
            self._add("stakeholders", s.people)
        self.session.flush()
        for s in stories:
            ids = {p.name: p.id for p in s.people}
            for person in s.people:
                boss = s.specs[person.name].reports_to
                person.reports_to_id = ids.get(boss) if boss else None

    def _stakeholder(self, s: _Story, spec: Person) -> Stakeholder:
        created = self.now - timedelta(days=self.rng.randint(NOTE_HISTORY_DAYS + 10, 1200))
        return Stakeholder(
            team_id=self.team_id, account_id=s.account.id, name=spec.name,
            normalized_name=normalize_person_name(spec.name), title=spec.title,
            email=self._email(spec.name, s.account), role=spec.role, influence=spec.influence,
            attitude=spec.attitude, contact_level=spec.contact, reports_to_id=None,
            owner_user_id=spec.owner, last_contact_on=None, created_at=created,
            updated_at=created,
        )

    def _email(self, name: str, account: Account) -> str:
        local = ".".join(fold(name).replace("'", "").split())
        domain = "-".join(account.normalized_name.split()[:2])
        return f"{local}@{domain}.example"

    def _generated_cast(self, s: _Story) -> list[Person]:
        count = 4 if s.profile.tier == "candidate" else self.rng.randint(2, 4)
        roles = [self.rng.choice(("decision_maker", "economic_buyer"))]
        roles += self.rng.choices(ROLE_POOL, ROLE_WEIGHTS, k=count - 1)
        cast: list[Person] = []
        for i, role in enumerate(roles):
            contact = self.rng.choices(CONTACT_LEVELS, (1, 3, 3, 1))[0]
            if i == 0 and contact == "none":
                contact = "brief"
            boss = cast[0].name if cast and role in ("technical_buyer", "user_buyer", "gatekeeper") \
                and self.rng.random() < 0.6 else None
            name = self._new_name(s.profile.country, {_first(p.name) for p in cast})
            cast.append(Person(name, self.rng.choice(TITLES[role]), role,
                               self.rng.randint(*INFLUENCE[role]), self._attitude(role, s.profile.strength),
                               contact, self._owner(s, contact), boss))
        return cast

    def _new_name(self, country: str, taken_first_names: set[str]) -> str:
        firsts, lasts = NAMES[NAME_REGIONS[country]]
        while True:
            first = self.rng.choice([f for f in firsts if f not in taken_first_names])
            name = f"{first} {self.rng.choice(lasts)}"
            if fold(name) not in self.used_names:
                self.used_names.add(fold(name))
                return name

    def _attitude(self, role: str, strength: float) -> int:
        if role == "champion":
            return 2
        if role == "blocker":
            return self.rng.choice((-2, -1))
        warm = max(0.0, (strength - 3) / 5)
        return self.rng.choices((-1, 0, 1, 2), (1.0, 2.0, 1 + 2 * warm, 0.5 * warm))[0]

    def _owner(self, s: _Story, contact: str) -> Optional[str]:
        if contact == "none" or self.rng.random() < 0.12:
            return None
        return self.rng.choice(s.team) if s.members and self.rng.random() < 0.4 else s.kam

    # ----------------------------------------------------------------- notes and meetings

    def _notes(self, stories: list[_Story]) -> None:
        drafts = []
        for s in stories:
            drafts += self._account_notes(s)
        self._add("notes", [d.note for d in drafts])
        self.session.flush()
        meetings = [d for d in drafts if d.attendees]
        interactions = self._add("interactions", [self._interaction(d) for d in meetings])
        self.session.flush()
        attendees, actions = [], []
        for draft, interaction in zip(meetings, interactions):
            for person in draft.attendees:
                draft.story.meetings.setdefault(person.id, []).append(draft.note.written_on)
                attendees.append(InteractionAttendee(interaction_id=interaction.id, stakeholder_id=person.id))
            actions += [self._meeting_action(draft, interaction, c) for c in draft.commitments]
        self._add("attendees", attendees)
        self._add("actions", actions)

    def _account_notes(self, s: _Story) -> list["_Draft"]:
        slots = self._note_slots(s)
        drafts, seen = [], set()
        for days_ago, pinned in sorted(slots, key=lambda slot: -slot[0]):
            draft = self._draft(s, days_ago, pinned)
            body_key = (draft.note.written_on, draft.note.body)
            if body_key in seen:
                continue
            seen.add(body_key)
            draft.note.content_hash = note_hash(self.team_id, s.account.id, draft.note.written_on, draft.note.body)
            drafts.append(draft)
        return drafts

    def _note_slots(self, s: _Story) -> list[tuple[int, Optional[Stakeholder]]]:
        if s.key:
            count = s.key.notes
        elif s.profile.tier == "candidate":
            count = self.rng.randint(7, 10)
        else:
            count = self.rng.randint(5, 8) if s.profile.revenue_k >= 300 else self.rng.randint(3, 6)
        slots: list[tuple[int, Optional[Stakeholder]]] = [(self._note_age(), None) for _ in range(count)]
        for person in s.people:
            last_seen = s.specs[person.name].last_seen
            if last_seen is not None:
                slots.append((last_seen, person))
        return slots

    def _note_age(self) -> int:
        return 1 + int((NOTE_HISTORY_DAYS - 1) * self.rng.random() ** 1.7)

    def _draft(self, s: _Story, days_ago: int, pinned: Optional[Stakeholder]) -> "_Draft":
        written_on = self._days_ago(days_ago)
        author = self.rng.choice(s.team) if s.members and self.rng.random() < 0.25 else s.kam
        slots = self._slots(s, written_on, author)
        slots.available = [p for p in s.reachable() if self._may_meet(s, p, days_ago)]
        share = 0.45 if s.key else 0.35
        attendees = self._attendees(s, days_ago, pinned) if pinned or self.rng.random() < share else []
        if attendees:
            return self._meeting_draft(s, written_on, author, slots, attendees)
        return self._plain_draft(s, written_on, author, slots, days_ago)

    def _slots(self, s: _Story, written_on: date, author: str) -> _Slots:
        colleagues = [u for u in (*s.team, LUCAS, s.sponsor) if u and u != author]
        month = (written_on.month - 3) % 12
        draws: dict[str, Callable[[], object]] = {
            "product": lambda: self.rng.choice(s.products),
            "competitor": lambda: self.rng.choice(s.competitors),
            "site": lambda: self.rng.choice(s.sites),
            "city": lambda: self.rng.choice(s.cities),
            "pct": lambda: self.rng.choice((4, 5, 6, 8, 10, 12, 15)),
            "n": lambda: self.rng.choice((2, 3, 4, 5, 6, 8, 12)),
            "weeks": lambda: self.rng.choice((8, 10, 12, 14)),
            "amount": lambda: self.rng.choice((50, 100, 250, 500)),
            "weekday": lambda: self.rng.choice(WEEKDAYS),
            "colleague": lambda: DEMO_USERS[self.rng.choice(colleagues)],
        }
        return _Slots(lambda key: str(draws[key]()),
                      expansion=s.expansion, next_year=str(written_on.year + 1),
                      story_year=str(self.story_year),
                      quarter=f"Q{((written_on.month - 1) // 3 - 1) % 4 + 1}",
                      month=MONTHS[month], next_month=MONTHS[written_on.month % 12],
                      industry_lc=s.profile.industry.lower())

    def _attendees(self, s: _Story, days_ago: int, pinned: Optional[Stakeholder]) -> list[Stakeholder]:
        free = [p for p in s.reachable() if p is not pinned and self._may_meet(s, p, days_ago)]
        first = pinned or self._weighted_person(free)
        if first is None:
            return []
        others = [p for p in free if p is not first]
        second = self._weighted_person(others) if others and self.rng.random() < 0.35 else None
        return [first] + ([second] if second else [])

    def _may_meet(self, s: _Story, person: Stakeholder, days_ago: int) -> bool:
        last_seen = s.specs[person.name].last_seen
        return last_seen is None or days_ago >= last_seen

    def _weighted_person(self, people: list[Stakeholder]) -> Optional[Stakeholder]:
        weights = [CONTACT_WEIGHT[p.contact_level] * (1 + p.influence / 5) for p in people]
        if not people or not any(weights):
            return None
        return self.rng.choices(people, weights)[0]

    def _meeting_draft(self, s: _Story, written_on: date, author: str, slots: _Slots,
                       attendees: list[Stakeholder]) -> "_Draft":
        sentences, mood = self._fact_sentences(s, slots, self.rng.randint(1, 3), attendees)
        commitments = [self._commitment(slots, attendees[0])] if self.rng.random() < 0.6 else []
        extra, extra_mood = self._extras(s, slots, attendees)
        detractors = sum(1 for p in attendees if p.attitude <= -1)
        sentiment = _clamp(mood + extra_mood - detractors, -2, 2)
        opener, kind = self.rng.choice(MEETING_OPENERS[(sentiment > 0) - (sentiment < 0)])
        slots["att"] = " and ".join(p.name for p in attendees)
        body = " ".join([opener.format_map(slots), *sentences, *(c[0] for c in commitments), *extra])
        note = self._note(s, written_on, author, body, "log")
        return _Draft(s, note, author, kind, sentiment, attendees, [c[1] for c in commitments])

    def _plain_draft(self, s: _Story, written_on: date, author: str, slots: _Slots, days_ago: int) -> "_Draft":
        speaker = self._weighted_person(slots.available) or s.people[0]
        self._speak_as(slots, speaker)
        head = self.rng.choice(NOTE_OPENERS).format_map(slots)
        sentences, _ = self._fact_sentences(s, slots, self.rng.randint(1, 2), [speaker], prefer=speaker)
        extra = [self._commitment(slots, speaker)[0]] if self.rng.random() < 0.3 else []
        more, _ = self._extras(s, slots, [speaker])
        body = " ".join([head, *sentences, *extra, *more])
        if not any(p.name in body for p in s.people):
            self._speak_as(slots, speaker)
            body += " " + self.rng.choice(FOLLOW_UPS).format_map(slots)
        return _Draft(s, self._note(s, written_on, author, body, "demo"), author, "", 0, [], [])

    def _note(self, s: _Story, written_on: date, author: str, body: str, source: str) -> Note:
        return Note(team_id=self.team_id, account_id=s.account.id, written_on=written_on,
                    author=DEMO_USERS[author], body=body, source=source, content_hash="",
                    created_at=_at(written_on, 17))

    def _fact_sentences(self, s: _Story, slots: _Slots, count: int, present: list[Stakeholder],
                        prefer: Optional[Stakeholder] = None) -> tuple[list[str], int]:
        sentences, mood = [], 0
        for quadrant in self._quadrants(s, count, present):
            fact = self._fact(s, quadrant, slots, present)
            if fact is None:
                continue
            speaker = prefer if prefer and self._may_say(prefer, quadrant, fact) \
                else self._voice(s, quadrant, fact, present, slots.available)
            self._speak_as(slots, speaker)
            slots["fact"] = fact
            sentences.append(self._pick(slots, WRAPPERS[quadrant]).format_map(slots))
            slots.refresh()
            mood += SENTIMENT[quadrant]
        return sentences, mood

    def _pick(self, slots: _Slots, choices: tuple[str, ...]) -> str:
        """A phrasing this note has not used yet, when there is one."""
        fresh = [c for c in choices if c not in slots.used] or list(choices)
        choice = self.rng.choice(fresh)
        slots.used.add(choice)
        return choice

    def _quadrants(self, s: _Story, count: int, present: list[Stakeholder]) -> list[str]:
        a, st = s.profile.attractiveness, s.profile.strength
        frosty = 1.5 if any(p.attitude <= -1 for p in present) else 0.0
        weights = (1 + max(0.0, st - 4) / 2, 1 + frosty + max(0.0, 7 - st) / 2,
                   1 + max(0.0, a - 4) / 2, 1 + frosty + max(0.0, 7 - a) / 2)
        return self.rng.choices(QUADRANTS, weights, k=count)

    def _fact(self, s: _Story, quadrant: str, slots: _Slots, present: list[Stakeholder]) -> Optional[str]:
        own = [f for f in s.facts[quadrant] if f not in slots.used and not any(p.name in f for p in present)]
        if own and self.rng.random() < 0.6:
            fewest = min(s.fact_use[f] for f in own)
            text = self.rng.choice([f for f in own if s.fact_use[f] == fewest])
            s.fact_use[text] += 1
            slots.used.add(text)
        else:
            pool = [f for f in FACT_POOLS[quadrant] if f not in slots.used]
            if not pool:
                return None
            text = self._pick(slots, tuple(pool))
        return text.format_map(slots)

    def _may_say(self, person: Stakeholder, quadrant: str, fact: str) -> bool:
        """Detractors do not sing our praises; nobody quotes themselves in the third person."""
        return person.name not in fact and (SENTIMENT[quadrant] < 0 or person.attitude >= 0)

    def _voice(self, s: _Story, quadrant: str, fact: str, present: list[Stakeholder],
               available: list[Stakeholder]) -> Stakeholder:
        allowed = [p for p in available if self._may_say(p, quadrant, fact)] or present
        here = [p for p in present if p in allowed]
        if here and self.rng.random() < 0.7:
            return self.rng.choice(here)
        voices = [p for p in allowed if p.role in ROLE_VOICES[quadrant]]
        return self.rng.choice(voices or allowed)

    def _speak_as(self, slots: _Slots, person: Stakeholder) -> None:
        slots["p"], slots["p_first"], slots["p_title"] = person.name, _first(person.name), person.title or ""

    def _commitment(self, slots: _Slots, person: Stakeholder) -> tuple[str, str]:
        self._speak_as(slots, person)
        text = self._pick(slots, tuple(c[0] for c in COMMITMENTS))
        title = dict(COMMITMENTS)[text]
        result = text.format_map(slots), title.format_map(slots)
        slots.refresh()
        return result

    def _extras(self, s: _Story, slots: _Slots, present: list[Stakeholder]) -> tuple[list[str], int]:
        extra, mood = [], 0
        if self.rng.random() < 0.25:
            self._speak_as(slots, self.rng.choice(present))
            extra.append(self._pick(slots, QUESTIONS).format_map(slots))
        if self.rng.random() < 0.15:
            self._speak_as(slots, self.rng.choice(slots.available or present))
            extra.append(self._pick(slots, RISKS).format_map(slots))
            mood -= 1
        slots.refresh()
        return extra, mood

    def _interaction(self, d: "_Draft") -> Interaction:
        return Interaction(team_id=self.team_id, account_id=d.story.account.id, occurred_on=d.note.written_on,
                           kind=d.kind, summary=d.note.body, sentiment=d.sentiment, logged_by=d.author,
                           note_id=d.note.id, created_at=_at(d.note.written_on, 17))

    def _meeting_action(self, d: "_Draft", interaction: Interaction, title: str) -> Action:
        met = d.note.written_on
        due = met + timedelta(days=self.rng.randint(3, 14))
        late = (self.today - due).days
        done = late > 7 and self.rng.random() < 0.92 or 0 < late <= 7 and self.rng.random() < 0.5
        done_on = met + timedelta(days=self.rng.randint(1, (due - met).days)) if done else None
        return Action(team_id=self.team_id, account_id=d.story.account.id, interaction_id=interaction.id,
                      title=title[:300], owner_user_id=d.author, due_on=due, status="done" if done else "open",
                      source="log", created_at=_at(met, 17), done_at=_at(done_on, 16) if done_on else None)

    def _last_contacts(self, stories: list[_Story]) -> None:
        for s in stories:
            for person in s.people:
                met = s.meetings.get(person.id)
                if met:
                    person.last_contact_on = max(met)
                    person.contact_level = self._level_after(person.contact_level, len(met))
                elif person.contact_level != "none":
                    floor = s.specs[person.name].last_seen or 20
                    person.last_contact_on = self._days_ago(self.rng.randint(floor, max(floor + 30, 200)))
                person.updated_at = _at(person.last_contact_on, 18) if person.last_contact_on else person.created_at

    def _level_after(self, level: str, meetings: int) -> str:
        earned = "in_depth" if meetings >= 4 else "multiple" if meetings >= 2 else "brief"
        return max(level, earned, key=CONTACT_LEVELS.index)

    # ----------------------------------------------------------------- plans, objectives, actions

    def _plans(self, stories: list[_Story]) -> None:
        sections, planned = [], []
        for s in stories:
            if not s.key or s.key.plan == "none":
                continue
            age = 230 if s.key.plan == "stale" else self.rng.randint(8, 45)
            updated = _at(self._days_ago(age), 11)
            s.account.plan_updated_at = updated
            sections += [PlanSection(team_id=self.team_id, account_id=s.account.id, section=name, body=body,
                                     updated_by=s.kam, updated_at=updated)
                         for name, body in self._plan_bodies(s).items()]
            planned.append((s, age))
        self._add("plan_sections", sections)
        objectives = [(s, age, o) for s, age in planned for o in self._objectives(s, age)]
        self._add("objectives", [o for _, _, o in objectives])
        self.session.flush()
        actions = []
        for s, age, objective in objectives:
            actions += self._objective_actions(s, age, objective)
        self._add("actions", actions)

    def _plan_bodies(self, s: _Story) -> dict[str, str]:
        return {
            "customer_goals": self._bullets(s.key.goals),
            "financial_health": self._financial_health(s),
            "initiatives": self._bullets(s.key.opportunities),
            "competitors": f"Main competitors: {', '.join(s.competitors)}.\n" + self._bullets(s.key.threats),
        }

    def _bullets(self, items: tuple[str, ...]) -> str:
        return "\n".join(f"- {_capital(item.format(story_year=self.story_year))}" for item in items)

    def _financial_health(self, s: _Story) -> str:
        recent = s.quarters[-4:]
        before = s.quarters[-8:-4]
        revenue, cost = sum(r for r, _ in recent), sum(c for _, c in recent)
        growth = revenue / sum(r for r, _ in before) - 1
        margin = (revenue - cost) / revenue
        return (f"{s.profile.name} turns over about {_money(s.account.customer_annual_revenue)} a year; "
                f"we score their solvency {s.scores['solvency']}/10. With us: {_money(revenue)} revenue over the "
                f"last four quarters ({growth:+.0%} on the four before), {margin:.0%} margin after cost to serve.")

    def _objectives(self, s: _Story, age: int) -> list[Objective]:
        shift = self._plan_shift(s)
        deal = next((d for d in s.key.deals if d.status == "open"), None)
        eb = s.by_role("economic_buyer") or s.people[0]
        dm = s.by_role("decision_maker") or s.people[0]
        wallet = s.scores["share_of_wallet"] * 10
        mid = (f"Get {DEMO_USERS[s.sponsor]} in front of {eb.name} ({eb.title}) before the renewal" if s.sponsor
               else f"Find an executive sponsor for {s.profile.name}")
        specs = (
            ("short", f"Win the deal: {deal.name}" if deal else f"Renew the {s.products[0]} contract",
             s.kam, (deal.close_in_days if deal else 45) - shift, "open"),
            ("short", f"Hold the half-year business review with {dm.name}", s.kam, -40 - shift, "done"),
            ("mid", mid, s.sponsor or s.kam, 150 - shift, "open"),
            ("long", f"Grow share of wallet from {wallet}% to {min(90, wallet + 20)}% by {self.story_year + 1}",
             s.kam, 540 - shift, "open"),
        )
        return [Objective(team_id=self.team_id, account_id=s.account.id, horizon=horizon, title=title,
                          owner_user_id=owner, due_on=self._days_ago(-due), status=status, created_by=s.kam,
                          created_at=_at(self._days_ago(age), 11))
                for horizon, title, owner, due, status in specs]

    def _plan_shift(self, s: _Story) -> int:
        """A stale plan's dates all slid into the past together."""
        return 210 if s.key.plan == "stale" else 0

    def _objective_actions(self, s: _Story, age: int, objective: Objective) -> list[Action]:
        gk = s.by_role("gatekeeper") or s.people[0]
        tb = s.by_role("technical_buyer", "champion", "user_buyer") or s.people[0]
        dm = s.by_role("decision_maker") or s.people[0]
        eb = s.by_role("economic_buyer") or s.people[0]
        helper = s.members[0] if s.members else s.kam
        senior = DEMO_USERS[s.sponsor] if s.sponsor else "a senior leader"
        if objective.status == "done":
            specs = [(f"Send the review summary to {dm.name}", s.kam, -45, "done")]
        elif objective.horizon == "short":
            specs = [(f"Send the revised proposal to {gk.name}", s.kam, 5, "open"),
                     (f"Confirm the decision timeline with {dm.name}", s.kam, -4, "open"),
                     (f"Run a technical workshop with {tb.name}", helper, -25, "done")]
        elif objective.horizon == "mid":
            specs = [(f"Prepare a one-page value summary for {eb.name}", s.kam, -9, "open"),
                     (f"Book a dinner with {eb.name} and {senior}", s.sponsor or s.kam, 21, "open")]
        else:
            specs = [(f"Map spend by site with {tb.name}", helper, 45, "open"),
                     (f"Share our sustainability data pack with {gk.name}", s.kam, -60, "done")]
        shift = self._plan_shift(s)
        return [self._plan_action(s, objective, title, owner, due - shift, status, age)
                for title, owner, due, status in specs]

    def _plan_action(self, s: _Story, objective: Objective, title: str, owner: str, due_in: int, status: str,
                     age: int) -> Action:
        due = self._days_ago(-due_in)
        created = self._days_ago(age)
        done_at = _at(min(due, self.today - timedelta(days=1)), 15) if status == "done" else None
        return Action(team_id=self.team_id, account_id=s.account.id, objective_id=objective.id, title=title,
                      owner_user_id=owner, due_on=due, status=status, source="manual",
                      created_at=_at(created, 11), done_at=done_at)

    # ----------------------------------------------------------------- opportunities

    def _opportunities(self, stories: list[_Story]) -> None:
        rows = []
        for s in stories:
            deals = s.key.deals if s.key else self._generated_deals(s)
            rows += [Opportunity(team_id=self.team_id, account_id=s.account.id, name=d.name, value=float(d.value),
                                 status=d.status, close_on=self._days_ago(-d.close_in_days), next_step=d.next_step)
                     for d in deals]
        self._add("opportunities", rows)

    def _generated_deals(self, s: _Story) -> list[Deal]:
        count = self.rng.choice((1, 2)) if s.profile.tier == "candidate" else self.rng.choice((0, 0, 1, 1, 2))
        deals = []
        for _ in range(count):
            status = self.rng.choices(("open", "won", "lost"), (3, 2, 1))[0]
            close = self.rng.randint(15, 200) if status == "open" else -self.rng.randint(20, 300)
            name = self.rng.choice(OPPORTUNITY_NAMES).format(
                product_title=_capital(self.rng.choice(s.products)), year=self._days_ago(-close).year,
                site_title=_capital(self.rng.choice(s.sites).removeprefix("the ")))
            if any(d.name == name for d in deals):
                continue
            value = round(s.profile.revenue_k * 1000 * self.rng.uniform(0.5, 2.5), -4)
            step = None if status != "open" or self.rng.random() < 0.4 else \
                f"Follow up with {self.rng.choice(s.people).name}"
            deals.append(Deal(name, value, status, close, step))
        return deals

    # ----------------------------------------------------------------- reviews

    def _reviews(self, stories: list[_Story]) -> None:
        rows = []
        for s in stories:
            if s.key:
                rows += self._key_reviews(s)
            elif s.profile.tier == "candidate":
                rows += self._candidate_reviews(s)
        self._add("reviews", rows)

    def _key_reviews(self, s: _Story) -> list[Review]:
        cadence = s.key.cadence_days
        next_due = self._days_ago(12) if s.key.review == "overdue" else self._days_ago(-self.rng.randint(2, 28))
        past = min(4, max(1, s.key.key_since_days // cadence - 1))
        latest = self._engagement(s.profile)
        rows = []
        for k in range(past, 0, -1):
            due = next_due - timedelta(days=cadence * k)
            rating = _clamp(latest - s.key.trend * (k // 2), 1, 5)
            rows.append(self._done_review(s, due, rating, _clamp(rating + self.rng.choice((-1, 0, 0, 1)), 1, 5)))
        rows.append(Review(team_id=self.team_id, account_id=s.account.id, due_on=next_due, checklist={}))
        return rows

    def _engagement(self, profile: Profile) -> int:
        """1-5, from our strength and, where they rated us, the customer's own view."""
        theirs = profile.rating if profile.rating is not None else profile.strength
        return _clamp((profile.strength + theirs) / 4, 1, 5)

    def _candidate_reviews(self, s: _Story) -> list[Review]:
        last_due = self._days_ago(self.rng.randint(50, 80))
        rating = self._engagement(s.profile)
        return [self._done_review(s, last_due, rating, rating),
                Review(team_id=self.team_id, account_id=s.account.id,
                       due_on=last_due + timedelta(days=CANDIDATE_CADENCE_DAYS),
                       checklist={})]

    def _done_review(self, s: _Story, due: date, engagement: int, loyalty: int) -> Review:
        done_on = min(due + timedelta(days=self.rng.randint(0, 3)), self.today - timedelta(days=1))
        slots = self._slots(s, done_on, s.kam)
        quadrant = self._quadrants(s, 1, [])[0]
        fact = _capital(self._fact(s, quadrant, slots, []) or "no change since the last review") + "."
        action = self._commitment(slots, self.rng.choice(s.reachable() or s.people))[1]
        slots.update(fact=fact, action=action, owner=DEMO_USERS[s.kam])
        outcome = self.rng.choice(REVIEW_OUTCOMES).format_map(slots)
        return Review(team_id=self.team_id, account_id=s.account.id, due_on=due, done_at=_at(done_on, 15),
                      done_by=s.kam, outcome=outcome, engagement_rating=engagement, loyalty_rating=loyalty,
                      checklist={"stakeholders": True, "plan": s.key is None or s.key.plan == "fresh",
                                 "actions": True, "financials": True})

    # ----------------------------------------------------------------- tier changes and audit

    def _tier_changes(self, stories: list[_Story]) -> None:
        by_name = {s.profile.name: s for s in stories}
        changes = []
        for (name, from_tier, to_tier, kind, requester, asked, status, decider, decided, reason,
             decision) in TIER_CHANGES:
            changes.append(TierChange(
                team_id=self.team_id, account_id=by_name[name].account.id, from_tier=from_tier, to_tier=to_tier,
                kind=kind, reason=reason, requested_by=requester, requested_at=_at(self._days_ago(asked), 10),
                status=status, decided_by=decider,
                decided_at=_at(self._days_ago(decided), 16) if decided is not None else None,
                decision_reason=decision))
        self._add("tier_changes", changes)
        self.session.flush()
        accounts = {s.account.id: s.account for s in stories}
        self._add("audit_entries", [entry for change in changes
                                    for entry in self._audit(change, accounts[change.account_id])])

    def _audit(self, change: TierChange, account: Account) -> list[AuditEntry]:
        """The entries the selection service writes for the same request and decision."""
        entries = [self._entry(change.requested_by, "tier_change.requested", "tier_change", change.id, change,
                               {"tier": change.from_tier}, {"requested_tier": change.to_tier, "kind": change.kind},
                               change.reason, change.requested_at)]
        if change.status == "pending":
            return entries
        entries.append(self._entry(change.decided_by, f"tier_change.{change.status}", "tier_change", change.id,
                                   change, {"status": "pending"}, {"status": change.status, "override": False},
                                   change.decision_reason, change.decided_at))
        if change.status == "approved":
            before = {"tier": change.from_tier, "key_since": None, "review_cadence_days": None}
            after = {"tier": change.to_tier, "key_since": account.key_since.isoformat(),
                     "review_cadence_days": account.review_cadence_days}
            entries.append(self._entry(change.decided_by, "account.tier_changed", "account", account.id, change,
                                       before, after, change.reason, change.decided_at))
        return entries

    def _entry(self, actor: str, action: str, entity: str, entity_id: int, change: TierChange, before: dict,
               after: dict, reason: Optional[str], at: datetime) -> AuditEntry:
        return AuditEntry(team_id=self.team_id, account_id=change.account_id, actor=actor, action=action,
                          entity=entity, entity_id=entity_id, before=before, after=after, reason=reason, at=at)


@dataclass
class _Draft:
    story: _Story
    note: Note
    author: str
    kind: str
    sentiment: int
    attendees: list[Stakeholder]
    commitments: list[str]
