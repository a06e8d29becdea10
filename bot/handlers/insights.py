"""Questions about the portfolio, answered with the list asked for: growth, margins, gaps, cold key people,
trends, quadrant movers, the accounts of a person. Each subcommand takes a few option words in any order;
in plain language the words come from the phrasing (`choice_cues`, read by the router)."""
from __future__ import annotations

import re

from rapidfuzz import fuzz, process

from bot.commands import Invocation, Shape, Subcommand, UsageError
from bot.handlers.plans import people_source
from kam_domain.services import accounts_of_person, portfolio_coverage as coverage, portfolio_queries as money

MAX_DAYS = 3650
TIER = ("key", "non-key")
_NOT = r"(?<![\w-])(?<!non )(?<!not )"
# the tier filter, as people say it ("which non-key accounts...", "our key customers", "all accounts")
TIER_CUES = (
    ("non-key", r"\bnon[\s-]?key\b|\bnot\s+(?:yet\s+)?key\b|\bregular\s+(?:accounts?|customers?|clients?)\b|"
                r"\b(?:outside|besides|other\s+than|apart\s+from|beyond)\s+(?:the\s+|our\s+)?key\b"),
    ("key", _NOT + r"key\s+(?:accounts?|customers?|clients?)\b|\bstrategic\s+accounts?\b"),
)
DAYS_CUES = (
    ("{0}d", r"\b(\d{1,4})\s*(?:days?|d)\b"),
    ("{0}w", r"\b(\d{1,3})\s*(?:weeks?|w)\b"),
    ("{0}m", r"\b(\d{1,2})\s*months?\b"),
)
_DAYS = re.compile(r"^(\d{1,4})(d|days?|w|weeks?|m|months?)?$")
_UNIT = {"d": 1, "w": 7, "m": 30}


def options(inv: Invocation, groups: dict[str, tuple[str, ...]], days: bool = False) -> dict[str, object]:
    """The option words given, one per group (the first wins: the router may add several); `days`: "45",
    "45d", "6w", "2m" or "45 days". A word that is no option gets the usage."""
    chosen: dict[str, object] = {}
    words = [w.lower().strip(",.?!") for w in inv.text.split()]
    for i, word in enumerate(words):
        if not word or (days and word in ("day", "days", "week", "weeks", "month", "months") and i):
            continue
        if days and (match := _DAYS.match(word)):
            number = int(match.group(1)) * _UNIT[(match.group(2) or "d")[0]]
            if not 1 <= number <= MAX_DAYS:
                raise UsageError(inv.command, f"Give a number of days from 1 to {MAX_DAYS}.")
            chosen.setdefault("days", number)
            continue
        group = _group_of(word, groups)
        if group is None:
            shown = word if len(word) <= 40 else word[:39] + "…"
            every = [w for choices in groups.values() for w in choices]
            raise UsageError(inv.command, f"`{shown}` is not one of: {', '.join(every)}"
                             + (", or a number of days" if days else "") + ".")
        chosen.setdefault(group, _group_of(word, groups, exact_word=True))
    return chosen


def _group_of(word: str, groups: dict[str, tuple[str, ...]], exact_word: bool = False):
    every = {w: g for g, choices in groups.items() for w in choices}
    hit = word if word in every else (process.extractOne(word, list(every), scorer=fuzz.WRatio, score_cutoff=80)
                                      or (None,))[0]
    if hit is None:
        return None
    return hit if exact_word else every[hit]


# ============================================================================ handlers

GROWTH_OPTIONS = {"direction": ("leaders", "decliners"), "tier": TIER}
MARGIN_OPTIONS = {"which": ("loss", "low", "cost-to-serve"), "tier": TIER}
GAP_OPTIONS = {"gap": coverage.GAPS, "tier": (*TIER, "all")}
TREND_OPTIONS = {"measure": coverage.TRENDS, "direction": ("down", "up"), "tier": TIER}


def growth(ctx, inv):
    chosen = options(inv, GROWTH_OPTIONS)
    return money.growth(ctx.uow(), ctx.actor, chosen.get("direction", "leaders"), chosen.get("tier"))


def margins(ctx, inv):
    chosen = options(inv, MARGIN_OPTIONS)
    return money.margins(ctx.uow(), ctx.actor, chosen.get("which", "loss"), chosen.get("tier"))


def gaps(ctx, inv):
    chosen = options(inv, GAP_OPTIONS, days=True)
    tier = chosen.get("tier", "key")
    return coverage.gaps(ctx.uow(), ctx.actor, chosen.get("gap", "plan"), ctx.today,
                         None if tier == "all" else tier, chosen.get("days"))


def cold(ctx, inv):
    chosen = options(inv, {"tier": TIER}, days=True)
    return coverage.cold_people(ctx.uow(), ctx.actor, ctx.today, chosen.get("tier"), chosen.get("days"))


def trends(ctx, inv):
    chosen = options(inv, TREND_OPTIONS)
    return coverage.trends(ctx.uow(), ctx.actor, chosen.get("measure", "engagement"), ctx.today,
                           chosen.get("direction", "down"), chosen.get("tier"))


def movers(ctx, inv):
    return coverage.movers(ctx.uow(), ctx.actor, ctx.today)


_TIER_WORD = re.compile(r"(?<![\w-])(non[\s-]?key|key)\b", re.I)


def owned_by(ctx, inv):
    tier_said = next((m.group(1).lower().replace(" ", "-") for m in _TIER_WORD.finditer(inv.text)), None)
    tier = {"key": "key", "non-key": "non-key", "nonkey": "non-key"}.get(tier_said or "")
    return accounts_of_person.accounts_of_person(ctx.uow(), ctx.actor, inv.text, tier, people=people_source(ctx))


COMMANDS = (
    Subcommand("growth", "[leaders|decliners] [key|non-key]", "accounts growing fastest, or declining most",
               Shape.TEXT, handler=growth, examples=("/kam growth", "/kam growth decliners", "/kam growth non-key"),
               details="Revenue of the last year against the year before, from imported financials.",
               intent_label="Growth leaders and decliners",
               tool="Accounts ranked by revenue growth (last year vs the year before): leaders or decliners, "
                    "optionally key or non-key only; each with both revenues and the growth.",
               choice_cues=(("decliners", r"\bdeclin\w*|\bdecreas\w*|\bshrink\w*|\bfall\w*|\bdropp\w*|\bdown\b|"
                                          r"\bworst\b|\bslow\w*|\bdrops?\b|\bsteepest\b|\blosers?\b|\blos(?:ing|t)\s+(?:revenue|business|volume|sales)|"
                                          r"\bgoing\s+backwards?|\bnegative\s+growth"),) + TIER_CUES),
    Subcommand("margins", "[loss|low|cost-to-serve] [key|non-key]",
               "accounts we lose money on, low-margin ones, or the costliest to serve", Shape.TEXT, handler=margins,
               examples=("/kam margins", "/kam margins low", "/kam margins cost-to-serve"),
               details=f"Last year's margin = (revenue - cost to serve) / revenue. low: under {money.LOW_MARGIN:.0%}. "
                       f"cost-to-serve: cost per unit of revenue over {money.COST_OUTLIER}× the portfolio's median.",
               intent_label="Loss-making and low-margin accounts",
               tool="Accounts by margin over the last year: loss-making (loss), low-margin (low) or cost-to-serve "
                    "outliers (cost-to-serve); each with revenue, cost to serve and margin.",
               choice_cues=(
                   ("cost-to-serve", r"\bcost[\s-]+to[\s-]+serve|\bexpensive\s+to\s+(?:serve|service|support)|"
                                     r"\bcost(?:s|ing)?\s+(?:us\s+)?(?:the\s+)?most|\bservic(?:e|ing)\s+costs?|"
                                     r"\boutliers?\b|\bhigh(?:est)?\s+costs?"),
                   ("low", r"\blow\b|\blowest\b|\bthin(?:nest)?\b|\bweak(?:est)?\s+margins?|\bsmall(?:est)?\s+margins?|"
                           r"\bworst\s+margins?|\bbarely|\blow[\s-]margin|\b(?:under|below)\s+\d+\s*%"),
                   ("loss", r"\bloss\w*|\blos(?:e|ing)\s+(?:us\s+)?money|\bunprofitable|\bnegative\s+margins?|"
                            r"\bin\s+the\s+red\b|\bbleed\w*|\bunderwater|\bmoney[\s-]losing|\bnot\s+profitable|"
                            r"\bno\s+profit|\bcost\s+us\s+more\s+than"),
               ) + TIER_CUES),
    Subcommand("gaps", "[plan|sponsor|channel|contact] [N days] [key|non-key|all]",
               "key accounts missing a plan, an executive sponsor, a channel or recent contact", Shape.TEXT,
               handler=gaps, examples=("/kam gaps plan", "/kam gaps sponsor all", "/kam gaps contact 45 days"),
               details=f"Key accounts unless you add `all` or `non-key`. contact: no meeting or contact in "
                       f"{coverage.CONTACT_DAYS} days, or the days you give.",
               intent_label="Accounts missing a plan, sponsor, channel or contact",
               tool="Accounts missing something: a plan, an executive sponsor, an account channel or recent "
                    "contact (N days); key accounts unless all or non-key is given.",
               choice_cues=(
                   ("sponsor", r"\bsponsor\w*|\bexec(?:utive)?s?\b"),
                   ("channel", r"\bchannels?\b"),
                   ("contact", r"\bcontact\w*|\btouch\b|\bspok(?:e|en)\b|\btalked\b|\bheard\b|\bmet\b|\bmeeting\w*|"
                               r"\bvisit\w*|\bcalled\b|\breach(?:ed)?\s+out|\bquiet\b|\bsilen\w*"),
                   ("plan", r"\bplans?\b|\bplanning\b"),
                   ("all", r"\ball\s+(?:the\s+|our\s+|my\s+)?(?:accounts|customers|clients)\b|\bany\s+accounts?\b|"
                           r"\bevery\s+account\b"),
               ) + TIER_CUES + DAYS_CUES),
    Subcommand("cold", "[key|non-key] [N days]", "key people not met lately, across accounts", Shape.TEXT,
               handler=cold, examples=("/kam cold", "/kam cold key", "/kam cold 60 days"),
               details="Key people (influence 4+ or a deciding role) past their tier's cold threshold (key accounts: "
                       "30 days for influence 4+, 45 for others), or not met in the days you give.",
               intent_label="Cold key people across accounts",
               tool="Key stakeholders not met lately across the accounts, with their account, last contact and "
                    "days since; optionally key or non-key accounts only, or not met in N days.",
               choice_cues=TIER_CUES + DAYS_CUES),
    Subcommand("trends", "[engagement|loyalty|meetings] [down|up] [key|non-key]",
               "accounts whose engagement, loyalty or meetings are going down (or up)", Shape.TEXT, handler=trends,
               examples=("/kam trends", "/kam trends loyalty", "/kam trends meetings up"),
               details="engagement, loyalty: the ratings of the last two recorded reviews. meetings: meetings logged "
                       f"in the last {coverage.MEETING_WINDOW} days against the {coverage.MEETING_WINDOW} before.",
               intent_label="Engagement and loyalty trends",
               tool="Accounts whose engagement or loyalty rating (last two reviews) or meeting count (last 90 days "
                    "vs the 90 before) went down or up, with both values.",
               choice_cues=(
                   ("loyalty", r"\bloyal\w*|\bretention\b|\bchurn\w*|\bcommit\w*"),
                   ("meetings", r"\bmeet\w*|\bcalls?\b|\bvisits?\b|\btouch[\s-]?points?|\bhow\s+often\b"),
                   ("engagement", r"\bengag\w*|\binvolve\w*"),
                   ("down", r"\bdown\b|\bfall\w*|\bdrop\w*|\bdeclin\w*|\bdecreas\w*|\bwors\w*|\bweak\w*|\bcool\w*|"
                            r"\bslipp?\w*|\bsink\w*|\blower\b|\bless\b|\bfewer\b"),
                   ("up", r"\bup\b|\brising\b|\bris(?:e|es)\b|\bimprov\w*|\bincreas\w*|\bbetter\b|\bstronger\b|"
                          r"\bwarm\w*|\bmore\s+engaged"),
               ) + TIER_CUES),
    Subcommand("movers", "", "accounts that moved quadrant this quarter", Shape.NONE, handler=movers,
               examples=("/kam movers",),
               details="The quadrant from current scores against the weekly snapshot at the start of the quarter.",
               intent_label="Quadrant movers this quarter",
               tool="Accounts whose matrix quadrant changed since the start of this quarter: before and now."),
    Subcommand("owned-by", "@user|NAME [key]", "the accounts a colleague works on (KAM, sponsor, team)", Shape.TEXT,
               text_required=True, handler=owned_by, aliases=("accounts-of",),
               examples=("/kam owned-by @anna", "/kam owned-by Anna Keller key", "/kam owned-by me"),
               details="KAM, executive sponsor or team member; `key` lists key accounts only.",
               intent_label="Accounts of a person",
               tool="The accounts one colleague works on (as KAM, executive sponsor or team member), by mention or "
                    "name; the role on each.", routes_text=True),
)
