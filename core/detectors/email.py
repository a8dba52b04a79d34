"""Finding a copied or forwarded e-mail in a message (headers, reply quotes, or saying so).

``find_email_quote(text)`` returns evidence when the text carries an e-mail's header block
(``From:`` / ``Sent:`` / ``To:`` / ``Subject:``), a reply quote (``On 3 Feb, X wrote:``), a
forwarding banner, or says in words that an e-mail is being shared (``posting the email the
teacher sent me``). The text may come from OCR of a screenshot (see `civility.detectors.ocr`).
"""

from __future__ import annotations

import re

from civility.verdicts import Evidence

__all__ = ["find_email_quote", "mentions_email"]

_HEADER = re.compile(r"(?im)^[ \t>*]*(from|sent|to|subject|date|cc|reply-to)[ \t]*:[ \t]*\S")
# Linear time: a dash run is only tried where it starts, and taken whole (possessive), so a
# long run of "-" costs one pass, not one pass per dash (20 KB took 6 s before).
_BANNER = re.compile(
    r"(?i)(?<!-)-{2,}+\s*+(original message|forwarded message)\s*+-{2,}+"
    r"|\bbegin forwarded message\b|\bon\b[^\n]{4,80}\bwrote:")
_SHARE = re.compile(
    r"(?i)\b(post(?:ing|ed)?|shar(?:e|ing|ed)|screen ?shot(?:ted|ting)?|s/s|forward(?:ing|ed)?|"
    r"cop(?:y|ied|ying)(?: and past(?:e|ed|ing))?|past(?:e|ing|ed)|here(?:'s| is)|read|look at|"
    r"see|put(?:ting)?|attach(?:ed|ing)?|show(?:ing)?)\b[^.!?\n]{0,60}?"
    r"\b(e-?mails?|emailed|reply|replies|response|letter)\b")
_FROM_STAFF = re.compile(
    r"(?i)\b(e-?mails?|emailed|repl(?:y|ied)|response|wrote)\b[^.!?\n]{0,50}?\b(teacher|head|"
    r"headteacher|miss|mrs|mr|ms|sir|office|school|senco|deputy|she|he|they|sent me|to me|me)\b"
    r"|\b(teacher|head|headteacher|miss|mrs|mr|ms|sir|office|school|senco|deputy)\b"
    r"[^.!?\n]{0,40}?\b(e-?mailed|sent|wrote|replied)\b")
_AUDIENCE = re.compile(r"(?i)\b(every ?one|all of you|you all|the group|u all|below|attached|"
                       r"word for word|screenshot|s/s|judge for yourselves|look what|read this)\b")


def find_email_quote(text: str) -> Evidence | None:
    """Evidence that ``text`` contains a copied e-mail (headers or quote banners), or None."""
    if ":" not in text:
        return None
    if text.isascii():  # cheap exits, exact for ASCII: links are the usual colons
        low = text.lower()
        if text.count(":") == low.count("http:") + low.count("https:"):
            if "message" not in low and "wrote:" not in low:
                return None
            m = _BANNER.search(text)
            return Evidence("email-quote", m.group(0), m.start(), m.end(),
                            "quoted or forwarded e-mail") if m else None
    headers = {m.group(1).lower(): m for m in _HEADER.finditer(text)}
    if len(headers) >= 2 and ("from" in headers or "sent" in headers or "subject" in headers):
        first = min(m.start() for m in headers.values())
        last = max(m.end() for m in headers.values())
        return Evidence("email-headers", text[first:last][:80], first, last,
                        "e-mail header lines: " + ", ".join(sorted(headers)))
    m = _BANNER.search(text)
    if m:
        return Evidence("email-quote", m.group(0), m.start(), m.end(), "quoted or forwarded e-mail")
    return None


def mentions_email(text: str) -> Evidence | None:
    """Evidence that ``text`` says an e-mail from staff is being shared with the group."""
    low = text.lower()
    if "mail" not in low and "repl" not in low and "letter" not in low and "wrote" not in low:
        return None
    share = _SHARE.search(text)
    if share is None:  # both are needed: skip the costlier search when the first fails
        return None
    staff = _FROM_STAFF.search(text)
    if staff and ("mail" in share.group(0).lower() or _AUDIENCE.search(text)):
        a, b = min(share.start(), staff.start()), max(share.end(), staff.end())
        return Evidence("email-shared", text[a:b], a, b, "says a private e-mail is being posted")
    return None
