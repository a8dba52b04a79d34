"""`safety.quiet-hours`: a gentle reminder, once a night per member, for messages posted in the
school's quiet hours (off unless ``quiet_hours`` is set). Nothing is deleted and no strike
points are added (see `civility.plugins.safety.civility_decide`)."""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict

from civility.events import Message
from civility.plugins.safety.rules import BY_ID, QUIET_HOURS
from civility.plugins.safety.settings import QuietHours
from civility.verdicts import Evidence, Verdict

#: Members remembered as reminded (chat, member) -> the night; the oldest go first.
MAX_MEMBERS = 20_000


class Reminded:
    def __init__(self) -> None:
        self._nights: OrderedDict[tuple[str, str], dt.date] = OrderedDict()
        self._lock = threading.Lock()

    def first_tonight(self, message: Message, night: dt.date) -> bool:
        """True once per member and chat per night (later messages that night: False)."""
        key = (message.chat.key, message.sender.key)
        with self._lock:
            if self._nights.get(key) == night:
                return False
            self._nights[key] = night
            self._nights.move_to_end(key)
            if len(self._nights) > MAX_MEMBERS:
                self._nights.popitem(last=False)
            return True


REMINDED = Reminded()


def judge(message: Message, quiet: QuietHours | None) -> Verdict | None:
    if quiet is None:
        return None
    night = quiet.night_of(message.time)
    if night is None or not REMINDED.first_tonight(message, night):
        return None
    rule = BY_ID[QUIET_HOURS]
    local = message.time.astimezone(quiet.zone).strftime("%H:%M")
    return Verdict(QUIET_HOURS, rule.clause, rule.severity, 1.0,
                   (Evidence("quiet-hours", local, detail=f"quiet hours {quiet.text}"),))
