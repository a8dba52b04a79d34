"""One record per parent across the school's groups, in the core: the member's groups in
`civility cases member`, and the ``remove all`` word."""

from __future__ import annotations

import datetime as dt

from civility import cases
from civility.config import LadderSettings
from civility.events import ChatRef, ModeratorDecision, ReviewChoice
from civility.moderation import parse_choice
from civility.school_groups import is_remove_all
from civility.testing import make_member, make_message

T0 = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)


async def test_the_members_page_lists_their_groups(engine):
    parent = make_member("Parent K")
    for chat, title, n in (("y3", "Year 3 parents", 2), ("y4", "Year 4 parents", 1)):
        for i in range(n):
            await engine.handle(make_message("darn", sender=parent, id=f"{chat}-{i}",
                                             chat=ChatRef("test", chat, title),
                                             time=T0 + dt.timedelta(days=i)))
    state = await cases.member_state(engine.store, parent.key, ladder=LadderSettings(),
                                     now=T0 + dt.timedelta(days=3))
    text = cases.render_member(state)
    assert "in 2 group(s)" in text
    assert "  Year 3 parents: 2 case(s), the last on 2026-11-03" in text
    assert "  Year 4 parents: 1 case(s), the last on 2026-11-02" in text


def test_remove_all_is_the_remove_word_with_all():
    mod = make_member("Mod", "mod")
    for text, meant in (("/mod 12 remove all", True), ("/mod 12 kick everywhere.", True),
                        ("/mod 12 remove", False), ("/mod 12 remove all of this is vile", False),
                        ("/mod 12 keep all", False)):
        answer = parse_choice(text)
        assert answer.choice is not None
        decision = ModeratorDecision(answer.incident, answer.choice, mod, note=answer.note)
        assert is_remove_all(decision) is meant, text
    assert not is_remove_all(ModeratorDecision(0, ReviewChoice.REMOVE, mod, note="all"))


def test_the_moderators_help_names_remove_all():
    from civility.moderation import commands_help

    assert "remove all: after a removal" in commands_help()
