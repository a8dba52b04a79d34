"""The welcome a new member gets: the code of conduct's key points and where concerns go."""

from __future__ import annotations

from civility.context import PolicyContext
from civility.notices import fill

WELCOME = (
    "Welcome to the group! It is for parents and carers of {school} to share updates, "
    "reminders and support. Our code of conduct in short:\n"
    "- keep messages supportive and respectful of everyone, with no anger or swearing;\n"
    "- no grievances about staff, children or parents, and no discussion of individual "
    "children;\n"
    "- no politics, selling, campaigns, personal appeals or unrelated links;\n"
    "- private e-mails with the school stay private, and so do other people's details;\n"
    "- mutual respect and cultural sensitivity for every family.\n"
    "Concerns about your child or the school go to {concerns_route}, not the group; worries "
    "about the group itself can go in confidence to {contact}. Nobody has to reply to "
    "anything here. Thank you for helping keep the group kind and useful."
)


def welcome_text(context: PolicyContext) -> str:
    return fill(WELCOME, context)
