"""Civility: a chat-platform-agnostic moderation framework for community group chats.

What a policy author needs is importable from here; `civility.hookspecs` is the whole contract.
"""

from civility.context import PolicyContext, RecentPost
from civility.events import Attachment, AttachmentKind, ChatRef, MemberRef, Message, MessageRef
from civility.hookspecs import hookimpl
from civility.verdicts import Decision, Evidence, Rule, Severity, Step, Verdict

__all__ = [
    "Attachment", "AttachmentKind", "ChatRef", "Decision", "Evidence", "MemberRef", "Message",
    "MessageRef", "PolicyContext", "RecentPost", "Rule", "Severity", "Step", "Verdict", "hookimpl",
]
