"""The sync loop: from sync batches to our events, commands and moderators' answers.

Each event is marked finished in the state file as soon as the engine has durably recorded
it; the sync token moves on once the whole batch is finished. A restart syncs from the old token
again and skips the finished events, so nothing is lost and nothing repeated. An event the
engine could not record (the store is down: `RetryLater`) holds its room's later events and
the token: the same batch is fetched again after a back-off. A gap (the server cut the
timeline) is filled from the room's history before the batch is handled.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import structlog
from nio import AsyncClient, MessageDirection, RoomMessagesError, SyncError

from civility._gate import Waiting
from civility._memo import Recent
from civility.adapter import Backoff, EventSink, RetryLater, durable, failure
from civility.adapters.matrix import commands, media
from civility.adapters.matrix import convert as cv
from civility.adapters.matrix._http import api, room_path
from civility.adapters.matrix.commands import Actions
from civility.adapters.matrix.config import MatrixSettings, MatrixStartError
from civility.adapters.matrix.rights import Rights
from civility.adapters.matrix.state import State
from civility.events import (
    ChatRef,
    Message,
    MessageRef,
)
from civility.store import GateEntry

log = structlog.get_logger()

RECENT = 2000  # messages remembered for replies and reports (id → Message)
MAX_BACKFILL = 1000


class Inbound:
    def __init__(self, *, client: Callable[[], AsyncClient], settings: MatrixSettings,
                 state: State, rights: Rights, actions: Actions, closed: asyncio.Event,
                 timeline_limit: int, sync_timeout_ms: int) -> None:
        #: The logged-in client (raises `ActionFailed` before start).
        self.client = client
        self.settings, self.state, self.rights, self.actions = settings, state, rights, actions
        self.user_id = settings.user_id
        #: Set when nothing will work any more (the access token was revoked).
        self.closed = closed
        self.sync_timeout_ms = sync_timeout_ms
        self.filter = {
            "presence": {"not_types": ["*"]}, "account_data": {"not_types": ["*"]},
            "room": {"timeline": {"limit": timeline_limit}, "ephemeral": {"not_types": ["*"]},
                     "account_data": {"not_types": ["*"]}},
        }
        self.sink: EventSink | None = None
        #: A member's waiting gate entries (the store's; `MatrixAdapter.attach` binds it).
        self.gate_waiting: Waiting = _never_waiting
        self.recent: Recent[str, Message] = Recent(RECENT)
        self._task: asyncio.Task[None] | None = None
        self._poll: asyncio.Future[Any] | None = None
        self._stopping = asyncio.Event()
        self.retry = Backoff(1.0, 30.0)

    # -- the loop -----------------------------------------------------------------------

    async def start(self, sink: EventSink) -> None:

        self.sink = sink
        state, client = self.state, self.client()
        since = state.next_batch
        reply = await client.sync(timeout=0, since=since, full_state=True,
                                  sync_filter=self.filter)
        if isinstance(reply, SyncError):
            raise MatrixStartError(f"first sync failed: {reply.status_code} {reply.message}")
        # The very first start does not moderate old history: it only joins and remembers.
        if await self.batch(reply, since, history=since is not None):
            state.advance(reply.next_batch)
        else:  # not all durable: the loop fetches the same batch again
            await self._held()
        for room_id in sorted(self.settings.joinable - set(client.rooms)):
            joined = await client.join(room_id)
            if not hasattr(joined, "room_id"):
                log.warning("matrix_cannot_join", room=room_id, error=getattr(joined, "message", ""))
        for room_id in sorted(self.settings.room_ids & set(client.rooms)):
            await self.check_room(room_id)
        self._task = asyncio.create_task(self._loop())

    async def check_room(self, room_id: str) -> None:
        try:
            status, _ = await api(self.client(), "GET",
                                  room_path(room_id, "state", "m.room.encryption"))
            if status == 200:  # the room is end-to-end encrypted: the bot sees only ciphertext
                await self.rights.lacking(room_id, "read")
            await self.rights.check_own_power(room_id)
        except Exception as exc:
            log.warning("matrix_power_check_failed", room=room_id, error=repr(exc))

    async def stop(self) -> None:
        self._stopping.set()
        if self._poll is not None:
            self._poll.cancel()
        if self._task is not None:
            # Let a batch being handled finish, so its token is saved and nothing repeats.
            with contextlib.suppress(asyncio.CancelledError, TimeoutError):
                await asyncio.wait_for(self._task, timeout=60)

    async def _loop(self) -> None:
        client, state, failing = self.client(), self.state, Backoff(1.0, 30.0)
        while not self._stopping.is_set():
            since = state.next_batch
            self._poll = asyncio.ensure_future(client.sync(
                timeout=self.sync_timeout_ms, since=since, sync_filter=self.filter))
            try:
                reply = await self._poll
            except asyncio.CancelledError:
                if self._stopping.is_set():
                    return
                raise
            except Exception as exc:
                reply = exc
            if isinstance(reply, SyncError | Exception):
                code = getattr(reply, "status_code", None) or repr(reply)
                log.error("matrix_sync_failed", error=code)
                if code == "M_UNKNOWN_TOKEN":  # logged out or token revoked: nothing will work
                    self.closed.set()
                    return
                await asyncio.sleep(failing.next())
                continue
            failing.reset()
            try:
                finished = await self.batch(reply, since)
            except Exception as exc:  # a bug here must not stop moderation; each event was tried
                log.error("matrix_batch_failed", **failure(exc))
                finished = True
            if finished:
                state.advance(reply.next_batch)
                self.retry.reset()
            else:
                await self._held()

    async def _held(self) -> None:
        """Some event was not durably recorded: wait, then the same batch comes again."""
        wait = self.retry.next()
        log.warning("matrix_store_unavailable", retry_in=wait)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stopping.wait(), wait)

    async def batch(self, reply: Any, since: str | None, *, history: bool = True) -> bool:
        """Handle a sync batch; False when some event must be handled again later."""
        settings = self.settings
        joined = []
        for room_id in reply.rooms.invite:
            if room_id in settings.joinable:
                answer = await self.client().join(room_id)
                log.info("matrix_joined", room=room_id, ok=hasattr(answer, "room_id"))
                joined.append(room_id)
            else:
                log.info("matrix_invite_ignored", room=room_id)
        # Checked once every invite is answered: warnings go to the moderators' room.
        for room_id in joined:
            if room_id in settings.room_ids:
                await self.check_room(room_id)
        for room_id in reply.rooms.leave:
            if room_id in settings.joinable:
                log.error("matrix_left_room", room=room_id)
        if not history:
            return True
        work = []
        for room_id, info in reply.rooms.join.items():
            events = list(info.timeline.events)
            if info.timeline.limited and since and not cv.joined_here(events, self.user_id):
                events = await self._backfill(room_id, info.timeline.prev_batch, since) + events
            work.append(self._room(room_id, events))
        return all(await asyncio.gather(*work))

    async def _backfill(self, room_id: str, token: str | None, since: str) -> list[Any]:
        events: list[Any] = []
        while token and len(events) < MAX_BACKFILL:
            page = await self.client().room_messages(room_id, start=token, end=since,
                                                        direction=MessageDirection.back, limit=100)
            if isinstance(page, RoomMessagesError) or not page.chunk:
                break
            events.extend(page.chunk)
            token = page.end if page.end != token else None
        log.info("matrix_backfilled", room=room_id, events=len(events))
        return events[::-1]

    async def _room(self, room_id: str, events: Sequence[Any]) -> bool:
        """Handle a room's events in order; False when one was not durably recorded (it and
        the room's later events then wait for the batch to come again)."""
        settings = self.settings
        if room_id in settings.room_ids:
            handle = self._moderated
        elif room_id == settings.moderators_room:
            handle = self._moderators_room
        elif room_id in self.state.dm_rooms.values():
            handle = self._direct  # a member's answer: an appeal, or "I agree" (the gate)
        else:
            return True  # direct rooms and anything else: not moderated
        state = self.state
        done = set(state.batch_done)
        for event in cv.after_own_join(events, self.user_id):
            source = getattr(event, "source", None)
            if not isinstance(source, Mapping) or source.get("sender") == self.user_id:
                continue
            event_id = str(source.get("event_id", ""))
            if event_id in done:
                continue  # finished before a restart
            try:
                await handle(room_id, source)
            except RetryLater:
                return False
            except Exception as exc:  # one bad event must not stop the room
                log.error("matrix_event_failed", room=room_id, event_id=event_id,
                          type=source.get("type"), **failure(exc))
            if event_id:
                state.finished(event_id)
        return True

    # -- moderated rooms ----------------------------------------------------------------

    def chat(self, room_id: str) -> ChatRef:
        room = self.client().rooms.get(room_id)
        return cv.chat_ref(room_id, room.display_name if room is not None else "")

    def name(self, room_id: str, user_id: str) -> str:
        room = self.client().rooms.get(room_id)
        return (room.user_name(user_id) if room is not None else None) or ""

    async def give(self, event: Any) -> Any:
        """Hand an event to the engine; `RetryLater` when it was not durably recorded."""
        assert self.sink is not None
        return durable(await self.sink(event))

    async def _moderated(self, room_id: str, source: Mapping[str, Any]) -> None:
        chat, kind = self.chat(room_id), source.get("type")
        if kind == "m.room.encrypted":
            await self.rights.lacking(room_id, "read")
        elif kind == "m.room.member":
            user = source.get("state_key")
            change = cv.membership_change(source, chat, self.name(room_id, str(user)))
            if change is not None:
                await self.give(change)
        elif kind == "m.room.redaction":
            removal = cv.redaction(source, chat)
            if removal is not None:
                await self.give(removal)
        elif kind == "m.room.message":
            await self._message(chat, source)

    async def _message(self, chat: ChatRef, source: Mapping[str, Any]) -> None:
        content = cv.sub(source, "content")
        body = cv.text(content, "body")
        target = cv.reply_target(content)
        order = None if cv.edited_event(source) else cv.command(cv.strip_reply_fallback(body))
        if order and commands.is_command(order.name):
            await commands.command(self, chat, source, order, target)
            return
        sender = str(source.get("sender"))
        replied = await self.lookup(chat, target) if target else None
        message = cv.to_message(source, chat, self.name(chat.id, sender),
                                replied.sender if replied else None)
        if message is None:
            message = _redacted_message(source, chat, self.name(chat.id, sender))
        if message is None:
            log.info("matrix_event_skipped", event_id=source.get("event_id"), why="not a message")
            return
        self._remember(message)  # remembered without image bytes: they go to the engine only
        await self.give(await media.with_image(self.client(), source, message))

    def _remember(self, message: Message) -> None:
        self.recent.put(message.ref.id, message)

    async def lookup(self, chat: ChatRef, event_id: str) -> Message | None:
        """A message by id: remembered, or fetched from the server."""
        known = self.recent.get(event_id)
        if known is not None:
            return known
        reply = await self.client().room_get_event(chat.id, event_id)
        source = getattr(getattr(reply, "event", None), "source", None)
        if not isinstance(source, Mapping):
            return None
        message = cv.to_message(source, chat, self.name(chat.id, str(source.get("sender"))))
        if message is not None:
            self._remember(message)
        return message

    async def _moderators_room(self, room_id: str, source: Mapping[str, Any]) -> None:
        await commands.moderators_room(self, room_id, source)

    async def _direct(self, room_id: str, source: Mapping[str, Any]) -> None:
        await commands.direct_room(self, room_id, source)


async def _never_waiting(member_key: str) -> Sequence[GateEntry]:
    return ()


def _redacted_message(source: Mapping[str, Any], chat: ChatRef, name: str) -> Message | None:
    """A message redacted since it was sent, as an empty `Message`: perhaps redacted by us just
    before a crash, so the engine may still have recorded work to finish for it (a notice, a
    card). An empty message it never recorded does nothing."""
    event_id, sender = source.get("event_id"), source.get("sender")
    redacted = cv.sub(cv.sub(source, "unsigned"), "redacted_because")
    stamp = source.get("origin_server_ts")
    if source.get("type") != "m.room.message" or not redacted or not isinstance(event_id, str) \
            or not isinstance(sender, str) or not isinstance(stamp, int) or stamp < 0:
        return None
    member = cv.member_ref(sender, name)
    try:
        time = dt.datetime.fromtimestamp(stamp / 1000, dt.UTC)
    except (OverflowError, OSError, ValueError):
        return None
    return Message(ref=MessageRef(chat, event_id, member), sender=member, time=time)
