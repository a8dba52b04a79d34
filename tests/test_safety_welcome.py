"""Welcome on joining: the policy's code of conduct in short, privately where possible."""

from __future__ import annotations

from civility._hooks import Hooks
from civility._plugins import make_manager
from civility.config import Config, Mode, School
from civility.engine import Engine
from civility.events import MemberJoined
from civility.store.memory import MemoryStore
from civility.testing import RecordingAdapter, make_chat, make_member

SCHOOL = School(name="Iqra Test School", contact_email="office@test.example",
                concerns_route="the class teacher or, where necessary, the Headteacher")


async def _engine(adapter: RecordingAdapter, mode: Mode = Mode.ENFORCE) -> Engine:
    engine = Engine(Config(school=SCHOOL, plugins=("iqra",), mode=mode),
                    Hooks(make_manager(entry_points=False)), MemoryStore())
    engine.add_adapter(adapter)
    await engine.start()
    return engine


async def test_a_new_member_gets_the_code_of_conduct_privately():
    adapter = RecordingAdapter()
    engine = await _engine(adapter)
    try:
        member = make_member("New Parent")
        outcome = await engine.handle(MemberJoined(make_chat(), member))
    finally:
        await engine.stop()
    assert outcome.done == ("welcome",)
    [(to, text)] = [c.args for c in adapter.named("send_private")]
    assert to == member
    assert "Iqra Test School" in text and "respectful" in text and "individual children" in text
    assert "the class teacher or, where necessary, the Headteacher" in text
    assert "office@test.example" in text
    assert adapter.named("send_to_chat") == []


async def test_when_the_member_cannot_be_messaged_the_group_gets_one_note():
    adapter = RecordingAdapter(unreachable={"new-parent"})
    engine = await _engine(adapter)
    try:
        outcome = await engine.handle(MemberJoined(make_chat(), make_member("New Parent")))
    finally:
        await engine.stop()
    assert outcome.done == ("welcome (in group)",)
    [(chat, text)] = [c.args for c in adapter.named("send_to_chat")]
    assert chat == make_chat() and "code of conduct" in text


async def test_advise_mode_sends_no_welcome():
    adapter = RecordingAdapter()
    engine = await _engine(adapter, Mode.ADVISE)
    try:
        await engine.handle(MemberJoined(make_chat(), make_member("New Parent")))
    finally:
        await engine.stop()
    assert adapter.calls == []
