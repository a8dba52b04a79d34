"""Small pure functions from python-telegram-bot objects to Civility's events.

Nothing here talks to Telegram; the adapter calls these at the edge and hands the results on.
"""

from __future__ import annotations

import attrs
from telegram import Chat, ChatMember, ChatMemberUpdated, MessageEntity, User
from telegram import Message as TgMessage

from civility.events import (
    Attachment,
    AttachmentKind,
    ChatRef,
    MemberJoined,
    MemberRef,
    Message,
    MessageRef,
    Removal,
    RemovalKind,
)
from civility.links import message_links

PLATFORM = "telegram"
_LINK_TYPES = (MessageEntity.URL, MessageEntity.TEXT_LINK)
_IN = (ChatMember.OWNER, ChatMember.ADMINISTRATOR, ChatMember.MEMBER)


def chat_ref(chat: Chat) -> ChatRef:
    return ChatRef(PLATFORM, str(chat.id), chat.title or chat.full_name or "")


def member_ref(user: User) -> MemberRef:
    return MemberRef(PLATFORM, str(user.id), user.full_name)


def sender_of(message: TgMessage) -> MemberRef | None:
    """Who posted: the user, or the channel/anonymous admin posting as a chat."""
    if message.sender_chat is not None:
        return MemberRef(PLATFORM, str(message.sender_chat.id), message.sender_chat.title or "")
    return member_ref(message.from_user) if message.from_user else None


def message_ref(message: TgMessage) -> MessageRef:
    return MessageRef(chat_ref(message.chat), str(message.message_id), sender_of(message))


def links_of(message: TgMessage) -> tuple[str, ...]:
    """Links from Telegram's entities (which count UTF-16 units; PTB decodes them); the text
    is searched only when Telegram marked nothing."""
    found: list[str] = []
    for parsed in (message.parse_entities(list(_LINK_TYPES)),
                   message.parse_caption_entities(list(_LINK_TYPES))):
        for entity, text in parsed.items():
            found.append(entity.url if entity.type == MessageEntity.TEXT_LINK and entity.url
                         else text)
    if not found and not (message.entities or message.caption_entities):
        found = list(message_links(message.text or "", [message.caption or ""]))
    return tuple(dict.fromkeys(found))


def attachments_of(message: TgMessage) -> tuple[Attachment, ...]:
    caption = message.caption or ""
    if message.photo:
        return (Attachment(AttachmentKind.IMAGE, caption),)
    if message.sticker:
        return (Attachment(AttachmentKind.STICKER, message.sticker.emoji or ""),)
    for media, kind in ((message.video, AttachmentKind.VIDEO),
                        (message.animation, AttachmentKind.VIDEO),
                        (message.video_note, AttachmentKind.VIDEO),
                        (message.audio, AttachmentKind.AUDIO),
                        (message.voice, AttachmentKind.AUDIO),
                        (message.document, AttachmentKind.DOCUMENT)):
        if media is not None:
            return (Attachment(kind, caption, filename=getattr(media, "file_name", None) or "",
                               mime_type=getattr(media, "mime_type", None) or ""),)
    if caption:  # a captioned kind we do not name (paid media, ...): keep the caption
        return (Attachment(AttachmentKind.OTHER, caption),)
    return ()


def _text_of(message: TgMessage) -> str:
    if message.text:
        return message.text
    if message.poll:  # a poll's question and options are words the group reads
        return "\n".join([message.poll.question, *(o.text for o in message.poll.options)])
    return ""


def replied_message(message: TgMessage) -> TgMessage | None:
    """The message this one answers; in forum topics Telegram points every message at the
    topic's first post, which is not a reply anyone meant."""
    reply = message.reply_to_message
    if reply is None or reply.forum_topic_created is not None:
        return None
    return reply


def to_message(message: TgMessage, *, edited: bool = False) -> Message | None:
    """A group post as a `Message`; None for service messages (joins, pins, ...)."""
    sender = sender_of(message)
    text = _text_of(message)
    attachments = attachments_of(message)
    if sender is None or not (text or attachments):
        return None
    reply = replied_message(message)
    return Message(
        ref=MessageRef(chat_ref(message.chat), str(message.message_id), sender),
        sender=sender,
        text=text,
        time=(message.edit_date if edited and message.edit_date else message.date),
        links=links_of(message),
        attachments=attachments,
        forwarded=message.forward_origin is not None or bool(message.is_automatic_forward),
        reply_to=message_ref(reply) if reply else None,
        reply_to_sender=sender_of(reply) if reply else None,
        edited=edited,
    )


def _is_in(member: ChatMember) -> bool:
    return member.status in _IN or bool(
        member.status == ChatMember.RESTRICTED and getattr(member, "is_member", False))


def member_change(update: ChatMemberUpdated, *, bot_id: int) -> Removal | MemberJoined | None:
    """A join, leave, kick or ban; None for other changes (promotions, mutes) and for changes
    the bot made itself (the engine already knows about those)."""
    was, now = _is_in(update.old_chat_member), _is_in(update.new_chat_member)
    if was == now or update.from_user.id == bot_id:
        return None
    chat, member = chat_ref(update.chat), member_ref(update.new_chat_member.user)
    if now:
        return MemberJoined(chat, member, time=update.date)
    actor = update.from_user
    by = None if actor.id == update.new_chat_member.user.id else member_ref(actor)
    if update.new_chat_member.status == ChatMember.BANNED:
        kind = RemovalKind.BANNED
    else:
        kind = RemovalKind.LEFT if by is None else RemovalKind.KICKED
    return Removal(chat, kind, member=member, by=by, time=update.date)


@attrs.frozen
class Command:
    name: str
    args: str


def parse_command(text: str | None, bot_username: str) -> Command | None:
    """``/name args`` or ``/name@ThisBot args``; commands for other bots are not ours."""
    if not text or not text.startswith("/"):
        return None
    head, *rest = text.split(maxsplit=1)
    args = rest[0] if rest else ""
    name, _, addressee = head[1:].partition("@")
    if not name or (addressee and addressee.lower() != bot_username.lower()):
        return None
    return Command(name.lower(), args.strip())
