"""The offline router: a message in plain words -> a /kam command line to run, a write to
confirm, a question back, or what I can do.

    text -> pins and command word -> account, people, role -> masked text -> intent -> Route

Ports: an `IntentClassifier` (the embedding model behind it) and a `Directory` (the
workspace's names and the thread memory). Deterministic for the same store and text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from kam_domain.errors import Choice, NeedsChoice
from kam_domain.language.classifier import IntentClassifier, Ranked
from kam_domain.language.cues import KAM_VOCABULARY, OFF_TOPIC, REQUEST, asks_for_other_work
from kam_domain.language.directory import Directory, Memory, ThreadKey
from kam_domain.language.entities import (AccountFind, AccountHit, PersonHit, PersonRef, RoleHit, find_account,
                                          find_by_single_name, find_people, find_role)
from kam_domain.language.exemplars import ACCOUNT_WORD, EXEMPLARS, PERSON_WORD
from kam_domain.language.intents import CANCEL, UNKNOWN, IntentTable
from kam_domain.language.route import INTENT_PIN, ConfirmWrite, Reply, Route
from kam_domain.language import slots
from kam_domain.language.choice_cues import cued_words
from kam_domain.language.text import STOPWORDS, mask, squash, words

UNKNOWN_BELOW = 0.36  # best intent score under this: "I'm not sure what you mean"
ASK_BELOW = 0.46  # under this, or closer than ASK_MARGIN to the runner-up: ask which one
ASK_MARGIN = 0.025
LIST_PENALTY = 0.10  # list/portfolio/method/help when the text names an account
NO_ACCOUNT_PENALTY = 0.10  # account intents when there is no account anywhere
PERSON_PENALTY = 0.10  # the account card when the text names one of the account's people
PERSON_FIELD_BOOST = 0.20  # "bump his influence to 5": a known person's influence or attitude given a value
OFF_TOPIC_PENALTY = 0.25  # every intent, for our own company's business with no account named
SCORE_VALUES_BOOST = 0.25  # "product fit ... 8": the workspace's criteria with values
CRITERION_BOOST = 0.15  # "what did we give acme for solvency": a criterion named without a value
COMMAND_WORD_BOOST = 0.30  # a subcommand as first word that does not parse as the command
COMMAND_NAMED_BOOST = 0.20  # "the X command" with X one of our commands: help about it
METHOD_FLOOR = 0.45  # a question this close to a method exemplar goes to the guides even without KAM words

_CANCEL = re.compile(r"^\s*(?:cancel|never\s*mind|nevermind|forget\s+it|no(?:pe)?|stop|abort)\s*[.!]*\s*$", re.I)
_LEAD = re.compile(r"^\s*(?:/?kam\b[\s,:]*|@kam\b[\s,:]*)", re.I)
_PIN = re.compile(rf"^\s*(?:#(\d{{1,12}})|{INTENT_PIN}([a-z_\-]+))(?:\s+|$)")  # intents as named: owned-by
_THIS_PERSON = r"|\b(?:this|that)\s+(?:man|guy|woman|lady|gentleman|person|contact)\b"  # "what else do we know about this man?"
_PRONOUN = re.compile(r"\b(?:her|him|she|he|them|they|their|his)\b" + _THIS_PERSON, re.I)
_PERSON_PRONOUN = re.compile(r"\b(?:her|him|she|he|his)\b" + _THIS_PERSON, re.I)  # the thread's person, in the masked text
# a change to a known person the words do not spell out as fields: their form opens ("Tom Becker left last week")
_EDIT = re.compile(r"\b(?:set|change|update|make|mark|assign|edit|correct|fix|own|owns|left|quit|resigned|retired|"
                   r"put|add|note|promoted|reports\s+to|come\s+round|came\s+round)\b", re.I)
_DEICTIC = re.compile(r"\b(?:this|the)\s+(?:account|acct|acc|accnt|customer|client|company)\b|\bhere\b|\btheir\b|\bthem\b|\bthey\b|"
                      r"\bover\s+there\b", re.I)
_QUESTION = re.compile(r"\?\s*$|^\s*(?:how|why|what|when|should|which)\b|"
                       r"^\s*(?:any\s+)?(?:tips?|advice|best\s+practices?|pointers)\b", re.I)
_FOLLOW_UP = re.compile(r"^\s*(?:and|what\s+about|how\s+about|same\s+(?:for|4)|ditto\s+for|also|now)\b", re.I)
# "who" asked, not "a new CFO, who'll own the budget": a sentence that starts with it, or a question with it
_WHO_ASKED = re.compile(r"(?:^|[.!?]\s*)\s*(?:who|which\s+(?:stakeholders?|persons?|people|contacts?|ones?))\b|"
                        r"\bwho\b[^.!]*\?\s*$", re.I)
_QUESTION_ABOUT_METHOD = re.compile(r"\bwho\s+(?:should|could|would|can|makes\s+a\s+good)\b|\bhow\b|\bwhy\b|\ban?\s+good\b", re.I)
_ACROSS_ACCOUNTS = re.compile(r"\b(?:across|over|for)\s+(?:all\s+)?(?:the\s+|my\s+|our\s+)?(?:accounts|portfolio|customers)\b|"
                              r"\b(?:all|every)\s+(?:of\s+)?(?:my\s+|our\s+|the\s+)?(?:accounts?|customers?)\b", re.I)
# "why is Vantor a key account?", "why did acme become key", "why was borealis made key?" (not "key people")
_WHY_KEY = re.compile(r"\bwhy\b[^?!.]*?\bkey\b(?!\s+(?:people|persons?|contacts?|players?|stakeholders?|decision))",
                      re.I)
_COMMAND_NAMED = re.compile(r"\b([a-z_]+)\s+(?:command|subcommand|cmd)\b", re.I)
_ACCOUNT_KEY = words(ACCOUNT_WORD)[0].key  # the account placeholder as a word of the masked text
_COMMAND_ARG_GAP = {"for", "of", "at", "on", "the", "with", "about", "to"}
# What may stand around a decision role in a bare role question: "and the gatekeeper?", "what about
# their EB?", "who's the champion here?". An article ("what is a gatekeeper?") makes it a method question.
_ROLE_FILLER = frozenset({"and", "what", "about", "how", "also", "now", "same", "for", "the", "their", "our", "who",
                          "is", "are", "then", "there", "here", "at", "in", "on", "so", "ok", "okay", "please", "pls",
                          "s", "us", "we", "me", "i"})


def _role_about_an_account(u: "Understanding") -> bool:
    """A decision role named, no person, and an account known (named, the thread's, the channel's) or to ask for."""
    return u.role is not None and not u.people and (u.account_id is not None or bool(u.found.ambiguous))


def _common_words(commands: dict[str, str]) -> frozenset[str]:
    vocabulary = set(STOPWORDS) | set(commands)
    placeholders = {w.key for w in words(f"{ACCOUNT_WORD} {PERSON_WORD}")}
    for phrases in EXEMPLARS.values():
        for phrase in phrases:
            vocabulary |= {w.key for w in words(phrase)}
    return frozenset(vocabulary - placeholders)


@dataclass
class Understanding:
    """What the router read in a message before choosing what to do."""

    text: str
    pinned_intent: str | None = None
    command: str | None = None  # the subcommand the text starts with, if any
    command_end: int = 0  # where the command word ends
    found: AccountFind = field(default_factory=AccountFind)
    account: AccountHit | None = None
    account_id: int | None = None
    account_source: str = ""  # text, person, memory, channel
    people: list[PersonHit] = field(default_factory=list)
    person: PersonRef | None = None
    person_from_memory: bool = False
    role: RoleHit | None = None
    memory: Memory | None = None
    score_values: dict[str, int] = field(default_factory=dict)
    criteria: set[str] = field(default_factory=set)  # the workspace's scoring criteria named, values or not
    query: str = ""  # the masked text as classified (typos mended), once the intent is asked for
    ambiguous_by_person: bool = False  # `found.ambiguous` are the accounts of people sharing the name typed
    intents: IntentTable = field(default_factory=lambda: IntentTable(()))  # the router's, for the route builders

    def masked(self) -> str:
        """The text with the account and people it names replaced by the exemplars' placeholders."""
        spans = [(h.start, h.end, PERSON_WORD) for h in self.people if h.how != "title"]
        if self.person_from_memory and (m := _PERSON_PRONOUN.search(self.text)):
            # "how influential is he" reads like "how influential is Pat Smith"
            spans.append((m.start(), m.end(), f"{PERSON_WORD}'s" if m.group(0).lower() == "his" else PERSON_WORD))
        if self.account_id is not None and self.account_source in ("memory", "channel", "person"):
            if m := _DEICTIC.search(self.text):
                word = m.group(0).lower()
                said = {"their": f"{ACCOUNT_WORD}'s"}.get(word, f"at {ACCOUNT_WORD}" if word.startswith("over") else ACCOUNT_WORD)
                spans.append((m.start(), m.end(), said))
        named = self.account if self.account_source == "text" else (self.found.ambiguous or [None])[0]
        if named is not None:
            spans.append((named.start, named.end, PERSON_WORD if self.ambiguous_by_person else ACCOUNT_WORD))
        return mask(self.text, spans)


class Router:
    def __init__(self, classifier: IntentClassifier, commands: dict[str, str], intents: IntentTable):
        """`commands`: every subcommand name and alias -> the subcommand; `intents`: the intents it may
        choose (both from the /kam registry)."""
        self.classifier = classifier
        self.commands = commands
        self.intents = intents
        self.common = _common_words(commands)

    # ------------------------------------------------------------------ entry

    def route(self, text: str, directory: Directory, where: ThreadKey | None = None,
              channel_id: str | None = None) -> Route | ConfirmWrite | Reply:
        text = _LEAD.sub("", squash(text or ""))
        if _CANCEL.match(text):
            return Reply("OK, cancelled: nothing was written.", intent=CANCEL)
        u = self.understand(text, directory, where, channel_id)
        if not u.text:
            return Route("help", "help")
        if not u.pinned_intent and not u.command and asks_for_other_work(u.text):
            return self.not_understood(directory)  # a quote, an invoice, a CRM stage: sales work, not ours
        intent, confidence, ranked = self.intent(u)
        return self.decide(u, intent, confidence, ranked, directory)

    # ------------------------------------------------------------------ reading

    def understand(self, text: str, directory: Directory, where: ThreadKey | None,
                   channel_id: str | None) -> Understanding:
        text, pinned_account, pinned_intent = strip_pins(text)
        u = Understanding(text=text, pinned_intent=pinned_intent if pinned_intent in self.intents else None,
                          intents=self.intents)
        u.memory = directory.recall(where)
        self._command_word(u)
        self._account(u, directory, channel_id, pinned_account)
        self._people(u, directory)
        u.role = find_role(text) or self._mended_role(text)
        criteria = directory.criteria()
        u.criteria = slots.criteria_named(text, criteria, _account_span(u))
        if u.criteria and re.search(r"\d", text):
            u.score_values = slots.score_values(text, criteria, _account_span(u))
        return u

    def _mended_role(self, text: str) -> RoleHit | None:
        """"who's the champoin at acme": a decision role typed with a typo of our vocabulary."""
        mended = self.classifier.query_text(text)
        if mended == text:
            return None
        hit = find_role(mended)
        return RoleHit(hit.role, 0, 0, hit.plural) if hit else None  # the span is in the mended text: none here

    def _command_word(self, u: Understanding) -> None:
        head = words(u.text)[:2]
        if not head or head[0].start != 0 or head[0].key not in self.commands or head[0].key == "ask":
            return
        u.command, u.command_end = self.commands[head[0].key], head[0].end
        if u.command == "stakeholder" and len(head) > 1 and head[1].key == "map":  # "stakeholder map X"
            u.command, u.command_end = "stakeholders", head[1].end

    def _account(self, u: Understanding, directory: Directory, channel_id: str | None,
                 pinned: int | None) -> None:
        candidates = directory.account_candidates()
        u.found = find_account(u.text, candidates, self.common)
        if pinned is not None:
            self._pinned_account(u, pinned)
            return
        if u.found.ambiguous:
            u.found = _disambiguate_by_words(u.text, u.found)
        if u.found.ambiguous:
            u.found = _disambiguate_by_people(u.text, u.found, directory, self.common)
        if u.found.match is not None:
            u.account, u.account_id, u.account_source = u.found.match, u.found.match.id, "text"
            return
        if u.found.ambiguous:
            return
        people = directory.all_people()
        named = find_people(u.text, people, self.common, full_names_only=True)
        accounts = {h.person.account_id for h in named}
        if len(accounts) == 1:
            u.account_id, u.account_source = accounts.pop(), "person"
        elif not accounts and self._account_by_single_name(u, people, directory, channel_id):
            return
        elif u.memory and u.memory.account_id:
            u.account_id, u.account_source = u.memory.account_id, "memory"
        elif (by_channel := directory.channel_account(channel_id)) is not None:
            u.account_id, u.account_source = by_channel, "channel"

    def _account_by_single_name(self, u: Understanding, people: list[PersonRef], directory: Directory,
                                channel_id: str | None) -> bool:
        """"had lunch with erik": the account of the one stakeholder with that first name or surname; the
        thread's or the channel's account if one of its people has it; two accounts: ambiguous (ask)."""
        hits = find_by_single_name(u.text, people, self.common)
        if not hits:
            return False
        accounts = {h.person.account_id for h in hits}
        here = [a for a in (u.memory.account_id if u.memory else None, directory.channel_account(channel_id))
                if a is not None]
        known = next((a for a in here if a in accounts), None)
        if known is not None:
            u.account_id, u.account_source = known, "memory" if u.memory and known == u.memory.account_id else "channel"
            return True
        if len(accounts) == 1:
            u.account_id, u.account_source = accounts.pop(), "person"
            return True
        by_id = {c.id: c for c in directory.account_candidates()}
        first = min(hits, key=lambda h: h.start)
        u.found = AccountFind(ambiguous=[AccountHit(by_id[a], 100.0, first.start, first.end)
                                         for a in sorted(accounts) if a in by_id][:5])
        u.ambiguous_by_person = True
        return True

    def _pinned_account(self, u: Understanding, pinned: int) -> None:
        """A choice button's "#42": that account, and the words that named it (if any) for masking."""
        hits = ([u.found.match] if u.found.match else []) + u.found.ambiguous
        u.account = next((h for h in hits if h.id == pinned), None)
        u.found = AccountFind(match=u.account)
        u.account_id, u.account_source = pinned, "text" if u.account else "pin"

    def _people(self, u: Understanding, directory: Directory) -> None:
        if u.account_id is None:
            return
        taken = (u.account.start, u.account.end) if u.account else (-1, -1)
        people = directory.people_of(u.account_id)
        hits = [h for h in find_people(u.text, people, self.common) or find_by_single_name(u.text, people, self.common)
                if h.end <= taken[0] or h.start >= taken[1]]  # "how does Mark feel about us": an everyday word as a name
        u.people = hits
        if hits:
            u.person = hits[0].person
        elif (u.memory and u.memory.stakeholder_id and u.memory.account_id == u.account_id
              and _PRONOUN.search(u.text)):
            u.person = next((p for p in directory.people_of(u.account_id) if p.id == u.memory.stakeholder_id), None)
            u.person_from_memory = u.person is not None

    # ------------------------------------------------------------------ intent

    def intent(self, u: Understanding) -> tuple[str, float, list[Ranked]]:
        if u.pinned_intent:
            return u.pinned_intent, 1.0, []
        if u.command and self._command_parses(u):
            return self.intents.for_command(u.command, self._has_score_values(u)), 1.0, []
        if u.command == "accounts" and u.account_source == "text" and len(words(u.masked())) <= 3:
            return "account", 1.0, []  # "accounts kestrel": the card of the account named, not the list
        masked = u.masked()
        u.query = self.classifier.query_text(masked)
        if self._bare_role(u) or self._who_holds_role(u):
            return "stakeholders", 1.0, []  # "and the gatekeeper?" with an account known: who holds that role
        if (named := self._account_then_command(u)) is not None:
            return named, 1.0, []  # "helios next", "acme swot": the command word after the account
        if u.account_source in ("text", "pin") and _WHY_KEY.search(u.text):
            return "account", 1.0, []  # "why is Vantor a key account?": the card leads with why it is key
        exact = self.classifier.exact_intent(u.query)
        if exact is not None and not self._needs_ranking(u, exact):
            return exact, 1.0, []  # the text is one of the intent's exemplars: certain, no embedding needed
        ranked = self._adjusted(u, self.classifier.rank(masked))
        if (question := _question_at_end(masked, u.account_id is not None, u.person is not None)) is not None:
            asked = self._adjusted(u, self.classifier.rank(question))
            if asked[0].score >= ASK_BELOW:
                ranked = asked  # "met Tom this morning. anything we still owe them?": the question is the request
        top = ranked[0]
        follow = self._follow_up(u, top)
        if follow:
            return follow, 1.0, []  # the thread settles it: no question back, whatever the runner-up
        return top.intent, top.score, ranked

    def _bare_role(self, u: Understanding) -> bool:
        """A decision role and nothing else but the account and filler words, with an account known
        (named, the thread's, the channel's) or to ask for: a question about who holds that role."""
        if not _role_about_an_account(u):
            return False
        mended = u.query
        role = find_role(mended)
        if role is None:
            return False
        rest = words(mended[:role.start] + " " + mended[role.end:])
        return all(w.key in _ROLE_FILLER or w.key == _ACCOUNT_KEY for w in rest)

    def _account_then_command(self, u: Understanding) -> str | None:
        """"helios next", "kestrel stakeholders": the account named, then one of our command words, nothing else."""
        if u.account_source != "text" or u.people:
            return None
        ws = words(u.query)
        if len(ws) != 2 or ws[0].key != _ACCOUNT_KEY or ws[1].key not in self.commands:
            return None
        command = self.commands[ws[1].key]
        intent = self.intents.for_command(command)
        return intent if intent in self.intents and self.intents.spec(intent).takes_account else None

    def _who_holds_role(self, u: Understanding) -> bool:
        """"the people over there, who supports us?": asking who, about a decision role, with an account known."""
        return (_role_about_an_account(u) and _WHO_ASKED.search(u.text) is not None
                and not _QUESTION_ABOUT_METHOD.search(u.text))

    def _about_method(self, u: Understanding) -> bool:
        """A question goes to the guides only if it is about KAM: its vocabulary, or close to a method
        exemplar. "what time is it in tokyo" and "how do I cook pasta?" are not method questions."""
        mended = u.query or self.classifier.query_text(u.masked())
        if KAM_VOCABULARY.search(mended) or KAM_VOCABULARY.search(u.text):
            return True
        if OFF_TOPIC.search(u.text):
            return False  # "cricket score?": our own company's business or the news, whatever it resembles
        return self.classifier.similarities(mended).get("method", 0.0) >= METHOD_FLOOR

    def _needs_ranking(self, u: Understanding, exact: str) -> bool:
        """An exemplar's words are not enough when the thread or the values could change the intent."""
        if u.score_values and exact != "score_set":
            return True
        if self.intents.spec(exact).needs_account and u.account_id is None and not u.found.ambiguous:
            return True
        return bool(u.memory and u.memory.last_intent and _FOLLOW_UP.match(u.text))

    def _command_parses(self, u: Understanding) -> bool:
        """"plan borealis", "log acme met Ana", "help log", "accounts all": the text is the command."""
        rest = [w for w in words(u.text) if w.start >= u.command_end]
        if not rest:
            return True
        command_spec = self.intents.get(self.intents.for_command(u.command))
        if u.command == "help":
            return rest[0].key in self.commands
        if u.command in ("accounts", "portfolio"):
            # "accounts kestrel" names an account: a question about it, not the list
            return len(rest) <= 2 and u.account_source != "text"
        if command_spec is None or not command_spec.takes_account:
            return False
        if u.account is None:
            return False
        skipped = [w for w in rest if w.end <= u.account.start]
        return all(w.key in _COMMAND_ARG_GAP for w in skipped)

    def _has_score_values(self, u: Understanding) -> bool:
        return bool(u.score_values) or "=" in u.text

    def _adjusted(self, u: Understanding, ranked: list[Ranked]) -> list[Ranked]:
        out = []
        names_a_command = self._names_a_command(u.text)
        person_field = u.person is not None and slots.person_field_values(u.query or u.text)
        # no account named (the thread's or the channel's does not count: "book me a meeting room" in a thread)
        off_topic = (u.account_source not in ("text", "person", "pin") and not u.found.ambiguous
                     and not u.found.suggestions and not u.people and OFF_TOPIC.search(u.text) is not None)
        for r in ranked:
            score = r.score
            if u.command and self.intents.for_command(u.command) == r.intent and not (
                    r.intent in ("accounts", "portfolio") and u.account_source == "text"):
                score += COMMAND_WORD_BOOST
            if u.score_values and r.intent == "score_set":
                score += SCORE_VALUES_BOOST
            if u.criteria and not u.score_values and r.intent == "score":
                score += CRITERION_BOOST
            if u.account_source in ("text", "person") and not self.intents.spec(r.intent).takes_account:
                score -= LIST_PENALTY  # lists, the portfolio's questions, the method, help: never one account's
            if u.account_id is None and not u.found.ambiguous and self.intents.spec(r.intent).needs_account:
                score -= NO_ACCOUNT_PENALTY
            if u.people and r.intent == "account":
                score -= PERSON_PENALTY
            if off_topic:
                score -= OFF_TOPIC_PENALTY
            if r.intent == "stakeholder" and person_field:
                score += PERSON_FIELD_BOOST
            if r.intent == "help" and names_a_command:
                score += COMMAND_NAMED_BOOST
            out.append(Ranked(r.intent, score))
        return sorted(out, key=lambda r: (-r.score, r.intent))

    def _names_a_command(self, text: str) -> bool:
        """"the syntax for the stakeholder command", "usage of the score command": a question about a command."""
        return any(m.group(1).lower() in self.commands for m in _COMMAND_NAMED.finditer(text))

    def _follow_up(self, u: Understanding, top: Ranked) -> str | None:
        """"and what about Vantor Energy?" keeps the thread's last question for another account."""
        last = u.memory.last_intent if u.memory else None
        last_spec = self.intents.get(last) if last else None
        if (last_spec is not None and not last_spec.writes and last_spec.takes_account and u.account_source == "text"
                and _FOLLOW_UP.match(u.text) and (top.score < ASK_BELOW or len(words(u.masked())) <= 4)):
            return last
        return None

    # ------------------------------------------------------------------ deciding

    def decide(self, u: Understanding, intent: str, confidence: float, ranked: list[Ranked],
               directory: Directory) -> Route | ConfirmWrite | Reply:
        if u.account_id is not None and directory.account_name(u.account_id) is None:
            return Reply("That account no longer exists in this workspace.", intent=intent)
        if ranked and self._nearest_to_anything(u, ranked) < UNKNOWN_BELOW:
            if _QUESTION.search(u.text) and u.account_source != "text" and self._about_method(u):
                return build(u, "method", confidence, directory, ranked)  # the guides say if they cover it
            return self.not_understood(directory)
        if intent == "method" and ranked and not self._about_method(u):
            return self.not_understood(directory)  # shaped like a how-to, but not about key accounts
        intent_spec = self.intents.spec(intent)
        if intent_spec.account_optional and u.account_source in ("memory", "channel") and _ACROSS_ACCOUNTS.search(u.text):
            u.account_id, u.account_source = None, ""  # "and across all accounts, which reviews are overdue?"
        if intent_spec.takes_account and u.found.ambiguous and u.account_id is None:
            raise self._which_account(u, intent)
        if ranked and (confidence < ASK_BELOW or ranked[0].score - ranked[1].score < ASK_MARGIN):
            question = self._which_intent(u, ranked, directory)
            if question is not None:
                raise question
        if intent_spec.needs_account and u.account_id is None:
            return self._account_missing(u, intent, directory)
        return build(u, intent, confidence, directory, ranked)

    def _nearest_to_anything(self, u: Understanding, ranked: list[Ranked]) -> float:
        """How close the message is to anything we do, for "I'm not sure what you mean": against the exemplars
        alone. The phrasebook's thousand-odd real phrasings tell intents apart, but near so many of them almost
        any message ("book a meeting room", "whats 15% of 240") looks like something."""
        return min(ranked[0].score, self._adjusted(u, self.classifier.rank(u.masked(), exemplars_only=True))[0].score)

    def not_understood(self, directory: Directory) -> Reply:
        names = sorted(c.name for c in directory.account_candidates())
        name = _short(names[0]) if names else "Borealis"
        examples = (f"who's the economic buyer at {name}?", f"{name} plan", f"what's next for {name}?",
                    f"met Ana Ruiz at {name} today, she's keen", "list key accounts", "show the portfolio",
                    "what is an economic buyer?")
        return Reply("I'm not sure what you mean. I can answer things like:", examples)

    def _which_account(self, u: Understanding, intent: str) -> NeedsChoice:
        said = u.text[u.found.ambiguous[0].start:u.found.ambiguous[0].end]
        choices = [Choice(h.candidate.name, choice_line(u, intent, h.id)) for h in u.found.ambiguous]
        if u.ambiguous_by_person:
            return NeedsChoice(f"“{said}” is at more than one account: which one?", choices, retry_command="{choice}")
        return NeedsChoice(f"Which account do you mean by “{said}”?", choices, retry_command="{choice}")

    def _which_intent(self, u: Understanding, ranked: list[Ranked], directory: Directory) -> NeedsChoice | None:
        top = ranked[0].score
        close = [r.intent for r in ranked[:3] if r.score >= top - 0.06]
        choices = []
        for intent in close:
            if self.intents.spec(intent).needs_account and u.account_id is None:
                continue
            choices.append(Choice(self.intents.spec(intent).label, choice_line(u, intent, u.account_id)))
        if len(choices) < 2:
            return None
        name = directory.account_name(u.account_id) if u.account_id else None
        question = f"What would you like{' for ' + name if name else ''}?"
        return NeedsChoice(question, choices, retry_command="{choice}")

    def _account_missing(self, u: Understanding, intent: str, directory: Directory) -> Reply:
        if u.found.suggestions:
            choices = [Choice(h.candidate.name, choice_line(u, intent, h.id)) for h in u.found.suggestions]
            names = ", ".join(h.candidate.name for h in u.found.suggestions)
            raise NeedsChoice(f"I couldn't find that account. Did you mean {names}?", choices, retry_command="{choice}")
        names = sorted(c.name for c in directory.account_candidates())
        example = _example(intent, _short(names[0]) if names else "Borealis")
        return Reply(f"Which account? Name it, e.g. “{example}”.", (), intent=intent)


def strip_pins(text: str) -> tuple[str, int | None, str | None]:
    """"#42 intent:log met Ana today" -> ("met Ana today", 42, "log")."""
    account_id = intent = None
    while m := _PIN.match(text):
        if m.group(1):
            account_id = int(m.group(1))
        else:
            intent = m.group(2)
        text = text[m.end():]
    return text, account_id, intent


_SENTENCE_END = re.compile(r"(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)[.!?;\n]+\s*")  # "Mr. Novak" is no full stop
_ASKING = re.compile(r"^\s*(?:what|how|who|which|where|when|why|should|can|could|any|anything|is|are|do|does|did|"
                     r"(?:(?:please|pls|kindly)\s+)?(?:(?:show|give|tell)\s+(?:me|us)|list|draft|pull\s+up)\b)\b", re.I)


_THERE = re.compile(r"\b(?:there|them|they|their|its|here)\b", re.I)


_CONTEXT_AFTER = re.compile(r",\s*(?:given|considering|in\s+light\s+of|because|since|now\s+that)\b", re.I)


def _question_at_end(masked: str, account_known: bool, person_known: bool) -> str | None:
    """"rough call w vantor health, they keep stalling. what should i be chasing next there": the last of
    two or more sentences, when it is a question or a request ("there" read as the account named before it);
    "what's next for Helios, given the weak scores?": the ask before the context that follows it."""
    sentences = [s for s in _SENTENCE_END.split(masked) if s.strip()]
    if len(sentences) < 2 or not _ASKING.match(sentences[-1]):
        head = _CONTEXT_AFTER.split(masked, maxsplit=1)[0]
        return head if head != masked and len(words(head)) >= 3 and _ASKING.match(head) else None
    question = sentences[-1]
    if account_known and ACCOUNT_WORD not in question:
        question = _THERE.sub(lambda m: f"{ACCOUNT_WORD}'s" if m.group(0).lower() in ("their", "its") else ACCOUNT_WORD,
                              question, count=1)
    if person_known and PERSON_WORD not in question:  # "Sofia has been cold. what do we know about her attitude?"
        question = _PERSON_PRONOUN.sub(lambda m: f"{PERSON_WORD}'s" if m.group(0).lower() == "his" else PERSON_WORD,
                                       question, count=1)
    return question


def _disambiguate_by_words(text: str, found: AccountFind) -> AccountFind:
    """"vantor, the enrgy one": a word elsewhere in the text that only one of the close names has."""
    names = {h.id: set(h.candidate.name.lower().split()) for h in found.ambiguous}
    shared = set.intersection(*names.values()) if names else set()
    typed = [w.key for w in words(text) if len(w.key) >= 4 and w.key not in STOPWORDS
             and not any(h.start <= w.start < h.end for h in found.ambiguous)]
    chosen = {h.id for h in found.ambiguous
              if any(len(part) >= 4 and fuzz.ratio(key, part) >= 80 for part in names[h.id] - shared for key in typed)}
    if len(chosen) == 1:
        return AccountFind(match=next(h for h in found.ambiguous if h.id in chosen))
    return found


def _disambiguate_by_people(text: str, found: AccountFind, directory: Directory, common: frozenset[str]) -> AccountFind:
    """"the CFO at Vantor": only one Vantor has a CFO, so that one is meant."""
    with_people = []
    for hit in found.ambiguous:
        people = [h for h in find_people(text, directory.people_of(hit.id), common)
                  if h.end <= hit.start or h.start >= hit.end]
        if people:
            with_people.append(hit)
    if len(with_people) == 1:
        return AccountFind(match=with_people[0])
    return found


def _short(name: str) -> str:
    return name.split()[0] if name else name


_EXAMPLES = {
    "account": "tell me about {a}", "score": "{a} scores", "score_set": "set {a} product fit to 8",
    "nominate": "nominate {a} as a key account", "demote": "demote {a} because volumes fell",
    "plan": "{a} plan", "swot": "swot for {a}", "next": "what's next for {a}?",
    "stakeholders": "who's the economic buyer at {a}?", "stakeholder": "add Ana Ruiz as CFO at {a}",
    "log": "met Ana Ruiz at {a} today, keen on renewal", "review": "review {a}",
}


def _example(intent: str, name: str) -> str:
    return _EXAMPLES.get(intent, "tell me about {a}").format(a=name)


def choice_line(u: Understanding, intent: str, account_id: int | None) -> str:
    """The line a choice button runs: the command itself for a plain read, else the message
    again through the router with the account and intent pinned (writes still get confirmed)."""
    intent_spec = u.intents.spec(intent)
    ref = f"#{account_id}" if account_id else ""
    plain = not intent_spec.writes and u.role is None and not u.people and intent not in ("method", "accounts", "help")
    if plain and intent_spec.command:
        return squash(f"{intent_spec.command} {ref if intent_spec.takes_account else ''}")
    return squash(f"ask {ref} {INTENT_PIN}{intent} {u.text}")


# =========================================================================== building


def build(u: Understanding, intent: str, confidence: float, directory: Directory,
          ranked: list[Ranked]) -> Route | ConfirmWrite | Reply:
    builder = _BUILDERS.get(intent, _read)
    return builder(u, intent, confidence, directory, ranked)


def _base(u: Understanding, intent: str, confidence: float, directory: Directory, line: str | None, **extra) -> Route:
    account_id = u.account_id if u.intents.spec(intent).takes_account else None  # help, lists, the method: no account's
    name = directory.account_name(account_id) if account_id else None
    return Route(intent=intent, command_line=line, account_id=account_id,
                 stakeholder_id=u.person.id if u.person else None, confidence=round(min(confidence, 1.0), 3), text=u.text,
                 account_name=name, stakeholder_name=u.person.name if u.person else None, **extra)


def _read(u, intent, confidence, directory, ranked) -> Route:
    spec = u.intents.spec(intent)
    command = spec.command
    line = f"{command} #{u.account_id}" if spec.takes_account and u.account_id else command
    if spec.cues or spec.takes_text:  # "which non-key accounts grow fastest?" -> growth non-key
        said = u.text[u.command_end:] if u.command == command else u.text
        line = squash(" ".join([line, *cued_words(said, spec.cues), said if spec.takes_text else ""]))
    return _base(u, intent, confidence, directory, line)


def _help(u, intent, confidence, directory, ranked) -> Route:
    topic = slots.help_topic(u.text[u.command_end:] if u.command == "help" else u.text)
    return _base(u, intent, confidence, directory, f"help {topic}" if topic else "help")


def _accounts(u, intent, confidence, directory, ranked) -> Route:
    choice = slots.accounts_choice(u.text)
    if choice == "key" and u.query:
        choice = slots.accounts_choice(u.query)  # "show the regualr tier": the tier read with typos mended
    return _base(u, intent, confidence, directory, f"accounts {choice}")


def _portfolio(u, intent, confidence, directory, ranked) -> Route:
    check = re.search(r"\bcheck\b|\bcriteria\b", u.text, re.I)
    return _base(u, intent, confidence, directory, "portfolio check" if check else "portfolio")


def _method(u, intent, confidence, directory, ranked) -> Route:
    return _base(u, intent, confidence, directory, None)


def _stakeholders(u, intent, confidence, directory, ranked) -> Route:
    role = u.role.role.value if u.role else None
    return _base(u, intent, confidence, directory, f"stakeholders #{u.account_id}", role_filter=role,
                 role_plural=bool(u.role and u.role.plural))


def _alternatives(u: Understanding, ranked: list[Ranked], intent: str) -> tuple[tuple[str, str], ...]:
    if not ranked:
        return ()
    top = ranked[0].score
    return tuple((u.intents.spec(r.intent).label, choice_line(u, r.intent, u.account_id)) for r in ranked[:3]
                 if r.intent != intent and r.score >= top - 0.05 and not u.intents.spec(r.intent).writes
                 and r.intent != "method" and (u.account_id or not u.intents.spec(r.intent).needs_account))


def _confirm(u, intent, confidence, directory, ranked, summary: str, line: str) -> ConfirmWrite:
    return ConfirmWrite(summary=summary, command_line=squash(line), intent=intent, account_id=u.account_id,
                        stakeholder_id=u.person.id if u.person else None, confidence=round(min(confidence, 1.0), 3),
                        alternatives=_alternatives(u, ranked, intent))


def _log(u, intent, confidence, directory, ranked):
    body = u.text  # "log that ...", "log: ..." lead-ins go in slots.log_text
    if u.command == "log" and u.account is not None and u.account_source == "text" and _only_gap_before(u):
        body = u.text[u.account.end:]  # "log borealis met Petra": the account is the command's argument
    body = slots.log_text(body, u.person if u.person_from_memory else None)
    if not words(body):
        return _read(u, intent, confidence, directory, ranked)  # no text: the log form opens
    name = directory.account_name(u.account_id)
    summary = f"Log a meeting at {name}: “{body}”"
    return _confirm(u, intent, confidence, directory, ranked, summary, f"log #{u.account_id} {body}")


def _account_span(u: Understanding) -> tuple[int, int] | None:
    """Where the text names its account ("product fit for kestrel is 3": the value skips over it)."""
    return (u.account.start, u.account.end) if u.account is not None and u.account_source == "text" else None


def _only_gap_before(u: Understanding) -> bool:
    between = words(u.text[u.command_end:u.account.start])
    return all(w.key in _COMMAND_ARG_GAP for w in between)


def _stakeholder(u, intent, confidence, directory, ranked):
    names = [c.name for c in directory.account_candidates() if c.id == u.account_id]
    edit = slots.stakeholder_edit(u.text, u.person, names)
    if not edit.name and u.person is None and u.query:  # "ad Tim Cole as CTO": the new name read with the verb mended
        edit = slots.stakeholder_edit(u.query, None, [*names, ACCOUNT_WORD])
    if not edit.fields and u.query:  # "set erik dahl's infleunce to 4": the fields read with typos mended
        edit = slots.StakeholderEdit(edit.name, slots.stakeholder_edit(u.query, None, names).fields)
    name = directory.account_name(u.account_id)
    if not edit.name:
        return Reply(f"Who should I add to {name}'s map? Say e.g. “add Ana Ruiz as CFO at {_short(name)}, "
                     "economic buyer, supportive”.", intent=intent, account_id=u.account_id)
    if not edit.fields and u.person is not None:
        if _EDIT.search(u.query or u.text) and (not _QUESTION.search(u.text) or REQUEST.search(u.text)):
            # "make me the relationship owner for Henrik Lund": a change the words do not spell out: the person's form
            return _base(u, intent, confidence, directory, f"stakeholder #{u.account_id} {u.person.name}")
        return _stakeholders(u, "stakeholders", confidence, directory, ranked)
    fields = " ".join(f'{k}="{v}"' if " " in v else f"{k}={v}" for k, v in edit.fields.items())
    described = ", ".join(f"{k.replace('_', ' ')} {v.replace('_', ' ')}" for k, v in edit.fields.items())
    verb = "Update" if u.person is not None else "Add"
    summary = f"{verb} {edit.name} on {name}'s stakeholder map" + (f": {described}" if described else "")
    return _confirm(u, intent, confidence, directory, ranked, summary,
                    f"stakeholder #{u.account_id} {edit.name} {fields}")


def _nominate(u, intent, confidence, directory, ranked):
    span = (u.account.start, u.account.end) if u.account and u.account_source == "text" else None
    text = u.text[u.command_end:] if u.command else u.text
    span = (span[0] - u.command_end, span[1] - u.command_end) if span and u.command else span
    why = slots.reason(text, span, nominate=True)
    name = directory.account_name(u.account_id)
    summary = f"Ask to make {name} a key account (a sponsor or admin approves)" + (f": “{why}”" if why else "")
    return _confirm(u, intent, confidence, directory, ranked, summary, f"nominate #{u.account_id} {why}")


MIN_REASON = 10  # the selection service's minimum for a written demotion reason


def _demote(u, intent, confidence, directory, ranked):
    span = (u.account.start, u.account.end) if u.account and u.account_source == "text" else None
    text = u.text[u.command_end:] if u.command else u.text
    span = (span[0] - u.command_end, span[1] - u.command_end) if span and u.command else span
    why = slots.reason(text, span, nominate=False)
    name = directory.account_name(u.account_id)
    if len(why) < MIN_REASON:
        return Reply(f"Ending key status for {name} needs a written reason. Say e.g. “demote {_short(name)} "
                     "because volumes fell 60% and there is no growth plan”.", intent=intent, account_id=u.account_id)
    summary = f"Ask to end key status for {name} (needs an approval; it is announced): “{why}”"
    return _confirm(u, intent, confidence, directory, ranked, summary, f"demote #{u.account_id} {why}")


def _score_set(u, intent, confidence, directory, ranked):
    criteria = directory.criteria()
    values = slots.score_values(u.text, criteria, _account_span(u))
    if not values:
        return _read(u, "score", confidence, directory, ranked)
    labels = {c.key: c.label for c in criteria}
    name = directory.account_name(u.account_id)
    described = ", ".join(f"{labels[k]} {v}" for k, v in values.items())
    line = f"score #{u.account_id} " + " ".join(f"{k}={v}" for k, v in values.items())
    return _confirm(u, intent, confidence, directory, ranked, f"Set scores for {name}: {described}", line)


def _revenue(u, intent, confidence, directory, ranked):
    count = slots.quarters_asked(u.text)  # "profit on X over the last 6 quarters" -> 6
    line = f"revenue #{u.account_id}" + (f" {count} quarters" if count else "")
    return _base(u, intent, confidence, directory, line)


def _person_fact(u, intent, confidence, directory, ranked):
    """"who does Lars report to?" -> `reports Lars Henriksen at #42`: the person found, in their account."""
    who = u.person.name if u.person else _without_account(u)
    place = f" at #{u.account_id}" if u.account_id else ""
    return _base(u, intent, confidence, directory, squash(f"{u.intents.spec(intent).command} {who}{place}"))


def _without_account(u: Understanding) -> str:
    span = _account_span(u)
    return u.text if span is None else f"{u.text[:span[0]]} {u.text[span[1]:]}"


_SINCE_DAY = re.compile(r"\b(?:since|from|after)\s+(.+?)\s*[?.!]*$", re.I)


def _changes(u, intent, confidence, directory, ranked):
    m = _SINCE_DAY.search(_without_account(u))
    line = f"changes #{u.account_id}" + (f" since {squash(m.group(1))}" if m else "")
    return _base(u, intent, confidence, directory, line)


_BUILDERS = {
    "help": _help, "accounts": _accounts, "portfolio": _portfolio, "method": _method,
    "stakeholders": _stakeholders, "stakeholder": _stakeholder, "log": _log, "nominate": _nominate,
    "demote": _demote, "score_set": _score_set,
    "revenue": _revenue, "reports": _person_fact, "attitude": _person_fact, "changes": _changes,
}

__all__ = ["Router", "Route", "ConfirmWrite", "Reply", "UNKNOWN"]
