"""The misinformation kinds the released blind batches fresh_r28-r32 showed the rules missing, in
sentences of their own (never the batches' lines): an alarm told as fact with an urgent call to
act on it ("cancel your cards NOW", "keep your kids off", "throw it all away", "stock up"); a
claim with a source nobody can check (a dad "who works in IT", a teacher "at another school",
an uncle "at the airport", someone in a Facebook group, a groundsman who "let it slip"); the
school or nursery said to be "hushing it up". And the near-misses that share their words: a
question, the poster's own story, a warning about a scam, a notice with its source.
The rules alone are asked (``model = false``)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "support"))
from safety_rules import RUMOUR, rules


@pytest.mark.parametrize(
    "text",
    [
        # an alarm with an urgent call to act on it
        "ParentPay's system has been hacked and all our card details leaked, cancel your cards now",
        "The play sand at the nursery is contaminated, keep your kids away from the sandpit",
        "Those glitter slimes are toxic and burn skin, throw them all away tonight",
        # a source nobody can check
        "The new laptops in Year 5 are recording the kids, a dad who works in IT told me",
        "A teacher at another school said the juniors are closing in the summer",
        "The leisure centre pool is contaminated with legionella, a lifeguard let it slip",
        "Someone in the Facebook group said the crossing lady was sacked and nobody's there now",
        # hushed up
        "The sickness bug at nursery is actually measles and they're hushing it up",
    ],
)
def test_the_round_eleven_kind_is_caught(text: str) -> None:
    assert RUMOUR in rules(text)


@pytest.mark.parametrize(
    "text",
    [
        # a question
        "Has the ParentPay system been hacked? Should we cancel our cards?",
        "Is it true a dad who works in IT found the laptops recording? Sounds mad",
        # the poster's own story
        "My card got cloned last week so I had to cancel my cards, what a pain",
        "I threw all the slime away after my son's hands went red, probably just sensitive skin",
        # a warning about a scam
        "If someone says your ParentPay has been hacked and asks for your card, it's a scam, don't reply",
        # a notice with its source
        "The school's letter of 3 March says the pool is closed for repairs until the 20th",
    ],
)
def test_the_near_miss_stays_clean(text: str) -> None:
    assert RUMOUR not in rules(text)
