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

from collections.abc import Mapping, Sequence
from typing import Any

import pluggy

from civility._platforms import civility_platforms
from civility._readers import civility_readers
from civility.context import PolicyContext
from civility.events import ChatRef, Flag, MemberJoined, Message, Removal, ReviewChoice
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
def on_messages(messages: Sequence[Message], contexts: Sequence[PolicyContext]
                ) -> Sequence[Sequence[Verdict]] | None:
    """Judge many messages at once (offline scan, `civility._scan_jobs`): one list of verdicts
    per message, in the order given, each exactly what ``on_message`` returns for that message
    in ``contexts`` at the same position.

    Optional, for speed: a policy can score a whole batch with one matrix product. Implementing
    it also declares that the policy remembers nothing between messages (its verdicts depend on
    the message and its context alone), so scan may judge any share of a file's messages in any
    worker process. A policy that keeps state across messages (a flood rule counting repeats)
    must not implement it. Return None to have each message judged by ``on_message``; a result
    of the wrong length, or an error, is recorded and the batch judged one by one.
    """


@hookspec
def on_messages_stateless(messages: Sequence[Message], contexts: Sequence[PolicyContext]
                          ) -> Sequence[Sequence[Verdict]]:
    """For a policy that remembers earlier messages (and so does not implement
    ``on_messages``): the verdicts of its checks that remember nothing, for many messages at
    once (offline scan, `civility._scan_jobs`), one list per message in the order given.

    Optional, for speed, and only together with ``on_message_stateful``. Implementing the pair
    declares that, for every message, ``on_message`` returns exactly
    ``[*on_message_stateful(message, context), *on_messages_stateless([message], [context])[0]]``
    when ``on_message_stateful`` has been called for every earlier message in order. Scan then
    judges the stateless part like ``on_messages`` (any share of a file's messages, in any
    worker process; a policy may answer a repeated text from a memo) and calls the stateful
    part for every message of the file, in file order, in one process. A result of the wrong
    length, or an error, is recorded in the plugin's health and each message of the
    batch is asked alone; a message that fails alone gets no stateless verdicts (as a message
    gets none from an ``on_message`` that raises).
    """


@hookspec
def on_message_stateful(message: Message, context: PolicyContext) -> Sequence[Verdict]:
    """The verdicts of the checks that remember earlier messages (a flood rule counting
    repeats), for a policy implementing ``on_messages_stateless``: the rest of what
    ``on_message`` returns, and its first verdicts (see ``on_messages_stateless``). Called for
    every message of a scanned file in file order, in one process; it must update whatever
    the policy remembers exactly as ``on_message`` would. Must not raise.
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


@hookspec
def on_moderator_decision(message: Message, rule_ids: Sequence[str], choice: ReviewChoice,
                          breach: bool, case: int, context: PolicyContext) -> None:
    """A moderator decided case number ``case``: the learning loop's correction (or
    confirmation). Keep ``case`` with what you record, so that `civility export` and
    `civility erase` can find it (``civility_export_member``/``civility_erase_member``).

    Called once for each moderator's decision when it is first recorded (a redelivered answer
    is not told again), after the decision is durable and before it is carried out.
    ``breach`` is False for ``keep`` (the rules in ``rule_ids`` were wrong about this message)
    and True for every other choice. ``message.text`` is the case's text while retention keeps
    it, else empty. The one exception to "no I/O": a plugin may append the correction to its
    own local learning record (quickly; it runs on the event loop), and only when its school
    switched learning on. Must not raise.
    """


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


# -- the school (issue 14): a member's data, for `civility export` and `civility erase` --------


@hookspec
def civility_export_member(member_key: str, cases: Sequence[int],
                           settings: Mapping[str, Mapping[str, Any]]) -> Mapping[str, Any] | None:
    """Return what this plugin keeps about one member, for a subject access request.

    ``member_key`` is the member (``telegram:123``), ``cases`` the numbers of the cases about
    them in the store (a plugin may keep data by either), ``settings`` every plugin's
    ``[policy.settings.NAME]`` table, by name (read your own). Return plain JSON values (it is
    shown under the plugin's name in ``civility export``), or None when nothing is kept. Called
    from the command line, not while the bot runs: read files, not the running bot's memory.
    One of the two hooks (with ``civility_erase_member``) that may do I/O.
    """


@hookspec
def civility_erase_member(member_key: str, cases: Sequence[int],
                          settings: Mapping[str, Mapping[str, Any]]) -> int | None:
    """Erase what this plugin keeps about one member (an erasure request); return how many
    records went (0 or None: nothing kept).

    Same arguments as ``civility_export_member``; ``cases`` lists only the cases being erased
    (those kept for an open case are left out, and so must be their data). Must be safe to
    repeat. A plugin that raises is named in ``civility erase``'s answer, so the school knows
    to finish the erasure by hand; the store's records are erased all the same.
    """
