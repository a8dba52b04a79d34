"""Incident reports to the school's leadership, by e-mail when SMTP is configured."""

from __future__ import annotations

from email.message import EmailMessage

import aiosmtplib
import structlog

from civility.config import Config
from civility.store import IncidentRecord

log = structlog.get_logger()


def render_report(incident: IncidentRecord, school: str, explanations: list[str]) -> str:
    """The report body. The reporter of a message is never named in it."""
    lines = [
        f"Incident report #{incident.id} from the {school} group moderation",
        "",
        f"When: {incident.time:%Y-%m-%d %H:%M} UTC",
        f"Group: {incident.chat_title or incident.chat_id} ({incident.platform})",
        f"Member: {incident.member_name or incident.member_id}",
        f"Rules: {', '.join(incident.rule_ids) or '(reported by a member)'}",
        f"What Civility did: {', '.join(incident.steps) or 'nothing yet'}",
        f"Waiting for a decision: {', '.join(incident.pending) or 'nothing'}",
        "",
        "Why:",
        *[f"  - {e}" for e in explanations or incident.reasons],
        "",
        "Message:",
        f"  {incident.text or '(text no longer kept)'}",
        "",
        "The final decision on how to respond rests with the Headteacher.",
    ]
    return "\n".join(lines)


class IncidentReporter:
    def __init__(self, config: Config) -> None:
        self.config = config

    @property
    def enabled(self) -> bool:
        return self.config.smtp is not None and bool(self.config.school.leadership_email)

    async def send(self, incident: IncidentRecord, explanations: list[str]) -> bool:
        """E-mail the report; False when no SMTP or leadership address is configured."""
        smtp = self.config.smtp
        if smtp is None or not self.config.school.leadership_email:
            return False
        mail = EmailMessage()
        mail["From"] = smtp.sender
        mail["To"] = self.config.school.leadership_email
        mail["Subject"] = f"[Civility] Incident #{incident.id} in {incident.chat_title or 'a group'}"
        mail.set_content(render_report(incident, self.config.school.name, explanations))
        await aiosmtplib.send(
            mail, hostname=smtp.host, port=smtp.port, start_tls=smtp.starttls,
            username=smtp.username or None,
            password=smtp.password.reveal() if smtp.password else None, timeout=30,
        )
        log.info("incident_report_sent", incident=incident.id)
        return True
