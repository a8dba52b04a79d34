"""The real ``civility run --config FILE`` process for crash tests: started, killed with SIGKILL,
restarted; a word policy installed as a real entry-point plugin so the child can load it; and
counting in the SQLite store the child wrote."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any

#: The plugin the child process loads through the ``civility`` entry-point group.
PLUGIN = "wordpolicy"
_PLUGIN_SOURCE = '''"""Flags the crash tests' words (installed for the child process only)."""
from civility.hookspecs import hookimpl
from civility.verdicts import Evidence, Rule, Severity, Verdict

WORDS = {"darn": ("test.mild", Severity.MEDIUM), "idiot": ("test.insult", Severity.HIGH)}


@hookimpl
def civility_rules():
    return [Rule(rule, "No " + word, "Please do not say " + word + ".", "1", severity)
            for word, (rule, severity) in WORDS.items()]


@hookimpl
def on_message(message, context):
    return [Verdict(rule, "Please do not say " + word + ".", severity, 1.0,
                    (Evidence("word", word),))
            for word, (rule, severity) in WORDS.items() if word in message.all_text]
'''


def install_word_plugin(root: Path) -> Path:
    """Write the plugin and its dist-info (with the entry point) under ``root``; put ``root``
    on the child's PYTHONPATH."""
    root.mkdir(parents=True, exist_ok=True)
    (root / f"{PLUGIN}.py").write_text(_PLUGIN_SOURCE, encoding="utf-8")
    info = root / f"{PLUGIN}-1.0.dist-info"
    info.mkdir(exist_ok=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {PLUGIN}\nVersion: 1.0\n",
                                   encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[civility]\n{PLUGIN} = {PLUGIN}\n", encoding="utf-8")
    return root


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def civility_command() -> list[str]:
    """This interpreter's ``civility`` script (the package is installed in its environment)."""
    script = Path(sys.executable).with_name("civility")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "import sys; from civility._cli import main; sys.exit(main())"]


def _toml(value: Any) -> str:
    """One TOML value (strings JSON-quoted: TOML basic strings take the same escapes)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    raise TypeError(f"no TOML for {type(value).__name__}")


def crash_config(root: Path, platform: str, table: Mapping[str, Any]) -> Path:
    """``root/civility.toml`` for a crash test: the word policy only, a SQLite store in
    ``root``, and one platform table (its keys and values given)."""
    path = root / "civility.toml"
    keys = "\n".join(f"{key} = {_toml(value)}" for key, value in table.items())
    path.write_text(f"""
[school]
name = "Test Primary"

[policy]
plugins = ["{PLUGIN}"]

# The crash test counts what its own word policy does: no safety guards (a flood) beside it.
[policy.settings.safety]
enabled = false

[store]
url = "sqlite:///{root / 'civility.db'}"

[{platform}]
{keys}
""", encoding="utf-8")
    return path


def crash_process(root: Path, config: Path, env: Mapping[str, str]) -> CivilityProcess:
    """The process for ``config``, with the word plugin installed under ``root``."""
    return CivilityProcess(config, env=env, plugin_dir=install_word_plugin(root / "plugins"),
                           log=root / "civility.log")


class CivilityProcess:
    """``civility --log-json run --config FILE`` in its own session; every start appends its
    log (JSON lines) to one file."""

    def __init__(self, config: Path, *, env: Mapping[str, str], plugin_dir: Path,
                 log: Path) -> None:
        self.config, self.log = config, log
        self.env = {**os.environ, **env, "PYTHONPATH": os.pathsep.join(
            [str(plugin_dir), *filter(None, [os.environ.get("PYTHONPATH")])]),
            "CIVILITY_DISABLE_PLUGINS": "iqra"}
        self.process: subprocess.Popen[bytes] | None = None
        self.starts = self.kills = 0

    def start(self) -> None:
        assert self.process is None or self.process.poll() is not None
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(
                [*civility_command(), "--log-json", "run", "--config", str(self.config)],
                env=self.env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                start_new_session=True, cwd=self.config.parent)
        self.starts += 1

    def kill(self) -> None:
        """SIGKILL: no clean-up of any kind, as in a power cut of the process."""
        assert self.process is not None
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)
        self.kills += 1

    def stop(self, timeout: float = 20.0) -> int:
        """SIGTERM and wait (SIGKILL after ``timeout``); returns the exit code."""
        if self.process is None or self.process.poll() is not None:
            return self.process.returncode if self.process else 0
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            return -9

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def lines(self) -> list[dict[str, Any]]:
        """The JSON log lines written so far (anything else, such as a traceback, as text)."""
        found: list[dict[str, Any]] = []
        for raw in self.log.read_text("utf-8", errors="replace").splitlines():
            try:
                entry = json.loads(raw)
            except ValueError:
                entry = {"event": "not-json", "text": raw}
            found.append(entry if isinstance(entry, dict) else {"event": "not-json",
                                                                  "text": raw})
        return found

    def tracebacks(self) -> list[str]:
        """Lines of a Python traceback in the log (there should be none)."""
        return [line["text"] for line in self.lines()
                if line["event"] == "not-json" and "Traceback" in line.get("text", "")]

    def events(self, name: str) -> list[dict[str, Any]]:
        return [line for line in self.lines() if line.get("event") == name]

    def wait_log(self, name: str, count: int = 1, limit: float = 30.0) -> list[dict[str, Any]]:
        """Block until the log has ``count`` lines of this event (run it in a thread)."""
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            found = self.events(name)
            if len(found) >= count:
                return found
            time.sleep(0.05)
        raise AssertionError(f"civility never logged {name}; log:\n" + self.log.read_text()[-3000:])


def store_counts(db: Path) -> dict[str, Any]:
    """What the child wrote: incidents and strikes per (chat, message), audit kinds."""
    with contextlib.closing(sqlite3.connect(db)) as conn:
        incidents = Counter(conn.execute(
            "SELECT chat_key, message_id FROM incidents").fetchall())
        strikes = Counter(conn.execute(
            "SELECT i.chat_key, i.message_id FROM strikes s JOIN incidents i "
            "ON s.incident_id = i.id").fetchall())
        steps = {(chat, message): json.loads(s) for chat, message, s in conn.execute(
            "SELECT chat_key, message_id, steps FROM incidents")}
        audit = Counter(kind for (kind,) in conn.execute("SELECT kind FROM audit"))
    return {"incidents": incidents, "strikes": strikes, "steps": steps, "audit": audit}


async def hold_database(db: Path) -> sqlite3.Connection:
    """Another program takes the SQLite database (``BEGIN EXCLUSIVE``): no write gets through
    until it rolls back. Taken off the event loop: a bot running in this process may hold the
    lock for a moment (a purge of its own) and need the loop to let go."""
    def take() -> sqlite3.Connection:
        conn = sqlite3.connect(db, isolation_level=None, timeout=10, check_same_thread=False)
        conn.execute("BEGIN EXCLUSIVE")
        return conn

    return await asyncio.to_thread(take)


def duplicates(counter: Counter[Any]) -> dict[Any, int]:
    return {key: n for key, n in counter.items() if n > 1}
