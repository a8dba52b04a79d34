"""One moderation vocabulary: every choice and alias means the same on every platform, one
parser answers a wrong word with the valid ones, one outcome text, one member-report flow."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from civility import moderation
from civility._memo import Recent, TtlCache, WarnOnce
from civility.adapters.matrix.commands import is_command
from civility.adapters.telegram.commands import group_answer, moderators_answer
from civility.adapters.telegram.convert import Command as TgCommand
from civility.adapters.whatsapp.commands import card_answer, group_command
from civility.events import ChatRef, Flag, MemberRef, MessageRef, ModeratorDecision, ReviewChoice
from civility.moderation import Answer, Primitives, parse_choice
from civility.verdicts import Outcome

WORDS = [(c.choice, word) for c in moderation.CHOICES for word in c.words]
#: In a group ``report`` is the member's report; the moderators' word for the school is this.
GROUP_WORDS = [(choice, word) for choice, word in WORDS if word != "report"]
CHAT = ChatRef("x", "g", "Year 3")
MOD = MemberRef("x", "m", "Maryam")
PARENT = MemberRef("x", "p", "Pat")


def test_the_vocabulary_covers_every_choice_once():
    assert [c.choice for c in moderation.CHOICES] == list(ReviewChoice)
    words = [w for _, w in WORDS]
    assert len(words) == len(set(words))
    for old in ("keep", "dismiss", "delete", "caution", "remove", "report", "mute", "warn", "kick",
                "escalate"):
        assert old in words


@pytest.mark.parametrize(("choice", "word"), WORDS)
def test_every_word_parses_with_its_note(choice, word):
    for written in (word, f"/{word}", word.upper() + ".", f"/{word}@CivBot"):
        answer = parse_choice(f"{written} please be kind")
        assert (answer.choice, answer.note, answer.error) == (choice, "please be kind", "")
    assert parse_choice(f"/mod 12 {word} second time").choice is choice
    assert parse_choice(f"/mod 12 {word} second time").incident == 12


@pytest.mark.parametrize(("choice", "word"), GROUP_WORDS)
def test_every_platform_accepts_every_word_in_a_group(choice, word):
    assert group_answer(TgCommand(word, "note")).choice is choice  # type: ignore[union-attr]
    assert is_command(f"/{word}")
    found = group_command(f"/{word} note")
    assert found is not None and (found.choice, found.note, found.member_report) == (
        choice, "note", False)


@pytest.mark.parametrize(("choice", "word"), WORDS)
def test_every_platform_accepts_every_word_from_moderators(choice, word):
    assert moderators_answer(TgCommand(word, "7 note")).choice is choice  # type: ignore[union-attr]
    assert moderators_answer(TgCommand("mod", f"7 {word}")).incident == 7  # type: ignore[union-attr]
    on_card = card_answer(f"{word} note")
    assert on_card is not None and (on_card.choice, on_card.note) == (choice, "note")
    by_number = card_answer(f"/mod 7 {word}", on_card=False)
    assert by_number is not None and (by_number.choice, by_number.incident_id) == (choice, 7)


def test_report_in_a_group_is_the_members_report_everywhere():
    assert group_answer(TgCommand("report", "rude")) is None  # handled as a member's report
    assert is_command("/report")
    found = group_command("/report rude to my child")
    assert found is not None and found.member_report and found.note == "rude to my child"
    assert parse_choice("escalate", in_group=True).choice is ReviewChoice.REPORT
    assert parse_choice("report", in_group=True).choice is None


def test_a_wrong_word_is_answered_with_the_valid_ones():
    answer = parse_choice("/mod 12 banish")
    assert answer.choice is None and answer.incident == 12
    for word in ("keep", "delete", "caution", "mute", "remove", "report"):
        assert word in answer.error
    assert "'banish' is not a choice" in answer.error
    assert "escalate" in parse_choice("/nonsense", in_group=True).error
    assert parse_choice("/mod twelve remove").error.startswith("Write /mod")
    assert parse_choice("").choice is None


def test_incident_numbers_and_notes():
    assert parse_choice("remove #7 third time").incident == 7
    bare = parse_choice("remove 2 warnings already")
    assert (bare.incident, bare.note, bare.bare) == (2, "warnings already", "2 warnings already")
    assert parse_choice("remove 2 warnings", in_group=True).note == "2 warnings"
    assert parse_choice("caution\nplease see the policy").note == "please see the policy"
    assert len(parse_choice("remove " + "x" * 2000).note) == moderation.MAX_NOTE


def test_help_lists_every_word():
    text = moderation.commands_help()
    assert all(word in text for _, word in WORDS)


def test_moderators_chatting_is_left_alone():
    for text in ("keep calm everyone", "I think we should remove him", "/weather", "ok"):
        assert moderation.answer_in_moderators_chat(text, on_card=False) is None
    assert moderation.answer_in_moderators_chat("sounds good", on_card=True) is None
    assert moderation.answer_in_moderators_chat("keep", on_card=True).choice is ReviewChoice.KEEP
    assert moderation.answer_in_moderators_chat("/mod 3 keep", on_card=False).incident == 3


@pytest.mark.parametrize(("outcome", "expected"), [
    (Outcome(refused="not a moderator of this group"),
     "Incident #4: not done (not a moderator of this group)."),
    (Outcome(incident_id=4, done=("delete", "remove")),
     "Incident #4: Maryam chose remove. Done: delete, remove."),
    (Outcome(recommended=("remove Pat from the group",), failed=("remove: no rights",)),
     "Incident #4: Maryam chose remove. Done: nothing to do. Please do by hand: remove Pat from "
     "the group. Failed: remove: no rights."),
    (Outcome(retry=True), "Incident #4: not done yet (the records are unavailable); "
                          "please try again shortly."),
])
def test_one_outcome_text(outcome, expected):
    assert moderation.outcome_text(outcome, ReviewChoice.REMOVE, incident=4,
                                   moderator="Maryam") == expected
    assert moderation.outcome_text(Outcome(), ReviewChoice.KEEP).startswith("That message: You")


class World:
    """The platform primitives, recorded."""

    def __init__(self, moderators: set[MemberRef]) -> None:
        self.log: list[tuple[str, Any]] = []
        self.moderators = moderators

    def primitives(self) -> Primitives:
        async def emit(event: Any) -> Outcome:
            self.log.append(("emit", event))
            # As the engine: a decision from someone who is not a moderator is refused.
            if isinstance(event, ModeratorDecision) and event.moderator not in self.moderators:
                return Outcome(refused="not a moderator of this group")
            return Outcome(incident_id=9, done=("review",))

        async def tell(member: MemberRef, text: str) -> None:
            self.log.append(("tell", (member, text)))

        async def is_moderator(chat: ChatRef, member: MemberRef) -> bool:
            return member in self.moderators

        async def take_down() -> None:
            self.log.append(("take_down", None))

        return Primitives(emit, tell, is_moderator, take_down)


async def test_member_report_takes_the_command_down_first_and_thanks_privately():
    world = World(set())
    target = MessageRef(CHAT, "5", MOD)
    time = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    await moderation.member_report(world.primitives(), reporter=PARENT, target=target,
                                   reason="unkind " * 200, time=time)
    steps = [kind for kind, _ in world.log]
    assert steps == ["take_down", "emit", "tell"]
    flag = world.log[1][1]
    assert isinstance(flag, Flag) and flag.reporter == PARENT and flag.message == target
    assert len(flag.reason) == moderation.MAX_NOTE and flag.time == time
    assert world.log[2][1] == (PARENT, moderation.REPORT_THANKS)
    world.log.clear()
    await moderation.member_report(world.primitives(), reporter=PARENT, target=None)
    assert world.log == [("take_down", None), ("tell", (PARENT, moderation.HOW_TO_REPORT))]


async def test_group_command_leaves_the_moderator_check_to_the_engine():
    """A non-moderator's command goes to the engine, which checks the platform before
    anything is recorded and writes the refusal to the audit trail; they are told no."""
    world = World({MOD})
    target = MessageRef(CHAT, "5", PARENT)
    answer = parse_choice("/warn be kind", in_group=True)
    await moderation.group_command(world.primitives(), chat=CHAT, moderator=PARENT,
                                   answer=answer, target=target)
    assert [k for k, _ in world.log] == ["take_down", "emit", "tell"]
    assert "Only the group's admins can use /warn." in world.log[2][1][1]
    world.log.clear()
    await moderation.group_command(world.primitives(), chat=CHAT, moderator=MOD, answer=answer,
                                   target=target)
    decision = world.log[1][1]
    assert isinstance(decision, ModeratorDecision) and decision.choice is ReviewChoice.CAUTION
    assert decision.member == PARENT and decision.note == "be kind"
    assert world.log[2][1][1] == "Incident #9: You chose caution. Done: review."


async def test_card_answer_replies_and_keeps_a_cards_incident():
    world = World({MOD})
    replies: list[str] = []

    async def reply(text: str) -> None:
        replies.append(text)

    emit = world.primitives().emit
    await moderation.card_answer(emit, reply, moderator=MOD, answer=parse_choice("banish"),
                                 incident=3)
    await moderation.card_answer(emit, reply, moderator=MOD, answer=parse_choice("kick"),
                                 incident=None)
    await moderation.card_answer(emit, reply, moderator=MOD,
                                 answer=parse_choice("remove 2 warnings"), incident=3)
    assert "not a choice" in replies[0] and "/mod 12 kick" in replies[1]
    [(_, decision)] = world.log
    assert (decision.incident_id, decision.choice, decision.note) == (
        3, ReviewChoice.REMOVE, "2 warnings")
    assert replies[2] == "Incident #3: Maryam chose remove. Done: review."
    await moderation.card_answer(emit, reply, moderator=MOD,
                                 answer=Answer(ReviewChoice.KEEP, word="keep"), incident=3)
    assert world.log[-1][1].choice is ReviewChoice.KEEP


def test_memo_helpers():
    recent: Recent[str, int] = Recent(2)
    recent.put("a", 1)
    recent.put("b", 2)
    assert recent.get("a") == 1  # reading refreshes: "b" is now the oldest
    recent.put("c", 3)
    assert "b" not in recent and len(recent) == 2 and recent.pop("a") == 1
    once: WarnOnce[str] = WarnOnce()
    assert once.first("x") and not once.first("x")
    once.forget("x")
    assert once.first("x")


async def test_ttl_cache_refetches_after_its_time():
    now = [0.0]
    cache: TtlCache[str, int] = TtlCache(30, clock=lambda: now[0])
    calls: list[int] = []

    async def fetch() -> int:
        calls.append(1)
        return len(calls)

    assert await cache.get("g", fetch) == 1
    now[0] = 29
    assert await cache.get("g", fetch) == 1
    now[0] = 31
    assert await cache.get("g", fetch) == 2
    cache.forget("g")
    assert cache.peek("g") is None and await cache.get("g", fetch) == 3
