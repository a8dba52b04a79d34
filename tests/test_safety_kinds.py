"""The safety rules judge the kind of message, whatever its wording: evasions a parent group
sees (digits spaced, spelt out or written as emoji, romanised Urdu, look-alike domains) and
the near-misses that must stay clean."""

from __future__ import annotations

import pytest

import civility.plugins.safety as safety
from civility.events import MemberRef, Message, MessageRef
from civility.plugins.safety.content import as_digits, spelled_digits
from civility.testing import judge, make_chat

SCAM, PERSONAL, RUMOUR = "safety.scam", "safety.personal-data", "safety.misinformation"


def rules(text: str, **flags: bool) -> set[str]:
    chat = make_chat("kinds")
    sender = MemberRef(chat.platform, "parent-k", "Parent K")
    message = Message(ref=MessageRef(chat, "k1", sender), sender=sender, text=text, **flags)
    return {v.rule_id for v in judge(safety, message)}


@pytest.mark.parametrize(("text", "rule"), [
    # someone else's number, however it is written
    ("Mrs Begum is on 0 7 9 5 6 1 2 3 4 5 6, message her", PERSONAL),
    ("Rukhsana's new number: zero seven nine eight one, four four five, six seven eight",
     PERSONAL),
    ("Abdullah's mum's mobile: 0️⃣7️⃣7️⃣0️⃣0️⃣ 9️⃣0️⃣0️⃣ 2️⃣2️⃣2️⃣", PERSONAL),
    ("Here's the list: Ali 07700 111222, Sana 07700 333444, for the rota", PERSONAL),
    ("Yasmin ki ammi ka number 07723 554 210 hai, unko call karo", PERSONAL),
    # homes, ids and dates of birth
    ("The supply teacher lives above the chemist on Albert Street", PERSONAL),
    ("Kids in the fight were Adam (7 Oak Close) and Joseph (12 Pine Street)", PERSONAL),
    ("Dev's national insurance number is QQ 12 34 56 C", PERSONAL),
    ("Mrs Dhillon dob 1984-06-02, group card?", PERSONAL),
    ("Her registration is MA20 KLP, she's the one who scratched my car", PERSONAL),
    # scams in other voices
    ("Dad, new number! Need help paying something urgent today x", SCAM),
    ("Papa main hoon, phone kharab ho gaya, naye number se. Thore paise chahiye urgent", SCAM),
    ("Aap sab apna bank card number aur pin bhej dein", SCAM),
    ("w h a t s a p p  account expiring, renew at whatsapp-renew . net", SCAM),
    ("iqra-sch00l.co.uk/payments — new payment page, enter card details there", SCAM),
    ("Make £150 a day from home just by liking posts 👍 DM me for the link", SCAM),
    # rumours by the kind of claim
    ("My cousin at the council says the school is being turned into an academy", RUMOUR),
    ("Everyone is saying the head was suspended yesterday 👀", RUMOUR),
    ("Sab parents ko batao, kal school band hai boiler kharab hone ki wajah se", RUMOUR),
    ("Asbestos found in the year 5 classrooms, nobody's telling us", RUMOUR),
])
def test_the_kind_is_found_in_any_wording(text: str, rule: str) -> None:
    assert rule in rules(text)


@pytest.mark.parametrize("text", [
    "Is it true that school is closed on Monday? Haven't seen anything from the office",
    "Anyone heard if the trip is still on with the train strike? I'll ring the office",
    "Forwarding the school's letter about head lice, please check your children's hair",
    "Just changed my number everyone, this is Amina, my old phone died 📱",
    "I took your son's jumper home by mistake, dm me and I'll drop it back",
    "You can reach me on 07911 123 456 after 6pm, Sana (Hamza's mum)",
    "Party at Gambado, 1 Bath Road, Slough SL1 3UA on Saturday, all welcome",
    "My reg is GY19 XYZ if the caretaker needs to move my car",
    "Letter from the head: the school day will finish at 3:20 from January",
    "Reminder PE kit on Wednesday this week, not Tuesday",
])
def test_near_misses_stay_clean(text: str) -> None:
    assert rules(text) & {SCAM, PERSONAL, RUMOUR} == set()


def test_numbers_spelt_out_are_read_as_digits() -> None:
    text = "call oh seven seven zero zero, nine zero zero, one two three"
    assert spelled_digits(text) and "0 7 7 0 0 9 0 0 1 2 3" in as_digits(text)
    assert not spelled_digits("one or two of the kids, three at most")
    assert as_digits("7️⃣0️⃣") == "70"


def test_the_closed_tomorrow_forward_is_a_nudge_not_a_removal() -> None:
    """The forwarded "closed tomorrow, the boiler broke": misinformation (low, a nudge)."""
    chat = make_chat("kinds")
    sender = MemberRef(chat.platform, "parent-k", "Parent K")
    message = Message(ref=MessageRef(chat, "k2", sender), sender=sender,
                      text="closed tomorrow, the boiler broke", forwarded=True)
    [verdict] = judge(safety, message)
    assert verdict.rule_id == RUMOUR and verdict.severity.label == "low"


@pytest.mark.parametrize("make", [
    lambda n: "Ali 07700 111222, " * (n // 18),
    lambda n: "one " * (n // 4),
    lambda n: "seven, " * (n // 7) + "x",
    lambda n: "she lives on Oak Street " * (n // 24),
    lambda n: "Adam (7 Oak Close) " * (n // 19),
    lambda n: "earn £1 a day " * (n // 14),
    lambda n: "sch00l." * (n // 7) + "com",
    lambda n: "a . " * (n // 4) + "com",
    lambda n: "apparently the uniform is changing " * (n // 35),
], ids=["numbers", "one", "seven", "lives", "named", "earn", "leet", "spaced-dot", "claim"])
def test_the_new_kinds_are_linear(make) -> None:  # type: ignore[no-untyped-def]
    """4x the text in under 8x the time (quadratic would be 16x), best of a few tries."""
    import time

    def cost(text: str) -> float:
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            rules(text)
            best = min(best, time.perf_counter() - started)
        return best

    small, large = make(5_000), make(20_000)
    rules(small)
    for _ in range(5):
        if cost(large) < 8 * max(cost(small), 0.003):
            return
    raise AssertionError(f"{make(40)!r}: not linear")


async def test_the_forwarded_closure_with_the_iqra_policy_is_only_a_nudge() -> None:
    """Through the engine with the school's policy beside the guards: the forwarded "closed
    tomorrow, the boiler broke" is misinformation (low: a kind nudge), not an Iqra breach."""
    from civility._hooks import Hooks
    from civility._plugins import make_manager
    from civility.config import Config, School
    from civility.engine import Engine
    from civility.store.memory import MemoryStore
    from civility.testing import RecordingAdapter, make_message
    from civility.verdicts import Step

    adapter = RecordingAdapter()
    engine = Engine(Config(school=School(name="Iqra Test School"), plugins=("iqra",)),
                    Hooks(make_manager(entry_points=False)), MemoryStore())
    engine.add_adapter(adapter)
    await engine.start()
    try:
        outcome = await engine.handle(make_message("closed tomorrow, the boiler broke",
                                                   forwarded=True))
    finally:
        await engine.stop()
    assert outcome.decision.rule_ids == (RUMOUR,)
    assert outcome.decision.steps == (Step.NUDGE,) and not adapter.named("delete_message")
