"""A school's policy written as a TOML file instead of Python.

A policy file names the policy, its rules (id, title, clause, where the clause sits, severity,
notice) and what detects each rule, built from the detector kit: word lists with the kit's evasion
handling (the kit's own and the file's ``[lists]``), link domain classes and allow/deny lists,
copied e-mails, shouting, a learned model's probability for a rule, and the kit's targets
(staff, child, parent) as a condition. ``[policy] files = ["our-code.toml"]`` in the config
loads it; the policy then runs under its own name, like any plugin. The built-in Iqra policy
keeps its catalogue, word lists and simple rules in such a file too (``detect = "code"`` marks
the rules its Python detects), and judges them with `detect_evidence`.

The file is watched: when it changes, the next message re-reads it (checked at most every
`RELOAD_CHECK_SECONDS`), and ``civility run`` re-reads it at once on SIGHUP. A file that no
longer reads keeps the rules it had, and says why once.
"""

from __future__ import annotations

import os
import string
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

import attrs
import structlog

from civility import rule_models
from civility._ladder import civility_decide as ladder_decide
from civility._tables import ConfigError, Table, nearest, read_toml
from civility.config import LadderSettings
from civility.context import PolicyContext
from civility.detectors import lexicon as kit_lists
from civility.detectors.domains import DomainCategory, classify_domain, domain_of
from civility.detectors.email import find_email_quote
from civility.detectors.normalise import normalise
from civility.detectors.signals import shouting
from civility.detectors.targets import Target, find_targets
from civility.detectors.wordlist import Lexicon, Matches
from civility.events import Message
from civility.hookspecs import hookimpl
from civility.notices import civility_notice as builtin_notice
from civility.notices import fill
from civility.verdicts import Decision, Evidence, Rule, Severity, Step, Verdict

__all__ = ["KIT_LISTS", "Detect", "FilePolicy", "Found", "PolicyDocument", "PolicyFileError",
           "detect_evidence", "load_policy_file", "read_policy",
           "reload_policy_files"]

log = structlog.get_logger()

RELOAD_CHECK_SECONDS = 2.0

#: The detector kit's word lists a policy file can name in ``lists`` (the one place they are
#: combined: the Iqra policy's lexicon is built from these too).
KIT_LISTS: Mapping[str, tuple[str, ...]] = {
    "profanity": kit_lists.PROFANITY_EN + kit_lists.PROFANITY_UR,
    "insults": kit_lists.INSULTS_EN + kit_lists.INSULTS_UR,
    "mild-insults": kit_lists.WEAK_INSULTS,
    "threats": kit_lists.THREATS,
    "anger": kit_lists.ANGER,
    "second-person": kit_lists.SECOND_PERSON,
    "politics": kit_lists.POLITICS,
    "politics-weak": kit_lists.POLITICS_WEAK,
    "communities": kit_lists.GROUPS,
}
TARGET_KINDS = ("staff", "child", "parent")
#: Placeholders a notice may use.
NOTICE_FIELDS = ("school", "concerns_route", "contact", "clause", "where", "title")
POLICY_KEYS = ("name", "title", "document")
RULE_KEYS = ("id", "title", "clause", "where", "severity", "notice", "confidence", "action",
             "detect")
DETECT_KEYS = ("words", "lists", "links", "allow_domains", "deny_domains", "email_quote",
               "shouting", "model", "min_probability", "about", "match", "also", "quiet",
               "unless", "min_words", "confidence")
#: How a detect table's triggers combine.
MATCH_MODES = ("any", "all")
#: ``detect = "code"``: the rule is detected by the Python policy that loads the file.
CODE = "code"
LADDER_KEYS = tuple(f.name for f in attrs.fields(LadderSettings))
_STEPS = [s.value for s in Step if s not in (Step.REMOVE, Step.REPORT_INCIDENT, Step.HOLD)]


class PolicyFileError(ConfigError):
    """A policy file is wrong; the message names the file, the rule and the key."""

    @classmethod
    def of(cls, error: ConfigError) -> PolicyFileError:
        """The same error (message included) as a policy-file error."""
        new = cls(error.file, error.key, error.expected)
        new.args, new.detail = error.args, error.detail
        return new


@attrs.frozen
class Detect:
    """One way a rule fires: its triggers (any or all of them), and the conditions around them
    (``about`` targets, ``also`` and ``unless`` lists, at least ``min_words`` words)."""

    words: tuple[str, ...] = ()
    lists: tuple[str, ...] = ()
    links: frozenset[DomainCategory] = frozenset()
    allow_domains: tuple[str, ...] = ()
    deny_domains: tuple[str, ...] = ()
    email_quote: bool = False
    shouting: bool = False
    #: A learned model's rule (``iqra.grievance``), firing at ``min_probability`` or more.
    model: str = ""
    min_probability: float = 0.5
    about: tuple[str, ...] = ()
    match: str = "any"
    #: Lists that must also match (a condition: their words are not evidence).
    also: tuple[str, ...] = ()
    #: Lists that count as triggers but whose words are not shown as evidence.
    quiet: tuple[str, ...] = ()
    #: Lists that stop this way of firing when they match.
    unless: tuple[str, ...] = ()
    #: At least this many different entries of ``words`` and ``lists`` found.
    min_words: int = 1
    #: This way's confidence (None: the rule's).
    confidence: float | None = None


@attrs.frozen
class FileRule:
    rule: Rule
    #: The ways the rule fires, tried in order (empty: detected in code, ``detect = "code"``).
    detects: tuple[Detect, ...]
    confidence: float
    action: Step | None

    def verdict(self, detect: Detect, evidence: Sequence[Evidence]) -> Verdict:
        rule = self.rule
        confidence = self.confidence if detect.confidence is None else detect.confidence
        return Verdict(rule.id, rule.clause, rule.severity, round(confidence, 2),
                       tuple(evidence), self.action)


@attrs.frozen
class PolicyDocument:
    """A policy file as read: its name, word lists, rules and ladder overrides."""

    name: str
    title: str
    document: str
    rules: tuple[FileRule, ...]
    ladder: Mapping[str, Any]
    source: str
    #: The file's own word lists (``[lists]``), in the file's order.
    lists: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict)

    def rule(self, rule_id: str) -> FileRule:
        return next(r for r in self.rules if r.rule.id == rule_id)


def _error(table: Table, key: str, expected: str, got: object = attrs.NOTHING,
           hint: str = "") -> PolicyFileError:
    return PolicyFileError.of(table.error(key, expected, got, hint=hint))


def _checked(call: Any, *args: Any, **kwargs: Any) -> Any:
    try:
        return call(*args, **kwargs)
    except PolicyFileError:
        raise
    except ConfigError as exc:
        raise PolicyFileError.of(exc) from exc


def _name_ok(name: str) -> bool:
    return bool(name) and all(c.isalnum() or c in "-_" for c in name)


def _notice(table: Table) -> str:
    text: str = _checked(table.str, "notice", "")
    try:
        fields = {f for _, f, _, _ in string.Formatter().parse(text) if f is not None}
    except ValueError as exc:
        raise _error(table, "notice", "text with {placeholders} in braces", str(exc)) from exc
    unknown = sorted(fields - set(NOTICE_FIELDS))
    if unknown:
        raise _error(table, "notice", "placeholders among " + ", ".join(
            "{" + f + "}" for f in NOTICE_FIELDS), "{" + unknown[0] + "}")
    return text


def _list_names(table: Table, key: str, own: Mapping[str, Any]) -> tuple[str, ...]:
    names = tuple(_checked(table.strings, key, []))
    known = [*KIT_LISTS, *own]
    for name in names:
        if name not in known:
            raise _error(table, key, "names of the kit's lists (" + ", ".join(KIT_LISTS) + ")"
                         + (" or of this file's [lists]" if own else ""), name,
                         hint=nearest(name, known))
    return names


def _model(table: Table) -> tuple[str, float]:
    name: str = _checked(table.str, "model", "")
    if not name:
        if "min_probability" in table.data:
            raise _error(table, "min_probability", "min_probability only beside model")
        return "", 0.5
    known = rule_models.labels_of(name)
    if name not in known:
        raise _error(table, "model", "a rule of a learned model: " + (", ".join(known) or (
            "none is installed for " + repr(name.partition(".")[0]))), name,
            hint=nearest(name, known))
    default = rule_models.threshold_of(name)
    least: float = _checked(table.float, "min_probability", default)
    if least > 1:
        raise _error(table, "min_probability", "a probability between 0 and 1", least)
    return name, least


def _detect(table: Table, own: Mapping[str, Any]) -> Detect:
    _checked(table.no_other_keys, *DETECT_KEYS)
    links: list[DomainCategory] = []
    for name in _checked(table.strings, "links", []):
        try:
            links.append(DomainCategory(name))
        except ValueError:
            raise _error(table, "links", "link classes among " + ", ".join(
                c.value for c in DomainCategory), name) from None
    about = tuple(_checked(table.strings, "about", []))
    for kind in about:
        if kind not in TARGET_KINDS:
            raise _error(table, "about", "targets among " + ", ".join(TARGET_KINDS), kind)
    model, least = _model(table)
    confidence = _checked(table.float, "confidence", -1.0) if "confidence" in table.data \
        else None
    if confidence is not None and confidence > 1:
        raise _error(table, "confidence", "a number between 0 and 1", confidence)
    detect = Detect(
        words=tuple(w.lower() for w in _checked(table.strings, "words", []) if w.strip()),
        lists=_list_names(table, "lists", own), links=frozenset(links),
        allow_domains=tuple(d.lower() for d in _checked(table.strings, "allow_domains", [])),
        deny_domains=tuple(d.lower() for d in _checked(table.strings, "deny_domains", [])),
        email_quote=_checked(table.bool, "email_quote", False),
        shouting=_checked(table.bool, "shouting", False), model=model, min_probability=least,
        about=about, match=_checked(table.str, "match", "any", choices=list(MATCH_MODES)),
        also=_list_names(table, "also", own), quiet=_list_names(table, "quiet", own),
        unless=_list_names(table, "unless", own),
        min_words=_checked(table.int, "min_words", 1, minimum=1), confidence=confidence)
    if not (detect.words or detect.lists or detect.quiet or detect.links or detect.deny_domains
            or detect.email_quote or detect.shouting or detect.model):
        raise _error(table, "words", "at least one way to detect the rule (words, lists, quiet, "
                     "links, deny_domains, email_quote, shouting or model)")
    return detect


def _detects(named: Table, own: Mapping[str, Any], code_rules: bool) -> tuple[Detect, ...]:
    value = named.data.get("detect")
    if value == CODE:
        if not code_rules:
            raise _error(named, "detect", "a [rules.detect] table (detect = \"code\" is for a "
                         "Python policy that loads this file and detects the rule itself)", value)
        return ()
    if isinstance(value, list):
        tables = _checked(named.tables, "detect")
        if not tables:
            raise _error(named, "detect", "at least one [[rules.detect]] table")
        return tuple(_detect(t, own) for t in tables)
    return (_detect(_checked(named.table, "detect", required=True), own),)


def _rule(table: Table, policy: str, seen: set[str], own: Mapping[str, Any],
          code_rules: bool) -> FileRule:
    rule_id = _checked(table.str, "id")
    named = Table(table.data, f'rules "{rule_id}"', table.file, table.env)
    _checked(named.no_other_keys, *RULE_KEYS)
    if not rule_id.startswith(policy + "."):
        raise _error(named, "id", f'an id starting with the policy name ("{policy}.")', rule_id)
    if rule_id in seen:
        raise _error(named, "id", "an id used by one rule only", rule_id)
    seen.add(rule_id)
    severity = _checked(named.str, "severity", "medium", choices=[s.label for s in Severity])
    action = _checked(named.str, "action", "", choices=["", *_STEPS])
    confidence = _checked(named.float, "confidence", 0.9)
    if confidence > 1:
        raise _error(named, "confidence", "a number between 0 and 1", confidence)
    rule = Rule(id=rule_id, title=_checked(named.str, "title"), clause=_checked(named.str, "clause"),
                clause_ref=_checked(named.str, "where", ""), severity=Severity[severity.upper()],
                notice=_notice(named))
    return FileRule(rule, _detects(named, own, code_rules), confidence,
                    Step(action) if action else None)


def _own_lists(root: Table) -> dict[str, tuple[str, ...]]:
    table = _checked(root.table, "lists")
    own: dict[str, tuple[str, ...]] = {}
    for name in table.data:
        if not _name_ok(name) or name in KIT_LISTS:
            raise _error(table, name, "a new list name of letters, digits, - or _ (not one of "
                         "the kit's: " + ", ".join(KIT_LISTS) + ")", name)
        words = tuple(w.lower() for w in _checked(table.strings, name) if w.strip())
        if not words:
            raise _error(table, name, "a list of words and phrases", [])
        own[name] = words
    return own


def parse_policy(data: Mapping[str, Any], source: str, *,
                 code_rules: bool = False) -> PolicyDocument:
    root = Table(data, "", source)
    _checked(root.no_other_keys, "policy", "ladder", "lists", "rules")
    head = _checked(root.table, "policy", required=True)
    _checked(head.no_other_keys, *POLICY_KEYS)
    name = _checked(head.str, "name")
    if not _name_ok(name):
        raise _error(head, "name", "a short name of letters, digits, - or _", name)
    ladder = _checked(root.table, "ladder")
    _checked(ladder.no_other_keys, *LADDER_KEYS)
    overrides: dict[str, Any] = {}
    for key in LADDER_KEYS:
        if key in ladder.data:
            default = getattr(LadderSettings(), key)
            overrides[key] = (_checked(ladder.bool, key) if isinstance(default, bool)
                              else _checked(ladder.float, key))
    merged = attrs.evolve(LadderSettings(), **overrides)
    if not merged.caution_at <= merged.review_at <= merged.propose_removal_at:
        raise _error(ladder, "caution_at", "caution_at <= review_at <= propose_removal_at")
    if merged.min_confidence > 1:
        raise _error(ladder, "min_confidence", "a number between 0 and 1", merged.min_confidence)
    own = _own_lists(root)
    seen: set[str] = set()
    rules = tuple(_rule(t, name, seen, own, code_rules) for t in _checked(root.tables, "rules"))
    if not rules:
        raise _error(root, "rules", "at least one [[rules]] table")
    return PolicyDocument(name=name, title=_checked(head.str, "title", name),
                          document=_checked(head.str, "document", ""), rules=rules,
                          ladder=overrides, source=source, lists=own)


def read_policy(path: Path, *, code_rules: bool = False) -> PolicyDocument:
    """Read and validate one policy file; errors name the file, the rule and the key.
    ``code_rules``: the caller is a Python policy that detects ``detect = "code"`` rules."""
    return parse_policy(_checked(read_toml, path, "TOML policy file"), str(path),
                        code_rules=code_rules)


class Found(Protocol):
    """The word lists found in one message, by the names a policy file uses."""

    def has(self, name: str) -> bool:
        """Some entry of the list (a kit list, a ``[lists]`` one, or a rule's words) is in it."""
        ...

    def count(self, name: str) -> int:
        """How many different entries of the list are in it."""
        ...

    def evidence(self, name: str) -> list[Evidence]:
        """Each entry of the list found, with its place in the message."""
        ...


def _links(d: Detect, links: Sequence[str]) -> list[Evidence]:
    out: list[Evidence] = []
    for url in links:
        host = domain_of(url)
        if any(host == x or host.endswith("." + x) for x in d.deny_domains):
            out.append(Evidence("link", url, detail="a domain this policy does not allow"))
            continue
        category = classify_domain(url, allowed=d.allow_domains)
        if category in d.links:
            out.append(Evidence("link", url, detail=f"a {category.value} link"))
    return out


def detect_evidence(d: Detect, found: Found, *, text: str, links: Sequence[str],
                    targets: Callable[[], Sequence[Target]],
                    probability: Callable[[str], float] | None = None,
                    words: str = "") -> list[Evidence] | None:
    """The evidence when this way of detecting a rule fires on a message, else None.

    ``found`` answers for the lists (``words`` is the name it gives this table's own words);
    ``targets`` and ``probability`` are asked only when needed (the model last: it costs most).
    Evidence: the targets ``about`` found (two at most), then each trigger's, in the table's
    order."""
    for name in d.unless:
        if found.has(name):
            return None
    for name in d.also:
        if not found.has(name):
            return None
    every = d.match == "all"
    parts: list[list[Evidence]] = []
    missing = False
    if d.words:
        if found.has(words):
            parts.append(found.evidence(words))
        else:
            missing = True
    for name in d.lists:
        if found.has(name):
            parts.append(found.evidence(name))
        else:
            missing = True
    for name in d.quiet:
        if found.has(name):
            parts.append([])
        else:
            missing = True
    signals: list[list[Evidence]] = []
    if d.links or d.deny_domains:
        signals.append(_links(d, links))
    if d.email_quote:
        quote = find_email_quote(text) if text else None
        signals.append([quote] if quote is not None else [])
    if d.shouting:
        loud = shouting(text) if text else None
        signals.append([loud] if loud is not None else [])
    for hit in signals:
        if hit:
            parts.append(hit)
        else:
            missing = True
    about: list[Evidence] | None = None
    if d.model and probability is not None and (not parts if not every else not missing):
        if d.about:  # the targets cost far less than the model: a message about nobody is out
            about = [t.evidence for t in targets() if t.kind in d.about]
            if not about:
                return None
        p = probability(d.model)
        if p >= d.min_probability:
            parts.append([Evidence(f"model:{d.model}", f"probability {p:.2f}", detail=(
                f"the learned model's probability for {d.model} (at least "
                f"{d.min_probability:g})"))])
        else:
            missing = True
    if not parts or (every and missing):
        return None
    if d.min_words > 1 and sum(found.count(n) for n in (*((words,) if d.words else ()),
                                                         *d.lists)) < d.min_words:
        return None
    evidence = [e for part in parts for e in part]
    if d.about:
        if about is None:
            about = [t.evidence for t in targets() if t.kind in d.about]
        if not about:
            return None
        evidence = [*about[:2], *evidence]
    return evidence


class _LexiconFound:
    """`Found` over a policy file's own lexicon (kit lists as ``kit:``, ``[lists]`` as
    ``own:``, each detect table's words as ``rule:ID#N``)."""

    def __init__(self, matches: Matches | None) -> None:
        self.matches = matches

    @staticmethod
    def key(name: str) -> str:
        if name.startswith("rule:"):
            return name
        return f"kit:{name}" if name in KIT_LISTS else f"own:{name}"

    def has(self, name: str) -> bool:
        return self.matches is not None and self.matches.has(self.key(name))

    def count(self, name: str) -> int:
        return len(self.matches.get(self.key(name))) if self.matches is not None else 0

    def evidence(self, name: str) -> list[Evidence]:
        if self.matches is None:
            return []
        detector = "words" if name.startswith("rule:") else f"list:{name}"
        return self.matches.evidence(self.key(name), detector=detector)


def _words_key(rule_id: str, index: int) -> str:
    return f"rule:{rule_id}" if index == 0 else f"rule:{rule_id}#{index}"


class _Compiled:
    """A policy document made ready to judge: one lexicon for every rule's words."""

    def __init__(self, doc: PolicyDocument) -> None:
        self.doc = doc
        self.by_id = {r.rule.id: r for r in doc.rules}
        lists: dict[str, tuple[str, ...]] = {}
        for r in doc.rules:
            for i, d in enumerate(r.detects):
                for n in (*d.lists, *d.quiet, *d.also, *d.unless):
                    lists[_LexiconFound.key(n)] = KIT_LISTS.get(n) or doc.lists[n]
                if d.words:
                    lists[_words_key(r.rule.id, i)] = d.words
        self.lexicon = Lexicon.from_lists(lists)

    def judge(self, message: Message, settings: Mapping[str, Any]) -> list[Verdict]:
        text = message.all_text
        found = _LexiconFound(self.lexicon.lookup(normalise(text)) if text.strip() else None)
        targets: list[Target] | None = None
        probs: dict[str, Mapping[str, float]] = {}  # by model, scored at most once

        def about() -> list[Target]:
            nonlocal targets
            if targets is None:
                targets = find_targets(text, staff_names=settings.get("staff_names", ()),
                                       child_names=settings.get("child_names", ()))
            return targets

        def probability(label: str) -> float:
            model = label.partition(".")[0]
            if model not in probs:
                probs[model] = rule_models.score(label, message, settings)
            return float(probs[model].get(label, 0.0))

        verdicts: list[Verdict] = []
        for item in self.doc.rules:
            for i, d in enumerate(item.detects):
                evidence = detect_evidence(d, found, text=text, links=message.links,
                                           targets=about, probability=probability,
                                           words=_words_key(item.rule.id, i))
                if evidence is not None:
                    verdicts.append(item.verdict(d, evidence))
                    break
        return verdicts


class FilePolicy:
    """One policy file as a plugin (register it under `FilePolicy.name`)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._compiled = _Compiled(read_policy(path))
        self._stamp = self._mtime()
        self._checked_at = time.monotonic()
        self._failed_stamp: float | None = None

    @property
    def name(self) -> str:
        return self._compiled.doc.name

    @property
    def document(self) -> PolicyDocument:
        return self._compiled.doc

    def _mtime(self) -> float:
        try:
            return os.stat(self.path).st_mtime
        except OSError:
            return -1.0

    def reload_if_changed(self, *, force: bool = False, always: bool = False) -> bool:
        """Re-read the file when it changed (``always``: even when its time stamp did not, as
        on SIGHUP); True when new rules are in force."""
        now = time.monotonic()
        if not force and now - self._checked_at < RELOAD_CHECK_SECONDS:
            return False
        self._checked_at = now
        stamp = self._mtime()
        if not always and (stamp == self._stamp or stamp == self._failed_stamp):
            return False
        try:
            compiled = _Compiled(read_policy(self.path))
        except ConfigError as exc:
            self._failed_stamp = stamp
            log.error("policy_file_reload_failed", file=str(self.path), error=str(exc))
            return False
        if compiled.doc.name != self.name:
            self._failed_stamp = stamp
            log.error("policy_file_reload_failed", file=str(self.path),
                      error=f"the policy's name changed to {compiled.doc.name!r}: restart to rename")
            return False
        self._compiled, self._stamp, self._failed_stamp = compiled, stamp, None
        log.info("policy_file_reloaded", file=str(self.path), rules=len(compiled.doc.rules))
        return True

    # -- hooks --------------------------------------------------------------------------

    @hookimpl
    def civility_rules(self) -> Sequence[Rule]:
        return [r.rule for r in self._compiled.doc.rules]

    @hookimpl
    def on_message(self, message: Message, context: PolicyContext) -> Sequence[Verdict]:
        self.reload_if_changed()
        return self._compiled.judge(message, context.settings_for(self.name))

    @hookimpl
    def civility_notice(self, verdict: Verdict, decision: Decision,
                        context: PolicyContext) -> str | None:
        item = self._compiled.by_id.get(verdict.rule_id)
        if item is None or not item.rule.notice:
            return None
        rule = item.rule
        body = fill(rule.notice, context, clause=rule.clause,
                    where=rule.clause_ref or self.document.title, title=rule.title)
        # The built-in wording frames the body (caution or gentle note, where concerns go).
        literal = body.replace("{", "{{").replace("}", "}}")
        return builtin_notice(verdict=verdict, rule=attrs.evolve(rule, notice=literal),
                              decision=decision, context=context)

    @hookimpl
    def civility_decide(self, message: Message, verdicts: Sequence[Verdict],
                        context: PolicyContext) -> Decision | None:
        """This policy's own ladder settings, for messages that break this policy's rules (any
        rule in its name space, so a Python rule added beside the file counts too)."""
        prefix = self.name + "."
        if not self._compiled.doc.ladder or not any(v.rule_id.startswith(prefix)
                                                    for v in verdicts):
            return None
        ladder = attrs.evolve(context.ladder, **self._compiled.doc.ladder)
        return ladder_decide(message=message, verdicts=verdicts,
                             context=attrs.evolve(context, ladder=ladder))


def reload_policy_files(plugins: Iterable[object]) -> int:
    """Re-read every policy file among these plugins now (``civility run`` on SIGHUP); how
    many have new rules in force. A broken file keeps its old rules and logs why."""
    return sum(p.reload_if_changed(force=True, always=True) for p in plugins
               if isinstance(p, FilePolicy))


def load_policy_file(path: Path) -> FilePolicy:
    """The plugin for one policy file (raises `PolicyFileError` naming file, rule and key)."""
    return FilePolicy(path)

