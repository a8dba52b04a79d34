"""Generate the Iqra parent-group corpus (``iqra_corpus.jsonl``) from hand-written families.

    .venv/bin/python benchmarks/corpus/make_iqra_corpus.py [--out PATH] [--seed N]

Reproducible: the same seed gives the same file, byte for byte. Each family is one idea with
several hand-written paraphrases; messages are made by filling slots (names, staff titles,
subjects, communities, places, links) and putting the text in a voice (text-speak, British
English as second-language speakers often write it, romanised Urdu/Punjabi and Arabic greetings
mixed in, emoji, typos, capitals, long rants). Families, not messages, are split between
``train`` and ``dev``, so paraphrases of one idea stay on one side. See PROVENANCE.md.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import random
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from families_breach import BREACH, F
from families_breach2 import BREACH2
from families_breach3 import BREACH3
from families_breach4 import BREACH4, BREACH4_TOP_UP
from families_breach5 import BREACH5
from families_breach6 import BREACH6
from families_clean import CLEAN
from families_clean2 import CLEAN2
from families_clean3 import CLEAN3
from families_clean4 import CLEAN4
from families_clean5 import CLEAN5, CLEAN5_TOP_UP
from families_clean6 import CLEAN6
from slots import fill, voice

OUT = Path(__file__).parent / "iqra_corpus.jsonl"
#: The dev split, shipped in the package so that `civility learn` can check a school's model.
DEV_OUT = Path(__file__).parents[2] / "plugins" / "iqra" / "iqra_dev.jsonl.gz"
SEED = 1212
PER_RULE = 400  # messages aimed at per rule (its families share them)
NEAR_MISS_PER_FAMILY = 16
CLEAN_PER_FAMILY = 46
DEV_EVERY = 5  # every fifth family of a group goes to dev
#: Messages per round-3 family (breach, near-miss); round 3 draws from its own random stream.
ROUND3_PER_FAMILY = {"breach": 14, "near-miss": 16}
#: Messages per round-4 family; round 4 has its own random stream too.
ROUND4_PER_FAMILY = {"breach": 16, "near-miss": 16}
#: Messages per round-5 family (its families have 10-15 paraphrases each); its own stream too.
ROUND5_PER_FAMILY = {"breach": 16, "near-miss": 16}
#: Messages per round-6 family (10-11 paraphrases each, as round five); its own stream too.
ROUND6_PER_FAMILY = {"breach": 16, "near-miss": 16}

_RANT_OPEN = ["Sorry but I have to say it.", "I wasn't going to say anything but", "Honestly,",
              "Can I just say,", "I'm sorry but", "Right, rant incoming.", "Not being funny but"]
_RANT_CLOSE = ["Someone had to say it.", "I'm done.", "Fed up.", "Nobody else will say it.",
               "That's all.", "Rant over.", "Sorry not sorry."]


def family_id(group: str, index: int) -> str:
    return f"{group.removeprefix('iqra.')}-{index:02d}"


def make_text(fam: F, rng: random.Random) -> tuple[str, str]:
    text = fill(rng.choice(fam.paraphrases), rng)
    if fam.kind == "breach" and rng.random() < 0.12 and len(fam.paraphrases) > 1:
        other = fill(rng.choice(fam.paraphrases), rng)
        text = f"{rng.choice(_RANT_OPEN)} {text}. {other}. {rng.choice(_RANT_CLOSE)}"
        return text, "rant"
    return voice(text, rng, fam.hot)


def generate(seed: int) -> list[dict[str, object]]:
    rng = random.Random(seed)
    groups: dict[str, list[F]] = {}
    # Round-2 families come after the first round's, so those keep their index and split.
    for fam in BREACH + BREACH2:
        groups.setdefault(fam.labels[0], []).append(fam)
    for fam in CLEAN + CLEAN2:
        groups.setdefault(fam.kind, []).append(fam)
    rows: list[dict[str, object]] = []
    seen: set[str] = set()
    for group, fams in groups.items():
        if group == "near-miss":
            want = NEAR_MISS_PER_FAMILY
        elif group == "clean":
            want = CLEAN_PER_FAMILY
        else:
            want = math.ceil(PER_RULE / len(fams))
        for i, fam in enumerate(fams):
            rows += _messages(fam, family_id(group, i), _split(i), want, rng, seen)
    # Later rounds continue each group's family index (so its split), each with its own random
    # stream, so that every earlier message stays byte for byte. A round's top-up comes after
    # all of that round's families, so nothing before it moves.
    later_rounds = [(3, BREACH3 + CLEAN3, ROUND3_PER_FAMILY),
                    (4, BREACH4 + CLEAN4 + BREACH4_TOP_UP, ROUND4_PER_FAMILY),
                    (5, BREACH5 + CLEAN5 + CLEAN5_TOP_UP, ROUND5_PER_FAMILY),
                    (6, BREACH6 + CLEAN6, ROUND6_PER_FAMILY)]
    for number, families, per_family in later_rounds:
        stream = random.Random(f"{seed}-round{number}")
        for fam in families:
            group = fam.labels[0] if fam.labels else fam.kind
            groups.setdefault(group, []).append(fam)
            i = len(groups[group]) - 1
            rows += _messages(fam, family_id(group, i), _split(i), per_family[fam.kind],
                              stream, seen)
    return rows


def _split(index: int) -> str:
    return "dev" if index % DEV_EVERY == DEV_EVERY // 2 else "train"


def _messages(fam: F, fid: str, split: str, want: int, rng: random.Random,
              seen: set[str]) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for _ in range(want * 8):
        if len(rows) >= want:
            break
        text, how = make_text(fam, rng)
        key = text.lower()
        if key in seen:
            continue
        seen.add(key)
        rows.append({"id": f"{fid}-{len(rows) + 1:03d}", "family": fid, "split": split,
                     "kind": fam.kind, "voice": how, "threat": fam.threat,
                     "labels": list(fam.labels), "text": text})
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--dev-out", type=Path, default=DEV_OUT)
    args = ap.parse_args()
    rows = generate(args.seed)
    with args.out.open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    dev = "".join(json.dumps({"text": r["text"], "labels": r["labels"]}, ensure_ascii=False) + "\n"
                  for r in rows if r["split"] == "dev")
    args.dev_out.write_bytes(gzip.compress(dev.encode(), mtime=0))
    per_rule: Counter[str] = Counter(lab for r in rows for lab in r["labels"])  # type: ignore[attr-defined]
    kinds: Counter[str] = Counter(str(r["kind"]) for r in rows)
    splits: Counter[str] = Counter(str(r["split"]) for r in rows)
    print(f"wrote {args.out}: {len(rows)} messages, {len({r['family'] for r in rows})} families")
    print("  kinds:", dict(kinds), " splits:", dict(splits))
    for rule, n in sorted(per_rule.items()):
        print(f"  {rule:28} {n}")


if __name__ == "__main__":
    main()
