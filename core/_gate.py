"""The acknowledgement gate: a new member agrees to the code of conduct before their messages
stay up.

Which chats have a gate is a policy's answer (`civility_gate`; the safety plugin's
``acknowledge`` setting). Only members who join while the gate is on are gated: members who
were there before never are. Until a gated member agrees (the welcome's button where the
platform has buttons, or "I agree" sent in the group), each of their messages is held: the
decision gains `Step.HOLD` (removed from the group, a review card for moderators, the member
told once how to agree), recorded and carried out like any other decision.
"""

from __future__ import annotations

import re

from civility.verdicts import Decision, Evidence, Rule, Step, Verdict

#: What a member sends in the group to agree (every platform understands it).
AGREE_WORDS = "I agree"

#: Added to the welcome when the chat has a gate.
PROMPT = ("Before your messages can stay up in the group, please agree to this code of "
          f'conduct: send "{AGREE_WORDS}" in the group. Until then, a moderator '
          "looks at each of your messages before it appears.")

#: The welcome when the policy writes none but the chat has a gate.
PLAIN_WELCOME = ("Welcome to the group! It has a code of conduct that keeps it kind and "
                 "useful for every family (send /rules to read it).")

#: What the hold's evidence says, for the moderators' card.
WAITING = "a new member who has not yet agreed to the code of conduct"

#: Outcome words: the member agreed now, or had already (or was never asked).
AGREED = "agreed to the code of conduct"
NOTHING_TO_AGREE = "nothing to agree to (already agreed, or not a new member)"

_LONGEST = 160
_NOT_WORD = re.compile(r"[^a-z0-9]+")
# Bounded alternatives, no nested repeats: linear in the (already short) normalised text.
_AGREEMENT = re.compile(
    r"(?:(?:yes|ok|okay|sure|done)\s)?(?:i\s)?(?:have\s)?(?:read\s(?:it\s|this\s|them\s)?and\s)?"
    r"(?:do\s)?(?:agree|agreed|accept|accepted)"
    r"(?:\s(?:to|with))?(?:\s(?:the|this|these|our|your|all))?"
    r"(?:\s(?:group\s|groups\s|group\ss\s)?(?:code\sof\sconduct|code|rules|terms|conduct))?"
    r"(?:\s(?:thank\syou|thanks|thx))?")


def agrees(text: str) -> bool:
    """Whether a message is a member agreeing to the code ("I agree", "Agreed, thanks!", "yes
    I accept the rules 👍"), and nothing more: "I agree with Sarah about the trip" is not."""
    if not text or len(text) > _LONGEST:
        return False
    words = _NOT_WORD.sub(" ", text.lower()).strip()
    return bool(words) and _AGREEMENT.fullmatch(words) is not None


def hold_verdict(rule: Rule) -> Verdict:
    """The verdict that holds a gated member's message, under the gate's rule."""
    return Verdict(rule.id, rule.clause, rule.severity, 1.0,
                   evidence=(Evidence("gate", "", detail=WAITING),),
                   suggested=Step.HOLD)


def held(decision: Decision, verdict: Verdict) -> Decision:
    """``decision`` (what the message's own breaches called for, if any) with the hold: the
    message removed, kept for moderators, the member told how to agree. The hold itself adds
    no strike points."""
    steps = {*decision.steps, Step.DELETE, Step.HOLD, Step.REVIEW}
    return Decision(steps=tuple(sorted(steps, key=lambda s: s.rank)), pending=decision.pending,
                    verdicts=(*decision.verdicts, verdict),
                    points_before=decision.points_before, points_after=decision.points_after,
                    reason=decision.reason or "held until the member agrees to the code")


def hold_of(decision: Decision) -> Verdict | None:
    """The hold's verdict in a decision, if it is a hold."""
    return next((v for v in decision.verdicts if v.suggested is Step.HOLD), None)


def repost_text(name: str, text: str) -> str:
    """A held message a moderator kept, posted again in the group."""
    return f"{name} wrote (a new member's message, approved by a moderator):\n\n{text}"
