"""A small learned model beside the safety rules: it catches wordings the patterns miss.

The rules are patterns, and fresh wordings slip past them; the model weighs a message's hashed
word and character n-grams (`civility.detectors.scorer.token_features`) and a few cheap signals
for each content rule (`civility.detectors.model.HashedModel`, trained by
``benchmarks/train_safety_model.py``; see MODEL_CARD.txt beside the weights). It is asked only
for the rules that found nothing, and only when the message shares a word with the topics these
harms are about (money, codes, accounts, addresses, closures, hearsay, ...), so ordinary chat
never pays for it. A school switches it off with ``model = false`` in
``[policy.settings.safety]``.
"""

from __future__ import annotations

import functools
import importlib.resources
import itertools
import math
import zlib
from collections.abc import Collection, Sequence

import numpy as np

from civility.detectors.model import HashedModel, Indices, word_rows
from civility.detectors.shared import MessageWords, words_of
from civility.events import Message
from civility.plugins.safety.rules import BY_ID, MISINFORMATION, PERSONAL_DATA, SCAM
from civility.verdicts import Evidence, Verdict

__all__ = ["GATE_WORDS", "LABELS", "MODEL_FILE", "SafetyModel", "features", "gate_passes",
           "judge", "reads_as_notice", "vetoed"]

MODEL_FILE = "safety_model.gz"
LABELS = (SCAM, PERSONAL_DATA, MISINFORMATION)

#: The topics a scam, someone's personal details or a rumour are about. A message sharing none
#: of these words is not shown to the model at all (most chat), which keeps the cost small.
GATE_WORDS = frozenset(b"""
money pay paid payment pays paying transfer send sent bank account accounts card cards sort
code codes pin password passwords login log verify verification confirm details refund fee
fees fine fines voucher vouchers prize win won winner free gift claim cash loan invest crypto
bitcoin profit earn earning income daily returns deposit balance overdue urgent suspended
locked link click number numbers phone mobile new lost broken favour mum dad mummy papa
address addresses lives live living street road lane close avenue postcode house flat door
birthday born birth nhs passport reg registration car van plate contact ring call text
forward forwarded share pass everyone heard apparently rumour rumours saying says said told
closed closing close closure cancelled scrapped stopped stopping banned leaving sacked
outbreak virus measles meningitis scabies sick poisoning contaminated warning warn alert
police man woman stranger lure grab photos needles danger breaking true
""".split())
#: Words past this many are not read by the model: scams and rumours are short, and a long
#: message then costs no more than a short one.
MAX_WORDS = 200
#: The poster speaking of their own details ("ring me", "our number"): the rules' own-offer
#: judgement stands and the model does not overrule it for personal data.
FIRST_PERSON = frozenset(b"me my our ours mine myself".split())
#: The school's own notice, forwarded ("Dear Parents, ... Kind regards, the Headteacher"): a
#: salutation to the families near the start and a sign-off near the end. Its news of closures
#: reads like a rumour to the words alone, so misinformation is left to the rules (which judge
#: its source) when a message has both. A scam posing as the school seldom signs off (the
#: batches' "Dear parent, your ParentPay balance..." never do), and scams are not vetoed.
NOTICE_TO = frozenset(b"parents parent families family carers carer guardians".split())
#: Signed "Kind regards" or "Yours sincerely" within the last `NOTICE_SPAN` words, or with the
#: head's title as the very last words ("..., Mrs Hussain, Headteacher"): a rumour about the
#: head ("I heard the headteacher is leaving") goes on after the title.
NOTICE_CLOSING = frozenset(b"regards sincerely faithfully".split())
NOTICE_TITLE = frozenset(b"headteacher headmaster headmistress principal".split())
#: How near the start the salutation and how near the end the closing must be, in words.
NOTICE_SPAN = 6
#: What a finding reads as, for moderators and the notice's evidence.
READS_AS = {
    SCAM: "reads like a request for bank details, codes or money, or a lure",
    PERSONAL_DATA: "reads like someone else's personal details posted in the group",
    MISINFORMATION: "reads like an unconfirmed claim or alarm passed on",
}
#: A float32 number's unit roundoff: a sum of n float32 numbers is within n times this of
#: their exact sum, times the sum of their sizes (the classic bound for adding in turn). The
#: sums here are float64, whose own rounding is some 1e-9 of that.
_ROUNDOFF = 2.0 ** -24
#: Extra room (in logits) kept below a label's threshold before the model is skipped: far more
#: than the float32 rounding of the division, the bias and the calibration (about 1e-5 here).
_SLACK = 0.01
#: Feature rows' summed weights remembered (words, word pairs, signals), then started afresh.
_SUMS_KEPT = 50_000

#: Words that never show as what weighed (too common to explain anything).
_QUIET = frozenset(b"the a an is are was were of to and or in on at it its i my me you your he "
                   b"she his her him they them their this that be has have had for with so".split())


def _signals(message: Message, text: str) -> list[str]:
    """A few cheap facts the words alone do not carry."""
    out = []
    if message.links:
        out.append("s:link")
    if text.isascii():  # (ASCII's digits are 0-9 alone: counted by deleting them, in C)
        digits = len(text) - len(text.encode().translate(None, b"0123456789"))
    else:
        digits = sum(map(str.isdigit, text))
    if digits:
        out.append(f"s:digits{min(digits // 4, 4)}")
    if "£" in text or "$" in text or "€" in text:
        out.append("s:money")
    if message.forwarded or message.forwarded_many:
        out.append("s:forwarded")
    return out


def features(message: Message) -> list[str]:
    """Every feature of a message as strings (the trainer's view; `SafetyModel.rows` is the
    same, cached)."""
    from civility.detectors.scorer import token_features

    shared = words_of(message)
    return [*token_features(shared.toks[:MAX_WORDS]), *_signals(message, shared.text)]


def reads_as_notice(toks: Sequence[bytes]) -> bool:
    """Whether the words open like a letter to the families and close signed (`NOTICE_TO`)."""
    if not any(a == b"dear" and b in NOTICE_TO
               for a, b in itertools.pairwise(toks[:NOTICE_SPAN])):
        return False
    tail = toks[max(NOTICE_SPAN, len(toks) - NOTICE_SPAN):]  # (after the salutation)
    return not NOTICE_CLOSING.isdisjoint(tail) or not NOTICE_TITLE.isdisjoint(tail[-2:])


def vetoed(label: str, toks: Sequence[bytes]) -> bool:
    """Whether a label is left to the rules for this message: personal data where the poster
    speaks of their own (`FIRST_PERSON`), misinformation in the school's own notice
    (`reads_as_notice`)."""
    if label == PERSONAL_DATA:
        return not FIRST_PERSON.isdisjoint(toks)
    return label == MISINFORMATION and reads_as_notice(toks)


def gate_passes(toks: Collection[bytes], message: Message, topic: bool | None = None) -> bool:
    """Whether the model should be asked at all: a topic word, a link or a forwarded flag
    (``topic``: whether the words hold a topic word, when the caller knows it already, as the
    safety guards' first look does from its role bits, built from `GATE_WORDS`)."""
    return bool(message.links) or message.forwarded or message.forwarded_many \
        or (not GATE_WORDS.isdisjoint(toks) if topic is None else topic)


class SafetyModel:
    """The shipped model, with each word's feature rows remembered (bounded)."""

    def __init__(self, model: HashedModel) -> None:
        self.model = model
        self._mask = (1 << model.bits) - 1
        self._word = functools.lru_cache(maxsize=50_000)(self._word_rows)
        self._pair = functools.lru_cache(maxsize=50_000)(self._pair_row)
        # Where each label is reported: p >= threshold, that is z >= the logit that calibrates
        # to it (Platt's slope is positive), so (rows' sum) / sqrt(n) >= that logit - bias.
        thr = model.thresholds.astype(np.float64)
        z_at = (np.log(thr / (1 - thr)) - model.platt_b) / model.platt_a
        self._needs = tuple(float(v) for v in z_at - model.bias)
        self.can_skip = bool((model.platt_a > 0).all()) and bool((thr < 1).all())
        #: Per word (with the pair it starts) or signals: (rows, summed weight per label, summed
        #: size of the weights).
        self._sums: dict[object, tuple[float, ...]] = {}

    @classmethod
    @functools.cache
    def default(cls) -> SafetyModel:
        ref = importlib.resources.files("civility.plugins.safety").joinpath(MODEL_FILE)
        return cls(HashedModel.from_bytes(ref.read_bytes()))

    def _word_rows(self, tok: bytes) -> Indices:
        return word_rows(tok, self.model.bits)

    def _pair_row(self, a: bytes, b: bytes) -> int:
        return zlib.crc32(b"b:" + a + b"_" + b) & self._mask

    def rows(self, message: Message) -> tuple[Indices, list[tuple[bytes, Indices]]]:
        """The message's feature rows (the same multiset as hashing `features`), and each
        word's own rows, for explaining."""
        shared = words_of(message)
        toks = shared.toks[:MAX_WORDS]
        per_word = [(t, self._word(t)) for t in toks]
        mask = self._mask
        pair = self._pair
        rest = [pair(a, b) for a, b in itertools.pairwise(toks)]
        rest += [zlib.crc32(f.encode()) & mask for f in _signals(message, shared.text)]
        return np.concatenate([*(r for _, r in per_word),
                               np.array(rest, dtype=np.int64)]), per_word

    def _sums_of(self, key: object, rows: Indices) -> tuple[float, ...]:
        picked = self.model.weights.take(rows, axis=0).astype(np.float64)
        found = (float(len(rows)), *picked.sum(axis=0).tolist(), float(np.abs(picked).sum()))
        if len(self._sums) >= _SUMS_KEPT:
            self._sums.clear()
        self._sums[key] = found
        return found

    def below_thresholds(self, shared: MessageWords, message: Message) -> bool:
        """Whether no label can reach its threshold, proved by a bound (`upper_scores`): then
        `judge` would find nothing and need not be asked. Exact, not approximate: a message
        near a threshold is always left to the model itself."""
        upper = self.upper_scores(shared, message) if self.can_skip else None
        if upper is None:
            return False
        for u, need in zip(upper, self._needs, strict=True):  # noqa: SIM110 - no generator
            if u >= need:
                return False
        return True

    def upper_scores(self, shared: MessageWords, message: Message) -> list[float] | None:
        """For each label, a number at least the model's ``(rows' sum) / sqrt(rows)`` for the
        message (its logit less the bias), from remembered summed weights (each word with the
        pair it starts, the last word, the signals), plus a bound on the float32 rounding of
        the model's own sum and room to spare; None for a message without features."""
        toks = shared.toks[:MAX_WORDS]
        if not toks:
            return None
        sums = self._sums
        found = list(map(sums.get, itertools.pairwise(toks)))  # (in C: most are remembered)
        if not all(found):  # (a truth test, not ``None in``: that compares None with each)
            found = [sums.get(pair) or self._pair_sums(pair) for pair in itertools.pairwise(toks)]
        last = toks[-1]
        found.append(sums.get(last) or self._sums_of(last, self._word(last)))
        signals = tuple(_signals(message, shared.text))
        if signals:
            found.append(sums.get(signals) or self._sums_of(signals, np.array(
                [zlib.crc32(f.encode()) & self._mask for f in signals], dtype=np.int64)))
        n, *totals, size = map(sum, zip(*found, strict=True))
        root = math.sqrt(n)
        room = 2 * n * _ROUNDOFF * size / root + _SLACK
        return [t / root + room for t in totals]

    def _pair_sums(self, pair: tuple[bytes, bytes]) -> tuple[float, ...]:
        """The summed weights of a word's own rows and of the pair it starts."""
        a, b = pair
        return self._sums_of(pair, np.append(self._word(a), self._pair(a, b)))

    def proba(self, message: Message) -> dict[str, float]:
        idx, _ = self.rows(message)
        return dict(zip(self.model.labels, self.model.proba(idx).tolist(), strict=True))

    def judge(self, message: Message, skip: Collection[str] = ()) -> list[Verdict]:
        """Verdicts for the labels not in ``skip`` whose probability reaches their threshold;
        the confidence is the calibrated probability."""
        idx, per_word = self.rows(message)
        probs = self.model.proba(idx)
        toks = words_of(message).toks
        out = []
        for col, label in enumerate(self.model.labels):
            p = float(probs[col])
            if label in skip or p < float(self.model.thresholds[col]) or vetoed(label, toks):
                continue
            rule = BY_ID[label]
            weighed = self.top_words(per_word, col)
            detail = "the words that weighed most: " + ", ".join(weighed) if weighed else ""
            evidence = Evidence("safety.model", READS_AS[label], detail=detail)
            out.append(Verdict(label, rule.clause, rule.severity, round(min(p, 1.0), 3),
                               (evidence,)))
        return out

    def top_words(self, per_word: list[tuple[bytes, Indices]], col: int, top: int = 3
                  ) -> list[str]:
        weigh: dict[str, float] = {}
        for tok, rows in per_word:
            if tok not in _QUIET:
                weigh[tok.decode()] = float(self.model.row_weights(rows, col).sum())
        best = sorted(weigh.items(), key=lambda kv: -kv[1])[:top]
        return [w for w, v in best if v > 0]


def judge(message: Message, found: Collection[Verdict], shared: MessageWords | None = None,
          topic: bool | None = None) -> list[Verdict]:
    """The model's verdicts for a message the content rules found nothing in (``found`` is
    what the rules said), when the cheap topic gate lets it through (``shared``: the
    message's words, `words_of`, when known; ``topic``: as for `gate_passes`)."""
    if found and any(v.rule_id in LABELS for v in found):
        return []
    if shared is None:
        shared = words_of(message)
    if not gate_passes(shared.toks, message, topic):
        return []
    model = SafetyModel.default()
    if model.below_thresholds(shared, message):
        return []  # no label can reach its threshold (proved by a bound, not guessed)
    return model.judge(message)
