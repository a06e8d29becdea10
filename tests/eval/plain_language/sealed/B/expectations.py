#!/usr/bin/env python3
"""Cases for blind set B, with expectations computed from this set's own CSVs.

Definitions (the most ordinary ones):
  revenue / cost of a year  = sum of its 4 quarters; "last 4 quarters" = 2026-Q1..2026-Q4
  growth                    = (2026 revenue / 2025 revenue - 1) * 100  (last 4 quarters vs the 4 before)
  profit                    = revenue - cost;  margin = profit / revenue * 100
  recent contact            = a note dated within 90 days before today (2026-12-07)
Accounts used in number cases have a constant quarterly growth rate and a constant cost ratio,
so year-over-year and quarter-on-same-quarter definitions give the same figure.

Run: python3 expectations.py   (writes cases.jsonl, then checks every case)
"""
import csv
import collections
import datetime as dt
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
TODAY = dt.date(2026, 12, 7)
Y25 = [f"2025-Q{q}" for q in (1, 2, 3, 4)]
Y26 = [f"2026-Q{q}" for q in (1, 2, 3, 4)]


def read(name):
    with open(os.path.join(HERE, name), encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


ACC = {r["Account Name"]: r for r in read("accounts.csv")}
CON = read("contacts.csv")
NOTES = read("notes.csv")
FIN = collections.defaultdict(dict)
for r in read("financials.csv"):
    FIN[r["Account"]][r["Period"]] = (int(r["Revenue"]), int(r["Cost"]))
PEOPLE = {f'{c["First Name"].replace("Dr. ", "")} {c["Last Name"]}': c["Account Name"] for c in CON}


def full(part):
    """The one account whose name contains `part` (case-insensitive)."""
    m = [a for a in ACC if part.lower() in a.lower()]
    assert len(m) == 1, (part, m)
    return m[0]


def rev(a, ps):
    return sum(FIN[full(a)][p][0] for p in ps)


def cost(a, ps):
    return sum(FIN[full(a)][p][1] for p in ps)


def profit(a, ps):
    return rev(a, ps) - cost(a, ps)


def margin(a, ps=Y26):
    return round(profit(a, ps) / rev(a, ps) * 100, 1)


def growth(a):
    return round((rev(a, Y26) / rev(a, Y25) - 1) * 100, 1)


def last_note(a):
    ds = [n["Date"] for n in NOTES if n["Account"] == full(a)]
    return max(ds) if ds else None


def days_since_note(a):
    d = last_note(a)
    return None if d is None else (TODAY - dt.date.fromisoformat(d)).days


def key(a):
    return ACC[full(a)]["Tier"] == "Key"


def owner(a):
    return ACC[full(a)]["Account Owner"]


ALL = list(ACC)
KEYS = [a for a in ALL if ACC[a]["Tier"] == "Key"]

CASES = []


def case(cls, text, note, all=None, any=None, none=None, numbers=None, dates=None, thread=None, check=None):
    exp = {}
    if all: exp["all"] = all
    if any: exp["any"] = any
    if none: exp["none"] = none
    if numbers: exp["numbers"] = [{"value": v, "tolerance": t} for v, t in numbers]
    if dates: exp["dates"] = dates
    CASES.append({"id": None, "class": cls, "text": text, "thread": thread or [], "expect": exp,
                  "note": note, "_check": check})


MONEY = 0.02
PCT = 0.02
DECLINE = ["declin", "down", "decreas", "drop", "fell", "fall", "shrink"]
LOSS = ["loss", "losing", "negative", "unprofitable", "below zero", "in the red", "not profitable"]
AGAINST = ["skeptic", "sceptic", "against", "negative", "detractor", "hostile", "oppos", "blocker", "unconvinced", "critical"]
FOR = ["support", "positive", "champion", "for us", "favour", "favor", "ally", "advocate", "on our side"]

# ----------------------------------------------------------------------------- portfolio
def growers_ok(names, min_g=30):
    return all(growth(n) > min_g for n in names)


def decliners_ok(names, max_g=-20):
    return all(growth(n) < max_g for n in names)


def lossmaking(n):
    return all(FIN[full(n)][p][1] > FIN[full(n)][p][0] for p in Y25 + Y26)


top_growth = sorted(ALL, key=growth, reverse=True)
top_growth_nonkey = [a for a in top_growth if ACC[a]["Tier"] != "Key"]
case("portfolio", "which acounts are growing fastest?",
     "top 3 by growth 2026 vs 2025 (57%, 46%, 41%); the decliners (-25..-34%) must not appear",
     all=top_growth[:3], none=["Penrose Life", "Tidewater Regional", "Wrexford"],
     check=lambda: top_growth[:3] == ["Brennan-Ochoa Pediatrics", "Clínica Esperanza Network", "Halloran Medical Group"])
case("portfolio", "top growers this yr vs last yr pls",
     "two highest growth 2026 vs 2025 (Brennan-Ochoa 57%, Clinica Esperanza 46%); Penrose is the worst decliner",
     all=["Brennan-Ochoa", "Clínica Esperanza"], none=["Penrose Life"],
     check=lambda: top_growth[:2] == ["Brennan-Ochoa Pediatrics", "Clínica Esperanza Network"])
case("portfolio", "whihc non-key accounts are growing the most",
     "non-key accounts with growth > 30% (2026 vs 2025): Brennan-Ochoa, Clinica Esperanza, Oakhurst; Halloran is key, Penrose declines",
     all=["Brennan-Ochoa", "Clínica Esperanza", "Oakhurst University"], none=["Halloran", "Penrose Life"],
     check=lambda: top_growth_nonkey[:3] == ["Brennan-Ochoa Pediatrics", "Clínica Esperanza Network", "Oakhurst University"] and key("Halloran"))
case("portfolio", "any key accounts growing strongy?",
     "key accounts with growth > 30%: Halloran 41%, Ashworth-Pryce 31%; next key is 10%; Wrexford declines 25%",
     all=["Halloran", "Ashworth-Pryce"], none=["Wrexford"],
     check=lambda: [a for a in top_growth if a in KEYS][:2] == ["Halloran Medical Group", "Ashworth-Pryce University"]
     and sorted(growth(a) for a in KEYS)[-3] < 15)
case("portfolio", "which accounts are decling",
     "growth < -20% 2026 vs 2025: Penrose -34%, Tidewater -28%, Wrexford -25% (Greyfriars -22% too); growers must not appear",
     all=["Penrose Life", "Tidewater Regional", "Wrexford"], none=["Brennan-Ochoa", "Halloran"],
     check=lambda: decliners_ok(["Penrose", "Tidewater", "Wrexford"]) and growers_ok(["Brennan-Ochoa", "Halloran"]))
case("portfolio", "who's shrinking the most among our non key customers?",
     "non-key accounts by growth ascending: Penrose -34%, Tidewater -28%; Wrexford is key; Brennan-Ochoa grows 57%",
     all=["Penrose Life", "Tidewater Regional"], none=["Wrexford", "Brennan-Ochoa"],
     check=lambda: top_growth_nonkey[-2:] == ["Tidewater Regional Medical Center", "Penrose Life & Health"] and key("Wrexford"))
case("portfolio", "key accounts with falling revenue?",
     "the only key account whose 2026 revenue is below 2025: Wrexford & Dale (-25%); Halloran and Ashworth-Pryce grow >30%",
     all=["Wrexford"], none=["Halloran", "Ashworth-Pryce"],
     check=lambda: [a for a in KEYS if growth(a) < 0] == ["Wrexford & Dale Insurance"])
case("portfolio", "which customers dropped more than 20% yoy",
     "growth < -20%: exactly Penrose, Tidewater, Wrexford, Greyfriars; Oakhurst grows 36%",
     all=["Penrose Life", "Tidewater Regional", "Wrexford", "Greyfriars"], none=["Oakhurst"],
     check=lambda: sorted(a for a in ALL if growth(a) < -20) == sorted([full("Penrose"), full("Tidewater"), full("Wrexford"), full("Greyfriars")]))
case("portfolio", "biggest decliner in the portfolio?",
     "lowest growth 2026 vs 2025: Penrose Life & Health (-34%)",
     all=["Penrose Life"], check=lambda: top_growth[-1] == full("Penrose"))
case("portfolio", "show me accts w/ revenue down vs last year",
     "accounts with 2026 revenue < 2025: the three clear non-key decliners must appear; growers must not",
     all=["Penrose Life", "Tidewater Regional", "Greyfriars"], none=["Halloran", "Clínica Esperanza"],
     check=lambda: decliners_ok(["Penrose", "Tidewater", "Greyfriars"]))
case("portfolio", "which regular accounts grew over 30%?",
     "non-key with growth > 30%: exactly Brennan-Ochoa, Clinica Esperanza, Oakhurst; Halloran is key",
     all=["Brennan-Ochoa", "Clínica Esperanza", "Oakhurst University"], none=["Halloran", "Penrose Life"],
     check=lambda: sorted(a for a in ALL if growth(a) > 30 and not key(a)) == sorted([full("Brennan-Ochoa"), full("Clínica"), full("Oakhurst")]))
case("portfolio", "fastest growing customer we have?",
     "highest growth 2026 vs 2025: Brennan-Ochoa Pediatrics 57%",
     all=["Brennan-Ochoa"], none=["Penrose Life"], check=lambda: top_growth[0] == full("Brennan-Ochoa"))
case("portfolio", "which UK accounts are growing best",
     "UK account with the highest growth: Ashworth-Pryce 31% (next UK is 8%); Greyfriars and Wrexford decline >20%",
     all=["Ashworth-Pryce"], none=["Greyfriars", "Wrexford"],
     check=lambda: [a for a in top_growth if ACC[a]["Billing Country"] == "United Kingdom"][0] == full("Ashworth-Pryce"))
case("portfolio", "which insurers are growing?",
     "insurers with growth > 5%: Rosales 8.5%, Blue Heron Dental 7.6%; Penrose and Wrexford decline",
     all=["Rosales"], none=["Penrose Life", "Wrexford"],
     check=lambda: growth("Rosales") > 8 and ACC[full("Rosales")]["Industry"] == "Insurance")

losers = sorted([a for a in ALL if lossmaking(a)])
case("portfolio", "which customers are we loosing money on?",
     "accounts with cost > revenue in every quarter: Coldwater, Vale of Cawdor, Sagebrush; top-margin accounts must not appear",
     all=["Coldwater", "Vale of Cawdor", "Sagebrush"], none=["Blue Heron Mutual", "Rosales"],
     check=lambda: losers == sorted([full("Coldwater"), full("Vale of Cawdor"), full("Sagebrush")]))
case("portfolio", "any loss making accts?",
     "same three loss-making accounts (margin -18%, -12%, -9% in every quarter)",
     all=["Coldwater", "Vale of Cawdor", "Sagebrush"], none=["Mercy-Lakeshore"],
     check=lambda: len(losers) == 3)
case("portfolio", "key accounts that lose us money",
     "the only loss-making key account is Sagebrush (-9%); Coldwater is loss-making but not key",
     all=["Sagebrush"], none=["Coldwater", "Blue Heron Mutual"],
     check=lambda: [a for a in losers if key(a)] == [full("Sagebrush")])
case("portfolio", "non-key accounts in the red?",
     "loss-making non-key accounts: Coldwater, Vale of Cawdor; Sagebrush is key",
     all=["Coldwater", "Vale of Cawdor"], none=["Sagebrush", "Blue Heron Mutual"],
     check=lambda: [a for a in losers if not key(a)] == sorted([full("Coldwater"), full("Vale of Cawdor")]))
case("portfolio", "lowest margin acccounts",
     "margin 2026: Coldwater -18%, Vale of Cawdor -12% are the two lowest; Blue Heron Mutual is the highest 45%",
     all=["Coldwater", "Vale of Cawdor"], none=["Blue Heron Mutual"],
     check=lambda: sorted(ALL, key=margin)[:2] == [full("Coldwater"), full("Vale of Cawdor")])
case("portfolio", "which accounts have a positive margin but under 5%?",
     "margins 0-5% in 2026: Redfern 3.0%, Kingsbridge Community Clinics 2.5%; the next positive margin is >25%",
     all=["Redfern", "Kingsbridge Community"], none=["Blue Heron Mutual", "Rosales"],
     check=lambda: sorted(a for a in ALL if 0 < margin(a) < 5) == sorted([full("Redfern"), full("Kingsbridge Community")]))
case("portfolio", "thin margin customers? like barely breaking even",
     "margins between 0 and 5%: Redfern 3.0%, Kingsbridge Community Clinics 2.5%",
     all=["Redfern", "Kingsbridge Community"], none=["Blue Heron Mutual"],
     check=lambda: margin("Redfern") == 3.0)
case("portfolio", "where is cost to serve higher than what they pay us",
     "cost > revenue: Coldwater, Vale of Cawdor, Sagebrush",
     all=["Coldwater", "Vale of Cawdor", "Sagebrush"], none=["Rosales", "Blue Heron Mutual"],
     check=lambda: len(losers) == 3)
case("portfolio", "cost-to-serve outliers?",
     "loose: the highest cost/revenue ratios are Coldwater 1.18, Vale of Cawdor 1.12, Sagebrush 1.09 (Sagebrush is also 4th by absolute cost)",
     any=["Coldwater", "Vale of Cawdor", "Sagebrush"],
     check=lambda: sorted(ALL, key=lambda a: cost(a, Y26) / rev(a, Y26))[-3:] == [full("Sagebrush"), full("Vale of Cawdor"), full("Coldwater")])
case("portfolio", "which accts cost us the most to serve relative to what they pay",
     "highest cost/revenue 2026: Coldwater 1.18, Vale of Cawdor 1.12; Blue Heron Mutual and Rosales have the lowest ratios",
     all=["Coldwater", "Vale of Cawdor"], none=["Blue Heron Mutual", "Rosales"],
     check=lambda: sorted(ALL, key=margin)[:2] == [full("Coldwater"), full("Vale of Cawdor")])

by_profit = sorted(ALL, key=lambda a: profit(a, Y26), reverse=True)
by_rev = sorted(ALL, key=lambda a: rev(a, Y26), reverse=True)
case("portfolio", "most profitible accounts",
     "top 3 by profit 2026 (~0.99M, 0.98M, 0.89M; 4th is 0.37M); loss-makers must not appear",
     all=["Kingsbridge University", "Mercy-Lakeshore", "Blue Heron Mutual"], none=["Coldwater", "Vale of Cawdor"],
     check=lambda: by_profit[:3] == [full("Kingsbridge University"), full("Mercy-Lakeshore"), full("Blue Heron Mutual")]
     and profit(by_profit[3], Y26) < 400000)
case("portfolio", "top 3 customers by revenue",
     "top 3 by 2026 revenue (and by 2025 and total): Kingsbridge UH 2.60M, Mercy-Lakeshore 2.34M, Blue Heron Mutual 1.97M; 4th is 1.16M",
     all=["Kingsbridge University", "Mercy-Lakeshore", "Blue Heron Mutual"], none=["Vale of Cawdor", "North Fenwick"],
     check=lambda: by_rev[:3] == [full("Kingsbridge University"), full("Mercy-Lakeshore"), full("Blue Heron Mutual")]
     and sorted(ALL, key=lambda a: rev(a, Y25), reverse=True)[:3] == by_rev[:3])
case("portfolio", "who are our biggest customers by what they actually pay us",
     "largest revenue to us 2026: Kingsbridge UH, Mercy-Lakeshore (Annual Revenue, the customer's own size, would put Blue Heron Mutual and Mercy-Lakeshore first); North Fenwick is the smallest",
     all=["Kingsbridge University", "Mercy-Lakeshore"], none=["North Fenwick"],
     check=lambda: by_rev[:2] == [full("Kingsbridge University"), full("Mercy-Lakeshore")] and by_rev[-1] == full("North Fenwick"))
case("portfolio", "highest margin accounts?",
     "margin 2026: Blue Heron Mutual 45.0%, Rosales 44.3% are the top 2; Coldwater and Redfern are near the bottom",
     all=["Blue Heron Mutual", "Rosales"], none=["Coldwater", "Redfern"],
     check=lambda: sorted(ALL, key=margin, reverse=True)[:2] == [full("Blue Heron Mutual"), full("Rosales")])
case("portfolio", "which of the regular (non key) accounts bring in the most revenue",
     "non-key by 2026 revenue: Strathmore 548k, Rosales 531k are top 2; North Fenwick is the smallest",
     all=["Strathmore", "Rosales"], none=["North Fenwick"],
     check=lambda: [a for a in by_rev if not key(a)][:2] == [full("Strathmore"), full("Rosales")])
case("portfolio", "80/20 - which accounts make most of our profit?",
     "sorted by 2026 profit the top 3 are Kingsbridge UH, Mercy-Lakeshore, Blue Heron Mutual and are inside any 80% set; loss-makers cannot be",
     all=["Kingsbridge University", "Mercy-Lakeshore", "Blue Heron Mutual"], none=["Coldwater", "Vale of Cawdor"],
     check=lambda: by_profit[:3] == [full("Kingsbridge University"), full("Mercy-Lakeshore"), full("Blue Heron Mutual")])
case("portfolio", "are our key accounts actually the ones making us money?",
     "loose: the top 3 profit accounts are key; Sagebrush is a loss-making key account; any of these names",
     any=["Kingsbridge University", "Mercy-Lakeshore", "Blue Heron Mutual", "Sagebrush"],
     check=lambda: all(key(a) for a in by_profit[:3]))
case("portfolio", "key accounts with a margin below 30%",
     "key margins 2026: Sagebrush -9%, Pinecrest 28%, Wrexford 29% (Ashworth-Pryce exactly 30% left out); Blue Heron Mutual 45%, Mercy-Lakeshore 42%",
     all=["Sagebrush", "Pinecrest", "Wrexford"], none=["Blue Heron Mutual", "Mercy-Lakeshore"],
     check=lambda: sorted(a for a in KEYS if margin(a) < 29.9) == sorted([full("Sagebrush"), full("Pinecrest"), full("Wrexford")]))
case("portfolio", "how are the universities trending?",
     "Higher Education accounts: Oakhurst +36% and Ashworth-Pryce +31% are the clear growers",
     all=["Oakhurst", "Ashworth-Pryce"],
     check=lambda: growers_ok(["Oakhurst", "Ashworth-Pryce"]))

quiet = [a for a in ALL if (days_since_note(a) or 9999) > 90]
case("portfolio", "which accounts havent we talked to in 3 months",
     "no note in the last 90 days (last notes 2026-03-10, 04-22, 05-14); Mercy-Lakeshore and Halloran have notes in the last 2 weeks",
     all=["Pinecrest", "Wrexford", "Dunmore"], none=["Mercy-Lakeshore", "Halloran"],
     check=lambda: all(days_since_note(a) > 150 for a in ["Pinecrest", "Wrexford", "Dunmore"]) and days_since_note("Halloran") < 20)
case("portfolio", "key accts with no contact in the last 90 days?",
     "key accounts whose last note is older than 90 days: Pinecrest (2026-04-22), Wrexford (2026-05-14); all other key accounts have a note after 2026-11-01",
     all=["Pinecrest", "Wrexford"], none=["Halloran", "Kingsbridge University"],
     check=lambda: sorted(a for a in KEYS if a in quiet) == sorted([full("Pinecrest"), full("Wrexford")])
     and all(days_since_note(a) < 40 for a in KEYS if a not in quiet))
case("portfolio", "who have we gone quiet on lately?",
     "accounts with no note for more than 150 days include Pinecrest (229 d) and Penrose (172 d); Mercy-Lakeshore had a note 6 days ago",
     all=["Pinecrest", "Penrose Life"], none=["Mercy-Lakeshore"],
     check=lambda: days_since_note("Pinecrest") > 150 and days_since_note("Penrose") > 150)
case("portfolio", "non-key accounts with no recent contact",
     "non-key accounts without a note in 90 days: Dunmore, Wexham, Penrose (plus Blue Heron Dental with no notes); Pinecrest is key",
     all=["Dunmore", "Wexham", "Penrose Life"], none=["Pinecrest", "Oakhurst"],
     check=lambda: all(full(a) in quiet and not key(a) for a in ["Dunmore", "Wexham", "Penrose"]))
case("portfolio", "any accounts we havent logged anything on since the summer?",
     "last note before 2026-06-01: Dunmore (03-10), Pinecrest (04-22), Wrexford (05-14); Ashworth-Pryce had one on 12-04",
     all=["Dunmore", "Pinecrest", "Wrexford"], none=["Ashworth-Pryce"],
     check=lambda: all(last_note(a) < "2026-06-01" for a in ["Dunmore", "Pinecrest", "Wrexford"]))
case("portfolio", "cold key people?",
     "loose: the only key accounts with no note in 90+ days are Pinecrest (Marisol Duarte, Kyle Brandt, Tina Osei) and Wrexford (Helen Marsh, Tom Ashby ...)",
     any=["Pinecrest", "Duarte", "Brandt", "Osei", "Wrexford", "Marsh", "Ashby", "Pugh", "Sørensen"],
     check=lambda: days_since_note("Pinecrest") > 150)
case("portfolio", "which important contacts at our key accounts have gone cold?",
     "loose: Pinecrest and Wrexford contacts have not appeared in any note since 2026-05-14",
     any=["Pinecrest", "Duarte", "Brandt", "Osei", "Wrexford", "Marsh", "Ashby", "Pugh", "Sørensen"],
     check=lambda: days_since_note("Wrexford") > 150)
case("portfolio", "accounts with no notes at all?",
     "Blue Heron Dental Plans is the only account without any note; Blue Heron Mutual has many",
     all=["Blue Heron Dental"], none=["Blue Heron Mutual"],
     check=lambda: [a for a in ALL if last_note(a) is None] == [full("Blue Heron Dental")])

def owned(o):
    return [a for a in ALL if ACC[a]["Account Owner"] == o]

case("portfolio", "what acounts does priya own",
     "Account Owner = Priya Natarajan includes Kingsbridge UH, St. Aldhelm's, Greyfriars; Halloran (Tomas) and Blue Heron Mutual (Jonas) are not hers",
     all=["Kingsbridge University", "Aldhelm", "Greyfriars"], none=["Halloran", "Blue Heron Mutual"],
     check=lambda: all(owner(a) == "Priya Natarajan" for a in ["Kingsbridge University", "Aldhelm", "Greyfriars"]))
case("portfolio", "show me tomas's accounts",
     "Account Owner = Tomás Ferreira: Halloran, Pinecrest, Brennan-Ochoa among 7; Mercy-Lakeshore is Dana's",
     all=["Halloran", "Pinecrest", "Brennan-Ochoa"], none=["Mercy-Lakeshore"],
     check=lambda: all(owner(a) == "Tomás Ferreira" for a in ["Halloran", "Pinecrest", "Brennan-Ochoa"]))
case("portfolio", "grace o'donnell's key accounts",
     "Owner Grace O'Donnell and Tier Key: exactly Ashworth-Pryce and Sagebrush; Oakhurst is hers but not key; Halloran is Tomas's",
     all=["Ashworth-Pryce", "Sagebrush"], none=["Oakhurst", "Halloran"],
     check=lambda: sorted(a for a in owned("Grace O'Donnell") if key(a)) == sorted([full("Ashworth-Pryce"), full("Sagebrush")]))
case("portfolio", "which accts is jonas the kam on",
     "Owner Jonas Lindqvist: Blue Heron Mutual, Wrexford, Rosales, Penrose, Bramwell, Blue Heron Dental; Kingsbridge UH is Priya's",
     all=["Blue Heron Mutual", "Wrexford", "Rosales"], none=["Kingsbridge University"],
     check=lambda: all(owner(a) == "Jonas Lindqvist" for a in ["Blue Heron Mutual", "Wrexford", "Rosales"]))
case("portfolio", "dana whitfield - which of her accounts lose money?",
     "Dana's loss-making account: Coldwater only; Sagebrush and Vale of Cawdor are Grace's",
     all=["Coldwater"], none=["Sagebrush", "Vale of Cawdor"],
     check=lambda: [a for a in losers if owner(a) == "Dana Whitfield"] == [full("Coldwater")])
case("portfolio", "jonas's declining accounts",
     "Jonas's accounts with growth < -20%: Wrexford, Penrose; Tidewater declines but is Dana's",
     all=["Wrexford", "Penrose Life"], none=["Tidewater"],
     check=lambda: sorted(a for a in owned("Jonas Lindqvist") if growth(a) < 0) == sorted([full("Wrexford"), full("Penrose")]))
case("portfolio", "how many accounts does dana have and which are key",
     "Dana owns 9 accounts; key: Mercy-Lakeshore, Calloway State",
     all=["Mercy-Lakeshore", "Calloway State"], none=["Halloran"],
     check=lambda: sorted(a for a in owned("Dana Whitfield") if key(a)) == sorted([full("Mercy-Lakeshore"), full("Calloway")]))

case("portfolio", "list our key accouts",
     "Tier = Key (10 accounts) includes these four; the three non-key ones must not appear",
     all=["Kingsbridge University", "Halloran", "Sagebrush", "Wrexford"],
     none=["Brennan-Ochoa", "Coldwater", "Kingsbridge Community"],
     check=lambda: all(key(a) for a in ["Kingsbridge University", "Halloran", "Sagebrush", "Wrexford"]) and len(KEYS) == 10)
case("portfolio", "how many key acounts do we have?",
     "10 accounts have Tier = Key",
     numbers=[(10, 0)], check=lambda: len(KEYS) == 10)
case("portfolio", "which key accts are in the uk",
     "Key + United Kingdom: Kingsbridge UH, Ashworth-Pryce, St. Aldhelm's, Wrexford; Greyfriars is UK but not key",
     all=["Kingsbridge University", "Ashworth-Pryce", "Wrexford"], none=["Greyfriars", "Halloran"],
     check=lambda: sorted(a for a in KEYS if ACC[a]["Billing Country"] == "United Kingdom") == sorted([full("Kingsbridge University"), full("Ashworth-Pryce"), full("Aldhelm"), full("Wrexford")]))
case("portfolio", "key accounts ranked by revenue pls",
     "key accounts by 2026 revenue: Kingsbridge UH, Mercy-Lakeshore, Blue Heron Mutual on top",
     all=["Kingsbridge University", "Mercy-Lakeshore", "Blue Heron Mutual"], none=["Coldwater"],
     check=lambda: [a for a in by_rev if key(a)][:3] == by_rev[:3])
case("portfolio", "total revenue from key accounts this year",
     "sum of 2026 revenue over the 10 key accounts",
     numbers=[(sum(rev(a, Y26) for a in KEYS), MONEY)], check=lambda: True)
case("portfolio", "what's our total revenue across all accounts in 2026?",
     "sum of 2026 revenue over all 36 accounts",
     numbers=[(sum(rev(a, Y26) for a in ALL), MONEY)], check=lambda: True)
case("portfolio", "which non key accounts look like they should be key",
     "loose: the fast-growing profitable non-key accounts (Brennan-Ochoa 57%, Clinica Esperanza 46%, Oakhurst 36%)",
     any=["Brennan-Ochoa", "Clínica Esperanza", "Oakhurst"],
     check=lambda: growers_ok(["Brennan-Ochoa", "Clínica", "Oakhurst"]))
case("portfolio", "any key accounts that maybe shouldn't be key anymore?",
     "loose: weak key accounts are Wrexford (-25%), Sagebrush (loss) and Pinecrest (flat, no contact since April)",
     any=["Wrexford", "Sagebrush", "Pinecrest"],
     check=lambda: growth("Wrexford") < -20 and lossmaking("Sagebrush"))
case("portfolio", "which key accounts have no exec sponser",
     "the CSV import cannot carry sponsors, so no key account has one; these three (of the 10) must be listed",
     all=["Halloran", "Mercy-Lakeshore", "Sagebrush"], none=["Coldwater"],
     check=lambda: all(key(a) for a in ["Halloran", "Mercy-Lakeshore", "Sagebrush"]))
case("portfolio", "reviews due this week?",
     "loose: the answer is about reviews (none were recorded after an import)",
     any=["review"], check=lambda: True)
case("portfolio", "whats the revenue split between key and non-key accounts",
     "2026 revenue of key accounts (sum over the 10) must be in the answer",
     numbers=[(sum(rev(a, Y26) for a in KEYS), MONEY)], check=lambda: True)

# ----------------------------------------------------------------------------- command_word
case("command_word", "swot for kingsbridge uni hospitals",
     "SWOT of Kingsbridge University Hospitals NHS Trust, not the similarly named community clinics",
     all=["Kingsbridge University"], none=["Kingsbridge Community"], check=lambda: True)
case("command_word", "swot halloran pls", "SWOT of Halloran Medical Group", all=["Halloran"], check=lambda: True)
case("command_word", "next steps on mercy-lakeshore?", "next actions for Mercy-Lakeshore; not Mercy Valley",
     all=["Mercy-Lakeshore"], none=["Mercy Valley"], check=lambda: True)
case("command_word", "next steps for blue heron mutual", "next actions for Blue Heron Mutual; not the dental plans account",
     all=["Blue Heron Mutual"], none=["Blue Heron Dental"], check=lambda: True)
case("command_word", "account plan: ashworth pryce", "plan for Ashworth-Pryce University", all=["Ashworth-Pryce"], check=lambda: True)
case("command_word", "plan for sagebrush pls - what are our objectives there?", "plan for Sagebrush Community Health",
     all=["Sagebrush"], check=lambda: True)
case("command_word", "map the relationships at wrexford",
     "stakeholder map of Wrexford & Dale: at least one of its imported contacts",
     all=["Wrexford"], any=["Helen Marsh", "Tom Ashby", "Gareth Pugh", "Lydia Sørensen"], check=lambda: True)
case("command_word", "stakeholders at st aldhelms?",
     "stakeholder map of St. Aldhelm's: at least one of its contacts",
     all=["Aldhelm"], any=["Kearney", "Llewellyn", "Hannah Frost", "Qureshi"], check=lambda: True)
case("command_word", "swot for clinica esperanza", "SWOT of Clínica Esperanza Network (typed without accent)",
     all=["Esperanza"], check=lambda: True)
case("command_word", "next steps pinecrest", "next actions for Pinecrest Orthopaedic Partners", all=["Pinecrest"], check=lambda: True)
case("command_word", "account calloway state", "account card for Calloway State University Health", all=["Calloway State"], check=lambda: True)
case("command_word", "swot on the wrexford and dale account", "SWOT of Wrexford & Dale Insurance", all=["Wrexford"], check=lambda: True)
case("command_word", "stakeholders halloran medical",
     "stakeholder map of Halloran: at least one contact", all=["Halloran"],
     any=["Kowalski", "Aguilar", "Goldberg", "Shauna"], check=lambda: True)
case("command_word", "plan: kingsbridge university hospitals", "plan for Kingsbridge UH, not the community clinics",
     all=["Kingsbridge University"], none=["Kingsbridge Community"], check=lambda: True)
case("command_word", "next setps on tidewater? pls", "next actions for Tidewater Regional Medical Center", all=["Tidewater"], check=lambda: True)
case("command_word", "map relationships at blue heron mutual",
     "stakeholder map of Blue Heron Mutual: at least one contact", all=["Blue Heron Mutual"],
     any=["Thorne", "Janelle Brooks", "Ethan Park", "Delgado", "Whitaker"], check=lambda: True)
case("command_word", "swot for montano family health", "SWOT of Montaño Family Health (typed without the tilde)",
     all=["Family Health"], check=lambda: True)
case("command_word", "account card for mercy valley", "card of Mercy Valley Clinics, not Mercy-Lakeshore",
     all=["Mercy Valley"], none=["Mercy-Lakeshore"], check=lambda: True)
case("command_word", "stakholders oakhurst", "stakeholder map of Oakhurst University: at least one contact",
     all=["Oakhurst"], any=["Vance", "Darnell Hughes", "Emily Sato", "Kessler"], check=lambda: True)
case("command_word", "next steps on the kingsbridge trust", "next actions for Kingsbridge University Hospitals NHS Trust (the only 'Trust' named Kingsbridge)",
     all=["Kingsbridge University"], check=lambda: True)
case("command_word", "swot brennan ochoa", "SWOT of Brennan-Ochoa Pediatrics", all=["Brennan-Ochoa"], check=lambda: True)
case("command_word", "plan for halloran - objectives?", "plan of Halloran Medical Group", all=["Halloran"], check=lambda: True)

# ----------------------------------------------------------------------------- account_fact
case("account_fact", "how much did haloran pay us in 2026",
     "sum of Halloran revenue 2026-Q1..Q4", numbers=[(rev("Halloran", Y26), MONEY)], check=lambda: True)
case("account_fact", "revenue from kingsbridge uni hospitals over the last 4 quarters",
     "sum of Kingsbridge UH revenue 2026-Q1..Q4", numbers=[(rev("Kingsbridge University", Y26), MONEY)], check=lambda: True)
case("account_fact", "whats our margin on blue heron mutual?",
     "(revenue-cost)/revenue; 45.0% in every quarter", numbers=[(margin("Blue Heron Mutual"), PCT)],
     check=lambda: margin("Blue Heron Mutual", Y25) == margin("Blue Heron Mutual", Y26) == 45.0)
case("account_fact", "proft on mercy-lakeshore last 4 qtrs",
     "sum of revenue-cost 2026-Q1..Q4", numbers=[(profit("Mercy-Lakeshore", Y26), MONEY)], check=lambda: True)
case("account_fact", "halloran growth this year vs last?",
     "2026 revenue / 2025 revenue - 1 (constant 9%/quarter, so every year-over-year view agrees)",
     numbers=[(growth("Halloran"), PCT)], check=lambda: True)
case("account_fact", "how fast is brennan-ochoa growing yoy",
     "2026 vs 2025 revenue growth (constant 12%/quarter)", numbers=[(growth("Brennan-Ochoa"), PCT)], check=lambda: True)
case("account_fact", "margin at redfern imagng?",
     "(revenue-cost)/revenue = 3.0% in every quarter", numbers=[(margin("Redfern"), PCT)],
     check=lambda: margin("Redfern", Y25) == margin("Redfern", Y26))
case("account_fact", "are we making money on sagebrush?",
     "cost exceeds revenue in every quarter (margin -9%)", all=["Sagebrush"], any=LOSS,
     check=lambda: lossmaking("Sagebrush"))
case("account_fact", "what did tidewater pay us in 2025",
     "sum of Tidewater revenue 2025-Q1..Q4", numbers=[(rev("Tidewater", Y25), MONEY)], check=lambda: True)
case("account_fact", "cost to serve coldwater in 2026?",
     "sum of Coldwater cost 2026-Q1..Q4", numbers=[(cost("Coldwater", Y26), MONEY)], check=lambda: True)
case("account_fact", "revenue oakhurst university in 2025?",
     "sum of Oakhurst revenue 2025-Q1..Q4",
     numbers=[(rev("Oakhurst", Y25), MONEY)], check=lambda: True)
case("account_fact", "st aldhelms revenue this year",
     "sum of St. Aldhelm's revenue 2026-Q1..Q4", numbers=[(rev("Aldhelm", Y26), MONEY)], check=lambda: True)
case("account_fact", "margin for ashworth-pryce",
     "30.0% in every quarter", numbers=[(margin("Ashworth-Pryce"), PCT)],
     check=lambda: margin("Ashworth-Pryce", Y25) == margin("Ashworth-Pryce", Y26))
case("account_fact", "how much profit did we make on calloway state in 2026",
     "sum of revenue-cost 2026 for Calloway State University Health", numbers=[(profit("Calloway", Y26), MONEY)], check=lambda: True)
case("account_fact", "is penrose growing or shrinking?",
     "Penrose revenue 2026 vs 2025: -34%", all=["Penrose"], any=DECLINE, check=lambda: growth("Penrose") < -30)
case("account_fact", "who does raj mehta reprot to",
     "note 2025-09-03: Raj Mehta reports to Owain Price (CIO)", all=["Owain Price"], check=lambda: PEOPLE["Raj Mehta"] == PEOPLE["Owain Price"])
case("account_fact", "whos kevin tran's boss at mercy-lakeshore?",
     "note 2025-11-04: Kevin Tran reports to Paul Drummond, the CFO", all=["Paul Drummond"], check=lambda: PEOPLE["Paul Drummond"] == full("Mercy-Lakeshore"))
case("account_fact", "lucia navarro reports to who?",
     "note 2025-06-24: Lucía Navarro reports to Héctor Salinas", all=["Salinas"], check=lambda: PEOPLE["Lucía Navarro"] == PEOPLE["Héctor Salinas"])
case("account_fact", "who does tom ashby report to at wrexford",
     "note 2026-03-17: Tom Ashby reports to Helen Marsh (COO)", all=["Helen Marsh"], check=lambda: PEOPLE["Helen Marsh"] == full("Wrexford"))
case("account_fact", "ethan park at blue heron - who's his manager?",
     "note 2026-03-18: Ethan Park reports to Sam Whitaker (CIO)", all=["Sam Whitaker"], check=lambda: PEOPLE["Sam Whitaker"] == full("Blue Heron Mutual"))
case("account_fact", "is fiona byrne for or aginst us",
     "notes 2025-05-20, 2026-01-15, 2026-10-06: skeptical on price, 'clearly against us'", all=["Byrne"], any=AGAINST,
     check=lambda: PEOPLE["Fiona Byrne"] == full("Kingsbridge University"))
case("account_fact", "greg halvorsen - friend or foe?",
     "notes 2025-06-17, 2026-04-22: against sole-source renewal, pushing a re-tender", all=["Halvorsen"],
     any=AGAINST + ["re-tender", "retender"], check=lambda: True)
case("account_fact", "is amara okafor on our side",
     "notes 2025-01-28, 2026-11-12: strong supporter", all=["Okafor"], any=FOR, check=lambda: True)
case("account_fact", "how does helen marsh at wrexford feel about us",
     "notes 2025-07-22, 2026-05-14: unhappy, against renewing, piloting CareGrid", all=["Helen Marsh"],
     any=AGAINST + ["unhappy", "CareGrid"], check=lambda: True)
case("account_fact", "who's our champion at haloran",
     "notes 2025-03-05 ('our champion'), 2026-07-14, 2026-10-08: Brent Kowalski", all=["Brent Kowalski"], check=lambda: True)
case("account_fact", "who is skeptical at blue heron mutual",
     "notes 2025-09-30, 2026-08-26, 2026-11-19: Marcus Thorne (CFO) skeptical / against the support fee", all=["Marcus Thorne"], check=lambda: True)
case("account_fact", "what did we promise kingsbridge uni hospitals?",
     "note 2026-12-02: HL7 interface test plan by 11 Dec and revised three-year pricing for Fiona Byrne",
     any=["test plan", "pricing"], check=lambda: True)
case("account_fact", "what did i commit to mercy-lakeshore after the outage",
     "notes 2026-10-16 and 2026-11-12: $12,000 service credit, RCA, on-site go-live support in January",
     any=["credit", "12,000", "12000", "12k", "RCA", "root", "go-live", "on-site", "onsite"], check=lambda: True)
case("account_fact", "any open commitments to halloran?",
     "note 2026-10-08: expansion quote for 14 clinics (sent 11-24); roadmap session with Shauna Halloran 15 Jan",
     any=["quote", "expansion", "14", "roadmap", "Shauna"], check=lambda: True)
case("account_fact", "what did we agree with blue heron mutual at the renewal meeting",
     "note 2026-11-19: tiered support model from April 2027, pricing by 11 December",
     any=["tier"], check=lambda: True)
case("account_fact", "what's chnaged at wrexford since march?",
     "notes after 2026-03-01: CareGrid pilot (03-17) expanding (05-14), Helen Marsh against renewal, best and final offer",
     any=["CareGrid", "best and final", "pilot"], check=lambda: True)
case("account_fact", "anything new at halloran since oct 1",
     "notes 2026-10-08 and 2026-11-24: 14-clinic expansion, quote $410k sent, roadmap session 15 Jan",
     any=["14", "expansion", "quote", "410", "roadmap"], check=lambda: True)
case("account_fact", "what happened at mercy-lakeshore since 1 october",
     "notes 2026-10-16..12-01: outage on 14 Oct, $12,000 credit, RCA sent, Lakeshore expansion proposal",
     any=["outage", "credit", "RCA", "root", "expansion"], check=lambda: True)
case("account_fact", "who is teh cfo at pinecrest",
     "contacts.csv: Marisol Duarte, Chief Financial Officer", all=["Marisol Duarte"], check=lambda: PEOPLE["Marisol Duarte"] == full("Pinecrest"))
case("account_fact", "who's head of procurement at kingsbridge uni hospitals",
     "contacts.csv: Claire Hollis, Head of Procurement", all=["Claire Hollis"], none=["Neil Arkwright"],
     check=lambda: PEOPLE["Claire Hollis"] == full("Kingsbridge University"))
case("account_fact", "which competitor did fiona byrne bring up",
     "notes 2025-05-20, 2026-10-06: Rotaline", all=["Rotaline"], check=lambda: True)
case("account_fact", "when did we last talk to pinecrest?",
     "latest note for Pinecrest is dated 2026-04-22", dates=["2026-04-22"], check=lambda: last_note("Pinecrest") == "2026-04-22")
case("account_fact", "who owns the sagebrush account",
     "Account Owner = Grace O'Donnell", all=["Grace"], check=lambda: owner("Sagebrush") == "Grace O'Donnell")
case("account_fact", "what was halloran's ceo interested in",
     "note 2026-07-14: Shauna Halloran asked about AI-based demand forecasting", any=["forecast", "AI"], check=lambda: True)
case("account_fact", "which competitors came up at mercy lakeshore",
     "note 2025-06-17: CareGrid and Medisked", any=["CareGrid", "Medisked"], check=lambda: True)

# ----------------------------------------------------------------------------- method
case("method", "what's an econmic buyer?", "KAM vocabulary: the person who controls the budget / final sign-off",
     any=["budget", "money", "fund", "sign", "final", "spend", "pays", "purse"], check=lambda: True)
case("method", "how do we pick key acounts", "selection by weighted criteria / attractiveness scoring",
     any=["criteria", "criterion", "score", "attractiv", "weight"], check=lambda: True)
case("method", "what goes in an account plan?", "plan: relationships, customer's business, SWOT, goals, objectives, actions",
     any=["objective", "SWOT", "stakeholder", "goal", "action"], check=lambda: True)
case("method", "how often shoud i review a key account", "cadence by tier/quadrant: weekly/monthly/quarterly",
     any=["month", "quarter", "week"], check=lambda: True)
case("method", "whats the difference between a champion and a decision maker", "stakeholder roles",
     all=["champion"], any=["decision", "decide"], check=lambda: True)
case("method", "what does the strategic quadrant mean", "Strategic = attractive customer and strong position: invest",
     any=["invest", "attractiv", "strong"], check=lambda: True)
case("method", "how many key accounts is too many?", "literature: 15-35; more than 50 is too many",
     any=["35", "50"], check=lambda: True)
case("method", "what is a blocker in stakeholder mapping", "a stakeholder who opposes / blocks the deal",
     any=["block", "oppos", "against", "stop", "prevent", "resist"], check=lambda: True)
case("method", "how should we treat streamline accounts", "Streamline: serve at low cost",
     any=["cost", "efficien", "minim", "low"], check=lambda: True)
case("method", "why do we need an executive sponsor on a key account?", "sponsor: senior owner, escalation, approvals",
     any=["senior", "escalat", "executive", "approv", "leader"], check=lambda: True)
case("method", "what is cost to serve and why does it matter", "cost to serve drives profit per account",
     any=["profit", "margin"], check=lambda: True)
case("method", "how do i demote a key account", "demotion needs a written reason and an approval",
     any=["reason", "approv"], check=lambda: True)
case("method", "what's a single threaded account", "one person of ours holds every relationship",
     any=["one ", "single", "only"], check=lambda: True)
case("method", "what does share of wallet mean", "the part of the customer's spend in our category that comes to us",
     any=["spend", "share", "budget", "percent", "%", "portion", "proportion"], check=lambda: True)
case("method", "star vs status accounts - what's the diff?", "Star: attractive, weak position; Status: less attractive, strong position",
     any=["attractiv", "position", "strong", "weak"], check=lambda: True)
case("method", "what should a good swot cover", "strengths, weaknesses, opportunities, threats",
     any=["strength", "weakness", "opportunit", "threat"], check=lambda: True)

# ----------------------------------------------------------------------------- write
T = "2026-12-07"
case("write", "log that I met Fiona Byrne, CFO of Kingsbridge University Hospitals, today - still skeptical on price; send the revised pricing by Friday",
     "meeting today (2026-12-07) with Fiona Byrne; next step pricing", all=["Fiona Byrne"], any=["pricing", "price"], dates=[T], check=lambda: "Fiona Byrne" in PEOPLE)
case("write", "log: met owain price yesterday at kingsbridge uni hosp, positive about the theatre pilot. next step send HL7 test plan by 11 dec",
     "yesterday = 2026-12-06 (Sunday)", all=["Owain Price"], any=["test plan", "HL7"], dates=["2026-12-06"], check=lambda: "Owain Price" in PEOPLE)
case("write", "log that i met brent kowalski (vp ops, halloran) last tuesday - wants the expansion contract signed in jan. next: draft the contract",
     "last Tuesday from Monday 2026-12-07 = 2026-12-01", all=["Brent Kowalski"], any=["contract"], dates=["2026-12-01"], check=lambda: "Brent Kowalski" in PEOPLE)
case("write", "pls log a call with amara okafor at mercy lakeshore today, shes happy with the RCA; next step book go-live support dates",
     "today = 2026-12-07", all=["Amara Okafor"], any=["go-live", "go live", "golive"], dates=[T], check=lambda: "Amara Okafor" in PEOPLE)
case("write", "log mtg w/ marcus thorne blue heron mutual on friday - still skeptical abt support fees. send tiered pricing",
     "'on friday' said on Monday 2026-12-07 = 2026-12-04", all=["Marcus Thorne"], any=["tier"], dates=["2026-12-04"], check=lambda: "Marcus Thorne" in PEOPLE)
case("write", "log that I met Nadine Colbert, new Head of Procurement at Wrexford & Dale, today - open to a best and final offer; send BAFO by 15 dec",
     "a person not yet in contacts; today = 2026-12-07", all=["Nadine Colbert"], any=["BAFO", "best and final", "offer"], dates=[T],
     check=lambda: "Nadine Colbert" not in PEOPLE)
case("write", "met siobhan kearney (coo st aldhelms) last thursday, positive on renewal. next step: cost-per-ward breakdown",
     "last Thursday = 2026-12-03; the stored name is Siobhán Kearney", all=["Kearney"], any=["ward", "breakdown"], dates=["2026-12-03"],
     check=lambda: "Siobhán Kearney" in PEOPLE)
case("write", "log: héctor salinas at clinica esperanza today, agreed the El Paso rollout; send contract draft by friday",
     "today = 2026-12-07", all=["Salinas"], any=["contract", "draft"], dates=[T], check=lambda: "Héctor Salinas" in PEOPLE)
case("write", "log that i spoke to carla reyes cfo of sagebrush yesterday - ok with a support fee from april, next step: send the remote-support plan",
     "yesterday = 2026-12-06", all=["Carla Reyes"], any=["support plan", "remote"], dates=["2026-12-06"], check=lambda: "Carla Reyes" in PEOPLE)
case("write", "log call with kyle brandt pinecrest today - wants a moble app demo. next: demo in jan",
     "today = 2026-12-07", all=["Kyle Brandt"], any=["demo"], dates=[T], check=lambda: "Kyle Brandt" in PEOPLE)
case("write", "log that I met Helen Marsh, COO of Wrexford & Dale, last Wednesday - negative, CareGrid pilot expanding. next step exec meeting",
     "last Wednesday = 2026-12-02; Helen Marsh of Wrexford (not Linda Marsh of Coldwater)", all=["Helen Marsh"], any=["exec", "meeting"],
     none=["Linda Marsh"], dates=["2026-12-02"], check=lambda: "Helen Marsh" in PEOPLE)
case("write", "note for ashworth pryce: ingrid solberg called today, dental school proposal looks good, wants a call with their finance team next week",
     "today = 2026-12-07", all=["Ingrid Solberg"], any=["finance", "call"], dates=[T], check=lambda: "Ingrid Solberg" in PEOPLE)
case("write", "log meeting with janelle brooks at blue heron mutual on 3 dec, she'll sponsor the tiered model internally; next: send contract amendment",
     "explicit date 2026-12-03", all=["Janelle Brooks"], any=["amendment"], dates=["2026-12-03"], check=lambda: "Janelle Brooks" in PEOPLE)
case("write", "log that I met Marisol Duarte, CFO of Pinecrest, today - neutral on renewal; send support hours report by Friday",
     "today = 2026-12-07", all=["Marisol Duarte"], any=["support hours", "report"], dates=[T], check=lambda: "Marisol Duarte" in PEOPLE)
case("write", "log: met greg halvorsen (procurement, mercy-lakeshore) last friday. re-tender officially cancelled!! next: renewal paperwork",
     "last Friday = 2026-12-04", all=["Greg Halvorsen"], any=["renewal", "paperwork"], dates=["2026-12-04"], check=lambda: "Greg Halvorsen" in PEOPLE)
case("write", "met victor aguilar halloran it director today. SSO done by end of jan. i'll send the SSO project plan tmrw",
     "today = 2026-12-07 (the next step is due tomorrow)", all=["Victor Aguilar"], any=["SSO", "project plan"], dates=[T], check=lambda: "Victor Aguilar" in PEOPLE)
case("write", "log that i met Dr. Alan Pierce, new CMO at Tidewater Regional, yesterday - interested in physician scheduling; send him a case study",
     "new person; yesterday = 2026-12-06", all=["Alan Pierce"], any=["case study"], dates=["2026-12-06"], check=lambda: "Alan Pierce" not in PEOPLE)
case("write", "mark fiona byrne at kingsbridge university hospitals as a blocker",
     "a stakeholder role change; the confirmation names the person and the role", all=["Fiona Byrne"], any=["blocker"],
     check=lambda: "Fiona Byrne" in PEOPLE)
case("write", "set greg halvorsen's attitude to neutral, the re-tender is off",
     "attitude change for Greg Halvorsen (Mercy-Lakeshore)", all=["Greg Halvorsen"], any=["neutral"], check=lambda: True)
case("write", "make grace the owner of brennan-ochoa pediatrics",
     "owner change to Grace O'Donnell (currently Tomás Ferreira); the confirmation names the account and Grace",
     all=["Brennan-Ochoa", "Grace"], check=lambda: owner("Brennan-Ochoa") == "Tomás Ferreira")
case("write", "add Nadine Colbert as head of procurement at wrexford & dale",
     "new stakeholder", all=["Nadine Colbert"], any=["procurement"], check=lambda: True)
case("write", "brent kowalski is a champion at halloran, influnce 5 - pls update",
     "stakeholder update: role champion, influence 5", all=["Brent Kowalski"], any=["champion"], check=lambda: True)
case("write", "log that I met Maria Lopez, Director of Nursing Workforce at Mercy-Lakeshore, today - wants float pool for the new units; send proposal by friday",
     "today = 2026-12-07; Maria Lopez (Mercy-Lakeshore), not Maria Sandoval (Sagebrush)", all=["Maria Lopez"], none=["Sandoval"],
     any=["proposal", "float"], dates=[T], check=lambda: "Maria Lopez" in PEOPLE and "Maria Sandoval" in PEOPLE)
case("write", "log that i met fiona walsh, ceo of greyfriars, on 30 nov - more licence cuts coming in Q1. next step: retention offer",
     "explicit date 2026-11-30; Fiona Walsh (Greyfriars), not Fiona Byrne", all=["Fiona Walsh"], none=["Byrne"],
     any=["retention", "offer"], dates=["2026-11-30"], check=lambda: "Fiona Walsh" in PEOPLE)
case("write", "log quick call w/ david ross at strathmore today; procurement framework renewal in march; next: send framework docs",
     "today = 2026-12-07; David Ross (Strathmore), not David Llewellyn", all=["David Ross"], none=["Llewellyn"],
     any=["framework"], dates=[T], check=lambda: "David Ross" in PEOPLE)
case("write", "nominate brennan-ochoa pediatrics as a key account - growing 57% and 6 more practices next yr",
     "tier nomination; the confirmation names the account", all=["Brennan-Ochoa"], any=["nominat", "key"], check=lambda: not key("Brennan-Ochoa"))


def write():
    counts = collections.Counter()
    with open(os.path.join(HERE, "cases.jsonl"), "w", encoding="utf-8") as f:
        for i, c in enumerate(CASES, 1):
            c["id"] = f"B{i:03d}"
            out = {k: v for k, v in c.items() if k != "_check"}
            f.write(json.dumps(out, ensure_ascii=False) + "\n")
            counts[c["class"]] += 1
    return counts


def verify():
    """Every case parses, each check holds, every account/person named in all/none exists."""
    names_lower = [a.lower() for a in ACC] + [p.lower() for p in PEOPLE] + [o.lower() for o in {ACC[a]["Account Owner"] for a in ACC}]
    new_people = {"nadine colbert", "alan pierce"}
    problems = []
    with open(os.path.join(HERE, "cases.jsonl"), encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    assert len(rows) == len(CASES)
    for c, r in zip(CASES, rows):
        assert set(r) == {"id", "class", "text", "thread", "expect", "note"}, r["id"]
        assert r["class"] in {"portfolio", "command_word", "account_fact", "method", "write"}
        if c["_check"] is not None and not c["_check"]():
            problems.append(f'{r["id"]}: check failed')
        for k in ("all", "none"):
            for s in r["expect"].get(k, []):
                if r["class"] == "method" or s in ("Rotaline",):
                    continue
                if s.lower() in new_people:
                    continue
                if not any(s.lower() in n for n in names_lower):
                    problems.append(f'{r["id"]}: {k} "{s}" names no account/person/owner')
        for n in r["expect"].get("numbers", []):
            assert isinstance(n["value"], (int, float)) and 0 <= n["tolerance"] <= 0.02
    ids = [r["id"] for r in rows]
    assert len(set(ids)) == len(ids)
    return problems


if __name__ == "__main__":
    counts = write()
    probs = verify()
    print(dict(counts), "total", sum(counts.values()))
    print("problems:", probs or "none")
