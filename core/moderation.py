"""One moderation vocabulary for every platform: the moderators' choices and their words, one
parser for ``choice [note]``, the texts sent back, and the two flows every platform runs (a
member's report, a moderator's command), built on small platform primitives.

A platform adapter decides *where* words arrive (a slash command in the group, a reply to a
review card, a button, a reaction); what the words mean, and what is said back, is decided
here, so a moderator uses the same words on Telegram, Matrix, WhatsApp and the console.

In a group, ``/report`` is always a member's report to the moderators (anyone may use it,
anonymously); the moderators' choice of sending an incident report to the school is
``/escalate`` there, and ``report`` or ``escalate`` in the moderators' chat.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable

import attrs
import structlog

from civility.events import (
    Appeal,
    CaseCommand,
    CaseWord,
    ChatRef,
    Flag,
    FlagSource,
    MemberRef,
    Message,
    MessageRef,
    ModeratorDecision,
    ReviewChoice,
)
from civility.verdicts import Outcome

log = structlog.get_logger()

#: A member's note or a moderator's reason is cut to this (it is stored with the decision).
MAX_NOTE = 500


@attrs.frozen
class Choice:
    """One moderator choice: its words (the first is the one shown) and what it does."""

    choice: ReviewChoice
    words: tuple[str, ...]
    does: str

    @property
    def word(self) -> str:
        return self.words[0]


#: Every choice, mildest first, with the words every platform accepts for it.
CHOICES: tuple[Choice, ...] = (
    Choice(ReviewChoice.KEEP, ("keep", "dismiss", "ignore"),
           "keep the message and close the review; nothing is done"),
    Choice(ReviewChoice.DELETE, ("delete", "del"), "delete the message"),
    Choice(ReviewChoice.CAUTION, ("caution", "warn"),
           "delete the message and send the member a formal private caution"),
    Choice(ReviewChoice.MUTE, ("mute",),
           "mute the member for the configured time (policy.ladder.mute_hours)"),
    Choice(ReviewChoice.REMOVE, ("remove", "kick"),
           "delete the message and remove the member from the group"),
    Choice(ReviewChoice.REPORT, ("report", "escalate"),
           "send an incident report to the school's leadership"),
)
_BY_WORD = {word: c for c in CHOICES for word in c.words}
_BY_CHOICE = {c.choice: c for c in CHOICES}


@attrs.frozen
class CaseChoice:
    """A word on the case as a whole (moderators' chat and ``civility cases``)."""

    word_kind: CaseWord
    words: tuple[str, ...]
    does: str

    @property
    def word(self) -> str:
        return self.words[0]


#: The case-level words, beside the choices: the same words as ``civility cases``.
CASE_WORDS: tuple[CaseChoice, ...] = (
    CaseChoice(CaseWord.NOTE, ("note",), "add a note to the case (kept with the case)"),
    CaseChoice(CaseWord.CLOSE, ("close", "done"), "close the case; nothing more is done"),
    CaseChoice(CaseWord.READMIT, ("readmit", "unban"),
               "let a removed member back into the group"),
)
_BY_CASE_WORD = {word: c for c in CASE_WORDS for word in c.words}
#: A member's answer to a private notice: they think the decision was wrong.
APPEAL_WORD = "appeal"
#: In a group, ``/report`` is the member's report; this word is the moderators' escalation.
GROUP_REPORT_WORD = "escalate"
MEMBER_REPORT_WORD = "report"
#: ``/mod 12 remove [note]``: an answer naming the incident, on every platform.
MOD_WORD = "mod"

REPORT_THANKS = ("Thank you. Your report has reached the group's moderators. Your name is not "
                 "shown to the group or to the person who posted the message.")
HOW_TO_REPORT = ("To report a message to the moderators, reply to it with /report (and a reason "
                 "if you like); your name is not shown.")


def word_for(choice: ReviewChoice) -> str:
    return _BY_CHOICE[choice].word


def valid_words(*, in_group: bool = False) -> list[str]:
    """The main word of every choice (``escalate`` for the school report in a group)."""
    return [GROUP_REPORT_WORD if in_group and c.choice is ReviewChoice.REPORT else c.word
            for c in CHOICES]


def _clean(word: str) -> str:
    """``/Caution@CivBot.`` → ``caution``."""
    return word.strip().lstrip("/").split("@", 1)[0].rstrip(".!,:;").lower()


def choice_of(word: str, *, in_group: bool = False) -> ReviewChoice | None:
    """The choice a word names (any alias, any case, with or without a slash), or None.
    In a group ``report`` is not a choice: it is the member's report."""
    cleaned = _clean(word)
    if in_group and cleaned == MEMBER_REPORT_WORD:
        return None
    found = _BY_WORD.get(cleaned)
    return found.choice if found else None


def case_word_of(word: str) -> CaseWord | None:
    """The case-level word (``close``, ``note``, ``readmit`` or an alias), or None."""
    found = _BY_CASE_WORD.get(_clean(word))
    return found.word_kind if found else None


def is_moderator_word(word: str, *, in_group: bool = False) -> bool:
    """A choice, ``mod``, or (in the moderators' chat) a case-level word."""
    return (choice_of(word, in_group=in_group) is not None or _clean(word) == MOD_WORD
            or (not in_group and case_word_of(word) is not None))


@attrs.frozen
class Answer:
    """A moderator's answer as parsed: a choice, or an error listing the valid ones."""

    choice: ReviewChoice | None
    note: str = ""
    #: The incident named in the answer (``/mod 12 remove``, ``remove #12``); 0 when none.
    incident: int = 0
    error: str = ""
    #: The word used, for replies ("Reply to a review card with /warn").
    word: str = ""
    #: The note as written when the incident was a bare number ("remove 2 warnings"): a
    #: reply to a card keeps the card's incident and this note.
    bare: str = ""
    #: A case-level word (close, note, readmit) instead of a choice.
    case: CaseWord | None = None


def invalid(word: str, *, in_group: bool = False) -> str:
    shown = word.strip()[:40] or "(nothing)"
    return f"{shown!r} is not a choice; choose one of {', '.join(valid_words(in_group=in_group))}."


def _incident(word: str) -> int:
    digits = word.lstrip("#")
    return int(digits) if digits.isdigit() and len(digits) <= 12 else 0


def parse_choice(text: str, *, in_group: bool = False) -> Answer:
    """``choice [note]``, ``choice #12 [note]`` or ``/mod 12 choice [note]`` (in the moderators'
    chat ``choice 12 [note]`` names the incident too, unless the answer replies to a card).

    An unknown word gives an `Answer` whose ``error`` lists the valid choices."""
    first, _, rest = _split(text)
    if not in_group and case_word_of(first) is not None:
        return _case_answer(first, rest)
    if _clean(first) == MOD_WORD:
        number, _, rest = _split(rest)
        word, _, note = _split(rest)
        incident = _incident(number)
        if not incident:
            return Answer(None, error=f"Write /{MOD_WORD}, the incident number, then one of "
                                      f"{', '.join(valid_words())}: /{MOD_WORD} 12 remove",
                          word=MOD_WORD)
        if case_word_of(word) is not None:
            return attrs.evolve(_case_answer(word, note), incident=incident, bare="")
        choice = choice_of(word)
        if choice is None:
            return Answer(None, incident=incident, error=invalid(word), word=_clean(word))
        return Answer(choice, note[:MAX_NOTE], incident, word=_clean(word))
    choice = choice_of(first, in_group=in_group)
    if choice is None:
        return Answer(None, error=invalid(first, in_group=in_group), word=_clean(first))
    number, _, after = _split(rest)
    incident = 0 if in_group else _incident(number)
    if incident and not number.startswith("#"):
        return Answer(choice, after[:MAX_NOTE], incident, word=_clean(first), bare=rest[:MAX_NOTE])
    return Answer(choice, (after if incident else rest)[:MAX_NOTE], incident, word=_clean(first))


def _case_answer(first: str, rest: str) -> Answer:
    """``close [#12|12] [note]``, ``note [12] TEXT``, ``readmit [12]``."""
    kind = case_word_of(first)
    number, _, after = _split(rest)
    incident = _incident(number)
    note = (after if incident else rest)[:MAX_NOTE]
    answer = Answer(None, note, incident, word=_clean(first), case=kind,
                    bare=rest[:MAX_NOTE] if incident and not number.startswith("#") else "")
    if kind is CaseWord.NOTE and not (note or answer.bare):
        return attrs.evolve(answer, case=None, error="Write the note after the word: note 12 "
                                                     "spoke to the parent by phone")
    return answer


def _split(text: str) -> tuple[str, str, str]:
    words = text.strip().split(maxsplit=1)
    return (words[0] if words else "", " ", words[1].strip() if len(words) > 1 else "")


def answer_in_moderators_chat(text: str, *, on_card: bool) -> Answer | None:
    """A moderator's answer in the moderators' chat, or None when the text is their own
    conversation: a slash command of the vocabulary (``/remove``, ``/mod 12 keep``) anywhere, a
    choice's word (``remove [note]``) only as a reply to a review card."""
    words = text.strip().split(maxsplit=1)
    first = words[0] if words else ""
    if first.startswith("/"):
        return parse_choice(text) if is_moderator_word(first) else None
    if on_card and (choice_of(first) is not None or case_word_of(first) is not None):
        return parse_choice(text)
    return None


#: What a choice that waits for a second moderator says (``[policy.ladder] confirm``).
WAITS = "waits for a second moderator"


def waiting_text(choice: ReviewChoice) -> str:
    word = word_for(choice)
    return f"{WAITS}: another moderator confirms it with {word}"


def outcome_text(outcome: Outcome, choice: ReviewChoice, *, incident: int | None = None,
                 moderator: str = "") -> str:
    """What came of a moderator's answer, as every platform says it back."""
    number = incident or outcome.incident_id
    what = f"Incident #{number}" if number else "That message"
    who = f"{moderator} chose" if moderator else "You chose"
    if WAITS in outcome.refused:  # recorded, not refused: a second moderator is asked for
        return f"{what}: {who} {word_for(choice)}, recorded; it {outcome.refused}."
    if outcome.refused:
        return f"{what}: not done ({outcome.refused})."
    if outcome.retry:
        return f"{what}: not done yet (the records are unavailable); please try again shortly."
    parts = [f"{what}: {who} {word_for(choice)}. Done: {', '.join(outcome.done) or 'nothing to do'}."]
    if outcome.recommended:
        parts.append("Please do by hand: " + "; ".join(outcome.recommended) + ".")
    if outcome.failed:
        parts.append("Failed: " + "; ".join(outcome.failed) + ".")
    if outcome.error:
        parts.append(f"Error: {outcome.error}.")
    return " ".join(parts)


def card_help(incident: int | str, *, buttons: str = "") -> str:
    """The answering instructions under a review card."""
    how = f"{buttons}, or reply" if buttons else "Reply"
    return (f"{how} to this message with {', '.join(valid_words())} (a note may follow), or "
            f"write /{MOD_WORD} {incident} CHOICE.")


def commands_help() -> str:
    """One line per choice and case word, for a moderator's /help."""
    lines = [f"{' / '.join(c.words)}: {c.does}" for c in CHOICES]
    lines += [f"{' / '.join(c.words)}: {c.does}" for c in CASE_WORDS]
    # The school's groups (issue 14, civility.school_groups): remove's word with "all".
    lines.append("remove all: after a removal, remove the member from the school's other "
                 "groups too (where the bot is an admin and they are a member)")
    return ("Reply to a review card with a choice (a note may follow), or write /mod 12 CHOICE:\n"
            + "\n".join(lines))


CASE_DONE = {CaseWord.CLOSE: "closed", CaseWord.NOTE: "note added",
             CaseWord.READMIT: "readmitted"}


def case_outcome_text(outcome: Outcome, word: CaseWord, *, incident: int,
                      moderator: str = "") -> str:
    """What came of a case-level word (close, note, readmit), as every platform says it."""
    what = f"Case #{incident}"
    if outcome.refused:
        return f"{what}: not done ({outcome.refused})."
    if outcome.retry:
        return f"{what}: not done yet (the records are unavailable); please try again shortly."
    who = f" by {moderator}" if moderator else ""
    parts = [f"{what}: {CASE_DONE[word]}{who}."]
    if outcome.recommended:
        parts.append("Please do by hand: " + "; ".join(outcome.recommended) + ".")
    if outcome.failed:
        parts.append("Failed: " + "; ".join(outcome.failed) + ".")
    return " ".join(parts)


# -- fair outcomes: the words members are told (issue 14) ------------------------------------

#: Added to every private notice about a case, so a member knows they can say it was wrong.
HOW_TO_APPEAL = ("If you think this was a mistake, reply to this message with the word "
                 "appeal (and why, if you like): a moderator will look at it again.")
MESSAGE_STANDS = ("Good news from the group's moderators: they looked again at your message "
                  "and found it does not break the group's code of conduct. The note you had "
                  "about it is withdrawn and does not count against you. Thank you for your "
                  "patience.")
MESSAGE_STANDS_DELETED = (" Your message had been removed automatically; you are welcome to "
                          "post it again.")
APPEAL_RECEIVED = ("Thank you. Your appeal has reached the group's moderators; a moderator "
                   "will look at it again and you will hear the outcome here.")
APPEAL_UPHELD = ("The group's moderators have looked again at your message, as you asked. "
                 "They feel the original decision was right, so it stays. We know this may be "
                 "disappointing; if you would like to talk it through, please contact the "
                 "school office. Thank you for taking the time to ask.")
APPEAL_OVERTURNED = ("The group's moderators have looked again at your message, as you asked, "
                     "and agree with you: it does not break the group's code of conduct. The "
                     "decision is withdrawn and does not count against you. Thank you for "
                     "telling us.")


def is_appeal(text: str) -> bool:
    """A member's private answer that is an appeal: ``appeal [why]`` or ``/appeal [why]``."""
    first = text.strip().split(maxsplit=1)
    return bool(first) and _clean(first[0]) == APPEAL_WORD


async def member_appeal(emit: Emit, tell: Callable[[str], Awaitable[None]], *,
                        member: MemberRef, text: str, incident: int = 0,
                        time: dt.datetime | None = None) -> Outcome | None:
    """A member's ``appeal [why]``, answering a private notice: the engine reopens the case
    for the moderators; the member is told plainly what happened."""
    _, _, why = _split(text)
    outcome = await emit(Appeal(member, incident, reason=why[:MAX_NOTE],
                                time=time or _now())) or Outcome()
    if outcome.retry or outcome.error:
        await tell("Sorry, your appeal could not be recorded just now; please send it again "
                   "in a little while.")
    elif outcome.refused:
        await tell(f"Your appeal was not sent: {outcome.refused}.")
    else:
        await tell(APPEAL_RECEIVED)
    return outcome


# -- the two flows, on platform primitives --------------------------------------------------

#: Hands an event to the engine; None (an adapter not started) counts as nothing done.
Emit = Callable[[Flag | ModeratorDecision | CaseCommand | Appeal], Awaitable[Outcome | None]]
Tell = Callable[[MemberRef, str], Awaitable[None]]
IsModerator = Callable[[ChatRef, MemberRef], Awaitable[bool]]
Action = Callable[[], Awaitable[None]]


@attrs.frozen
class Primitives:
    """What a platform gives the flows: hand an event to the engine, tell a member privately
    (best effort, never raises), check a moderator, and take the command message down."""

    emit: Emit
    tell: Tell
    is_moderator: IsModerator
    take_down: Action


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


async def _quietly(action: Action) -> None:
    try:
        await action()
    except Exception as exc:  # the flow goes on: the command may already be gone
        log.info("command_not_taken_down", error=repr(exc))


async def member_report(io: Primitives, *, reporter: MemberRef, target: MessageRef | None,
                        reported: Message | None = None, reason: str = "",
                        time: dt.datetime | None = None) -> Outcome | None:
    """A member's ``/report [reason]``: the command goes first (nobody learns who reported),
    the moderators get the report, the reporter is thanked privately."""
    await _quietly(io.take_down)
    if target is None:
        await io.tell(reporter, HOW_TO_REPORT)
        return None
    flag = Flag(target, FlagSource.MEMBER, reason=reason[:MAX_NOTE], reporter=reporter,
                reported=reported, time=time or _now())
    outcome = await io.emit(flag) or Outcome()
    await io.tell(reporter, REPORT_THANKS)
    return outcome


async def group_command(io: Primitives, *, chat: ChatRef, moderator: MemberRef, answer: Answer,
                        target: MessageRef | None, member: MemberRef | None = None,
                        text: str = "", time: dt.datetime | None = None) -> Outcome | None:
    """A moderator's ``/choice [note]`` given as a reply to a message in the group: checked
    against the group's moderators before anything is recorded; the outcome told privately."""
    await _quietly(io.take_down)
    word = answer.word or "command"
    if answer.choice is None:
        await io.tell(moderator, answer.error)
        return None
    refused = f"Only the group's admins can use /{word}."
    if target is None:
        if await io.is_moderator(chat, moderator):
            await io.tell(moderator, f"Reply to the message with /{word}.")
        else:
            log.warning("moderator_command_refused", command=word, why="not a moderator")
            await io.tell(moderator, refused)
        return None
    # The engine checks the moderator against the platform before anything is recorded, and
    # writes a refusal to the audit trail.
    outcome = await io.emit(ModeratorDecision(
        0, answer.choice, moderator, note=answer.note, message=target,
        member=member or target.sender, text=text, time=time or _now())) or Outcome()
    if outcome.refused.startswith("not a moderator"):
        log.warning("moderator_command_refused", command=word, why="not a moderator")
        await io.tell(moderator, refused)
        return outcome
    await io.tell(moderator, outcome_text(outcome, answer.choice))
    return outcome


async def card_answer(emit: Emit, reply: Callable[[str], Awaitable[None]], *,
                      moderator: MemberRef, answer: Answer, incident: int | None,
                      time: dt.datetime | None = None) -> Outcome | None:
    """A moderator's answer in the moderators' chat (a reply to a card, ``/mod 12 remove``, a
    button or a reaction): the incident named in the answer wins over the card's."""
    if answer.choice is None and answer.case is None:
        await reply(answer.error)
        return None
    number = answer.incident or incident
    note = answer.note
    if incident and answer.bare and not (answer.case and answer.incident == incident):
        # "remove 2 warnings" on a card: the card's incident (but "note 2 ..." on card #2)
        number, note = incident, answer.bare
    if not number:
        await reply(f"Reply to a review card with {answer.word or 'your choice'}, or give the "
                    f"incident number: /{MOD_WORD} 12 {answer.word or 'remove'}")
        return None
    if answer.case is not None:
        outcome = await emit(CaseCommand(number, answer.case, moderator, note=note,
                                         time=time or _now())) or Outcome()
        await reply(case_outcome_text(outcome, answer.case, incident=number,
                                      moderator=moderator.label))
        return outcome
    assert answer.choice is not None  # an answer is a choice or a case word (checked above)
    outcome = await emit(ModeratorDecision(number, answer.choice, moderator, note=note,
                                           time=time or _now())) or Outcome()
    await reply(outcome_text(outcome, answer.choice, incident=number, moderator=moderator.label))
    return outcome
