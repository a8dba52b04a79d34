"""The whole contract between Civility and its plugins.

A policy plugin is a module or object with functions named like these, decorated with
``civility.hookimpl``. Every hook is synchronous and pure (no I/O): the engine does the acting.
Hooks are called with keyword arguments, so an implementation may accept only the ones it needs.

Hook names follow one convention:

- ``on_<event>`` — something happened, and every plugin chosen for the chat hears it, with the
  event as the keyword argument named after it (``on_message(message)``, ``on_flag(flag)``,
  ``on_remove(removal)``, ``on_member_joined(joined)``). ``on_message`` returns the plugin's
  verdicts; the others return nothing. (The first three are the names the product's owner gave.)
- ``civility_<noun>`` — a plugin contributes something to Civility. Either a catalogue that
  every plugin adds to, returning a list (``civility_rules``; platforms and export readers
  register the same way), or an answer where the first plugin to answer wins (``firstresult``:
  ``civility_notice``, ``civility_decide``, ``civility_welcome``, ``civility_gate``), returning
  ``None`` to leave it to the next plugin; the built-in answer comes last.

A new hook picks the form that fits and keeps to it; an old name that is renamed stays
working as an alias.

How hooks are called (so that one plugin can never stop the others):

- Each implementation is called on its own. One that raises is logged (the error's type and
  where it was raised, never its message) and skipped; the other plugins still run, and the
  message still gets a decision. Hook wrappers (``hookwrapper=True``, ``wrapper=True``) and
  ``async`` implementations are refused at start-up, as is a misspelt hook name.
- ``on_message`` runs off the event loop, in a worker thread, with a time budget per message
  (5 s by default). A plugin over budget is skipped for that message; one that overruns several
  times in a row, or still has calls stuck, is suspended for a while. A result that is not a list
  of `Verdict` is skipped and counted. ``civility plugins`` shows each plugin's record.
  Messages of different chats are judged at the same time in different threads, so a policy's
  module-level state must be read-only or thread-safe (``functools.lru_cache`` is).
"""

from __future__ import annotations

from collections.abc import Sequence

import pluggy

from civility._platforms import civility_platforms
from civility._readers import civility_readers
from civility.context import PolicyContext
from civility.events import ChatRef, Flag, MemberJoined, Message, Removal
from civility.verdicts import Decision, Rule, Verdict

__all__ = ["civility_platforms", "civility_readers"]  # registries, specified beside them

PROJECT = "civility"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def civility_rules() -> Sequence[Rule]:
    """Return the rules this plugin enforces.

    Rule ids are the plugin's public contract (``school.rule-name``) and must be unique across
    the installed plugins. ``civility rules`` lists them with their clauses.
    """


@hookspec
def on_message(message: Message, context: PolicyContext) -> Sequence[Verdict]:
    """Judge one message; return a verdict for each rule it breaks (empty when it is fine).

    Only the policies chosen for the message's chat are called. A verdict's evidence must say
    why, so that a moderator and the member can see it. Must not raise on odd input; if it does,
    the engine logs it, skips this plugin for this message, and carries on.
    """


@hookspec
def on_flag(flag: Flag, context: PolicyContext) -> None:
    """A message was flagged: reported by a member or the platform, or flagged by a verdict.

    For recording and follow-up. The reporter in ``flag.reporter`` must never be shown to the
    group or to the poster.
    """


@hookspec
def on_remove(removal: Removal, context: PolicyContext) -> None:
    """A message or a member was removed, or a member left (``removal.by_civility`` tells
    whether Civility did it)."""


@hookspec
def on_member_joined(joined: MemberJoined, context: PolicyContext) -> None:
    """A member joined a chat."""


@hookspec(firstresult=True)
def civility_notice(verdict: Verdict, rule: Rule | None, decision: Decision,
                    context: PolicyContext) -> str | None:
    """Word the private notice for the poster, or return None to leave it to the next plugin.

    A notice is kind and specific: it names the clause, says what happened to the message, and
    points to the right route for concerns. The built-in wording is the last resort.
    """


@hookspec(firstresult=True)
def civility_decide(message: Message, verdicts: Sequence[Verdict],
                    context: PolicyContext) -> Decision | None:
    """Choose the proportional response to a message's verdicts (the escalation ladder).

    Return None to leave the decision to the next plugin; the built-in ladder answers last.
    Serious steps (removal, mute, incident report) go in ``Decision.pending`` when they wait
    for a moderator (``context.ladder.confirm_serious``).
    """


@hookspec(firstresult=True)
def civility_welcome(joined: MemberJoined, context: PolicyContext) -> str | None:
    """A short welcome for a new member pointing to the group's code of conduct, or None."""


@hookspec(firstresult=True)
def civility_gate(chat: ChatRef, context: PolicyContext) -> Rule | None:
    """The rule a member who joins this chat must agree to before their messages stay up (the
    acknowledgement gate), or None when the chat has no gate.

    Only members who join while the gate is on are gated; until they agree (a button where the
    platform has one, or "I agree" sent in the group) each of their messages is removed and
    held for moderators, and they are told once, with the rule's notice, how to agree. The
    answer must depend only on the chat and the config: the engine keeps it per chat.
    """
