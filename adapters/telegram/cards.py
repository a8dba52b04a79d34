"""Review cards for the moderators' chat: text, inline buttons, and reading a press back.

Button data carries only the incident id and the choice (Telegram allows 64 bytes), never who
reported anything.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from civility import moderation
from civility.adapter import ReviewRequest
from civility.events import ReviewChoice
from civility.store import IncidentRecord
from civility.verdicts import Rule

PREFIX = "civ"
#: Telegram refuses messages over 4096 characters; leave room for the footer.
_MAX_TEXT = 3800
_LABELS = {
    ReviewChoice.KEEP: "✅ Keep",
    ReviewChoice.DELETE: "🗑 Delete",
    ReviewChoice.CAUTION: "⚠️ Caution",
    ReviewChoice.MUTE: "🔇 Mute",
    ReviewChoice.REMOVE: "🚪 Remove member",
    ReviewChoice.REPORT: "📝 Report to school",
}
_INCIDENT = re.compile(r"\(incident #(\d+)\)")
FOOTER = ("Press a button, or reply to this card with "
          + ", ".join(f"/{w}" for w in moderation.valid_words())
          + " (an optional note after the command is kept with the decision).")


#: The button under a private notice that appeals it (the member's latest notified case).
APPEAL_DATA = f"{PREFIX}:{moderation.APPEAL_WORD}"


def appeal_button(text: str) -> InlineKeyboardMarkup | None:
    """An "Appeal" button under a private notice that offers one (`HOW_TO_APPEAL`)."""
    if moderation.HOW_TO_APPEAL not in text:
        return None
    return InlineKeyboardMarkup([[InlineKeyboardButton("🙋 Appeal this decision",
                                                       callback_data=APPEAL_DATA)]])


def callback_data(incident_id: int, choice: ReviewChoice) -> str:
    return f"{PREFIX}:{incident_id}:{choice.value}"


def parse_callback(data: str | None) -> tuple[int, ReviewChoice] | None:
    """The incident and choice from a button press; None for anything we did not make."""
    if not data:
        return None
    parts = data.split(":")
    if len(parts) != 3 or parts[0] != PREFIX or not parts[1].isdigit():
        return None
    try:
        return int(parts[1]), ReviewChoice(parts[2])
    except ValueError:
        return None


def card_text(review: ReviewRequest) -> str:
    text = review.render_text()
    if len(text) > _MAX_TEXT:
        text = text[:_MAX_TEXT] + "…"
    return f"{text}\n\n{FOOTER}"


def keyboard(review: ReviewRequest) -> InlineKeyboardMarkup:
    """Two buttons a row (they stay readable on a phone), in the review's order."""
    buttons = [InlineKeyboardButton(_LABELS.get(c, c.value),
                                    callback_data=callback_data(review.incident_id, c))
               for c in review.choices]
    return InlineKeyboardMarkup([buttons[i:i + 2] for i in range(0, len(buttons), 2)])


def incident_on_card(text: str | None) -> int | None:
    """The incident a card is about, so a moderator can answer it by replying to it."""
    match = _INCIDENT.search(text or "")
    return int(match.group(1)) if match else None


def decided_text(card: str, moderator: str, choice: ReviewChoice, done: tuple[str, ...]) -> str:
    """The card after a decision: buttons gone, who decided what underneath."""
    head = card.split("\n\n" + FOOTER)[0]
    result = f" ({', '.join(done)})" if done else ""
    return f"{head}\n\nDecided by {moderator}: {moderation.word_for(choice)}{result}"[:4096]


def rules_text(rules: Sequence[Rule]) -> str:
    """What /rules shows: each rule's title and the clause it rests on."""
    if not rules:
        return "This group follows the school's code of conduct for parent groups."
    lines = ["Our group's code of conduct:"]
    lines += [f"• {r.title}: {r.clause}" for r in rules]
    return "\n".join(lines)[:4096]


def incidents_text(title: str, incidents: Sequence[IncidentRecord]) -> str:
    if not incidents:
        return f"{title}: no open incidents."
    lines = [f"{title}: {len(incidents)} open incident(s)"]
    for i in incidents:
        rules = ", ".join(i.rule_ids) or i.source
        lines.append(f"#{i.id} {i.time:%d %b %H:%M} {i.member_name or i.member_id}: {rules} "
                     f"({i.action})")
    return "\n".join(lines)[:4096]
