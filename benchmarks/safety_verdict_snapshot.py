"""Every verdict the safety guards give, written out, so a speed change can prove that it
changes none: run it before and after and compare the files (``cmp``).

    .venv/bin/python benchmarks/safety_verdict_snapshot.py OUT [--messages 40000]

Judged: every row of the safety fixtures outside ``held_out/`` (and never ``fresh_m1``, which
is held out too), each as written, with an emoji after it and with one before it (emoji make
text non-ASCII, which the cheap first look treats apart), as the quality benchmark builds them
(links found in the text, the rows' forwarded flags); then ``--messages`` of the synthetic
chat through the hook caller, flood rule included (`safety_speed.build`). One line per
message: its verdicts' rule ids, confidences and evidence. The lines hold the
verdicts' evidence only, in a file of your choosing; nothing is logged.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from policy_speed import messages
from safety_speed import build

from civility._hooks import Hooks
from civility._plugins import make_manager
from civility.config import School
from civility.context import PolicyContext
from civility.events import MemberRef, Message, MessageRef
from civility.links import find_links
from civility.plugins import safety
from civility.testing import make_chat
from civility.verdicts import Verdict

FIXTURES = Path(__file__).parent.parent / "tests" / "fixtures" / "safety"
#: Held out (COMMON rules): never read.
NEVER = {"fresh_m1.jsonl"}


def line(verdicts: list[Verdict]) -> str:
    return json.dumps([[v.rule_id, v.confidence, [[e.detector, e.match, e.start, e.end, e.detail]
                                                  for e in v.evidence]] for v in verdicts])


def fixture_lines() -> list[str]:
    out = []
    school = School(name="Test School", contact_email="office@example.org")
    for path in sorted(FIXTURES.glob("*.jsonl")):  # (glob: held_out/ is a folder, not read)
        if path.name in NEVER:
            continue
        for i, raw in enumerate(path.read_text(encoding="utf-8").splitlines()):
            if not raw.strip():
                continue
            row = json.loads(raw)
            for variant, text in enumerate((row["text"], row["text"] + " 👍",
                                            "😂 " + row["text"])):
                chat = make_chat(f"snap-{path.stem}-{i}-{variant}")
                sender = MemberRef("test", f"member-{i}", "Member")
                message = Message(ref=MessageRef(chat, f"q{i}", sender), sender=sender,
                                  text=text, links=find_links(text),
                                  forwarded=bool(row.get("forwarded")),
                                  forwarded_many=bool(row.get("forwarded_many")))
                context = PolicyContext(school=school, chat=chat)
                out.append(f"{path.stem}:{i}:{variant} "
                           + line(safety.judge_message(message, context)))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--messages", type=int, default=40_000)
    args = ap.parse_args()
    lines = fixture_lines()
    hooks = Hooks(make_manager(entry_points=False))
    for i, (message, context) in enumerate(build(messages(args.messages), "snapshot")):
        lines.append(f"chat:{i} {line(hooks.on_message(message, context, ('safety',)))}")
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} messages, {sum(1 for x in lines if not x.endswith(' []'))} with "
          f"verdicts, written to {args.out}")


if __name__ == "__main__":
    main()
