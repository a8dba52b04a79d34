"""A policy that hangs on a crafted message until the test lets it go (the judging tests)."""

from __future__ import annotations

import threading

from civility.hookspecs import hookimpl


class Hangs:
    """Never answers on a crafted message until the test lets it go."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.calls = 0

    @hookimpl
    def on_message(self, message, context):  # type: ignore[no-untyped-def]
        self.calls += 1
        if "crafted" in message.text:
            self.release.wait(30)
        return []
