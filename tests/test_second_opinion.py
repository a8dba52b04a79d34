"""The optional second opinion from a language model, against a loopback server that speaks the
OpenAI chat-completions wire format (POST /v1/chat/completions, ``choices[0].message.content``).
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator

import attrs
import pytest
import structlog
from aiohttp import web

from civility._hooks import Hooks
from civility._plugins import make_manager
from civility._second_opinion import AnswerError, opinion_of, parse_answer
from civility._tables import ConfigError
from civility.config import Config, LadderSettings, School, SecondOpinionSettings, parse_config
from civility.engine import Engine
from civility.hookspecs import hookimpl
from civility.store.memory import MemoryStore
from civility.testing import RecordingAdapter, make_message
from civility.verdicts import Evidence, Rule, Severity, Step, Verdict

GRIEVANCE = Rule("club.grievance", "No public grievances", "Raise concerns about staff privately.",
                 "Code of conduct, bullet 3", Severity.MEDIUM)
THREAT = Rule("club.threat", "No threats", "Never threaten anyone.", "Code of conduct, bullet 1",
              Severity.SEVERE)
SECRET_KEY = "sk-test-not-a-real-key-123"


class Hesitant:
    """Suspects a grievance whenever a teacher is mentioned; how sure is set per test."""

    def __init__(self, confidence: float = 0.4) -> None:
        self.confidence = confidence

    @hookimpl
    def civility_rules(self) -> list[Rule]:
        return [GRIEVANCE, THREAT]

    @hookimpl
    def on_message(self, message, context):  # type: ignore[no-untyped-def]
        if "teacher" in message.text:
            return [Verdict(GRIEVANCE.id, GRIEVANCE.clause, GRIEVANCE.severity, self.confidence,
                            (Evidence("word", "teacher"),))]
        return []


@attrs.define
class FakeModel:
    """A chat-completions server: answers with ``content``, or fails as told."""

    content: str = ""
    status: int = 200
    delay: float = 0.0
    requests: list[tuple[str, dict[str, str], dict[str, object]]] = attrs.Factory(list)
    url: str = ""

    def answer(self, breach: bool, rule: str | None, confidence: float, reason: str) -> None:
        self.content = json.dumps({"breach": breach, "rule": rule, "confidence": confidence,
                                   "reason": reason})

    async def completions(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.requests.append((request.path, dict(request.headers), body))
        if self.delay:
            await asyncio.sleep(self.delay)
        if self.status != 200:
            return web.json_response({"error": {"message": "overloaded", "type": "server_error"}},
                                     status=self.status)
        return web.json_response({
            "id": "chatcmpl-1", "object": "chat.completion", "created": int(time.time()),
            "model": body["model"],
            "choices": [{"index": 0, "finish_reason": "stop",
                         "message": {"role": "assistant", "content": self.content}}],
            "usage": {"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20},
        })


@pytest.fixture
async def model() -> AsyncIterator[FakeModel]:
    fake = FakeModel()
    app = web.Application()
    app.router.add_post("/v1/chat/completions", fake.completions)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    fake.url = f"http://127.0.0.1:{port}/v1"
    yield fake
    await runner.cleanup()


def _config(model: FakeModel, **settings: object) -> Config:
    table = {"url": model.url, "model": "llama3.1:8b", "api_key": "env:TEST_LLM_KEY",
             "timeout_seconds": 2, **settings}
    return attrs.evolve(
        parse_config({"second_opinion": table, "policy": {"plugins": ["club"]}}, "test.toml",
                     {"TEST_LLM_KEY": SECRET_KEY}),
        school=School(name="Test"))


async def _engine(config: Config, confidence: float = 0.4) -> Engine:
    hooks = Hooks(make_manager(builtins=True, entry_points=False, disabled=("iqra", "safety"),
                               extra=[("club", Hesitant(confidence))]))
    engine = Engine(config, hooks, MemoryStore())
    engine.add_adapter(RecordingAdapter())
    await engine.start(adapters=False)
    return engine


TEXT = "If that teacher goes near my son again I will be waiting at the gate"


async def test_a_breach_found_by_the_model_only_ever_asks_moderators(model):
    model.answer(True, THREAT.id, 0.99, "A threat to wait for someone at the gate.")
    engine = await _engine(_config(model))
    try:
        outcome = await engine.handle(make_message(TEXT))
    finally:
        await engine.stop()
    decision = outcome.decision
    assert decision.steps == (Step.REVIEW,) and decision.pending == ()  # nothing automatic
    threat = next(v for v in decision.verdicts if v.rule_id == THREAT.id)
    assert threat.confidence < LadderSettings().min_confidence
    assert "second-opinion" in threat.explain() and "gate" in threat.explain()
    grievance = next(v for v in decision.verdicts if v.rule_id == GRIEVANCE.id)
    assert grievance.confidence == 0.4  # the fast path's verdict is kept
    [(path, headers, body)] = model.requests
    assert path == "/v1/chat/completions"
    assert headers["Authorization"] == f"Bearer {SECRET_KEY}"
    assert body["model"] == "llama3.1:8b"
    system, user = body["messages"]  # type: ignore[misc]
    assert system["role"] == "system" and user["role"] == "user"
    for rule in (GRIEVANCE, THREAT):  # the policy's clauses are in the prompt
        assert rule.clause in system["content"] and rule.id in system["content"]
    assert TEXT in user["content"] and GRIEVANCE.id in user["content"]


async def test_answers_are_cached_by_text(model):
    model.answer(False, None, 0.8, "Fair question about the class.")
    engine = await _engine(_config(model))
    try:
        for _ in range(3):
            outcome = await engine.handle(make_message("Has the teacher set homework?"))
            assert "reads as no breach" in outcome.decision.verdicts[0].explain()
        await engine.handle(make_message("Which teacher runs the club?"))
    finally:
        await engine.stop()
    assert len(model.requests) == 2
    opinion = opinion_of(engine)
    assert opinion is not None and len(opinion.cache) == 2


@pytest.mark.parametrize("content", [
    "Sure! This message looks fine to me.",
    '{"breach": true, "rule": "club.threat"}',
    '{"breach": "yes", "rule": "club.threat", "confidence": 0.9, "reason": "x"}',
    '{"breach": true, "rule": "other.rule", "confidence": 0.9, "reason": "made up"}',
    '{"breach": true, "rule": "club.threat", "confidence": 7, "reason": "x"}',
    '[true, "club.threat", 0.9, "x"]',
])
async def test_a_malformed_answer_falls_back_to_the_fast_path(model, content):
    model.content = content
    engine = await _engine(_config(model))
    try:
        outcome = await engine.handle(make_message(TEXT))
    finally:
        await engine.stop()
    [verdict] = outcome.decision.verdicts
    assert verdict.rule_id == GRIEVANCE.id and verdict.confidence == 0.4
    assert "second-opinion" not in verdict.explain()
    assert outcome.decision.steps == (Step.REVIEW,)
    assert len(model.requests) == 1


async def test_a_server_error_falls_back_to_the_fast_path(model):
    model.status = 500
    engine = await _engine(_config(model))
    try:
        outcome = await engine.handle(make_message(TEXT))
    finally:
        await engine.stop()
    assert [v.rule_id for v in outcome.decision.verdicts] == [GRIEVANCE.id]
    assert len(model.requests) == 1


async def test_a_slow_model_is_given_up_on_at_the_timeout(model):
    model.delay = 3.0
    model.answer(True, THREAT.id, 0.9, "late")
    engine = await _engine(_config(model, timeout_seconds=0.3))
    try:
        started = time.perf_counter()
        outcome = await engine.handle(make_message(TEXT))
        took = time.perf_counter() - started
    finally:
        await engine.stop()
    assert took < model.delay
    assert [v.rule_id for v in outcome.decision.verdicts] == [GRIEVANCE.id]


async def test_sure_verdicts_and_clean_messages_are_not_asked_about(model):
    model.answer(False, None, 0.9, "fine")
    engine = await _engine(_config(model), confidence=0.95)
    try:
        sure = await engine.handle(make_message("the teacher is useless"))
        await engine.handle(make_message("PE kit on Friday please"))
    finally:
        await engine.stop()
    assert Step.DELETE in sure.decision.steps
    assert model.requests == []


async def test_in_a_wider_band_disagreement_asks_moderators_instead_of_acting(model):
    model.answer(False, None, 0.9, "Praise for the teacher, not a grievance.")
    engine = await _engine(_config(model, ask_below=0.9), confidence=0.7)
    try:
        disputed = await engine.handle(make_message("our teacher is brilliant"))
        model.answer(True, GRIEVANCE.id, 0.9, "A public complaint about a teacher.")
        agreed = await engine.handle(make_message("the teacher has lost control of the class"))
    finally:
        await engine.stop()
    assert disputed.decision.steps == (Step.REVIEW,)
    assert Step.DELETE in agreed.decision.steps  # agreeing never stops the fast path acting
    assert agreed.decision.verdicts[0].confidence == 0.7


async def test_the_text_and_the_key_never_reach_the_log(model):
    model.answer(True, THREAT.id, 0.99, "A threat.")
    engine = await _engine(_config(model))
    with structlog.testing.capture_logs() as logs:
        try:
            await engine.handle(make_message(TEXT))
            await engine.handle(make_message(TEXT))
            model.status = 500
            await engine.handle(make_message(TEXT + " again"))
        finally:
            await engine.stop()
    dumped = json.dumps(logs, default=str)
    assert "second_opinion" in dumped and "second_opinion_failed" in dumped
    assert "waiting at the gate" not in dumped and SECRET_KEY not in dumped


def test_answers_are_validated_strictly():
    ok = parse_answer('{"breach": true, "rule": "a", "confidence": 1, "reason": "x\\u0000y"}',
                      ["a"])
    assert ok.breach and ok.rule == "a" and ok.reason == "xy"
    with pytest.raises(AnswerError):
        parse_answer('{"breach": true, "rule": "a", "confidence": 0.5, "reason": "x", '
                     '"extra": 1}', ["a"])
    with pytest.raises(AnswerError):
        parse_answer('{"breach": false, "rule": null, "confidence": true, "reason": "x"}', ["a"])


def test_the_config_section():
    env = {"KEY": "secret"}
    assert parse_config({}, "f.toml").second_opinion is None  # off by default
    assert parse_config({"second_opinion": {"enabled": False, "url": "http://x", "model": "m"}},
                        "f.toml").second_opinion is None
    settings = parse_config({"second_opinion": {"url": "http://127.0.0.1:11434/v1",
                                                "model": "m", "api_key": "env:KEY",
                                                "ask_below": 0.8}}, "f.toml", env).second_opinion
    assert isinstance(settings, SecondOpinionSettings)
    assert settings.ask_below == 0.8 and settings.api_key is not None
    assert SECRET_KEY not in repr(settings) and "secret" not in repr(settings)
    with pytest.raises(ConfigError, match=r"second_opinion\.modle"):
        parse_config({"second_opinion": {"url": "http://x", "modle": "m"}}, "f.toml")
    with pytest.raises(ConfigError, match=r"second_opinion\.url"):
        parse_config({"second_opinion": {"url": "ftp://x", "model": "m"}}, "f.toml")
    with pytest.raises(ConfigError, match=r"second_opinion\.ask_above\] expected less than"):
        parse_config({"second_opinion": {"url": "http://x", "model": "m", "ask_below": 0.5,
                                         "ask_above": 0.5}}, "f.toml")
    with pytest.raises(ConfigError, match=r"second_opinion\.api_key"):
        parse_config({"second_opinion": {"url": "http://x", "model": "m",
                                         "api_key": "sk-in-the-file"}}, "f.toml")


def test_the_readme_example_parses():
    import re
    import tomllib
    from pathlib import Path

    readme = Path(__file__).resolve().parents[1] / "README.md"
    blocks = re.findall(r"```toml\n(.*?)```", readme.read_text(), re.S)
    [block] = [b for b in blocks if b.lstrip().startswith("[second_opinion]")]
    settings = parse_config(tomllib.loads(block), "README.md").second_opinion
    assert settings is not None and settings.model and settings.timeout_seconds == 10


async def test_an_endpoint_that_keeps_failing_is_not_asked_for_a_while(model):
    from civility import _second_opinion

    model.status = 500
    engine = await _engine(_config(model))
    try:
        for i in range(_second_opinion.PAUSE_AFTER + 3):
            outcome = await engine.handle(make_message(f"the teacher {i}"))
            assert [v.rule_id for v in outcome.decision.verdicts] == [GRIEVANCE.id]
    finally:
        await engine.stop()
    assert len(model.requests) == _second_opinion.PAUSE_AFTER
