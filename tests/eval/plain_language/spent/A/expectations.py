#!/usr/bin/env python3
"""Writes cases.jsonl for blind set A, computing every expectation from the CSVs next to this
script (run generate.py first), then checks the result (python3 expectations.py --check only checks).

Definitions (the most ordinary ones):
  growth      = revenue of the last 4 quarters (2026-Q1..Q4) vs the 4 before (2025-Q1..Q4), in percent
  margin      = (revenue - cost) / revenue, in percent
  profit      = revenue - cost
  recent      = a note in the last 90 days before today (2026-12-07), i.e. on/after 2026-09-08
Lists only name accounts every reasonable definition agrees on (e.g. top by percent AND by absolute
change) and only put clearly wrong accounts in `none`.
"""
import csv
import json
import os
import re
import sys
from datetime import date, timedelta

HERE = os.path.dirname(os.path.abspath(__file__))
TODAY = date(2026, 12, 7)


def read(name):
    with open(os.path.join(HERE, name), encoding="utf-8") as f:
        return list(csv.DictReader(f))


ACC = read("accounts.csv")
CON = read("contacts.csv")
NOTES = read("notes.csv")
FIN = read("financials.csv")

NAMES = [a["Account Name"] for a in ACC]
KEY = [a["Account Name"] for a in ACC if a["Tier"] == "Key"]
NONKEY = [n for n in NAMES if n not in KEY]
OWNER = {a["Account Name"]: a["Account Owner"] for a in ACC}
PEOPLE = {f'{c["First Name"]} {c["Last Name"]}': c["Account Name"] for c in CON}
Y25 = [f"2025-Q{q}" for q in range(1, 5)]
Y26 = [f"2026-Q{q}" for q in range(1, 5)]
FINX = {(r["Account"], r["Period"]): (float(r["Revenue"]), float(r["Cost"])) for r in FIN}

SUFFIXES = [" Sp. z o.o.", " S.L.", " S.A.", " s.r.o.", " Inc.", " Corp.", " Ltd.", " Ltd", " LLC",
            " GmbH", " KG", " AS", " SA", " NV", " AB", " Lda", " SARL", " BV", " Co.", " Oy", " AG"]


def short(name):
    """The core of an account name, as any answer will print it."""
    s = name.split(" & ")[0]
    for suf in SUFFIXES:
        if s.endswith(suf):
            s = s[: -len(suf)]
            break
    return s


def acct(fragment):
    hits = [n for n in NAMES if fragment.lower() in n.lower()]
    assert len(hits) == 1, (fragment, hits)
    return hits[0]


def rev(a, periods):
    return sum(FINX[(a, p)][0] for p in periods)


def cost(a, periods):
    return sum(FINX[(a, p)][1] for p in periods)


def profit(a, periods):
    return rev(a, periods) - cost(a, periods)


def margin(a, periods):
    return 100.0 * profit(a, periods) / rev(a, periods)


def growth(a):
    return 100.0 * (rev(a, Y26) / rev(a, Y25) - 1)


def growth_abs(a):
    return rev(a, Y26) - rev(a, Y25)


def last_note(a):
    return max(n["Date"] for n in NOTES if n["Account"] == a)


def top(cands, keyfuncs, k, reverse=True):
    """Accounts in the top k under every key function (definition-robust)."""
    sets = [set(sorted(cands, key=f, reverse=reverse)[:k]) for f in keyfuncs]
    inter = set.intersection(*sets)
    # order by the first key function
    return sorted(inter, key=keyfuncs[0], reverse=reverse)


def S(names):
    return [short(n) for n in names]


CASES = []


def case(cls, text, expect, note, thread=None):
    CASES.append({"id": f"A{len(CASES) + 1:03d}", "class": cls, "text": text, "thread": thread or [],
                  "expect": expect, "note": note})


def num(v, tol=0.02):
    return {"value": round(v, 1) if abs(v) < 1000 else round(v), "tolerance": tol}


# ------------------------------------------------------------------ derived sets
LAST4 = Y26
growers = [a for a in NAMES if growth(a) >= 30]
decliners = [a for a in NAMES if growth(a) <= -25]
strong_grow = top(growers, [growth, growth_abs], 5)  # every >=30% grower is top-5 under both
top_grow3 = top(growers, [growth, growth_abs], 3)  # top-3 under both % and absolute change
strong_decl = top(decliners, [growth, growth_abs], 3, reverse=False)
loss = [a for a in NAMES if profit(a, Y25) < 0 and profit(a, Y26) < 0]
lowm = [a for a in NAMES if 0 < margin(a, Y25) < 5 and 0 < margin(a, Y26) < 5]
highm = sorted(NAMES, key=lambda a: margin(a, Y26 + Y25), reverse=True)[:1]
# profit leaders: top-3 profit in 2026, in 2025+2026 and in the last 2 quarters
profit_lead = top(NAMES, [lambda a: profit(a, Y26), lambda a: profit(a, Y25 + Y26),
                          lambda a: profit(a, Y26[2:])], 3)
rev_lead = top(NAMES, [lambda a: rev(a, Y26), lambda a: rev(a, Y25 + Y26), lambda a: rev(a, Y26[3:])], 4)
recent_cut = (TODAY - timedelta(days=90)).isoformat()
cold_key = [a for a in KEY if last_note(a) < "2026-07-01"]
warm_key = [a for a in KEY if last_note(a) >= "2026-11-20"]
warm_any = [a for a in NAMES if last_note(a) >= "2026-11-25"]
assert len(loss) == 3 and len(lowm) == 3 and len(cold_key) == 2, (loss, lowm, cold_key)
assert all(last_note(a) < recent_cut for a in cold_key)
assert all(not (recent_cut <= last_note(a) < "2026-11-10") for a in KEY)  # no borderline key account

# ------------------------------------------------------------------ portfolio
g_key = [a for a in strong_grow if a in KEY]
g_non = top([a for a in growers if a in NONKEY], [growth, growth_abs], 2)
d_key = [a for a in strong_decl if a in KEY] or top([a for a in decliners if a in KEY], [growth, growth_abs], 2, False)
d_key = top([a for a in decliners if a in KEY], [growth, growth_abs], 2, False)
d_non = top([a for a in decliners if a in NONKEY], [growth, growth_abs], 3, False)
assert len(g_non) == 2 and len(d_key) == 2 and len(d_non) >= 1, (g_non, d_key, d_non)

case("portfolio", "which accounts are growing the fastest?",
     {"all": S(top_grow3), "none": S(strong_decl[:2])},
     "top-3 growers under both % and absolute change, 2026 vs 2025 revenue; none = the steepest decliners")
case("portfolio", "whos growing the most this yr vs last yr",
     {"all": S(top_grow3), "none": S(strong_decl[:2])},
     "top-3 growers under both % and absolute change (last 4Q vs 4 before); none = steepest decliners")
case("portfolio", "wich acounts are growin fastest? top 5 pls",
     {"all": S(strong_grow), "none": S(strong_decl[:1] + loss[:1])},
     "all >=30% growers (each is top-5 by % and by abs change); none = a steep decliner and a flat loss-maker")
case("portfolio", "which non-key accounts are growing?",
     {"all": S(g_non), "none": S(g_key + strong_decl[:1])},
     "non-key accounts with >=30% growth; none = key growers (filtered out) and a steep decliner")
case("portfolio", "any regular (non key) accounts taking off? growth wise",
     {"all": S(g_non), "none": S(g_key)},
     "non-key growers >=30% by % and abs; key growers must be filtered out")
case("portfolio", "which accounts are declining",
     {"all": S(strong_decl[:3]), "none": S(strong_grow[:2])},
     "steepest decliners by both % and absolute revenue drop, 2026 vs 2025; none = top growers")
case("portfolio", "which customers are shrinking the most?",
     {"all": S(strong_decl[:2]), "none": S(strong_grow[:2])},
     "top 2 decliners by % and absolute drop; none = top growers")
case("portfolio", "declinig non-key accounts?",
     {"all": S(d_non), "none": S(d_key + strong_grow[:1])},
     "non-key accounts with <=-25% growth that are top-3 under both % and abs drop; none = key decliners and a top grower")
case("portfolio", "key accounts losing revenue yoy?",
     {"all": S(d_key), "none": S(d_non[:1] + g_key[:1])},
     "key accounts with 2026 revenue <=-25% vs 2025; none = a non-key decliner and a key grower")
case("portfolio", "and only the non-key ones?",
     {"all": S(d_non), "none": S(d_key)},
     "follow-up: non-key decliners; key decliners must be filtered out",
     thread=["which accounts are declining?"])
case("portfolio", "which accounts are we loosing money on?",
     {"all": S(loss), "any": ["loss", "negative", "losing"], "none": S(highm + profit_lead[:1])},
     "accounts with cost > revenue in both 2025 and 2026; none = best margin and top profit account")
case("portfolio", "loss making accounts pls",
     {"all": S(loss), "none": S(highm)},
     "revenue - cost < 0 in every year; none = highest-margin account")
case("portfolio", "any customers where cost to serve is higher than what they pay us?",
     {"all": S(loss), "none": S(highm + profit_lead[:1])},
     "cost > revenue (2025, 2026 and overall); none = high-margin / top-profit accounts")
case("portfolio", "which accts have the worst margins",
     {"all": S(loss), "none": S(highm)},
     "lowest margin = the three negative-margin accounts under any window; none = best margin")
case("portfolio", "which accounts are low margin but still profitable?",
     {"all": S(lowm), "none": S(highm + profit_lead[:1])},
     "margin between 0 and 5% in both years; none = best-margin and top-profit accounts")
case("portfolio", "thin margins - which customers are under 5% margin?",
     {"all": S(lowm), "none": S(highm)},
     "the three accounts with 0-5% margin in every year (loss-makers may also be listed); none = best margin")
case("portfolio", "which accounts cost us the most to serve compared to what they pay",
     {"all": S(loss), "none": S(highm)},
     "cost/revenue ratio > 1 only for the loss-makers; none = lowest cost/revenue ratio")
case("portfolio", "where is our cost to serve out of line? outliers pls",
     {"any": S(loss), "none": S(highm)},
     "cost/revenue outliers are the loss-makers (ratio > 1 vs ~0.8 typical); loose: any of them")
case("portfolio", "which accounts bring in the most profit in euros?",
     {"all": S(profit_lead[:2]), "none": S(loss)},
     "top profit (revenue - cost) in 2026, 2025+2026 and last 2Q all agree; none = loss-makers")
case("portfolio", "biggest profit contributers this year",
     {"all": S(profit_lead[:2]), "none": S(loss)},
     "top 2 by 2026 profit (also top under other windows); none = loss-makers")
case("portfolio", "top 5 accounts by revenue",
     {"all": S(rev_lead[:3]), "none": S(loss[:2])},
     "top revenue under 2026, 2025+2026 and last-quarter windows; none = small loss-makers")
case("portfolio", "which accounts make 80% of our profit, and are they key?",
     {"all": S(profit_lead[:2]), "none": S(loss)},
     "the largest profit contributors must be in any 80/20 list; loss-makers never are")
case("portfolio", "key acounts list pls",
     {"all": S(KEY[:4]), "none": S([acct("Höfler Logistik"), acct("Nordvik Frozen"), acct("Zürcher")])},
     "Tier=Key in accounts.csv; none = non-key accounts with names similar to key ones")
case("portfolio", "what are our key accounts?",
     {"all": S(KEY[4:8]), "none": S([acct("Dunmore"), acct("Ridgeway")])},
     "Tier=Key; none = non-key accounts")
case("portfolio", "show me all key accts",
     {"all": S(KEY), "none": S([acct("Höfler Logistik"), acct("Nordvik Frozen")])},
     "all 10 Tier=Key accounts; none = the similarly named non-key accounts")
case("portfolio", "how many key accounts do we have",
     {"numbers": [{"value": len(KEY), "tolerance": 0}]},
     "count of Tier=Key rows")


def owned(o):
    return [a for a in NAMES if OWNER[a] == o]


for text, owner in [("which accounts does jana own", "Jana Kowalczyk"),
                    ("toms acounts?", "Tom Brennan"),
                    ("accounts owned by emilie gagnon", "Émilie Gagnon"),
                    ("whats on marco's plate - which accounts has he got", "Marco Ruiz-Oliveira")]:
    mine = owned(owner)
    others = [a for a in NAMES if OWNER[a] != owner]
    case("portfolio", text, {"all": S(mine[:4]), "none": S(others[:3])},
         f"Account Owner = {owner}; none = first accounts of other owners")
sofie_key = [a for a in KEY if OWNER[a] == "Sofie Vandenberghe"]
case("portfolio", "sofie's key accounts?",
     {"all": S(sofie_key), "none": S([a for a in owned("Sofie Vandenberghe") if a not in KEY][:2] + [acct("Cascade")])},
     "Owner Sofie Vandenberghe and Tier=Key; none = her non-key accounts and another owner's key account")
case("portfolio", "which of emilie's accounts are declining?",
     {"all": S([a for a in owned("Émilie Gagnon") if growth(a) <= -25]),
      "none": S([a for a in owned("Émilie Gagnon") if growth(a) >= 30])},
     "Émilie Gagnon's accounts with <=-25% growth; none = her strong grower")
case("portfolio", "uk accounts that are shrinking?",
     {"all": S([a for a in NAMES if a in decliners and next(x for x in ACC if x["Account Name"] == a)["Billing Country"] == "United Kingdom"]),
      "none": S([acct("Dunmore")] + [a for a in decliners if next(x for x in ACC if x["Account Name"] == a)["Billing Country"] != "United Kingdom"][:1])},
     "Billing Country United Kingdom and growth <=-25%; none = an Irish grower and a non-UK decliner")
us_ca = [a for a in NAMES if next(x for x in ACC if x["Account Name"] == a)["Billing Country"] in ("United States", "Canada")]
case("portfolio", "any growing accounts in north america?",
     {"all": S([a for a in us_ca if growth(a) >= 30]), "none": S([a for a in us_ca if growth(a) <= -25])},
     "US/Canada accounts with >=30% growth; none = US decliner")
case("portfolio", "which accounts dropped more than 25% in revenue",
     {"all": S([a for a in NAMES if growth(a) <= -28][:3]), "none": S(strong_grow[:2])},
     "growth <=-28% (clear of the 25% line); none = top growers")
case("portfolio", "who grew more than 30% yoy",
     {"all": S([a for a in NAMES if growth(a) >= 35]), "none": S(strong_decl[:2])},
     "growth >=35% (clear of the line); none = steep decliners")
case("portfolio", "which of those are key accounts?",
     {"all": S([a for a in loss if a in KEY]), "none": S([a for a in loss if a not in KEY])},
     "follow-up: loss-makers with Tier=Key; the non-key loss-makers must be filtered out",
     thread=["which accounts are we losing money on?"])
margin_drop = top(KEY, [lambda a: margin(a, Y26) - margin(a, Y25)], 2, reverse=False)
margin_up = [a for a in KEY if margin(a, Y26) - margin(a, Y25) > 1]
case("portfolio", "key accounts where our margin is getting worse?",
     {"all": S(margin_drop), "none": S(margin_up)},
     "largest drop of margin 2026 vs 2025 among key accounts; none = key accounts whose margin improved >1pt")
big_non = top(NONKEY, [lambda a: rev(a, Y26), lambda a: rev(a, Y25 + Y26)], 3)
case("portfolio", "which non-key accounts pay us the most? might be candidates",
     {"all": S(big_non[:2]), "none": S(KEY[:2])},
     "non-key top revenue under 2026 and 2025+2026 windows; none = key accounts")
case("portfolio", "which key accounts haven't we talked to in 3 months?",
     {"all": S(cold_key), "none": S(warm_key[:3])},
     "key accounts whose last note is before 2026-09-08 (both before 2026-06); none = key accounts with notes since 2026-11-20")
case("portfolio", "any key accts gone quiet? no contact lately",
     {"all": S(cold_key), "none": S(warm_key[:2])},
     "key accounts with no note in the last 90 days; none = key accounts with notes in the last 3 weeks")
case("portfolio", "accounts with no recent contact?",
     {"any": S(cold_key), "none": S(warm_any[:2])},
     "cold key accounts should show (loose: any, many non-key are cold too); none = accounts with a note since 2026-11-25")
case("portfolio", "which key accounts have no executive sponsor?",
     {"all": S(KEY)},
     "the export cannot carry sponsors (contract: set only via /kam team), so every key account has none")
case("portfolio", "key accounts without a slack channel",
     {"all": S(KEY[:4])},
     "channels cannot be imported, so no key account has one; loose: 4 of them")
case("portfolio", "which accounts dont have an account plan yet",
     {"all": S(KEY[:3])},
     "plans cannot be imported; every key account lacks one; loose: 3 of them")
case("portfolio", "reviews due this week?",
     {"any": ["review"]},
     "cadence state depends on the product; only the topic is certain")
case("portfolio", "which account reviews are overdue",
     {"any": ["review", "overdue"]},
     "cadence state depends on the product; only the topic is certain")
cold_people = [p for p, a in PEOPLE.items() if a in cold_key]
case("portfolio", "cold key people? who havent we spoken to in ages",
     {"any": cold_people, "none": ["Marcus Greene"]},
     "people at key accounts with no note since 2026-05 (Ostrander, Iberfrut); Marcus Greene was in a note on 2026-12-03")
case("portfolio", "which accounts moved quadrant recently?",
     {"any": ["quadrant", "Strategic", "Star", "Status", "Streamline", "moved", "history", "change"]},
     "quadrant history starts at import; only the topic is certain")
case("portfolio", "total revenue across all accounts last year",
     {"numbers": [num(sum(rev(a, Y25) for a in NAMES))]},
     "sum of Revenue over all accounts, 2025-Q1..Q4")
case("portfolio", "how much profit did the whole portfolio make in 2026",
     {"numbers": [num(sum(profit(a, Y26) for a in NAMES))]},
     "sum of Revenue - Cost over all accounts, 2026-Q1..Q4")
case("portfolio", "what share of our 2026 revenue comes from key accounts?",
     {"numbers": [num(100 * sum(rev(a, Y26) for a in KEY) / sum(rev(a, Y26) for a in NAMES))]},
     "key accounts' 2026 revenue / all accounts' 2026 revenue, percent")
case("portfolio", "are any of the key accounts loss making?",
     {"all": S([a for a in loss if a in KEY]), "none": S([a for a in loss if a not in KEY])},
     "key accounts with negative profit in both years; non-key loss-makers must be filtered out")
case("portfolio", "which non key accounts have the best margins",
     {"all": S(highm), "none": S(loss + KEY[:1])},
     "non-key account with the highest margin in every window (42%, next is 27%); none = loss-makers and a key account")
case("portfolio", "jana's accounts that lose money?",
     {"all": S([a for a in loss if OWNER[a] == "Jana Kowalczyk"]),
      "none": S([a for a in loss if OWNER[a] != "Jana Kowalczyk"])},
     "owner Jana Kowalczyk and negative profit; none = other owners' loss-makers")

# ------------------------------------------------------------------ command words
BH, NS, CR, KW = acct("Brauerei"), acct("Sjømat"), acct("Château"), acct("Kessler")
GL, OS, PD, VK = acct("Great Lakes"), acct("Ostrander"), acct("Pennine"), acct("Vlaamse")
IB, CA, HL, NF = acct("Iberfrut"), acct("Cascade"), acct("Höfler Logistik"), acct("Nordvik Frozen")
DU, RI, ZU, QV = acct("Dunmore"), acct("Ridgeway"), acct("Zürcher"), acct("Quinta")
SWOT = ["strength", "weakness", "opportunit", "threat", "swot"]
NEXT = ["next", "action", "step", "follow"]
PLAN = ["plan", "objective", "goal"]


def people_at(a):
    return [p for p, x in PEOPLE.items() if x == a]


cw = [
    ("swot for brauerei höfler", BH, SWOT, [HL]),
    ("swot for nordvik sjomat pls", NS, SWOT, [NF]),
    ("next steps on great lakes?", GL, NEXT, []),
    ("next steps for pennine", PD, NEXT, []),
    ("account plan: château roussel", CR, PLAN, []),
    ("plan for kessler wirth pls - what are our objectives there?", KW, PLAN, []),
    ("map the relationships at vlaamse koekjesfabriek", VK, None, []),
    ("stakeholders at cascade", CA, None, []),
    ("who are the stakeholders at iberfrut", IB, None, []),
    ("swot ostrander", OS, SWOT, []),
    ("next steps on höfler logistik", HL, NEXT, ["Brauerei"]),
    ("swot for dunmore cider", DU, SWOT, []),
    ("account card for zurcher pls", ZU, None, []),
    ("plan for great lakes?", GL, PLAN, []),
    ("stakeholders for pennine dairies pls", PD, None, []),
    ("next steps on kesler-wirth?", KW, NEXT, []),
    ("map the relationships at chateau roussel", CR, None, []),
    ("swot for vlaamse koekjes", VK, SWOT, []),
    ("account plan for iberfrut", IB, PLAN, []),
    ("next steps with ridgeway?", RI, NEXT, []),
    ("show me the account card for quinta do vale", QV, None, []),
    ("score for brauerei hofler", BH, ["score"], [HL]),
]
for text, a, anyw, none in cw:
    exp = {"all": [short(a)]}
    if anyw is None and ("stakeholder" in text or "relationship" in text):
        exp["any"] = people_at(a)
        note = f"{a}: account resolved; a map must name at least one of its contacts"
    elif anyw is None:
        note = f"{a}: account card must name the account"
    else:
        exp["any"] = anyw
        note = f"{a}: account resolved; answer on topic"
    if none:
        exp["none"] = [short(n) if n in NAMES else n for n in none]
        note += "; the similarly named account must not be picked"
    case("command_word", text, exp, note)

# ------------------------------------------------------------------ account facts
case("account_fact", "revenue at brauerei höfler over the last 4 quarters?",
     {"all": [short(BH)], "numbers": [num(rev(BH, Y26))]}, "sum Revenue 2026-Q1..Q4")
case("account_fact", "how much did cascade pay us in 2025",
     {"numbers": [num(rev(CA, Y25))]}, "sum Revenue 2025-Q1..Q4")
case("account_fact", "great lakes reveune last 2 quarters",
     {"numbers": [num(rev(GL, Y26[2:]))]}, "sum Revenue 2026-Q3 + 2026-Q4")
case("account_fact", "proft on nordvik sjømat this year?",
     {"numbers": [num(profit(NS, Y26))]}, "sum Revenue - Cost 2026-Q1..Q4")
case("account_fact", "whats our margin at kessler-wirth over the last 4 quarters",
     {"numbers": [num(margin(KW, Y26), 0.02)]}, "(rev-cost)/rev over 2026-Q1..Q4, percent")
case("account_fact", "margin on iberfrut in 2025?",
     {"numbers": [num(margin(IB, Y25), 0.02)]}, "(rev-cost)/rev over 2025-Q1..Q4, percent")
case("account_fact", "how fast is great lakes growing",
     {"numbers": [num(growth(GL), 0.02)]}, "revenue 2026 vs 2025 (last 4Q vs 4 before), percent")
case("account_fact", "growth of brauerei höfler yoy?",
     {"numbers": [num(growth(BH), 0.02)]}, "revenue 2026-Q1..Q4 vs 2025-Q1..Q4, percent")
case("account_fact", "höfler logistik growth, last 4 quarters vs the 4 before",
     {"numbers": [num(growth(HL), 0.02)], "none": ["Brauerei"]},
     "revenue 2026 vs 2025 for Höfler Logistik (not the brewery), percent")
case("account_fact", "are we making money on vlaamse koekjesfabriek?",
     {"any": ["loss", "losing", "negative", "not profitable", "unprofitable"]},
     f"profit 2025={profit(VK, Y25):.0f}, 2026={profit(VK, Y26):.0f}: negative; sign words only")
case("account_fact", "what did backerei sonnleitner cost us to serve last year",
     {"numbers": [num(cost(acct("Sonnleitner"), Y25))]}, "sum Cost 2025-Q1..Q4")
case("account_fact", "pennine dairies revenue 2026 vs 2025?",
     {"numbers": [num(rev(PD, Y26)), num(rev(PD, Y25))]}, "sum Revenue 2026 and 2025")
case("account_fact", "q3 2026 revenue for cascade",
     {"numbers": [num(rev(CA, ["2026-Q3"]))]}, "Revenue 2026-Q3")
case("account_fact", "profit at dunmore cider last 4 quarters",
     {"numbers": [num(profit(DU, Y26))]}, "sum Revenue - Cost 2026-Q1..Q4")
case("account_fact", "how big is kessler-wirth as a company? their own revenue i mean",
     {"numbers": [num(float(next(x for x in ACC if x["Account Name"] == KW)["Annual Revenue"]))]},
     "Annual Revenue column (the customer's own size), not what it pays us")
case("account_fact", "who does lukas report to at höfler?",
     {"all": ["Sabine Höfler-Kranz"]}, "note 2026-11-05: Lukas Brandl reports to Sabine Höfler-Kranz (COO)")
case("account_fact", "camille lefevre at chateau roussel - who's her boss?",
     {"all": ["Mireille Durand"]}, "note 2026-04-15: Camille Lefèvre reports to Mireille Durand (CFO)")
case("account_fact", "who does jorge castillo reprot to",
     {"all": ["Dana Whitfield"]}, "note 2026-10-20: Jorge Castillo reports to Dana Whitfield")
case("account_fact", "koen de smet reports to?",
     {"all": ["Bart Peeters"]}, "note 2026-03-18: Koen De Smet reports to Bart Peeters (CEO)")
NEG = ["against", "skeptic", "sceptic", "negative", "unhappy", "upset", "hostile", "critical", "detractor", "oppos"]
POS = ["positive", "support", "champion", "favour", "favor", "happy", "advocate", "ally"]
case("account_fact", "is erik at nordvik sjømat for or against us",
     {"all": ["Erik Haugland"], "any": NEG + ["cautious"], "none": ["Erik Lindberg"]},
     "notes 2026-08-19/09-10/11-30: Erik Haugland against renewal, still cautious; Erik Lindberg is at Nordvik Frozen")
case("account_fact", "is anna weber on our side?",
     {"all": ["Anna Weber"], "any": POS},
     "notes 2025-11-12, 2026-10-08, 2026-11-26: Anna Weber supportive / very positive")
case("account_fact", "what dose dieter oberhauser think of us",
     {"all": ["Dieter Oberhauser"], "any": NEG},
     "note 2026-10-08: Dieter Oberhauser (CFO) skeptical about lease rate and service contract")
case("account_fact", "marcus greene at great lakes - supporter or not?",
     {"all": ["Marcus Greene"], "any": POS},
     "notes 2025-09-23, 2026-12-03: Marcus Greene is our champion")
case("account_fact", "linda park - is she against the service renewal?",
     {"all": ["Linda Park"], "any": NEG},
     "note 2026-11-04: Linda Park (CFO) skeptical about service contract renewal")
case("account_fact", "fiona mcleod at pennine: friend or foe?",
     {"all": ["Fiona McLeod"], "any": NEG + ["Mondi"]},
     "note 2026-09-15: Fiona McLeod against us staying sole supplier, pushes Mondi")
case("account_fact", "how does rajesh patel feel about us",
     {"all": ["Rajesh Patel"], "any": POS},
     "note 2026-10-27: Rajesh Patel very positive, will support us")
case("account_fact", "els van damme - is she blocking the price increase?",
     {"all": ["Els Van Damme"], "any": NEG + ["block"]},
     "notes 2026-10-13, 2026-11-17: Els Van Damme hostile to price increases, still against")
case("account_fact", "what did we promiss nordvik sjømat?",
     {"any": ["CO2", "footprint"]},
     "note 2026-11-09: promised CO2 footprint data per box type by end of December")
case("account_fact", "what have we promised brauerei höfler",
     {"any": ["index"], "dates": ["2026-12-18"]},
     "note 2026-11-26: promised the price index proposal by Friday 18 Dec")
case("account_fact", "what did i commit to at great lakes?",
     {"any": ["service contract", "renewal offer", "renewal"], "dates": ["2026-12-15"]},
     "note 2026-12-03: promised service contract renewal offer (3 years, 14 machines) by 15 Dec")
case("account_fact", "any promises outstanding for château-roussel",
     {"any": ["rebate", "4%"]},
     "note 2026-11-18: promised a 4% rebate on 2027 trays above 2 million units")
case("account_fact", "what did we promise pennine dairies?",
     {"any": ["audit", "film usage"]},
     "note 2026-11-12: promised a free audit of film usage on the Leeds line in January")
case("account_fact", "did we promise vlaamse koekjesfabriek anything on pricing",
     {"any": ["hold prices", "hold", "31 March", "March 2027", "2027-03-31"]},
     "note 2026-10-13: promised Els to hold prices until 31 March 2027")
case("account_fact", "what's changed at nordvik sjømat since october?",
     {"any": ["wax-free", "trial", "CO2", "footprint", "Marte Lie"]},
     "notes after 2026-10-01 (all hand-written): wax-free box trial, CO2 footprint request, trial going well")
case("account_fact", "whats new at pennine since sept 1",
     {"any": ["Skipton", "Mondi", "tender", "uptime", "audit"]},
     "notes after 2026-09-01: Skipton closure confirmed, Mondi/tender, 99.2% uptime, film usage audit")
case("account_fact", "anything changed at brauerei höfler since 1 nov?",
     {"any": ["index", "Sabine", "renewal", "2027"]},
     "notes since 2026-11-01: reporting line of Lukas Brandl, 2027 contract/index request")
case("account_fact", "when did we last talk to ostrander?",
     {"dates": [last_note(OS)]}, "latest note date for Ostrander Cold Chain Logistics")
case("account_fact", "who's the cfo at château-roussel",
     {"all": ["Mireille Durand"]}, "contacts.csv title 'Directrice financière (CFO)'")
case("account_fact", "who is the IT director at great lakes",
     {"all": ["Sarah Mitchell"], "none": ["Sarah Olsen"]},
     "contacts.csv title IT Director at Great Lakes; Sarah Olsen is at Nordvik Sjømat")
case("account_fact", "which competitor is pennine looking at",
     {"any": ["Mondi"]}, "note 2026-09-15: Fiona McLeod pushes Mondi's pricing")
case("account_fact", "the box collapse at nordvik sjømat - what did it cost us?",
     {"numbers": [{"value": 18400, "tolerance": 0.01}]}, "note 2026-08-19: credit note of EUR 18,400")
case("account_fact", "and the margin there over the same period?",
     {"numbers": [num(margin(BH, Y26), 0.02)]},
     "follow-up on Brauerei Höfler, last 4 quarters: (rev-cost)/rev 2026, percent",
     thread=["revenue at brauerei höfler over the last 4 quarters?"])

# ------------------------------------------------------------------ method
M = [
    ("whats an economic byer", ["budget", "sign", "final", "money", "approv", "fund"]),
    ("whats the difference between an econ buyer and a technical buyer?", ["budget", "spec", "technical", "sign", "money"]),
    ("how do we pick which accounts should be key?", ["criteria", "attractiv", "score", "weight"]),
    ("how many key accounts should a team have", ["35", "15"]),
    ("what goes in an account plan", ["swot", "objective", "stakeholder", "relationship", "goal"]),
    ("how often shoud i review a key account?", ["week", "month", "quarter"]),
    ("what does champion mean in a stakeholder map", ["support", "advocate", "inside", "sell"]),
    ("what are the four quadrants of the portfolio matrix", ["Strategic", "Streamline", "Status", "Star"]),
    ("what should i do with a streamline account", ["low cost", "efficien", "cost"]),
    ("how do i demote a key account", ["reason", "approv"]),
    ("what is cost to serve exactly", ["cost"]),
    ("decision maker vs influencer - whats the difference", ["decision", "influence"]),
    ("how do i write a good swot for a customer", ["strength", "weakness", "opportunit", "threat"]),
    ("what's a blocker in kam terms", ["oppos", "against", "block", "stop"]),
    ("whats untapped potential", ["potential"]),
    ("why shouldnt we have 60 key accounts?", ["too many", "50", "35", "focus", "resource"]),
    ("what is a percepton gap", ["customer", "view", "perce", "see"]),
]
for text, anyw in M:
    case("method", text, {"any": anyw}, "KAM vocabulary from DESIGN.md section 2; loose: any key term")

# ------------------------------------------------------------------ write
W = [
    ("log that I met Anna Weber, Head of Procurement of Brauerei Höfler, today - positive about the 2027 film "
     "contract; send the price index proposal by Friday", ["Anna Weber"], "2026-12-07", ["price index", "proposal"], []),
    ("log: met marcus greene (great lakes) yesterday, happy with uptime on the toledo wrappers, wants a quote for "
     "4 more machines. next step send quote by dec 15", ["Marcus Greene"], "2026-12-06", ["quote"], []),
    ("pls log a call with Fiona McLeod at pennine last tuesday - still pushing mondi pricing, i need to send a "
     "cost breakdown before xmas", ["Fiona McLeod"], "2026-12-01", ["cost breakdown", "breakdown"], []),
    ("met erik haugland from nordvik sjømat last friday, he has cooled down after the credit note. follow up: "
     "wax-free box trial results by 18 dec", ["Erik Haugland"], "2026-12-04", ["trial", "wax-free"], ["Erik Lindberg"]),
    ("log that i met Thomas Aigner, plant manager ulm at kessler-wirth, today. neutral, wants the crate redesign "
     "before Q1. next step: intro call with Petra Vogel about EDI", ["Thomas Aigner"], "2026-12-07",
     ["intro call", "Petra Vogel", "EDI"], []),
    ("log meeting w/ mireille durand cfo chateau roussel on thursday 3 dec - open to bringing trays back if the "
     "rebate holds. send revised rebate scheme by 11 dec", ["Mireille Durand"], "2026-12-03", ["rebate"], []),
    ("lg that i met jorge castilo, dc manager toledo @ great lakes, today. complained about late stretch film "
     "deliveries twice in nov. next: send root cause by wed", ["Jorge Castil"], "2026-12-07", ["root cause"], []),
    ("log: lunch with Siobhan Kelly, MD of Dunmore Craft Cider, yesterday - wants to move all cider cases to us "
     "from 2027; next step send spec sheet for the 6-pack wraparound by friday", ["Siobhan Kelly"], "2026-12-06",
     ["spec sheet", "spec"], []),
    ("met with bart peeters and marie claes at vlaamse koekjesfabriek today. marie agrees a 6% price increase "
     "from feb is needed. next: send new price list by 14 dec", ["Bart Peeters", "Marie Claes"], "2026-12-07",
     ["price list"], []),
    ("log that I spoke to Gregory Ostrander, president of Ostrander Cold Chain, today - finally reconnected, "
     "they tender pallet wrap in jan. next step: get the RFQ docs from Nathalie", ["Gregory Ostrander"],
     "2026-12-07", ["RFQ"], []),
    ("note for iberfrut: called lucía fernández last thursday, neutral, asked for samples of the new 23µ film. "
     "send samples by next wed", ["Lucía Fernández"], "2026-12-03", ["sample"], []),
    ("log mtg with rajesh patel (pennine, head of engineering) on 2 dec: very happy with wrapper uptime, wants "
     "the service contract extended. next step: draft a 2-yr service extension", ["Rajesh Patel"], "2026-12-02",
     ["service"], []),
    ("set linda park at great lakes as the economic buyer", ["Linda Park"], None, ["economic buyer", "economic"], []),
    ("els van damme is a blocker at vlaamse koekjesfabriek, attitude -2", ["Els Van Damme"], None,
     ["blocker", "-2", "hostile"], []),
    ("mark anna weber as champion at brauerei höfler", ["Anna Weber"], None, ["champion"], ["Anna Kraus", "Anna Lindgren"]),
    ("log that I met Sarah Neumann, Einkauf at Höfler Logistik, today - keen on a wrapping machine demo; "
     "book the demo for january", ["Sarah Neumann", "Höfler Logistik"], "2026-12-07", ["demo"], ["Brauerei"]),
    ("logged a call with ingrid solberg (ceo nordvik sjømat) this morning - wants co2 per box numbers, i send "
     "them by 31 dec", ["Ingrid Solberg"], "2026-12-07", ["CO2", "co2"], []),
    ("log: visited cascade plant friday w/ robert haines + anna lindgren. foam-to-corrugated inserts passed the "
     "drop tests. next step: pricing for 3 SKUs by dec 18", ["Robert Haines", "Anna Lindgren"], "2026-12-04",
     ["pricing", "price"], []),
    ("log that i met peter brandt, cfo of ridgway auto parts, last tuesday - skeptical, moving to reusable "
     "totes. next step: offer our returnable packaging service", ["Peter Brandt"], "2026-12-01",
     ["returnable"], []),
    ("log meeting: nathalie tremblay, ostrnader, 30 nov - negative about our delivery times; i promised to send "
     "the new lead-time table by friday", ["Nathalie Tremblay"], "2026-11-30", ["lead-time", "lead time"], []),
    ("today met Camille Lefèvre (buyer, château-roussel), positive about trays again. next step - samples of "
     "the new tray by 16 dec", ["Camille Lefèvre"], "2026-12-07", ["sample"], []),
    ("log call w/ dana whitfield yday - great lakes opening another DC in Q2; next: send capacity plan",
     ["Dana Whitfield"], "2026-12-06", ["capacity"], []),
    ("add a note on zurcher feinmechanik: met urs bachmann (head of purchasing) on friday, happy, wants to "
     "double box volumes. next: quote by 10 dec", ["Urs Bachmann"], "2026-12-04", ["quote"], []),
    ("log that I met Matthias Höfler of Höfler Logistik today, he signed the stretch film framework. next step: "
     "onboarding call with the warehouse", ["Matthias Höfler"], "2026-12-07", ["onboarding"], ["Brauerei"]),
    ("petra vogel at kessler-wirth now reports to lukas hartmann", ["Petra Vogel", "Lukas Hartmann"], None,
     ["report"], []),
    ("set dieter oberhauser (höfler brewery) attitude to skeptical", ["Dieter Oberhauser"], None,
     ["skeptic", "sceptic", "-1", "attitude"], []),
    ("log that I met Lukas Brandl at brauerei höfler last friday - positive about the new 17µ film; next step "
     "send the trial report by thursday", ["Lukas Brandl"], "2026-12-04", ["trial report", "report"],
     ["Lukas Hartmann"]),
]
for text, who, d, anyw, none in W:
    exp = {"all": who, "any": anyw}
    if d:
        exp["dates"] = [d]
    if none:
        exp["none"] = none
    note = "confirmation must show " + ", ".join(who)
    note += f", the meeting date {d} (today = Mon 2026-12-07)" if d else " (a change, no date)"
    note += " and the next step / change key words"
    case("write", text, exp, note)


# ------------------------------------------------------------------ checks
def check(cases):
    ids = set()
    short_names = {short(n).lower() for n in NAMES}
    people = {p.lower() for p in PEOPLE}
    for c in cases:
        assert c["id"] not in ids
        ids.add(c["id"])
        assert c["class"] in {"portfolio", "command_word", "account_fact", "method", "write"}
        e = c["expect"]
        assert e, c
        for k in e:
            assert k in {"all", "any", "none", "numbers", "dates"}, k
        for lst in ("all", "any", "none"):
            for s in e.get(lst, []):
                assert isinstance(s, str) and s.strip(), c
        for s in e.get("all", []) + e.get("none", []):
            # every account / person named in a list expectation exists in the CSVs
            if s[0].isupper() and s not in ("Brauerei",):
                ok = (s.lower() in short_names or s.lower() in people
                      or any(s.lower() in n.lower() for n in NAMES) or any(s.lower() in p for p in people))
                assert ok, (c["id"], s)
        assert not (set(map(str.lower, e.get("all", []))) & set(map(str.lower, e.get("none", [])))), c
        for d in e.get("dates", []):
            date.fromisoformat(d)
        for n in e.get("numbers", []):
            assert isinstance(n["value"], (int, float))
    # names in `none` must not be substrings of names in `all`
    for c in cases:
        e = c["expect"]
        for a in e.get("all", []):
            for n in e.get("none", []):
                assert n.lower() not in a.lower(), (c["id"], a, n)
    counts = {}
    for c in cases:
        counts[c["class"]] = counts.get(c["class"], 0) + 1
    return counts


if __name__ == "__main__":
    counts = check(CASES)
    if "--check" in sys.argv:
        with open(os.path.join(HERE, "cases.jsonl"), encoding="utf-8") as f:
            stored = [json.loads(line) for line in f]
        assert stored == json.loads(json.dumps(CASES, ensure_ascii=False)), "cases.jsonl differs from recomputation"
        print("cases.jsonl matches recomputation")
    else:
        with open(os.path.join(HERE, "cases.jsonl"), "w", encoding="utf-8") as f:
            for c in CASES:
                f.write(json.dumps(c, ensure_ascii=False) + "\n")
    print(len(CASES), counts)
