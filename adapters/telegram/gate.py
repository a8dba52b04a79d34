"""The welcome's "I agree" button (the acknowledgement gate), and reading a press back.

The button's data carries only the group's id (Telegram allows 64 bytes): whoever presses it
agrees for themselves, in that group, so the same button serves a private welcome and a
welcome posted in the group."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from civility._gate import AGREE_WORDS, HOW_TO_AGREE

PREFIX = "civack"
_SEND = HOW_TO_AGREE
_PRESS = f'press "{AGREE_WORDS}" below (or send "{AGREE_WORDS}" in the group, or to me privately)'


def keyboard(chat_id: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton(f"✅ {AGREE_WORDS}",
                                                       callback_data=f"{PREFIX}:{chat_id}")]])


def group_of(data: str | None) -> str | None:
    """The group a press of the button agrees for; None for any other button."""
    prefix, _, chat_id = (data or "").partition(":")
    if prefix != PREFIX or not chat_id.lstrip("-").isdigit():
        return None
    return chat_id


def with_button(text: str) -> str:
    """The welcome's words for a message that carries the button."""
    return text.replace(_SEND, _PRESS, 1)


def answer_for(done: tuple[str, ...], agreed: str) -> str:
    if agreed in done:
        return "Thank you! Your messages now go straight to the group."
    return "Thank you. There is nothing more you need to do."
