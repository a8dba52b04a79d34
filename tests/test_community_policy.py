"""The second built-in policy, and two policies side by side in one bot."""

from __future__ import annotations

import civility.plugins.community as community
from civility._hooks import Hooks
from civility._plugins import make_manager
from civility.config import Config
from civility.engine import Engine
from civility.store.memory import MemoryStore
from civility.testing import RecordingAdapter, judge, make_chat, make_message
from civility.verdicts import Step


def rules(text: str) -> set[str]:
    return {v.rule_id for v in judge(community, text)}


def test_the_community_code_has_its_own_rules() -> None:
    ids = {r.id for r in community.civility_rules()}
    assert ids == {"community.respect", "community.language", "community.threats",
                   "community.selling", "community.private-messages", "community.shouting",
                   "community.mass-mention"}
    assert rules("you absolute numpty") == {"community.respect"}
    assert rules("what the f*ck is going on") == {"community.language"}
    assert rules("say that to my face and see what happens") == {"community.threats"}
    assert rules("@everyone training is cancelled") == {"community.mass-mention"}
    assert rules("email me at coach@club.example about @ Saturday") == set()
    assert rules("Great match today, well done to the under-9s!") == set()
    assert rules("Kit for sale, dm me for prices") == {"community.selling"}


async def test_two_policies_run_side_by_side_in_different_groups_on_different_platforms() -> None:
    engine = Engine(Config(store=Config().store), Hooks(make_manager()), MemoryStore())
    school_chat, club_chat = make_chat("year3", platform="telegram"), make_chat("u9s", platform="matrix")
    school = RecordingAdapter("telegram")
    club = RecordingAdapter("matrix")
    engine.add_adapter(school)
    engine.add_adapter(club)
    engine.set_policies(school_chat.key, ["iqra"])
    engine.set_policies(club_chat.key, ["community"])
    await engine.start(adapters=False)
    text = "you are a pathetic idiot"
    at_school = await engine.handle(make_message(text, chat=school_chat, sender="Chris"))
    at_club = await engine.handle(make_message(text, chat=club_chat, sender="Chris"))
    await engine.stop()
    assert at_school.decision.rule_ids and all(r.startswith("iqra.") for r in at_school.decision.rule_ids)
    assert at_club.decision.rule_ids == ("community.respect",)
    # The school's code cautions a personal insult at once; the club's gentler ladder deletes
    # and nudges, with the club's own notice.
    assert Step.CAUTION in at_school.decision.steps
    assert Step.CAUTION not in at_club.decision.steps and Step.DELETE in at_club.decision.steps
    [notice] = club.named("send_private")
    assert "Group code, rule 1" in str(notice.args[1])
    assert not school.named("send_private") or "Group code" not in str(
        school.named("send_private")[0].args[1])


async def test_live_in_one_group_advise_in_another_and_a_second_policy_on_another_platform(
        ) -> None:
    from civility.config import Mode

    engine = Engine(Config(store=Config().store), Hooks(make_manager()), MemoryStore())
    live, trial = make_chat("year3", platform="telegram"), make_chat("year4", platform="telegram")
    club_chat = make_chat("u9s", platform="matrix")
    school, club = RecordingAdapter("telegram"), RecordingAdapter("matrix")
    engine.add_adapter(school)
    engine.add_adapter(club)
    engine.set_policies(trial.key, ["community"])  # the school trials another code in year 4
    engine.set_mode(trial.key, Mode.ADVISE)
    engine.set_policies(club_chat.key, ["community"])
    await engine.start(adapters=False)
    text = "you are a pathetic idiot"
    in_live = await engine.handle(make_message(text, chat=live, sender="Chris"))
    in_trial = await engine.handle(make_message(text, chat=trial, sender="Dana"))
    at_club = await engine.handle(make_message(text, chat=club_chat, sender="Chris"))
    await engine.stop()
    assert all(r.startswith("iqra.") for r in in_live.decision.rule_ids)
    assert in_trial.decision.rule_ids == at_club.decision.rule_ids == ("community.respect",)
    deleted = {c.args[0].chat.key for c in school.named("delete_message")}
    assert deleted == {live.key}  # year 4 is only advised on
    [card] = [r for r in school.reviews if r.chat == trial]
    assert card.advise_mode and card.decision.rule_ids == ("community.respect",)
    told = {c.args[0].display_name for c in school.named("send_private")}  # who was told
    assert told == {"Chris"}
    assert club.named("delete_message") and club.named("send_private")  # the club is live
