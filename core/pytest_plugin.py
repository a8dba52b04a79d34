"""The pytest kit for policy authors (loaded by pytest through the ``pytest11`` entry point).

Tests read like the policy::

    def test_insults(civility_policy):
        policy = civility_policy("ourschool")            # an installed policy, a module or a TOML file
        policy.assert_breaks("you absolute numpty", "ourschool.insults")
        policy.assert_fine("PE is on Tuesday")
        policy.assert_conversation(["Aisha: hi", "Bilal: hi", "Aisha: ..."],
                                   triggers="ourschool.private-chat", at=3)

    @pytest.mark.civility_examples("examples.jsonl")     # beside the test file
    def test_examples(civility_policy, civility_example):
        civility_policy("ourschool").assert_example(civility_example)

Nothing here is imported until a test asks for it, so the kit costs nothing elsewhere.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import datetime as dt
from collections.abc import Callable, Coroutine, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import attrs
import pytest

if TYPE_CHECKING:
    from civility._hooks import Hooks
    from civility.config import School
    from civility.events import Message
    from civility.examples import Example
    from civility.verdicts import Verdict

__all__ = ["PolicyUnderTest", "Turn"]

T = TypeVar("T")
#: Spacing of conversation lines that give no time.
LINE_SPACING = dt.timedelta(seconds=20)
_START = dt.datetime(2025, 9, 1, 8, 0, tzinfo=dt.UTC)
Line = str | tuple[str, str] | tuple[str, str, float]


@attrs.frozen
class Turn:
    """One message of a conversation and what the policy made of it."""

    sender: str
    text: str
    rules: frozenset[str]
    action: str


def _run(coro: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine to the end, also from inside an async test's running loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()


def _parse_line(line: Line, index: int) -> tuple[str, str, dt.datetime]:
    if isinstance(line, str):
        sender, sep, text = line.partition(":")
        if not sep or not sender.strip():
            raise ValueError(f"conversation line {index + 1}: write it as 'Name: message'")
        return sender.strip(), text.strip(), _START + index * LINE_SPACING
    if len(line) == 3:
        return line[0], line[1], _START + dt.timedelta(seconds=line[2])
    return line[0], line[1], _START + index * LINE_SPACING


class PolicyUnderTest:
    """One policy, judged the way the engine judges: its verdicts, its rules, a conversation."""

    def __init__(self, name: str, hooks: Hooks, school: School,
                 settings: Mapping[str, Mapping[str, Any]]) -> None:
        self.name = name
        self.hooks = hooks
        self.school = school
        self.settings = dict(settings)
        self.rule_ids = frozenset(r.id for r in hooks.rules(only=[name]))

    # -- one message ------------------------------------------------------------------------

    def _message(self, text: str | Message) -> Message:
        from civility.testing import make_message

        return make_message(text) if isinstance(text, str) else text

    def verdicts(self, text: str | Message) -> list[Verdict]:
        from civility.context import PolicyContext

        message = self._message(text)
        context = PolicyContext(school=self.school, chat=message.chat, settings=self.settings)
        return self.hooks.on_message(message, context, only=[self.name])

    def rules(self, text: str | Message) -> set[str]:
        """The ids of the rules a message breaks (empty when it is fine)."""
        return {v.rule_id for v in self.verdicts(text)}

    def assert_breaks(self, text: str | Message, rule_id: str) -> Verdict:
        """Assert the message breaks ``rule_id``, with evidence; returns that verdict."""
        if rule_id not in self.rule_ids:
            raise AssertionError(f"{self.name} has no rule {rule_id!r}; its rules are "
                                 + ", ".join(sorted(self.rule_ids)))
        found = self.verdicts(text)
        for verdict in found:
            if verdict.rule_id == rule_id:
                assert verdict.evidence, f"{rule_id} fired without evidence to show why"
                return verdict
        got = ", ".join(sorted({v.rule_id for v in found})) or "nothing"
        raise AssertionError(f"expected {rule_id}, got {got}, for {self._message(text).text!r}")

    def assert_fine(self, text: str | Message) -> None:
        found = self.verdicts(text)
        if found:
            why = "; ".join(v.explain() for v in found)
            raise AssertionError(f"expected no rule, got {why}, for {self._message(text).text!r}")

    def assert_example(self, example: Example) -> None:
        """A labelled example (see `civility.examples`): clean stays clean; a breach gets one
        of its expected rules."""
        if example.is_clean:
            self.assert_fine(example.text)
            return
        got = self.rules(example.text)
        if not got & example.rules:
            raise AssertionError(f"example {example.id}: expected one of "
                                 f"{', '.join(sorted(example.rules))}, got "
                                 f"{', '.join(sorted(got)) or 'nothing'}, for {example.text!r}")

    # -- a conversation, through a real engine ----------------------------------------------

    def conversation(self, lines: Sequence[Line]) -> list[Turn]:
        """Judge the lines in order through a real engine (in-memory store, no platform):
        ``"Name: text"`` (20 s apart), ``(name, text)`` or ``(name, text, seconds_from_start)``."""
        return _run(self._conversation(lines))

    async def _conversation(self, lines: Sequence[Line]) -> list[Turn]:
        from civility.config import Config
        from civility.engine import Engine
        from civility.events import MemberRef, Message, MessageRef
        from civility.store.memory import MemoryStore
        from civility.testing import make_chat

        config = Config(school=self.school, plugins=(self.name,), plugin_settings=self.settings)
        engine = Engine(config, self.hooks, MemoryStore())
        self.hooks.inline = True  # offline: judge on this thread, as scan does
        chat = make_chat()
        turns: list[Turn] = []
        await engine.store.open()
        try:
            for index, line in enumerate(lines):
                sender, text, time = _parse_line(line, index)
                member = MemberRef(chat.platform, sender.lower(), sender)
                message = Message(ref=MessageRef(chat, f"c{index + 1}", member), sender=member,
                                  text=text, time=time)
                decision = (await engine.on_message(message)).decision
                found = frozenset(r for r in decision.rule_ids if r in self.rule_ids)
                turns.append(Turn(sender, text, found, decision.action if found else "none"))
        finally:
            await engine.store.close()
        return turns

    def assert_conversation(self, lines: Sequence[Line], *, triggers: str, at: int) -> list[Turn]:
        """Assert ``triggers`` fires on message number ``at`` (1-based) and not before."""
        turns = self.conversation(lines)
        fired = [i + 1 for i, t in enumerate(turns) if triggers in t.rules]
        if not fired or fired[0] != at:
            raise AssertionError(f"expected {triggers} first on message {at}, "
                                 f"got it on {fired or 'no message'}")
        return turns


def _hooks_for(policy: Any) -> tuple[str, Hooks]:
    from civility._hooks import Hooks
    from civility._plugins import make_manager

    if isinstance(policy, str | Path) and str(policy).endswith(".toml"):
        from civility.policy_file import load_policy_file

        loaded = load_policy_file(Path(policy))
        return loaded.name, Hooks(make_manager(extra=[(loaded.name, loaded)]))
    if isinstance(policy, str):
        hooks = Hooks(make_manager())
        if policy not in hooks.policy_names():
            raise pytest.UsageError(f"no policy {policy!r} is installed; installed: "
                                    + ", ".join(hooks.policy_names()))
        return policy, hooks
    name = getattr(policy, "__name__", type(policy).__name__).rpartition(".")[2]
    pm = make_manager(entry_points=False)
    if pm.get_plugin(name) is None:
        pm.register(policy, name=name)
    return name, Hooks(pm)


@pytest.fixture
def civility_policy() -> Callable[..., PolicyUnderTest]:
    """A factory: ``civility_policy(policy, settings=None, school=None)`` where ``policy`` is an
    installed policy's name, a plugin module or object, or the path of a TOML policy file.
    ``settings`` is that policy's ``[policy.settings.NAME]`` table."""
    from civility.config import School

    def make(policy: Any, *, settings: Mapping[str, Any] | None = None,
             school: School | None = None) -> PolicyUnderTest:
        name, hooks = _hooks_for(policy)
        return PolicyUnderTest(
            name, hooks,
            school or School(name="Test School", contact_email="office@example.org"),
            {name: dict(settings or {})})

    return make


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "civility_examples(path): run the test once per labelled example in the "
        "JSON Lines or TOML file (relative to the test file), as the civility_example argument")


def _example_params(path: Path) -> Iterable[Any]:
    from civility.examples import read_examples

    for example in read_examples(path):
        label = ",".join(sorted(example.rules)) or "clean"
        yield pytest.param(example, id=f"{example.id}-{label}")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "civility_example" not in metafunc.fixturenames:
        return
    marker = metafunc.definition.get_closest_marker("civility_examples")
    if marker is None or not marker.args:
        raise pytest.UsageError(f"{metafunc.function.__name__} takes civility_example: mark it "
                                "with @pytest.mark.civility_examples('examples.jsonl')")
    path = Path(metafunc.definition.path).parent / str(marker.args[0])
    metafunc.parametrize("civility_example", list(_example_params(path)))
