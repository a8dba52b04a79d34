"""The people and groups of the Telegram tests, and a tiny word policy that remembers what it saw."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from civility.events import Flag, Message, Removal
from civility.hookspecs import hookimpl
from civility.verdicts import Evidence, Rule, Severity, Verdict

GROUP, MODS = -1001000000001, -1001000000099
HEAD, AISHA, BILAL, CHRIS, MOD = 100, 101, 102, 103, 104
ENV = {"TG_TOKEN": "123456:TEST-fake-token", "TG_SECRET": "s3cret-Token_1"}
WORDS = {"darn": ("test.mild", Severity.MEDIUM), "idiot": ("test.insult", Severity.HIGH),
         "threat": ("test.threat", Severity.SEVERE)}


class WordPolicy:
    """Flags test words; remembers what it saw so tests can wait for it."""

    def __init__(self) -> None:
        self.seen: list[Message] = []
        self.flags: list[Flag] = []
        self.removals: list[Removal] = []
        self.joined: list[Any] = []
        self._changed = asyncio.Event()

    @hookimpl
    def civility_rules(self) -> list[Rule]:
        return [Rule(rule, f"No {word}", f"Please do not say {word}.", "1", sev)
                for word, (rule, sev) in WORDS.items()]

    @hookimpl
    def on_message(self, message: Message, context: Any) -> list[Verdict]:
        self.seen.append(message)
        self._changed.set()
        return [Verdict(rule, f"Please do not say {word}.", sev, 1.0, (Evidence("word", word),))
                for word, (rule, sev) in WORDS.items() if word in message.all_text]

    @hookimpl
    def on_flag(self, flag: Flag, context: Any) -> None:
        self.flags.append(flag)

    @hookimpl
    def on_remove(self, removal: Removal, context: Any) -> None:
        self.removals.append(removal)
        self._changed.set()

    @hookimpl
    def on_member_joined(self, joined: Any, context: Any) -> None:
        self.joined.append(joined)
        self._changed.set()

    async def wait_until(self, predicate: Callable[[], bool], limit: float = 15.0) -> None:
        """Wait for the engine to have shown the policy something (limit: broken tests only)."""
        async with asyncio.timeout(limit):
            while not predicate():
                self._changed.clear()
                await self._changed.wait()


def add_school(api: Any) -> None:
    """The school's people on a fake Bot API: a class group and its moderators' group."""
    api.add_user(HEAD, "Head Teacher", started=True)
    api.add_user(AISHA, "Aisha Khan", started=True)
    api.add_user(BILAL, "Bilal Ahmed")  # never started the bot
    api.add_user(CHRIS, "Chris Doe", started=True)
    api.add_user(MOD, "Maryam Mod", started=True)
    api.add_group(GROUP, "Year 3 parents", owner=HEAD, admins=(MOD,),
                  members=(AISHA, BILAL, CHRIS))
    api.add_group(MODS, "Year 3 moderators", owner=HEAD, admins=(MOD,))
