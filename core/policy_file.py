"""A school's policy written as a TOML file instead of Python.

A policy file names the policy, its rules (id, title, clause, where the clause sits, severity,
notice) and what detects each rule, built from the detector kit: word lists with the kit's evasion
handling, link domain classes and allow/deny lists, copied e-mails, shouting, and the kit's
targets (staff, child, parent) as a condition. ``[policy] files = ["our-code.toml"]`` in the
config loads it; the policy then runs under its own name, like any plugin.

The file is watched: when it changes, the next message re-reads it (checked at most every
`RELOAD_CHECK_SECONDS`). A file that no longer reads keeps the rules it had, and says why once.
"""

from __future__ import annotations

import os
import string
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs
import structlog

from civility._ladder import civility_decide as ladder_decide
from civility._tables import ConfigError, Table, read_toml
from civility.config import LadderSettings
from civility.context import PolicyContext
from civility.detectors import lexicon as kit_lists
from civility.detectors.domains import DomainCategory, classify_domain, domain_of
from civility.detectors.email import find_email_quote
from civility.detectors.normalise import normalise
from civility.detectors.signals import shouting
from civility.detectors.targets import find_targets
from civility.detectors.wordlist import Lexicon
from civility.events import Message
from civility.hookspecs import hookimpl
from civility.notices import civility_notice as builtin_notice
from civility.notices import fill
from civility.verdicts import Decision, Evidence, Rule, Severity, Step, Verdict

__all__ = ["KIT_LISTS", "FilePolicy", "PolicyFileError", "load_policy_file"]

log = structlog.get_logger()

RELOAD_CHECK_SECONDS = 2.0

#: The detector kit's word lists a policy file can name in ``lists``.
KIT_LISTS: Mapping[str, tuple[str, ...]] = {
    "profanity": kit_lists.PROFANITY_EN + kit_lists.PROFANITY_UR,
    "insults": kit_lists.INSULTS_EN + kit_lists.INSULTS_UR,
    "mild-insults": kit_lists.WEAK_INSULTS,
    "threats": kit_lists.THREATS,
    "anger": kit_lists.ANGER,
    "politics": kit_lists.POLITICS,
    "communities": kit_lists.GROUPS,
}
TARGET_KINDS = ("staff", "child", "parent")
#: Placeholders a notice may use.
NOTICE_FIELDS = ("school", "concerns_route", "contact", "clause", "where", "title")
POLICY_KEYS = ("name", "title", "document")
RULE_KEYS = ("id", "title", "clause", "where", "severity", "notice", "confidence", "action",
             "detect")
DETECT_KEYS = ("words", "lists", "links", "allow_domains", "deny_domains", "email_quote",
               "shouting", "about")
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
    """What makes one rule fire: any trigger, and (when ``about`` is set) one of those targets."""

    words: tuple[str, ...] = ()
    lists: tuple[str, ...] = ()
    links: frozenset[DomainCategory] = frozenset()
    allow_domains: tuple[str, ...] = ()
    deny_domains: tuple[str, ...] = ()
    email_quote: bool = False
    shouting: bool = False
    about: tuple[str, ...] = ()


@attrs.frozen
class FileRule:
    rule: Rule
    detect: Detect
    confidence: float
    action: Step | None


@attrs.frozen
class PolicyDocument:
    """A policy file as read: its name, rules and ladder overrides."""

    name: str
    title: str
    document: str
    rules: tuple[FileRule, ...]
    ladder: Mapping[str, Any]
    source: str


def _error(table: Table, key: str, expected: str, got: object = attrs.NOTHING) -> PolicyFileError:
    return PolicyFileError.of(table.error(key, expected, got))


def _checked(call: Any, *args: Any, **kwargs: Any) -> Any:
    try:
        return call(*args, **kwargs)
    except PolicyFileError:
        raise
    except ConfigError as exc:
        raise PolicyFileError.of(exc) from exc


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


def _detect(table: Table) -> Detect:
    _checked(table.no_other_keys, *DETECT_KEYS)
    lists = tuple(_checked(table.strings, "lists", []))
    for name in lists:
        if name not in KIT_LISTS:
            raise _error(table, "lists", "names of the kit's lists: " + ", ".join(KIT_LISTS), name)
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
    detect = Detect(
        words=tuple(w.lower() for w in _checked(table.strings, "words", []) if w.strip()),
        lists=lists, links=frozenset(links),
        allow_domains=tuple(d.lower() for d in _checked(table.strings, "allow_domains", [])),
        deny_domains=tuple(d.lower() for d in _checked(table.strings, "deny_domains", [])),
        email_quote=_checked(table.bool, "email_quote", False),
        shouting=_checked(table.bool, "shouting", False), about=about)
    if not (detect.words or detect.lists or detect.links or detect.deny_domains
            or detect.email_quote or detect.shouting):
        raise _error(table, "words", "at least one way to detect the rule (words, lists, links, "
                     "deny_domains, email_quote or shouting)")
    return detect


def _rule(table: Table, policy: str, seen: set[str]) -> FileRule:
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
    return FileRule(rule, _detect(_checked(named.table, "detect", required=True)), confidence,
                    Step(action) if action else None)


def parse_policy(data: Mapping[str, Any], source: str) -> PolicyDocument:
    root = Table(data, "", source)
    _checked(root.no_other_keys, "policy", "ladder", "rules")
    head = _checked(root.table, "policy", required=True)
    _checked(head.no_other_keys, *POLICY_KEYS)
    name = _checked(head.str, "name")
    if not name or not all(c.isalnum() or c in "-_" for c in name):
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
    seen: set[str] = set()
    rules = tuple(_rule(t, name, seen) for t in _checked(root.tables, "rules"))
    if not rules:
        raise _error(root, "rules", "at least one [[rules]] table")
    return PolicyDocument(name=name, title=_checked(head.str, "title", name),
                          document=_checked(head.str, "document", ""), rules=rules,
                          ladder=overrides, source=source)


def read_policy(path: Path) -> PolicyDocument:
    """Read and validate one policy file; errors name the file, the rule and the key."""
    return parse_policy(_checked(read_toml, path, "TOML policy file"), str(path))


class _Compiled:
    """A policy document made ready to judge: one lexicon for every rule's words."""

    def __init__(self, doc: PolicyDocument) -> None:
        self.doc = doc
        self.by_id = {r.rule.id: r for r in doc.rules}
        lists: dict[str, tuple[str, ...]] = {f"kit:{n}": KIT_LISTS[n]
                                             for r in doc.rules for n in r.detect.lists}
        lists.update({f"rule:{r.rule.id}": r.detect.words for r in doc.rules if r.detect.words})
        self.lexicon = Lexicon.from_lists(lists)

    def judge(self, message: Message, settings: Mapping[str, Any]) -> list[Verdict]:
        text = message.all_text
        found = self.lexicon.lookup(normalise(text)) if text.strip() else None
        targets: dict[str, list[Evidence]] | None = None
        verdicts: list[Verdict] = []
        for item in self.doc.rules:
            evidence = self._triggers(item, message, text, found)
            if not evidence:
                continue
            if item.detect.about:
                if targets is None:
                    targets = {}
                    for t in find_targets(text, staff_names=settings.get("staff_names", ()),
                                          child_names=settings.get("child_names", ())):
                        targets.setdefault(t.kind, []).append(t.evidence)
                about = [e for kind in item.detect.about for e in targets.get(kind, ())]
                if not about:
                    continue
                evidence += about[:2]
            rule = item.rule
            verdicts.append(Verdict(rule.id, rule.clause, rule.severity, item.confidence,
                                    tuple(evidence), item.action))
        return verdicts

    @staticmethod
    def _triggers(item: FileRule, message: Message, text: str,
                  found: Any) -> list[Evidence]:
        d = item.detect
        out: list[Evidence] = []
        if found is not None:
            if d.words and found.has(f"rule:{item.rule.id}"):
                out += found.evidence(f"rule:{item.rule.id}", detector="words")
            for name in d.lists:
                if found.has(f"kit:{name}"):
                    out += found.evidence(f"kit:{name}", detector=f"list:{name}")
        for url in message.links if (d.links or d.deny_domains) else ():
            host = domain_of(url)
            if any(host == x or host.endswith("." + x) for x in d.deny_domains):
                out.append(Evidence("link", url, detail="a domain this policy does not allow"))
                continue
            category = classify_domain(url, allowed=d.allow_domains)
            if category in d.links:
                out.append(Evidence("link", url, detail=f"a {category.value} link"))
        if d.email_quote and text:
            quote = find_email_quote(text)
            if quote is not None:
                out.append(quote)
        if d.shouting and text:
            loud = shouting(text)
            if loud is not None:
                out.append(loud)
        return out


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

    def reload_if_changed(self, *, force: bool = False) -> bool:
        """Re-read the file when it changed; True when new rules are in force."""
        now = time.monotonic()
        if not force and now - self._checked_at < RELOAD_CHECK_SECONDS:
            return False
        self._checked_at = now
        stamp = self._mtime()
        if stamp == self._stamp or stamp == self._failed_stamp:
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


def load_policy_file(path: Path) -> FilePolicy:
    """The plugin for one policy file (raises `PolicyFileError` naming file, rule and key)."""
    return FilePolicy(path)

