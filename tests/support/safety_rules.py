"""The safety rules alone (``model = false``) on one message: the rule ids they flag."""

from __future__ import annotations

import civility.plugins.safety as safety
from civility.events import MemberRef, Message, MessageRef
from civility.testing import judge, make_chat

SCAM, PERSONAL, RUMOUR = "safety.scam", "safety.personal-data", "safety.misinformation"


def rules(text: str, forwarded: bool = False) -> set[str]:
    chat = make_chat("safety-kinds")
    sender = MemberRef(chat.platform, "parent-k", "Parent K")
    message = Message(ref=MessageRef(chat, "k1", sender), sender=sender, text=text,
                      forwarded=forwarded)
    return {v.rule_id for v in judge(safety, message, settings={"safety": {"model": False}})}
