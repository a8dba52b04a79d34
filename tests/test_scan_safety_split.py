"""The safety guards split for scan (`on_message_stateful` + `on_messages_stateless`, see
`civility.plugins.safety.batch`) give exactly what `on_message` gives, message by message,
and a scan judged a batch at a time writes the report the engine writes one message at a time."""

from __future__ import annotations

import datetime as dt
import json
from collections import deque
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import civility._scan_jobs as scan_jobs
import civility.plugins.safety as safety
from civility._cli import main
from civility._hooks import Hooks
from civility._plugins import make_manager
from civility._runner import build_engine
from civility.config import Config, School
from civility.context import PolicyContext, RecentPost
from civility.engine import RECENT_WINDOW
from civility.events import Message
from civility.hookspecs import hookimpl
from civility.plugins.safety.settings import chat_settings
from civility.scan import message_from_json, scan
from civility.store.memory import MemoryStore
from civility.testing import make_chat, make_message
from civility.verdicts import Evidence, Severity, Verdict

FIXTURES = Path(__file__).parent / "fixtures"
#: Every fifth line of every fixture: each kind of message, at a fifth of the cost (every line
#: is compared by benchmarks/safety_verdict_snapshot.py).
TEXTS = [json.loads(line)["text"]
         for path in [*sorted((FIXTURES / "safety").glob("*.jsonl")),
                      FIXTURES / "iqra" / "messages.jsonl"]
         for line in path.read_text("utf-8").splitlines()[::5] if line.strip()]
START = dt.datetime(2025, 9, 1, 20, 30, tzinfo=dt.UTC)  # the evening: quiet hours from 21:00
REPEAT = "Please everyone vote for our bake stall in the contest tonight"
SETTINGS: list[dict[str, Any]] = [
    {}, {"safety": {"model": False}}, {"safety": {"quiet_hours": "21:00-07:00"}},
    {"safety": {"school_domain": "iqra.slough.sch.uk", "flood_messages": 3}},
]


def _messages(chat: str) -> list[Message]:
    """Every fixture text and a repeat of each (in the same and later batches), from three
    parents and Sam, who posts in bursts and repeats himself, some forwarded."""
    out = []
    for i, text in enumerate([*TEXTS, *TEXTS]):
        sam = i % 7 in (0, 1, 2)
        out.append(make_message(REPEAT if sam and i % 2 else text,
                                sender="Sam" if sam else f"P{i % 3}", chat=make_chat(chat),
                                id=str(i), time=START + dt.timedelta(seconds=9 * i),
                                forwarded=i % 11 == 0))
    return out


def _in_order(messages: list[Message], settings: dict[str, Any]
              ) -> Iterator[tuple[Message, PolicyContext]]:
    """Each message with the context the engine gives it (the chat's recent window)."""
    recent: deque[RecentPost] = deque(maxlen=RECENT_WINDOW)
    school = School(name="Iqra")
    for message in messages:
        yield message, PolicyContext(school=school, chat=message.chat, recent=tuple(recent),
                                     settings=settings)
        recent.append(RecentPost(message.sender, message.time, message.reply_to_sender))


@pytest.mark.slow
@pytest.mark.parametrize("settings", SETTINGS)
def test_stateful_then_stateless_is_on_message(settings: dict[str, Any]) -> None:
    """In another chat (the flood and quiet-hours memories are per chat), the split gives each
    message exactly `on_message`'s verdicts, in its order: the memo's answers for repeated
    texts included, in batches cut anywhere."""
    key = json.dumps(settings, sort_keys=True)
    whole = [safety.on_message(message=m, context=c)
             for m, c in _in_order(_messages(f"whole {key}"), settings)]
    pairs = list(_in_order(_messages(f"split {key}"), settings))
    stateful = [safety.on_message_stateful(message=m, context=c) for m, c in pairs]
    stateless: list[list[Verdict]] = []
    for start in range(0, len(pairs), 37):
        part = pairs[start:start + 37]
        stateless += safety.on_messages_stateless(messages=[m for m, _ in part],
                                                  contexts=[c for _, c in part])
    split = [[*a, *b] for a, b in zip(stateful, stateless, strict=True)]
    assert split == whole
    found = {v.rule_id for vs in whole for v in vs}
    assert {"safety.flood", "safety.scam", "safety.personal-data"} <= found
    assert ("safety.quiet-hours" in found) == ("quiet_hours" in key)


def test_the_memo_tells_apart_what_the_verdicts_depend_on() -> None:
    """A repeated text is answered from the memo only when the flags, the year (dates of
    birth) and the settings are the same too."""
    text = "pass this on: no school on Friday, two children have scarlet fever"
    born = "Her birthday is 03/04/2019 and she lives at 12 Elm Road, SL1 4AB"
    context = PolicyContext(school=School(name="Iqra"), chat=make_chat(), settings={})
    off = PolicyContext(school=School(name="Iqra"), chat=make_chat(),
                        settings={"safety": {"model": False, "enabled": False}})
    plain, fwd = make_message(text), make_message(text, forwarded=True)
    cases = [(plain, context), (fwd, context), (plain, context), (fwd, off),
             (make_message(born, time=START), context),
             (make_message(born, time=START.replace(year=2040)), context)]
    one = [safety.content_verdicts(m, c, chat_settings(m, c)) if c is context else []
           for m, c in cases]
    assert safety.on_messages_stateless(messages=[m for m, _ in cases],
                                        contexts=[c for _, c in cases]) == one
    assert one[0] != one[1] and one[0] == one[2] and one[3] == []


class _Split:
    """A split policy that answers badly, as a buggy plugin might."""

    def __init__(self, answer: Any) -> None:
        self.answer = answer

    @hookimpl
    def civility_rules(self) -> list[Any]:
        return []

    @hookimpl
    def on_message(self, message: Any, context: Any) -> list[Verdict]:
        return []

    @hookimpl
    def on_message_stateful(self, message: Any, context: Any) -> list[Verdict]:
        if "boom" in message.text:
            raise RuntimeError("stateful boom")
        return []

    @hookimpl
    def on_messages_stateless(self, messages: Any, contexts: Any) -> Any:
        if len(messages) > 1 and self.answer is not None:
            if isinstance(self.answer, Exception):
                raise self.answer
            return self.answer
        if "bad" in messages[0].text:
            return [[Verdict("odd.bad", "be kind", Severity.MEDIUM, 1.0,
                             (Evidence("w", "bad"),))]]
        return [[]]


@pytest.mark.parametrize(("answer", "second"), [
    (RuntimeError("boom"), ["odd.bad"]), ([[]], ["odd.bad"]), ("junk", ["odd.bad"]),
    ([["junk"], []], []),  # the right length: the junk is dropped, the rest kept
])
def test_a_bad_stateless_answer_is_recorded_and_each_message_asked_alone(
        answer: Any, second: list[str]) -> None:
    hooks = Hooks(make_manager(builtins=False, entry_points=False,
                               extra=[("odd", _Split(answer))]))
    assert hooks.split_policies() == frozenset({"odd"})
    messages = [make_message("fine"), make_message("bad words")]
    contexts = [PolicyContext(school=School(name="Iqra"), chat=make_chat())] * 2
    found = hooks.on_messages_stateless(messages, contexts, "odd")
    assert [[v.rule_id for v in vs] for vs in found] == [[], second]
    assert hooks.health_of("odd").failures == 1
    assert hooks.on_message_stateful(make_message("boom"), contexts[0], "odd") == []
    assert hooks.health_of("odd").failures == 2


def _lines(chat: str) -> list[str]:
    return [json.dumps({"id": m.ref.id, "sender": m.sender.label, "chat": chat, "text": m.text,
                        "timestamp": m.time.isoformat(), "forwarded": m.forwarded})
            for m in _messages("x")]


async def _rows(lines: list[str], batched: bool) -> list[tuple[Any, ...]]:
    engine = build_engine(Config(), store=MemoryStore())
    engine.hooks.inline = True
    await engine.store.open()
    messages = iter([message_from_json(json.loads(line), "") for line in lines])
    rows = scan_jobs.scan_in_jobs(engine, messages, 1) if batched else scan(engine, messages)
    return [(r.id, r.rules, r.action, r.reasons) async for r in rows]


async def test_a_scan_in_batches_finds_what_the_engine_finds_one_at_a_time() -> None:
    """Batched judging in this process (Iqra's batch hook, the safety split, both memos)
    against the engine judging every message through ``on_message``."""
    one = await _rows(_lines("one"), batched=False)
    batched = await _rows(_lines("batched"), batched=True)
    assert batched == one
    assert scan_jobs.last_run.split == ("safety",) and scan_jobs.last_run.judged_here == 0
    assert any("safety.flood" in rules for _, rules, _, _ in one)


def test_jobs_write_the_report_of_one_job_with_the_safety_split(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scan_jobs, "PARALLEL_BYTES", 0)
    monkeypatch.setattr(scan_jobs, "BATCH", 50)
    source = tmp_path / "chat.jsonl"
    source.write_text("".join(line + "\n" for line in _lines("c")))
    reports = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}.jsonl"
        result = CliRunner().invoke(main, ["scan", str(source), "--jobs", jobs, "-o", str(out)])
        assert result.exit_code == 0, result.output
        reports.append(out.read_text())
    assert reports[1] == reports[0]
    assert scan_jobs.last_run.split == ("safety",) and scan_jobs.last_run.judged_here == 0
