"""The neonize back-end: whatsmeow in process, as a linked device of the school's number.

The first start shows a QR code in the terminal and saves it as a PNG (for a headless server);
the school scans it from WhatsApp → Linked devices. The session is kept in ``session`` so a
restart does not ask again.
"""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path
from typing import Any

import structlog
from neonize.aioze import events as neonize_events
from neonize.aioze.client import NewAClient
from neonize.aioze.events import ConnectedEv, GroupInfoEv, LoggedOutEv, MessageEv
from neonize.utils.enum import ParticipantChange
from neonize.utils.jid import build_jid

from civility.adapter import ActionFailed, Backoff, RetryLater
from civility.adapters._images import announce_ocr
from civility.adapters.whatsapp import media
from civility.adapters.whatsapp._backend import Deliver, GroupMembers
from civility.adapters.whatsapp.config import WhatsAppSettings
from civility.adapters.whatsapp.convert import from_neonize_group, from_neonize_message, jid

log = structlog.get_logger()


def to_jid(value: str) -> Any:
    user, _, server = value.partition("@")
    return build_jid(user, server or "s.whatsapp.net")


def show_qr(data: bytes, png: Path) -> None:
    """Print the pairing QR code in the terminal and save it as a PNG."""
    import qrcode

    code = qrcode.QRCode(border=2)
    code.add_data(data)
    code.make(fit=True)
    with contextlib.suppress(OSError):
        code.print_ascii(invert=True)
    try:
        code.make_image().save(str(png))
        log.warning("whatsapp_link_device", qr_png=str(png),
                    how="WhatsApp on the school's phone: Settings → Linked devices → Link a device")
    except (OSError, ValueError) as exc:
        log.error("whatsapp_qr_not_saved", error=str(exc))


class NeonizeBackend:
    name = "neonize"

    def __init__(self, settings: WhatsAppSettings, client: NewAClient | None = None) -> None:
        self.settings = settings
        # neonize keeps the linked-device session in the database named here.
        self.client = client or NewAClient(str(settings.session))
        self._deliver: Deliver | None = None
        self._closed = asyncio.Event()

    async def start(self, deliver: Deliver) -> None:
        self._deliver = deliver
        announce_ocr("whatsapp")
        client = self.client

        @client.event(MessageEv)  # type: ignore[untyped-decorator]
        async def on_message(_: Any, event: Any) -> None:
            await self._convert(lambda: [from_neonize_message(event)], raw=event)

        @client.event(GroupInfoEv)  # type: ignore[untyped-decorator]
        async def on_group(_: Any, event: Any) -> None:
            await self._convert(lambda: from_neonize_group(event))

        @client.event(ConnectedEv)  # type: ignore[untyped-decorator]
        async def on_connected(_: Any, __: Any) -> None:
            log.info("whatsapp_connected")
            with contextlib.suppress(OSError):
                self.settings.qr_png.unlink(missing_ok=True)  # paired: the old code is useless

        @client.event(LoggedOutEv)  # type: ignore[untyped-decorator]
        async def on_logged_out(_: Any, __: Any) -> None:
            log.error("whatsapp_logged_out", action="delete the session file and link again")
            self._closed.set()

        async def on_qr(_: Any, data: bytes) -> None:
            show_qr(data, self.settings.qr_png)

        client.qr(on_qr)
        # Go calls back from its own threads; events land on this loop.
        neonize_events.event_global_loop = asyncio.get_running_loop()
        task = await client.connect()
        task.add_done_callback(lambda t: self._closed.set())

    async def _convert(self, convert: Any, raw: Any = None) -> None:
        if self._deliver is None:
            return
        try:
            converted = [i for i in convert() if i is not None]
        except Exception as exc:  # a malformed event is logged and skipped
            log.warning("whatsapp_event_unreadable", error=repr(exc))
            return
        for incoming in converted:
            if raw is not None:  # a message: its image, if any, is fetched for OCR
                incoming = await media.with_image(self.client, raw, incoming)
            await self._deliver_durably(incoming)

    async def _deliver_durably(self, incoming: Any) -> None:
        """WhatsApp does not deliver an event to a linked device twice, so while the store is
        down the event is kept here and handed over again after a back-off."""
        assert self._deliver is not None
        backoff = Backoff(1.0, 30.0)
        while True:
            try:
                await self._deliver(incoming)
                return
            except RetryLater:
                wait = backoff.next()
                log.warning("whatsapp_store_unavailable", retry_in=wait)
                await asyncio.sleep(wait)

    async def stop(self) -> None:
        with contextlib.suppress(Exception):
            await self.client.disconnect()
        with contextlib.suppress(Exception):
            await self.client.stop()
        task = self.client.connect_task
        if task is not None and not task.done():
            task.cancel()
            with contextlib.suppress(BaseException):
                await task
        self._closed.set()

    async def wait_closed(self) -> None:
        await self._closed.wait()

    async def revoke(self, chat: str, sender: str, message_id: str) -> None:
        try:
            await self.client.revoke_message(to_jid(chat), to_jid(sender), message_id)
        except Exception as exc:
            raise ActionFailed(f"WhatsApp refused the deletion: {exc}") from exc

    async def remove(self, chat: str, member: str) -> None:
        try:
            changed = await self.client.update_group_participants(
                to_jid(chat), [to_jid(member)], ParticipantChange.REMOVE)
        except Exception as exc:
            raise ActionFailed(f"WhatsApp refused the removal: {exc}") from exc
        failed = [p for p in changed if p.Error]
        if failed:
            raise ActionFailed(f"WhatsApp refused the removal (error {failed[0].Error})")

    async def send(self, to: str, text: str, *, reply_to: str = "",
                   reply_sender: str = "") -> str:
        from neonize.proto.waE2E.WAWebProtobufsE2E_pb2 import (
            ContextInfo,
            ExtendedTextMessage,
            Message,
        )

        # A plain proto, not a str: neonize would turn "@digits" in member text into mentions.
        message = Message(conversation=text)
        if reply_to:  # quote the message being answered
            message = Message(extendedTextMessage=ExtendedTextMessage(
                text=text, contextInfo=ContextInfo(stanzaID=reply_to, participant=reply_sender,
                                                   quotedMessage=Message(conversation=""))))
        try:
            response = await self.client.send_message(to_jid(to), message)
        except Exception as exc:
            raise ActionFailed(f"WhatsApp refused the message: {exc}") from exc
        return str(response.ID)

    async def members(self, chat: str) -> GroupMembers:
        info = await self.client.get_group_info(to_jid(chat))
        admins, everyone = set(), set()
        for p in info.Participants:
            ids = {jid(p.JID), jid(p.LID), jid(p.PhoneNumber)} - {""}
            everyone |= ids
            if p.IsAdmin or p.IsSuperAdmin:
                admins |= ids
        return GroupMembers(frozenset(admins), frozenset(everyone), info.GroupName.Name)

    async def own_ids(self) -> frozenset[str]:
        me = await self.client.get_me()
        return frozenset({jid(me.JID), jid(me.LID)} - {""})
