"""Platform-neutral events that adapters hand to the engine.

Every event carries stable references (`ChatRef`, `MemberRef`, `MessageRef`) that the adapter
which made it can act on later. Nothing here knows which platform it came from beyond the
``platform`` string inside the references.
"""

from __future__ import annotations

import datetime as dt
import enum
import re

import attrs

# Every text field is cut and cleaned here, at the edge, before any detector or regex runs and
# before anything reaches SQLite, JSON output or HTML.
#: Longest message text the engine looks at; longer text is cut so one pasted novel cannot
#: stall a chat's queue.
MAX_TEXT_CHARS = 20_000
#: Longest attachment caption kept (WhatsApp allows long ones; Telegram 1,024).
MAX_CAPTION_CHARS = 4_096
#: Longest display name kept (platforms allow 64 to 256).
MAX_NAME_CHARS = 128
#: Longest chat title kept.
MAX_TITLE_CHARS = 256
#: Longest file name and MIME type kept (file systems allow 255 bytes).
MAX_FILENAME_CHARS = 255
#: Longest free text kept with a report or a moderator's decision.
MAX_NOTE_CHARS = 2_000
#: Longest platform id kept (real ids are far shorter; a longer one is not an id).
MAX_ID_CHARS = 512
#: Event times are clamped into this range: a phone clock at year 1 or 9999 would overflow
#: date arithmetic (decay, retention) downstream.
MIN_TIME = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
MAX_TIME = dt.datetime(2200, 1, 1, tzinfo=dt.UTC)

_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_text(value: str, limit: int) -> str:
    """``value`` cut to ``limit`` characters, NUL removed and lone surrogates (which no UTF-8
    encoder accepts) replaced by U+FFFD; a surrogate pair is joined into its character."""
    if len(value) > limit:
        value = value[:limit]
    if "\x00" in value:
        value = value.replace("\x00", "")
    if not value.isascii() and _SURROGATE.search(value) is not None:
        value = value.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return value


def _text(value: str) -> str:
    return clean_text(value, MAX_TEXT_CHARS)


def _caption(value: str) -> str:
    return clean_text(value, MAX_CAPTION_CHARS)


def _name(value: str) -> str:
    return clean_text(value, MAX_NAME_CHARS)


def _title(value: str) -> str:
    return clean_text(value, MAX_TITLE_CHARS)


def _filename(value: str) -> str:
    return clean_text(value, MAX_FILENAME_CHARS)


def _note(value: str) -> str:
    return clean_text(value, MAX_NOTE_CHARS)


def _id(value: str) -> str:
    return clean_text(value, MAX_ID_CHARS)


def _utc(value: dt.datetime) -> dt.datetime:
    """Naive datetimes are taken as UTC so that comparisons never raise; times outside
    `MIN_TIME`..`MAX_TIME` are clamped to the nearest end."""
    if value.tzinfo is None or value.utcoffset() is None:  # naive, or a zone that says none
        value = value.replace(tzinfo=dt.UTC)
    try:
        if value < MIN_TIME:
            return MIN_TIME
        if value > MAX_TIME:
            return MAX_TIME
    except (OverflowError, ValueError):  # an offset that pushes the time past year 1 or 9999
        return MIN_TIME if value.year < 2000 else MAX_TIME
    return value


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@attrs.frozen
class ChatRef:
    """A group chat on one platform. ``id`` is the platform's own id, as a string."""

    platform: str
    id: str = attrs.field(converter=_id)
    title: str = attrs.field(default="", eq=False, converter=_title)

    @property
    def key(self) -> str:
        return f"{self.platform}:{self.id}"


@attrs.frozen
class MemberRef:
    """A person on one platform. ``display_name`` is for humans and never used as identity."""

    platform: str
    id: str = attrs.field(converter=_id)
    display_name: str = attrs.field(default="", eq=False, converter=_name)

    @property
    def key(self) -> str:
        return f"{self.platform}:{self.id}"

    @property
    def label(self) -> str:
        return self.display_name or self.id


@attrs.frozen
class MessageRef:
    """A message in a chat; ``sender`` is kept because some platforms need it to delete."""

    chat: ChatRef
    id: str = attrs.field(converter=_id)
    sender: MemberRef | None = None


class AttachmentKind(enum.StrEnum):
    IMAGE = "image"
    VIDEO = "video"
    AUDIO = "audio"
    DOCUMENT = "document"
    STICKER = "sticker"
    OTHER = "other"


@attrs.frozen
class Attachment:
    kind: AttachmentKind
    caption: str = attrs.field(default="", converter=_caption)
    filename: str = attrs.field(default="", converter=_filename)
    mime_type: str = attrs.field(default="", converter=_filename)
    #: Raw bytes, only when an adapter fetched them for a detector (for example OCR of an image).
    data: bytes | None = attrs.field(default=None, repr=False)


@attrs.frozen
class Message:
    """A message posted (or edited) in a group."""

    ref: MessageRef
    sender: MemberRef
    text: str = attrs.field(default="", converter=_text)
    time: dt.datetime = attrs.field(factory=_now, converter=_utc)
    links: tuple[str, ...] = ()
    attachments: tuple[Attachment, ...] = ()
    forwarded: bool = False
    #: The platform says it was forwarded many times (WhatsApp's "Forwarded many times").
    forwarded_many: bool = False
    reply_to: MessageRef | None = None
    #: The sender of the message this one replies to, when the platform says.
    reply_to_sender: MemberRef | None = None
    edited: bool = False

    @property
    def chat(self) -> ChatRef:
        return self.ref.chat

    @property
    def platform(self) -> str:
        return self.ref.chat.platform

    @property
    def all_text(self) -> str:
        """The text and every attachment caption, as one string for detectors."""
        captions = [a.caption for a in self.attachments if a.caption]
        return "\n".join([self.text, *captions]) if captions else self.text


class FlagSource(enum.StrEnum):
    MEMBER = "member"  # a member reported it (the reporter stays anonymous)
    RULE = "rule"  # a policy verdict flagged it
    PLATFORM = "platform"  # the platform's own report feature


@attrs.frozen
class Flag:
    """A message was reported by a member, by the platform, or flagged by a rule."""

    message: MessageRef
    source: FlagSource
    reason: str = attrs.field(default="", converter=_note)
    #: Who reported it. Kept for abuse-of-reporting checks; never shown to the group or poster.
    reporter: MemberRef | None = attrs.field(default=None, repr=False)
    time: dt.datetime = attrs.field(factory=_now, converter=_utc)
    #: The reported message, when the adapter has it (for review cards and rules).
    reported: Message | None = None


class RemovalKind(enum.StrEnum):
    LEFT = "left"
    KICKED = "kicked"
    BANNED = "banned"
    MESSAGE_DELETED = "message_deleted"


@attrs.frozen
class Removal:
    """A member left or was removed, or a message was removed."""

    chat: ChatRef
    kind: RemovalKind
    member: MemberRef | None = None
    message: MessageRef | None = None
    by: MemberRef | None = None
    #: True when Civility itself did it (so plugins can tell follow-ups from outside removals).
    by_civility: bool = False
    reason: str = attrs.field(default="", converter=_note)
    time: dt.datetime = attrs.field(factory=_now, converter=_utc)


@attrs.frozen
class MemberJoined:
    chat: ChatRef
    member: MemberRef
    time: dt.datetime = attrs.field(factory=_now, converter=_utc)


@attrs.frozen
class Acknowledged:
    """A member agreed to the chat's code of conduct (pressed the welcome's button); the
    acknowledgement gate then lets their messages stay up."""

    chat: ChatRef
    member: MemberRef
    time: dt.datetime = attrs.field(factory=_now, converter=_utc)


class ReviewChoice(enum.StrEnum):
    """What a moderator can answer to a review card (words and aliases: civility.moderation)."""

    KEEP = "keep"
    DELETE = "delete"
    CAUTION = "caution"
    MUTE = "mute"
    REMOVE = "remove"
    REPORT = "report"


@attrs.frozen
class ModeratorDecision:
    """A moderator answered a review (a button, a reaction, a command)."""

    #: The incident answered; 0 when a moderator acts on a message directly (a command given
    #: as a reply), in which case ``message`` and ``member`` say which.
    incident_id: int
    choice: ReviewChoice
    moderator: MemberRef
    note: str = attrs.field(default="", converter=_note)
    message: MessageRef | None = None
    member: MemberRef | None = None
    text: str = attrs.field(default="", converter=_text)
    time: dt.datetime = attrs.field(factory=_now, converter=_utc)


class CaseWord(enum.StrEnum):
    """A moderator's word on a case as a whole, beside the choices (civility.moderation)."""

    CLOSE = "close"
    NOTE = "note"
    READMIT = "readmit"


@attrs.frozen
class CaseCommand:
    """A moderator closed a case, added a note, or readmitted its member (issue 14)."""

    incident_id: int
    word: CaseWord
    moderator: MemberRef
    note: str = attrs.field(default="", converter=_note)
    time: dt.datetime = attrs.field(factory=_now, converter=_utc)
    message: MessageRef | None = None


@attrs.frozen
class Appeal:
    """A member answered a private notice with "appeal": they think the decision was wrong.

    ``incident_id`` 0: the member's latest case they were told about."""

    member: MemberRef
    incident_id: int = 0
    reason: str = attrs.field(default="", converter=_note)
    time: dt.datetime = attrs.field(factory=_now, converter=_utc)
    message: MessageRef | None = None


Event = (Message | Flag | Removal | MemberJoined | ModeratorDecision | CaseCommand | Appeal
         | Acknowledged)


def event_chat(event: Event) -> ChatRef | None:
    """The chat whose queue an event belongs to (moderator decisions carry none)."""
    if isinstance(event, Message):
        return event.chat
    if isinstance(event, Flag):
        return event.message.chat
    if isinstance(event, Removal | MemberJoined | Acknowledged):
        return event.chat
    return event.message.chat if event.message else None
