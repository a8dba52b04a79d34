"""Judging in batches (`on_messages`) gives exactly what judging one message at a time gives,
and a scan that shares a batch-judging policy's messages among workers writes the same report
as one job."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import civility._scan_jobs as scan_jobs
import civility.plugins.iqra as iqra
import civility.plugins.iqra.learned as learned
from civility._cli import main
from civility._hooks import Hooks
from civility._plugins import make_manager
from civility.config import School
from civility.context import PolicyContext, RecentPost
from civility.hookspecs import hookimpl
from civility.testing import make_chat, make_member, make_message
from civility.verdicts import Evidence, Severity, Verdict

FIXTURE = Path(__file__).parent / "fixtures" / "iqra" / "messages.jsonl"
TEXTS = [json.loads(line)["text"] for line in FIXTURE.read_text("utf-8").splitlines()]
START = dt.datetime(2025, 9, 1, 8, 0, tzinfo=dt.UTC)


def _contexts(count: int) -> list[PolicyContext]:
    """Varied contexts: default settings, the model off, one threshold for every rule, a
    named member of staff, and recent windows in which two parents take turns (the private
    conversation rule)."""
    chat = make_chat()
    a, b = make_member("Parent A"), make_member("Parent B")
    turns = tuple(RecentPost(b if i % 2 else a, START + dt.timedelta(minutes=i))
                  for i in range(5))
    settings: list[dict[str, Any]] = [
        {}, {"iqra": {"model": False}}, {"iqra": {"model_threshold": 0.3}},
        {"iqra": {"staff_names": ["Khan", "Patel"]}}, {}]
    out = []
    for i in range(count):
        recent = turns if i % 3 == 0 else ()
        out.append(PolicyContext(school=School(name="Iqra"), chat=chat, recent=recent,
                                 settings=settings[i % len(settings)]))
    return out


def _messages() -> list[Any]:
    texts = [*TEXTS, *TEXTS[:20]]  # repeats, in the same batch
    return [make_message(t, sender="Parent A", time=START + dt.timedelta(minutes=6))
            for t in texts]


def test_batch_judging_gives_the_verdicts_of_one_at_a_time() -> None:
    messages = _messages()
    contexts = _contexts(len(messages))
    one = [iqra.on_message(message=m, context=c) for m, c in zip(messages, contexts,
                                                                   strict=True)]
    assert iqra.on_messages(messages=messages, contexts=contexts) == one
    # and again, now that the texts are remembered, in other chats, times and senders
    later = [make_message(m.text, sender="Parent C", chat=make_chat("other"),
                          time=START + dt.timedelta(days=3), forwarded=True)
             for m in messages]
    again = [iqra.on_message(message=m, context=c) for m, c in zip(later, contexts,
                                                                   strict=True)]
    assert iqra.on_messages(messages=later, contexts=contexts) == again
    assert any(v.rule_id == "iqra.private-conversation" for vs in one for v in vs)
    assert sum(map(bool, one)) > 10 and not all(one)


def test_a_text_judged_before_is_not_analysed_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """The memo by exact text: a repeat costs no analysis, yet settings that change what a
    text means (a member of staff named) are never answered from another's memo."""
    text = "Patel is useless and should be sacked, the worst in the school"
    context = PolicyContext(school=School(name="Iqra"), chat=make_chat(), settings={})
    named = PolicyContext(school=School(name="Iqra"), chat=make_chat(),
                          settings={"iqra": {"staff_names": ["Patel"]}})
    expected = [iqra.on_message(message=make_message(text), context=named)]
    calls: list[str] = []
    analyse = learned.analyse

    def counting(message: Any, settings: Any, ocr_text: str = "") -> Any:
        calls.append(message.text)
        return analyse(message, settings, ocr_text)

    monkeypatch.setattr(iqra, "analyse", counting)
    first = iqra.on_messages(messages=[make_message(text)], contexts=[context])
    assert len(calls) == 1
    assert iqra.on_messages(messages=[make_message(text)], contexts=[context]) == first
    assert len(calls) == 1  # remembered
    staff = iqra.on_messages(messages=[make_message(text)], contexts=[named])
    assert len(calls) == 2  # other settings: judged again
    assert staff == expected and staff != first
    off = PolicyContext(school=School(name="Iqra"), chat=make_chat(),
                        settings={"iqra": {"scan_memo": False}})
    iqra.on_messages(messages=[make_message(text)] * 2, contexts=[off] * 2)
    assert len(calls) == 4  # scan_memo = false: every message judged


class _Counting:
    """A batch policy that answers badly, as a buggy plugin might."""

    def __init__(self, answer: Any) -> None:
        self.answer = answer

    @hookimpl
    def civility_rules(self) -> list[Any]:
        return []

    @hookimpl
    def on_message(self, message: Any, context: Any) -> list[Verdict]:
        if "bad" not in message.text:
            return []
        return [Verdict("odd.bad", "be kind", Severity.MEDIUM, 1.0, (Evidence("w", "bad"),))]

    @hookimpl
    def on_messages(self, messages: Any, contexts: Any) -> Any:
        if isinstance(self.answer, Exception):
            raise self.answer
        return self.answer


@pytest.mark.parametrize("answer", [RuntimeError("boom"), [[]], "junk", None])
def test_a_bad_batch_answer_is_recorded_and_each_message_judged_alone(answer: Any) -> None:
    hooks = Hooks(make_manager(builtins=False, entry_points=False,
                               extra=[("odd", _Counting(answer))]))
    messages = [make_message("fine"), make_message("bad words")]
    contexts = _contexts(2)
    assert hooks.batch_policies() == frozenset({"odd"})
    found = hooks.on_messages(messages, contexts, "odd")
    assert [[v.rule_id for v in vs] for vs in found] == [[], ["odd.bad"]]
    assert hooks.health_of("odd").failures == (0 if answer is None else 1)


def test_shared_policy_reports_match_one_job(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Iqra's messages are shared among three workers (safety's flood rule stays in one);
    repeats and two-person runs fall across batch cuts; the report is the same as one job's."""
    monkeypatch.setattr(scan_jobs, "PARALLEL_BYTES", 0)
    monkeypatch.setattr(scan_jobs, "BATCH", 9)
    lines = []
    for i in range(150):  # in each ten: two parents take six turns, Sam repeats, one more
        step = i % 10
        sender = f"P{i % 2}" if step < 6 else "Sam" if step < 9 else "P2"
        text = "Can everyone vote for our bake stall in the contest tonight" \
            if sender == "Sam" else TEXTS[i % len(TEXTS)]
        lines.append(json.dumps({"id": str(i), "sender": sender, "text": text,
                                 "timestamp": 1_760_000_000 + 20 * i}) + "\n")
    source = tmp_path / "chat.jsonl"
    source.write_text("".join(lines))
    reports = []
    for jobs in ("1", "3"):
        out = tmp_path / f"out{jobs}.jsonl"
        result = CliRunner().invoke(main, ["scan", str(source), "--jobs", jobs, "-o", str(out)])
        assert result.exit_code == 0, result.output
        reports.append(out.read_text())
    assert reports[1] == reports[0]
    assert "safety.flood" in reports[0] and "iqra.private-conversation" in reports[0]
    run = scan_jobs.last_run
    assert run.shared == ("iqra",) and run.judged_here == 0
    assert sum(run.shares) == 150 and len(run.shares) == 3 and all(run.shares)
