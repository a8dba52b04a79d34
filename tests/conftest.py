"""Shared fixtures: a tiny test policy (so core tests do not depend on the Iqra wording) and an
engine wired to a recording adapter."""

from __future__ import annotations

import datetime as dt
import functools
import gc
import subprocess
import sys
import warnings
from collections.abc import AsyncIterator, Callable, Iterator

import attrs
import pytest
import structlog

from civility._hooks import Hooks
from civility._plugins import make_manager
from civility.config import Config, School
from civility.engine import Engine
from civility.hookspecs import hookimpl
from civility.store.memory import MemoryStore
from civility.testing import RecordingAdapter
from civility.verdicts import Evidence, Rule, Severity, Verdict


def _import_neonize_quietly() -> None:
    """neonize's import runs ``os.popen("uname -a")`` and never closes the pipe; the warning
    would fire at some later garbage collection, inside whichever test is running. Import it
    once here, reap the child and collect, so no test is blamed for it."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        try:
            __import__("neonize.aioze.client")
        except Exception:  # not installed, or libmagic1 missing: its tests skip
            return
        # neonize asks `uname` again each time it looks for its library: answer from a cache
        # (the answer cannot change within a process), so no pipe is opened after this one.
        for name in ("neonize.utils.platform", "neonize._binder", "neonize.download"):
            module = sys.modules.get(name)
            if module is not None and hasattr(module, "generated_name"):
                module.generated_name = functools.cache(module.generated_name)
                module.generated_name()
        # Reap os.popen's children and drop them from subprocess's own list: it frees them
        # (and warns about their pipes) at the next process start, inside some other test.
        active = getattr(subprocess, "_active", None) or []
        for child in list(active):
            child.wait(timeout=10)
            active.remove(child)
        gc.collect()


_import_neonize_quietly()

_configure_structlog = structlog.configure


def _configure_uncached(*args: object, **kwargs: object) -> None:
    """The CLI, run in this process by some tests, configures structlog to cache each logger on
    first use; a logger cached then would escape every later test's ``capture_logs``. Tests
    keep the CLI's configuration, uncached, so the order tests run in never matters."""
    kwargs["cache_logger_on_first_use"] = False
    _configure_structlog(*args, **kwargs)  # type: ignore[arg-type]


structlog.configure = _configure_uncached  # type: ignore[assignment]


@pytest.fixture(autouse=True)
def _structlog_defaults() -> Iterator[None]:
    """Each test starts from structlog's defaults (not a closed stream a CLI run left set)."""
    yield
    structlog.reset_defaults()

#: word → (rule id, severity, confidence)
WORDS = {
    "darn": ("test.mild", Severity.MEDIUM, 1.0),
    "idiot": ("test.insult", Severity.HIGH, 1.0),
    "threat": ("test.threat", Severity.SEVERE, 1.0),
    "offtopic": ("test.offtopic", Severity.LOW, 1.0),
    "maybe": ("test.unsure", Severity.MEDIUM, 0.3),
}


class WordPolicy:
    """Flags a message for each test word it contains."""

    def __init__(self) -> None:
        self.flags: list[object] = []
        self.removals: list[object] = []

    @hookimpl
    def civility_rules(self) -> list[Rule]:
        return [Rule(rule, rule, f"clause for {rule}", "section 1", sev, "")
                for rule, sev, _ in WORDS.values()]

    @hookimpl
    def on_message(self, message, context):  # type: ignore[no-untyped-def]
        found = []
        for word, (rule, severity, confidence) in WORDS.items():
            at = message.text.find(word)
            if at >= 0:
                found.append(Verdict(rule, f"clause for {rule}", severity, confidence,
                                     (Evidence("word", word, at, at + len(word)),)))
        return found

    @hookimpl
    def on_flag(self, flag, context):  # type: ignore[no-untyped-def]
        self.flags.append(flag)

    @hookimpl
    def on_remove(self, removal, context):  # type: ignore[no-untyped-def]
        self.removals.append(removal)


SCHOOL = School(name="Test Primary", contact_email="office@test.example",
                concerns_route="the class teacher")


@attrs.define
class Clock:
    now: dt.datetime = dt.datetime(2026, 11, 1, 9, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def school() -> School:
    return SCHOOL


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def policy() -> WordPolicy:
    return WordPolicy()


@pytest.fixture
def adapter() -> RecordingAdapter:
    return RecordingAdapter(moderators={"mod"})


EngineFactory = Callable[..., Engine]


@pytest.fixture
async def make_engine(policy: WordPolicy, adapter: RecordingAdapter
                      ) -> AsyncIterator[EngineFactory]:
    made: list[Engine] = []

    def factory(config: Config | None = None, store: object = None, **kw: object) -> Engine:
        config = config or Config(school=SCHOOL, plugins=("words",))
        hooks = Hooks(make_manager(entry_points=False, extra=[("words", policy)]))
        engine = Engine(config, hooks, store or MemoryStore(), **kw)  # type: ignore[arg-type]
        engine.add_adapter(adapter)
        made.append(engine)
        return engine

    yield factory
    for engine in made:
        await engine.stop()


@pytest.fixture
async def engine(make_engine: EngineFactory) -> Engine:
    engine = make_engine()
    await engine.start()
    return engine
