"""Audit every compiled regular expression in Civility for super-linear time on crafted text.

    .venv/bin/python benchmarks/regex_audit.py [--n 2000] [--top 15]

Imports every module of ``civility`` (core, adapters, plugins), collects each module-level
`re.Pattern`, and runs ``search`` and ``finditer`` on crafted worst cases (runs of one character,
repeats of short units such as ``"a."`` or ``"- "``, keywords the patterns start with followed
by long runs) at length n and 4n. A linear pattern costs about 4x as much on the longer text;
a quadratic one about 16x. Prints the worst growth per pattern, slowest first.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import re
import string
import time

import civility
import civility.adapters
import civility.plugins

UNITS = [*"a.-: \t\n/@1A'!|$*>_", "a.", "a-", "- ", "a ", "1.", "a1", "aA", ". ", "-a.", "a@",
         "you ", "my ", "the ", "mr ", "from: ", "on ", "www.", "http://", "a:", "--a",
         "\u200b", "é", "Mr ", "Aa ", "x's ", "fuck ", "! ", "a!"]
PREFIXES = ["", "you", "my", "on ", "the school", "Mr", "fuck", "-- ", "http://", "/mod 1 ", "a"]


def patterns() -> list[tuple[str, re.Pattern[str] | re.Pattern[bytes]]]:
    found: list[tuple[str, re.Pattern[str] | re.Pattern[bytes]]] = []
    names = [civility.__name__]
    for package in (civility, civility.adapters, civility.plugins):  # three source folders
        names += [m.name for m in pkgutil.walk_packages(package.__path__,
                                                        package.__name__ + ".")]
    names = list(dict.fromkeys(names))
    for name in names:
        try:
            module = importlib.import_module(name)
        except Exception:  # optional extras (neonize, nio) may be missing
            continue
        for attr, value in vars(module).items():
            if isinstance(value, re.Pattern):
                found.append((f"{name}.{attr}", value))
    seen: set[int] = set()
    return [(n, p) for n, p in found if not (id(p) in seen or seen.add(id(p)))]


def cost(pattern: re.Pattern[str] | re.Pattern[bytes], text: str, runs: int = 3) -> float:
    """The best of a few runs of ``search`` and ``finditer`` (a busy machine adds noise)."""
    subject: str | bytes = text
    if isinstance(pattern.pattern, bytes):
        subject = text.encode("utf-8", "replace")
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        pattern.search(subject)  # type: ignore[arg-type]
        for _ in pattern.finditer(subject):  # type: ignore[arg-type]
            pass
        best = min(best, time.perf_counter() - start)
    return best


def crafted(n: int) -> list[str]:
    out = []
    for prefix in PREFIXES:
        for unit in UNITS:
            body = unit * (n // len(unit))
            out.append(prefix + body)
            out.append(prefix + body + ":")
    out.append(string.ascii_letters * (n // 52))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args()
    small, large = crafted(args.n), crafted(4 * args.n)
    rows = []
    for name, pattern in patterns():
        worst = (0.0, 0.0, "")
        for a, b in zip(small, large, strict=True):
            t_small, t_large = cost(pattern, a), cost(pattern, b)
            if t_large > worst[1]:
                worst = (t_small, t_large, b[:24])
        rows.append((worst[1], name, worst[0], worst[2]))
    rows.sort(reverse=True)
    print(f"{len(rows)} patterns, crafted texts of {args.n} and {4 * args.n} characters")
    print(f"{'pattern':55} {'n ms':>8} {'4n ms':>8} {'ratio':>6}  worst input")
    for t_large, name, t_small, sample in rows[: args.top]:
        ratio = t_large / t_small if t_small else float("inf")
        print(f"{name:55} {t_small * 1000:8.2f} {t_large * 1000:8.2f} {ratio:6.1f}  {sample!r}")


if __name__ == "__main__":
    main()
