"""The slowest message for the Iqra policy: crafted worst cases up to the text cap, in ms.

    .venv/bin/python benchmarks/worst_case_text.py [--random 200] [--top 10]

Every crafted family (runs of one character, repeats of short units that the patterns start or
loop on, keywords followed by long runs, look-alike letters, bidi overrides, leetspeak) is built
at the full `MAX_TEXT_CHARS` and judged by the Iqra policy's ``on_message`` (the best of three
runs per message, so a busy machine does not inflate one). Random mixes of the same units are
added with a fixed seed. Prints the slowest messages and their time.
"""

from __future__ import annotations

import argparse
import random
import time

import civility.plugins.iqra as iqra
from civility.events import MAX_TEXT_CHARS
from civility.testing import judge

UNITS = [*"a.-: \t\n/@1A'!|$*>_é\u200b\u202eμ", "a.", "a-", "- ", "a ", "1.", "a1", "aA",
         ". ", "-a.", "a@", "you ", "my ", "the ", "mr ", "Mr ", "from: ", "To: ", "on ",
         "www.", "http://", "a:", "--a", "Aa ", "x's ", "fuck ", "f u c k ", "sh1t ", "! ",
         "a!", "email ", "wrote ", "the school ", "in Year 4 ", "Bilal ", "idiot ", "b.i.t.c.h ",
         "\u202ekcuf ", "fμck ", "ｆｕｃｋ ", "you are a ", "bit.ly/", "aaa", "mum ", "-- Original "]
PREFIXES = ["", "you ", "my ", "on ", "email ", "From: x\n", "-----", "http://", "the school "]


def crafted() -> list[tuple[str, str]]:
    out = []
    for prefix in PREFIXES:
        for unit in UNITS:
            body = unit * ((MAX_TEXT_CHARS - len(prefix)) // len(unit))
            out.append((f"{prefix!r} + {unit!r} * n", prefix + body))
            out.append((f"{prefix!r} + {unit!r} * n + ':'", (prefix + body)[:-1] + ":"))
    return out


def mixed(count: int, seed: int = 7) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    out = []
    for i in range(count):
        units = rng.sample(UNITS, 3)
        parts: list[str] = []
        size = 0
        while size < MAX_TEXT_CHARS:
            piece = rng.choice(units) * rng.randint(1, 400)
            parts.append(piece)
            size += len(piece)
        out.append((f"random mix {i} of {units!r}", "".join(parts)[:MAX_TEXT_CHARS]))
    return out


def cost(text: str, runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        judge(iqra, text)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--random", type=int, default=200, help="random mixes to add")
    parser.add_argument("--top", type=int, default=10)
    args = parser.parse_args()
    cases = crafted() + mixed(args.random)
    judge(iqra, "warm up the word lists")
    timed = sorted(((cost(text), name, len(text)) for name, text in cases), reverse=True)
    typical = cost("Does anyone know if the trip needs a packed lunch?", runs=20)
    print(f"{len(cases)} crafted messages of up to {MAX_TEXT_CHARS} characters; "
          f"a typical short message: {typical * 1000:.2f} ms")
    for seconds, name, size in timed[: args.top]:
        print(f"{seconds * 1000:8.1f} ms  {size:6d} chars  {name}")
    print(f"slowest: {timed[0][0] * 1000:.1f} ms ({timed[0][1]})")


if __name__ == "__main__":
    main()
