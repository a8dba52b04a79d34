"""Images the tests draw with Pillow the way members post them: a screenshot of a teacher's
e-mail (From/Sent/To/Subject, then the first line), which the Iqra policy's private-email rule
must catch once OCR has read it. One drawer for the unit, Telegram, Matrix and WhatsApp tests."""

from __future__ import annotations

import io


def email_screenshot(*, sender: str = "Miss Ali <s.ali@school.example>",
                     to: str = "A Parent", subject: str = "Reading at home",
                     first_line: str = "Hi, just to say he is struggling.") -> bytes:
    """A PNG of an e-mail's header and first line, black on white, as a phone shows it."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", (900, 260), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=28)
    lines = [f"From: {sender}", "Sent: Monday 3 November 2026 16:02", f"To: {to}",
             f"Subject: {subject}", first_line]
    for i, line in enumerate(lines):
        draw.text((20, 20 + 45 * i), line, fill="black", font=font)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()
