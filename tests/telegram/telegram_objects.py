"""Bot API objects as Telegram's JSON has them (the fields PTB 22 requires included)."""

from __future__ import annotations

from typing import Any

_ADMIN_RIGHTS = ("can_manage_chat", "can_delete_messages", "can_manage_video_chats",
                 "can_restrict_members", "can_change_info", "can_invite_users",
                 "can_post_stories", "can_edit_stories", "can_delete_stories",
                 "can_pin_messages")
_MEMBER_RIGHTS = ("can_send_messages", "can_send_audios", "can_send_documents",
                  "can_send_photos", "can_send_videos", "can_send_video_notes",
                  "can_send_voice_notes", "can_send_polls", "can_send_other_messages",
                  "can_add_web_page_previews", "can_change_info", "can_invite_users",
                  "can_pin_messages", "can_manage_topics", "can_edit_tag",
                  "can_react_to_messages")


def user_json(user_id: int, name: str, *, is_bot: bool = False,
              username: str | None = None) -> dict[str, Any]:
    first, _, last = name.partition(" ")
    user: dict[str, Any] = {"id": user_id, "is_bot": is_bot, "first_name": first}
    if last:
        user["last_name"] = last
    if username:
        user["username"] = username
    if is_bot:
        user.update(can_join_groups=True, can_read_all_group_messages=True,
                    supports_inline_queries=False)
    return user


def admin_json(user: dict[str, Any], *, owner: bool) -> dict[str, Any]:
    if owner:
        return {"status": "creator", "user": user, "is_anonymous": False}
    rights = dict.fromkeys(_ADMIN_RIGHTS, True)
    return {"status": "administrator", "user": user, "can_be_edited": False,
            "is_anonymous": False, "can_promote_members": False, **rights}


def chat_member_json(user: dict[str, Any], status: str) -> dict[str, Any]:
    """A ChatMember of the given status ("member", "left", "kicked", "restricted", ...)."""
    if status == "kicked":
        return {"status": "kicked", "user": user, "until_date": 0}
    if status == "restricted":
        return {"status": "restricted", "user": user, "is_member": True, "until_date": 0,
                **dict.fromkeys(_MEMBER_RIGHTS, False)}
    if status == "administrator":
        return admin_json(user, owner=False)
    if status == "creator":
        return admin_json(user, owner=True)
    return {"status": status, "user": user}
