"""The Iqra rules' learned model: the kit's signals and the message's words, weighed together.

`analyse` runs the cheap kit checks (word lists, targets, links, e-mail quotes, shouting) once;
their findings become features beside the word and character n-grams, and stay the
human-readable evidence. `IqraModel` turns the features into a calibrated probability per rule
(`civility.detectors.model.HashedModel`, trained by ``benchmarks/train_iqra_model.py`` on the
corpus in ``benchmarks/corpus`` and public data; see MODEL_CARD.txt beside the weights).
"""

from __future__ import annotations

import functools
import importlib.resources
import itertools
import re
import zlib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs
import numpy as np

from civility.detectors.domains import DomainCategory
from civility.detectors.model import HashedModel, Indices, hash_features, word_rows
from civility.detectors.normalise import normalise
from civility.detectors.scorer import Scorer
from civility.detectors.shared import words_of
from civility.detectors.signals import shouting
from civility.detectors.wordlist import tokens
from civility.events import Message
from civility.plugins.iqra import checks
from civility.plugins.iqra.patterns import LEXICON
from civility.plugins.iqra.rules import BY_ID
from civility.verdicts import Evidence, Severity, Verdict

__all__ = ["MODEL_FILE", "THREAT", "Analysis", "IqraModel", "analyse", "features_of",
           "rule_probabilities"]

MODEL_FILE = "iqra_model.gz"
#: The extra head that tells a threat (severe) from other defamation.
THREAT = "iqra.defamation#threat"
#: How many times each kit signal counts among a message's features: the signals are few
#: beside the n-grams, and this lets the model lean on them (chosen on out-of-fold scores).
KIT_REPEAT = 3
#: The public-data abuse scorer's probability, as cumulative bins: it has seen tweet-style
#: abuse the parent-group corpus lacks (OLID, Davidson, RUHSOLD).
SCORER_BINS = (0.3, 0.5, 0.7, 0.9)
#: Distinct words whose feature rows are remembered (bounded; starts again when full).
WORD_CACHE_SIZE = 100_000

#: What each rule's finding reads as, for moderators and notices.
READS_AS = {
    "iqra.grievance": "reads as a grievance aired about {who}",
    "iqra.abuse": "reads as a personal insult aimed at a member",
    "iqra.offensive-language": "reads as swearing or a display of anger",
    "iqra.disrepute": "reads as running the school down in public",
    "iqra.defamation": "reads as an accusation or aggression against a person",
    THREAT: "reads as a threat against a person",
    "iqra.policy-challenge": "reads as a call to resist a school policy in the group",
    "iqra.individual-child": "reads as discussing an individual child",
    "iqra.politics": "reads as politics or current affairs",
    "iqra.cultural-respect": "reads as generalising about a community",
    "iqra.private-email": "reads as a private e-mail shared with the group",
    "iqra.solicitation": "reads as selling, a campaign or a personal appeal",
    "iqra.off-topic-link": "reads as a link unrelated to school",
    "iqra.private-conversation": "reads as a private conversation between two members",
}
_WHO = {"staff": "a named member of staff", "child": "a child", "parent": "another parent"}
#: Words too common (or placeholders) to show as what weighed.
_QUIET = frozenset(b"staffname mr mrs miss ms sir the a an is are was were of to and or in on at "
                   b"it its i my me you your he she his her him they them their this that be "
                   b"has have had for with so".split())
#: Kit features in words, for the evidence.
_KIT_WORDS = {"k:threat": "a threatening phrase", "k:profanity": "swearing",
              "k:insult": "an insult", "k:slur": "a slur", "k:accuse": "an accusation",
              "t:staff": "a member of staff named", "t:child": "a child named",
              "t:parent": "a parent mentioned", "t:name": "a name", "s:shout": "shouting",
              "e:quote": "a quoted e-mail", "e:mention": "an e-mail mentioned",
              "k:politics": "a political word", "k:group": "a community named",
              "k:commerce": "a selling phrase", "k:campaign": "an appeal"}


@attrs.frozen
class Analysis:
    """One message's kit signals, kit verdicts and model features (worked out once)."""

    signals: checks.Signals
    kit: tuple[Verdict, ...]
    extra: tuple[str, ...]
    #: The words the model reads: as the kit's, but a staff member's name after a title is
    #: one placeholder, so that no name by itself weighs for or against a rule.
    words: tuple[bytes, ...] = ()


#: A title and a name ("Mrs Khan", "Ustadh Bilal"): the name becomes a placeholder for the model.
_TITLE_NAME = re.compile(r"\b(Mr|Mrs|Miss|Ms|Mx|Dr|Sir|Madam|Ustadh|Ustadha|Ustaz|Sister|"
                         r"Brother|Hafiz|Maulana|Molvi|Moulana|Imam)(\.?\s+)[A-Z][A-Za-z'-]+")


def model_words(text: str, toks: list[bytes]) -> tuple[bytes, ...]:
    if not _TITLE_NAME.search(text):
        return tuple(toks)
    return tuple(tokens(normalise(_TITLE_NAME.sub(r"\1\2Staffname", text)).text))


def analyse(message: Message, settings: Mapping[str, Any], ocr_text: str = "") -> Analysis:
    """The kit's checks on a message, and the kit features the model weighs."""
    shared = words_of(message)  # normalised once for every policy judging this message
    text, nt, toks = shared.text, shared.nt, shared.toks
    found = LEXICON.lookup_tokens(nt, toks)
    s = checks.Signals(text, nt, found, message.links, settings, toks)
    verdicts: list[Verdict] = []
    triggered = not found.found.keys().isdisjoint(checks.TRIGGERS)
    if triggered:
        verdicts += [v for v in (check(s) for check in checks.TEXT_CHECKS) if v]
    email = checks.private_email(s, ocr_text)
    if email:
        verdicts.append(email)
    cats = checks._categories(s) if message.links else []
    if message.links:
        verdicts += [v for v in (checks.solicitation(s, cats), checks.off_topic_link(s, cats))
                     if v]
    elif triggered and found.has("commerce", "commerce_weak", "campaign", "campaign_weak"):
        sol = checks.solicitation(s, [])
        if sol:
            verdicts.append(sol)
    extra = [f"k:{name}" for name in found.found]
    targets = s.targets() if text else []
    extra += [f"t:{t.kind}" for t in targets]
    extra += [f"td:{t.evidence.detector}" for t in targets]
    if any(m.group(1) not in checks._NOT_NAMES for m in checks._CAPITAL.finditer(text)):
        extra.append("t:name")
    for _, cat in cats:
        extra += ["l:any", f"l:{cat.value}"]
    if not cats and message.links:
        extra.append("l:any")
    if cats and all(cat in (DomainCategory.SCHOOL, DomainCategory.EDUCATION,
                            DomainCategory.COUNCIL) for _, cat in cats):
        extra.append("l:all-school")
    if shouting(text):
        extra.append("s:shout")
    for v in verdicts:
        extra.append(f"v:{v.rule_id}")
        if v.rule_id == "iqra.private-email":
            extra.append("e:quote" if v.confidence >= 0.9 else "e:mention")
    extra.append(f"n:{min(len(toks) // 4, 10)}")
    abusive = Scorer.default().score_tokens(toks) if toks else 0.0
    extra += [f"a:{round(b * 10)}" for b in SCORER_BINS if abusive >= b]
    if "@" in text:
        extra.append("s:at")
    return Analysis(s, tuple(verdicts), tuple(extra) * KIT_REPEAT, model_words(text, toks))


def features_of(analysis: Analysis) -> list[str]:
    """Every feature of an analysed message as strings (the trainer's view; see `rows`)."""
    from civility.detectors.scorer import token_features

    return [*token_features(list(analysis.words)), *analysis.extra]


@attrs.frozen
class IqraModel:
    """The shipped (or a school's) model, with a cache of each word's feature rows."""

    model: HashedModel
    #: Each word's rows, as the bytes of an int64 array: a message's rows are one join of
    #: them (and a few bytes of ints smaller than a numpy array each, about 200 bytes a word).
    _words: dict[bytes, bytes] = attrs.field(init=False, factory=dict, repr=False, eq=False)
    #: Row of each kit signal, and of each word pair, seen so far (bounded like the word cache).
    _rows: dict[str, int] = attrs.field(init=False, factory=dict, repr=False, eq=False)
    _pairs: dict[tuple[bytes, bytes], int] = attrs.field(init=False, factory=dict, repr=False,
                                                         eq=False)
    _limits: dict[str, tuple[float, float]] = attrs.field(init=False, factory=dict, repr=False,
                                                          eq=False)
    #: Each word's (and kit feature's) summed weight for a label, for explaining (bounded).
    _weights: dict[tuple[bytes | str, int], float] = attrs.field(init=False, factory=dict,
                                                                 repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        vetoes = self.model.meta.get("kit_veto", {})
        for i, label in enumerate(self.model.labels):
            self._limits[label] = (float(self.model.thresholds[i]),
                                   float(vetoes.get(label, 1.01)))

    @classmethod
    @functools.cache
    def default(cls) -> IqraModel:
        ref = importlib.resources.files("civility.plugins.iqra").joinpath(MODEL_FILE)
        return cls(HashedModel.from_bytes(ref.read_bytes()))

    @classmethod
    def load(cls, path: Path) -> IqraModel:
        return cls(HashedModel.load(path))

    def _word(self, tok: bytes) -> Indices:
        return np.frombuffer(self._word_bytes(tok), dtype=np.int64)

    def _word_bytes(self, tok: bytes) -> bytes:
        rows = self._words.get(tok)
        if rows is None:
            rows = word_rows(tok, self.model.bits).tobytes()
            if len(self._words) >= WORD_CACHE_SIZE:
                self._words.clear()
            self._words[tok] = rows
        return rows

    def rows(self, analysis: Analysis) -> tuple[Indices, list[tuple[bytes, Indices]]]:
        """The message's feature rows, and each word's own rows (for explaining)."""
        return self.indices(analysis), [(t, self._word(t)) for t in analysis.words]

    def indices(self, analysis: Analysis) -> Indices:
        """The message's feature rows: each word's, then each word pair's, then each kit
        feature's, joined as bytes and made an array once (the same rows in the same order as
        concatenating each word's array, so scores stay bit for bit)."""
        toks = analysis.words
        words = self._words
        parts = [words.get(tok) or self._word_bytes(tok) for tok in toks]
        found: list[int] = []
        pairs = self._pairs
        if len(pairs) >= WORD_CACHE_SIZE:
            pairs.clear()
        cache = self._rows
        if len(cache) >= WORD_CACHE_SIZE:
            cache.clear()
        mask = (1 << self.model.bits) - 1
        # The same rows in the same order as hashing "b:first_second" for each word pair, then
        # each kit feature (the order is the order of the sum, so scores stay bit for bit).
        for pair in itertools.pairwise(toks):
            row = pairs.get(pair)
            if row is None:
                a, b = pair
                # The bytes of "b:first_second" (the words are UTF-8 bytes), without a string.
                row = pairs[pair] = zlib.crc32(b"b:" + a + b"_" + b) & mask
            found.append(row)
        for f in analysis.extra:
            row = cache.get(f)
            if row is None:
                row = cache[f] = zlib.crc32(f.encode()) & mask
            found.append(row)
        parts.append(np.array(found, dtype=np.int64).tobytes())
        return np.frombuffer(b"".join(parts), dtype=np.int64)

    def proba(self, analysis: Analysis) -> dict[str, float]:
        p = self.model.proba(self.indices(analysis))
        return dict(zip(self.model.labels, p.tolist(), strict=True))

    def proba_many(self, analyses: Sequence[Analysis]) -> list[dict[str, float]]:
        """`proba` of many messages with one gather over the weights (for scan)."""
        probs = self.model.proba_many([self.indices(a) for a in analyses])
        labels = self.model.labels
        return [dict(zip(labels, row, strict=True)) for row in probs.tolist()]

    def threshold(self, label: str) -> float:
        return self._limits[label][0]

    def veto(self, label: str) -> float:
        """Below this probability the model overrules the kit's own finding for the rule."""
        return self._limits[label][1]

    def top_words(self, analysis: Analysis, label: str, top: int = 3) -> list[str]:
        """The words (and kit signals) that pushed this label's score up most."""
        col = self.model.index(label)
        cache = self._weights
        if len(cache) >= WORD_CACHE_SIZE:
            cache.clear()
        weigh: dict[str, float] = {}
        for tok in analysis.words:
            if tok in _QUIET:
                continue
            w = cache.get((tok, col))
            if w is None:  # a word's weight for a label is the model's: worked out once
                w = cache[tok, col] = float(self.model.row_weights(self._word(tok), col).sum())
            key = tok.decode()
            weigh[key] = max(weigh.get(key, w), w)
        for feat in analysis.extra:
            name = _KIT_WORDS.get(feat)
            if name:
                w = cache.get((feat, col))
                if w is None:
                    rows = hash_features([feat], self.model.bits)
                    w = cache[feat, col] = float(self.model.row_weights(rows, col).sum())
                weigh[name] = w * 2
        best = sorted((k for k, w in weigh.items() if w > 0), key=lambda k: -weigh[k])
        return best[:top]


def rule_probabilities(message: Message, settings: Mapping[str, Any]) -> dict[str, float]:
    """The shipped model's calibrated probability of every rule for one message (policy files'
    ``model = "iqra.RULE"``; the same numbers the Iqra policy weighs)."""
    return IqraModel.default().proba(analyse(message, settings))


def verdicts_from(model: IqraModel, analysis: Analysis, probs: Mapping[str, float],
                  thresholds: Mapping[str, float] | None = None) -> list[Verdict]:
    """Verdicts for the rules whose calibrated probability reaches their threshold, or that the
    kit's checks found and the model does not rule out (probability at least the rule's veto).
    The confidence is the probability, so a kit finding the model doubts goes to moderators
    (below ``min_confidence``) rather than acting; the evidence is the kit's own plus what the
    model weighed."""
    out: list[Verdict] = []
    kit = {v.rule_id: v for v in analysis.kit}
    for label, p in probs.items():
        if label == THREAT or label not in BY_ID:
            continue
        limit = (thresholds or {}).get(label, model.threshold(label))
        if p < limit and not (label in kit and p >= model.veto(label)):
            continue
        rule = BY_ID[label]
        severity = rule.severity
        reading_key = label
        if label == "iqra.defamation" and probs.get(THREAT, 0.0) >= model.threshold(THREAT):
            severity, reading_key = Severity.SEVERE, THREAT
        reading = READS_AS[reading_key]
        if label == "iqra.grievance":
            kinds = [t.kind for t in analysis.signals.targets()]
            who = next((_WHO[k] for k in ("staff", "child", "parent") if k in kinds),
                       "a person in the school")
            reading = reading.format(who=who)
        words = model.top_words(analysis, reading_key)
        why = Evidence(f"model:{label}", ", ".join(words) or "overall wording",
                       detail=f"{reading}; probability {p:.2f}")
        own = kit[label].evidence if label in kit else ()
        if label == "iqra.defamation" and severity is not Severity.SEVERE:
            own = tuple(e for e in own if e.detector != "wordlist:threat")
        out.append(Verdict(label, rule.clause, severity, round(min(max(p, 0.0), 1.0), 2),
                           (*own, why)))
    return out
