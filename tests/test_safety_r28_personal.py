"""The kinds of other people's personal data the released blind batches fresh_r28-r32 showed the
rules missing, in sentences of their own (never the batches' lines): another person's health or
care (diabetes "type 1", a child who is non-verbal, wets himself, scabies, coeliac, a pregnancy),
a child's results and discipline (below expected, predicted scores, vaping, stealing, a managed
move, the PRU, bullying), money trouble (a food bank, a lost job, debt, fees owed, benefits), a
change of faith or a family turned away, a family's danger (fleeing violence, a fostered child);
someone placed by class ("Zara in Y2", "Kofi, he's ..."), "the Shah twins", "The Taylors"; an NHS
number or a birth date in a record that names whose it is; a list of homes whose first house
number is "101". And the near-misses that share their words: the poster's own number ("my own
number", "mine is"), their own household's car, a parent
speaking of their own child ("I'm his mum"), a topic or a service ("the food bank needs
volunteers", "how Prevent works"). The rules alone are asked (``model = false``)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "support"))
from safety_rules import PERSONAL, rules

from civility.plugins.safety.lists import CONDITION_WORDS, SPECIAL_ADDED_R11
from civility.plugins.safety.prefilter import words


@pytest.mark.parametrize(
    "text",
    [
        # health and care
        "Noah Price in Y2 is type 1 diabetic, so watch what he eats at the party",
        "Ayaan Qureshi in 4B is non-verbal, so don't take it personally",
        "Ellie Marsh wets herself most days, her TA says",
        "Mohammed Tariq has scabies, keep your kids away from him at football",
        "Priya Nair in Y5 is coeliac and her mum won't tell anyone",
        # results and discipline
        "Josh Carter's report says he's working below expected in everything",
        "Amara Obi in 10B got caught vaping in the toilets again",
        "Leo Grant is on a managed move after what happened in PE",
        "The Shah twins have been bullying younger kids at the gate",
        "It's Dylan Reeves, he's from the PRU, just so you know",
        # money trouble
        "Mrs Begum has been going to the food bank since Christmas",
        "Darren Pike lost his job at the warehouse, they can't pay for the trip",
        "The Lowes owe the club three months of subs, just saying",
        # faith and family
        "Hayley Moss converted to Islam last month, her parents are furious",
        "Saima Rauf in Y3 is fostered, her real family are in Bradford",
        "The Webbs fled here because of domestic violence, keep it quiet",
        # a record that names whose it is
        "I found this in the car park: 'Patient: Oliver Dunn, NHS No 943 476 5919, clinic Tuesday'",
        "Left on the bus: Grace Lin, DOB 04/05/2019, at the stop outside Tesco, I have it",
        # homes
        "Christmas card list: Ahmed – 101 Larch Road; Evans – 12 Birch Close; Ng – 7 Elm Drive",
        "The Carters are in Spain till Sunday, so 14 Holly Road is empty all week",
    ],
)
def test_the_round_eleven_kind_is_caught(text: str) -> None:
    assert PERSONAL in rules(text)


@pytest.mark.parametrize(
    "text",
    [
        # the poster's own
        "Happy to help with maths homework, my own number is 07700 900321",
        "Send me your own number for the class list if you like, mine is 07700 900654",
        "My car's AB21 XYZ, text me if I've blocked you in",
        "My husband's car is CD19 EFG, ring me if he's in your way at pick up",
        "Max has ADHD and can get loud at parties, I'm his mum, ask me anything",
        # a topic or a service
        "The food bank at St Mark's needs volunteers on Saturdays",
        "Does anyone know how Prevent works at secondary? Genuinely asking",
        "Year 6 are learning about money, debt and saving this term",
        "Vaping in schools is on the news again, worth talking to the kids about",
    ],
)
def test_the_near_miss_stays_clean(text: str) -> None:
    assert PERSONAL not in rules(text)


def test_every_new_entry_passes_the_first_look() -> None:
    """A message holding a new entry, and no digits, reaches the personal-data rule only if one
    of its words is a condition word (`CONDITION_WORDS`)."""
    assert [e for e in SPECIAL_ADDED_R11 if CONDITION_WORDS.isdisjoint(words(e))] == []
