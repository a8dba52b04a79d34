"""The Iqra rules as checks over one message's signals (computed once, cheap ones first).

The rules that word lists and targets detect are declared in ``iqra.toml`` and judged here by
the policy-file machinery (`declared`), over the same signals; the rest are Python.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

import attrs

from civility.detectors import lexicon as kit
from civility.detectors.domains import ALLOWED, DomainCategory, classify_domain
from civility.detectors.email import find_email_quote, mentions_email
from civility.detectors.normalise import NormalisedText
from civility.detectors.scorer import Scorer
from civility.detectors.signals import shouting
from civility.detectors.targets import Target, find_targets
from civility.detectors.wordlist import Matches, tokens
from civility.plugins.iqra import patterns
from civility.plugins.iqra.rules import BY_ID, DOCUMENT
from civility.policy_file import detect_evidence
from civility.verdicts import Evidence, Severity, Verdict

_MILD = frozenset({"damn", "dammit", "crap", "crappy", "bloody hell", "ffs", "wtf", "omfg", "fml"})
_WEAK = "|".join(sorted((re.escape(w) for w in kit.WEAK_INSULTS), key=len, reverse=True))
_AT_PERSON = re.compile(
    r"\b(?:you(?:'?re| are)?|ur|u r|your|ya|she(?:'?s| is)|he(?:'?s| is)|they(?:'?re| are)|tum|tu"
    r"|what an?|such an?|bloody|absolute|total|proper)\b(?:\W+\w+){0,3}?\W+(?:" + _WEAK + r")\b")
_DISREPUTE_NEAR = re.compile(
    r"\b(?:this|the|our|iqra|what a|worst)\s+(?:school|place)\b(?:\W+\w+){0,4}?\W+"
    r"(?:terrible|awful|shocking|pathetic|useless|rubbish|failing|a joke|joke|bekar|ghatiya|"
    r"faltu|mess|worst|disgrace)\b")
_CAPITAL = re.compile(r"(?<![A-Za-z.'])(?<!Mr )(?<!Mrs )(?<!Ms )(?<!Miss )(?<!Sir )([A-Z][a-z]{2,})\b")
_NOT_NAMES = frozenset([
    "The", "This", "That", "These", "Those", "There", "Their", "They", "Then", "When", "What",
    "Where", "Which", "Who", "Why", "How", "Has", "Have", "Had", "Does", "Did", "Was", "Were",
    "Are", "Is", "Can", "Could", "Would", "Should", "Will", "Just", "Please", "Thanks", "Thank",
    "Anyone", "Someone", "His", "Her", "Hers", "Him", "She", "Our", "Your", "You", "Yours",
    "Mine", "Not", "And", "But", "Also", "Any", "All", "Some", "Today", "Tomorrow", "Yesterday",
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
    "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December", "Year", "Reception", "Class", "School", "Teacher", "Miss", "Mrs",
    "Mr", "Ms", "Sir", "Head", "Office", "Eid", "Ramadan", "Mubarak", "Jazakallah",
    "Jazakallahu", "Khair", "Inshallah", "Mashallah", "Alhamdulillah", "Allah", "Salam",
    "Salaam", "Assalamualaikum", "Walaikum", "Bismillah", "Quran", "Islam", "Muslim", "Iqra",
    "Slough", "English", "Maths", "Science", "Art", "Music", "Hello", "Dear", "Sorry", "Okay",
    "Yes", "Yeah", "Omg", "Lol", "Hope", "Good", "Well", "Sure", "Hey", "Apparently",
    "Apologies", "Really", "Honestly", "Sent", "Kind", "Regards", "Best", "Many", "Much",
    "Very", "Only", "After", "Before", "During", "Since", "From", "With", "Without", "About",
    "Into", "Over", "Under", "Again", "Never", "Always", "Every", "Everyone", "Nobody", "Guys",
    "Ladies", "Sisters", "Brothers", "Mums", "Dads", "Parents", "Children", "Kids", "Boys",
    "Girls", "Home",
])


@attrs.frozen
class Signals:
    """Everything the checks look at, worked out once per message."""

    text: str
    nt: NormalisedText
    found: Matches
    links: tuple[str, ...]
    settings: Mapping[str, Any]
    #: The words of ``nt`` (`civility.detectors.wordlist.tokens`), shared with the scorer.
    toks: list[bytes] = attrs.field(factory=list)
    _targets: list[list[Target]] = attrs.field(factory=list, alias="_targets")

    def targets(self) -> list[Target]:
        if not self._targets:  # worked out at most once, and only when a rule needs it
            self._targets.append(find_targets(
                self.text, staff_names=self.settings.get("staff_names", ()),
                child_names=self.settings.get("child_names", ())))
        return self._targets[0]

    def ev(self, *names: str) -> tuple[Evidence, ...]:
        return tuple(e for n in names for e in self.found.evidence(n))


def verdict(rule_id: str, confidence: float, evidence: tuple[Evidence, ...] | list[Evidence],
            severity: Severity | None = None) -> Verdict:
    rule = BY_ID[rule_id]
    return Verdict(rule_id, rule.clause, severity or rule.severity, round(confidence, 2),
                   tuple(evidence))


def offensive_language(s: Signals) -> Verdict | None:
    words = s.found.get("profanity")
    if words:
        conf = 0.7 if set(words) <= _MILD else 0.9
        return verdict("iqra.offensive-language", conf, s.ev("profanity"))
    if s.found.has("anger") and s.found.has("insult", "weak_insult", "negative"):
        shout = shouting(s.text)
        if shout:
            return verdict("iqra.offensive-language", 0.65, (shout, *s.ev("anger")))
    return None


def abuse(s: Signals) -> Verdict | None:
    at_person = s.found.has("person")
    if s.found.has("insult"):
        return verdict("iqra.abuse", 0.85 if at_person else 0.7, s.ev("insult", "person"))
    if s.found.has("weak_insult"):
        m = _AT_PERSON.search(s.nt.text)
        if m:
            a, b = s.nt.original_span(m.start(), m.end())
            return verdict("iqra.abuse", 0.8, (Evidence("insult-at-person", s.text[a:b], a, b,
                                                        "an insult aimed at someone"),))
    return None


def defamation(s: Signals) -> Verdict | None:
    if s.found.has("threat"):
        return verdict("iqra.defamation", 0.85, s.ev("threat"), Severity.SEVERE)
    if s.found.has("accuse"):
        people = [t.evidence for t in s.targets() if t.kind in ("staff", "parent")]
        if people or s.found.has("school"):
            return verdict("iqra.defamation", 0.8, (*s.ev("accuse"), *people))
    return None


def disrepute(s: Signals) -> Verdict | None:
    if not s.found.has("disrepute") or not s.found.has("school"):
        return None
    strong = set(s.found.get("disrepute")) - set(patterns.NEGATIVE) - {"avoid", "failing"}
    if strong:
        return verdict("iqra.disrepute", 0.8, s.ev("school", "disrepute"))
    m = _DISREPUTE_NEAR.search(s.nt.text)
    if m:
        return verdict("iqra.disrepute", 0.7, (Evidence("disrepute", s.nt.excerpt(*m.span()),
                                                        *s.nt.original_span(*m.span())),))
    return None


def individual_child(s: Signals) -> Verdict | None:
    if not s.found.has("incident"):
        return None
    children = [t.evidence for t in s.targets() if t.kind == "child"]
    if not children:
        for m in _CAPITAL.finditer(s.text):
            if m.group(1) not in _NOT_NAMES:
                children.append(Evidence("target:name", m.group(1), m.start(), m.end(), "child"))
                break
    if not children:
        return None
    return verdict("iqra.individual-child", 0.7, (*children[:2], *s.ev("incident")))


class _Found:
    """The Iqra lexicon's matches, by the list names a policy file uses
    (`civility.policy_file.Found`)."""

    __slots__ = ("matches",)

    def __init__(self, matches: Matches) -> None:
        self.matches = matches

    def has(self, name: str) -> bool:
        return self.matches.has(patterns.LEXICON_NAMES.get(name, name))

    def count(self, name: str) -> int:
        return len(self.matches.get(patterns.LEXICON_NAMES.get(name, name)))

    def evidence(self, name: str) -> list[Evidence]:
        return self.matches.evidence(patterns.LEXICON_NAMES.get(name, name))


def declared(rule_id: str) -> Callable[[Signals], Verdict | None]:
    """The check for a rule ``iqra.toml`` declares: its ``[[rules.detect]]`` tables, in order."""
    item = DOCUMENT.rule(rule_id)
    if not item.detects:
        raise ValueError(f"{rule_id} is detected in code, not in iqra.toml")

    # Its lists by the lexicon's names: a table that needs a list the message lacks is skipped
    # before the general machinery is asked (the common case, and a hot path).
    needs = [(d, tuple(patterns.LEXICON_NAMES.get(n, n) for n in (*d.lists, *d.quiet)))
             for d in item.detects]
    for detect, _ in needs:
        if (detect.words or detect.links or detect.deny_domains or detect.email_quote
                or detect.shouting or detect.model):
            raise ValueError(f"{rule_id}: the Iqra checks judge word lists and targets only")

    def check(s: Signals) -> Verdict | None:
        matches = s.found
        for detect, names in needs:
            if detect.match == "all":
                if not all(n in matches.found for n in names):
                    continue
            elif not matches.has(*names):
                continue
            evidence = detect_evidence(detect, _Found(matches), text=s.text, links=s.links,
                                       targets=s.targets)
            if evidence is not None:
                return item.verdict(detect, evidence)
        return None

    check.__name__ = check.__qualname__ = rule_id.partition(".")[2].replace("-", "_")
    return check


grievance = declared("iqra.grievance")
policy_challenge = declared("iqra.policy-challenge")
politics = declared("iqra.politics")
cultural_respect = declared("iqra.cultural-respect")


def private_email(s: Signals, extra_text: str = "") -> Verdict | None:
    return email_verdict(s.text, extra_text)


def email_verdict(text: str, extra_text: str = "") -> Verdict | None:
    """`private_email` for a message's text alone (and text read from its images)."""
    quote = find_email_quote(text) or (find_email_quote(extra_text) if extra_text else None)
    if quote:
        return verdict("iqra.private-email", 0.9, (quote,))
    said = mentions_email(text)
    if said:
        return verdict("iqra.private-email", 0.75, (said,))
    return None


def _categories(s: Signals) -> list[tuple[str, DomainCategory]]:
    allowed = s.settings.get("allowed_domains", ())
    denied = s.settings.get("denied_domains", ())
    return [(u, classify_domain(u, allowed=allowed, denied=denied)) for u in s.links]


def solicitation(s: Signals, cats: list[tuple[str, DomainCategory]]) -> Verdict | None:
    school = s.found.has("school_context")
    ev = [Evidence("link", u, detail=c.value) for u, c in cats
          if c in (DomainCategory.PETITION, DomainCategory.FUNDRAISER)]
    if ev:
        return verdict("iqra.solicitation", 0.55 if school else 0.85, (*ev, *s.ev("campaign")))
    if school:
        return None
    shop = any(c in (DomainCategory.SHOP, DomainCategory.AFFILIATE, DomainCategory.UNKNOWN)
               for _, c in cats)
    weak = s.found.get("commerce_weak")
    if s.found.has("commerce") or len(weak) >= 2 or (weak and shop):
        return verdict("iqra.solicitation", 0.8, s.ev("commerce", "commerce_weak"))
    if s.found.has("campaign") or len(s.found.get("campaign_weak")) >= 2:
        return verdict("iqra.solicitation", 0.75, s.ev("campaign", "campaign_weak"))
    return None


def off_topic_link(s: Signals, cats: list[tuple[str, DomainCategory]]) -> Verdict | None:
    relevant = s.found.has("education", "school_context")
    fun = s.found.has("fun")
    selling = s.found.has("commerce", "commerce_weak")
    for url, cat in cats:
        if cat in ALLOWED or cat in (DomainCategory.PETITION, DomainCategory.FUNDRAISER):
            continue
        ev = Evidence("link", url, detail=f"{cat.value} site")
        if cat in (DomainCategory.SHOP, DomainCategory.AFFILIATE, DomainCategory.ENTERTAINMENT):
            return verdict("iqra.off-topic-link", 0.65 if relevant else 0.8, (ev,))
        if cat is DomainCategory.SOCIAL and not relevant:
            return verdict("iqra.off-topic-link", 0.75, (ev,))
        if cat is DomainCategory.SHORTENER and not relevant:
            return verdict("iqra.off-topic-link", 0.6, (ev,))
        if cat in (DomainCategory.VIDEO, DomainCategory.UNKNOWN) and (fun or selling) \
                and not relevant:
            return verdict("iqra.off-topic-link", 0.7, (ev, *s.ev("fun", "commerce_weak")))
    return None


def model_opinion(s: Signals, scorer: Scorer, threshold: float) -> Verdict | None:
    """The statistical scorer's say, asked only when cheap signals hint at hostility."""
    if not s.found.has("weak_insult", "anger", "negative", "stereotype", "accuse", "incident",
                       "urdu"):
        return None
    toks = s.toks or tokens(s.nt.text)
    p = scorer.score_tokens(toks)
    if p < threshold:
        return None
    ev = scorer.explain_tokens(toks, score=p)
    rule = "iqra.abuse" if s.found.has("person") else "iqra.offensive-language"
    return verdict(rule, 0.6 if p < (1 + threshold) / 2 else 0.7, (ev,))


#: Lists that can start a rule on their own; a message hitting none of them is left alone.
TRIGGERS = frozenset({
    "threat", "profanity", "insult", "weak_insult", "anger", "politics", "politics_weak",
    "slur", "stereotype", "negative", "accuse", "disrepute", "challenge", "incident",
    "commerce", "commerce_weak", "campaign", "campaign_weak",
})

TEXT_CHECKS: tuple[Callable[[Signals], Verdict | None], ...] = (
    offensive_language, abuse, defamation, grievance, disrepute, policy_challenge,
    individual_child, politics, cultural_respect,
)
