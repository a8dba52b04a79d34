"""Civility: a chat-platform-agnostic moderation framework for community group chats.

What a policy author needs is importable from here::

    from civility import Evidence, Rule, Severity, Verdict, hookimpl

The hooks and their contracts are in `civility.hookspecs`; the detectors in
`civility.detectors`; the test kit in `civility.testing`; what a platform author needs in
`civility.adapter`. Modules whose names start with ``_`` are internal.
"""

from civility.context import PolicyContext, RecentPost
from civility.events import (
    Attachment,
    AttachmentKind,
    ChatRef,
    Flag,
    FlagSource,
    MemberJoined,
    MemberRef,
    Message,
    MessageRef,
    Removal,
    RemovalKind,
)
from civility.hookspecs import hookimpl
from civility.verdicts import Decision, Evidence, Rule, Severity, Step, Verdict

__all__ = [
    "Attachment",
    "AttachmentKind",
    "ChatRef",
    "Decision",
    "Evidence",
    "Flag",
    "FlagSource",
    "MemberJoined",
    "MemberRef",
    "Message",
    "MessageRef",
    "PolicyContext",
    "RecentPost",
    "Removal",
    "RemovalKind",
    "Rule",
    "Severity",
    "Step",
    "Verdict",
    "hookimpl",
]
