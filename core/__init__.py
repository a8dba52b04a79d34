"""Civility: a chat-platform-agnostic moderation framework for community group chats."""

from civility.hookspecs import hookimpl

__all__ = ["hookimpl"]
