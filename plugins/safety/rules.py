"""The community safety rules (ids are the plugin's public contract).

Clauses rest on the school's code of conduct where it says the thing (the Iqra policy calls
these groups "a potential source of misinformation" and reminds admins they are data
controllers); otherwise they are a short plain statement of what every group expects.
"""

from __future__ import annotations

from civility.verdicts import Rule, Severity

_BUILT_IN = "Community safety (built in to Civility)"

SCAM = "safety.scam"
PERSONAL_DATA = "safety.personal-data"
MISINFORMATION = "safety.misinformation"
FLOOD = "safety.flood"
QUIET_HOURS = "safety.quiet-hours"
ACKNOWLEDGE = "safety.acknowledge"

RULES: tuple[Rule, ...] = (
    Rule(SCAM, "Scams, phishing and impersonation",
         "No scams: nobody asks the group for bank or card details, log-ins or one-time codes, "
         "pretends to be a family member or the school, or posts look-alike links, prize bait, "
         "get-rich schemes or paid exam papers.",
         _BUILT_IN, Severity.HIGH,
         "It looked like a scam (a request for money, bank or log-in details, or a look-alike "
         "link), so it was removed to protect the group. If your account was taken over, "
         "please change your password and turn on two-step verification; if we got it wrong, "
         "a moderator will look at it.",
         group_note="A message that looked like a scam was removed, and the moderators will "
                    "review it. Please never share bank details, log-ins or codes in the group, "
                    "and check any unexpected request for money with the person by phone."),
    Rule(PERSONAL_DATA, "Other people's personal data",
         "Group admins are data controllers for the personal data shared in the group: other "
         "people's addresses, phone numbers, dates of birth, NHS numbers, car registrations "
         "and family details are not posted without their consent.",
         f"{_BUILT_IN}; the school's code of conduct: moderators as data controllers",
         Severity.MEDIUM,
         "Whoever runs the group is responsible in law for the personal data shared in it, so "
         "other people's details are best passed on privately, and only with their consent."),
    Rule(MISINFORMATION, "Forwarded chains and unconfirmed alarms",
         "Groups can become a source of misinformation: news about the school, health scares "
         "and safety alarms come from the school's official channels, not forwarded chains or "
         "unconfirmed claims.",
         f"{_BUILT_IN}; the school's code of conduct: groups as a potential source of "
         "misinformation", Severity.LOW,
         "Forwarded messages and unconfirmed news can worry families needlessly. Before "
         "sharing, please check with {official_channel}; if it is true, the school will say so."),
    Rule(FLOOD, "Flooding the group",
         "The group is shared by every family: no long bursts of messages or the same message "
         "again and again.",
         _BUILT_IN, Severity.LOW,
         "That was a lot of messages in a short time (or the same one several times). Fewer, "
         "fuller messages keep the group readable for every family."),
    Rule(QUIET_HOURS, "Posting in quiet hours",
         "The group keeps quiet hours so that families are not woken or disturbed at night.",
         _BUILT_IN, Severity.LOW,
         "Just a gentle reminder that the group keeps quiet hours ({quiet_hours}). Nothing has "
         "been removed; unless it is urgent, messages can wait for the morning."),
)

#: The acknowledgement gate's rule (``acknowledge = true``): never found in a message, only
#: answered to the engine's `civility_gate`, which holds a new member's messages under it.
GATE_RULE = Rule(
    ACKNOWLEDGE, "Agreeing to the code of conduct on joining",
    "New members agree to the group's code of conduct before their messages stay up; until "
    "then a moderator looks at each of their messages first.",
    _BUILT_IN, Severity.LOW,
    "Welcome to the group! New members are asked to agree to the group's code of conduct "
    "before their messages appear, so your message is waiting for a moderator (nothing is "
    'lost). To agree, send "I agree" in the group or to me in a private message (on '
    'Telegram you can also press the "I agree" button under the welcome); after that your '
    'messages go straight up.')

BY_ID = {rule.id: rule for rule in (*RULES, GATE_RULE)}
RULE_IDS = frozenset(BY_ID)
