"""The Iqra code of conduct as a rule catalogue (the rule ids are the plugin's public contract).

Clauses paraphrase "Policy & Code of Conduct for the acceptable use of Class/Year Parental
WhatsApp Groups" (Iqra Slough Islamic Primary School, October 2024); ``clause_ref`` says where
each sits in that document. Notices may use {school}, {concerns_route} and {contact}, filled
from the school's config.
"""

from __future__ import annotations

from civility.verdicts import Rule, Severity

_CODE = "Code of Conduct"
_INAPPROPRIATE = "Code of Conduct: activity the school considers inappropriate"

RULES: tuple[Rule, ...] = (
    Rule("iqra.grievance", "Airing a grievance about a person",
         "The group is never a place to air views or grievances about a member of staff, a "
         "child or a parent, nor to criticise them openly.",
         f"{_CODE}, bullet 1; {_INAPPROPRIATE}, bullet 1", Severity.MEDIUM,
         "Concerns about a member of staff, a child or another parent are best raised "
         "privately, with {concerns_route}, where they can be looked into properly."),
    Rule("iqra.abuse", "Abusive or personal comments",
         "Posts should be supportive and respectful of everyone in the group: no abusive or "
         "personal comments, and no insults.",
         f"{_CODE}, bullet 2; {_INAPPROPRIATE}, bullet 1", Severity.HIGH,
         "Personal or insulting remarks about another member hurt, even in a heated moment. "
         "Please keep messages respectful of everyone in the group."),
    Rule("iqra.offensive-language", "Swearing or displays of anger",
         "No displays of anger, swearing or offensive language in the group.",
         f"{_INAPPROPRIATE}, bullet 2", Severity.MEDIUM,
         "Swearing and angry language are not allowed in the group, whatever the frustration; "
         "it is fine to say you are unhappy in calm words."),
    Rule("iqra.disrepute", "Bringing the school into disrepute",
         "Members should not bring the school into disrepute, and should respect its ethos, "
         "vision and values.",
         f"{_INAPPROPRIATE}, bullet 3; expectations of parents, bullet 1", Severity.MEDIUM,
         "Public criticism of the school as a whole does not help resolve anything. If "
         "something is wrong, please tell {concerns_route} so it can be put right."),
    Rule("iqra.defamation", "Aggressive, threatening or defamatory comments",
         "No aggressive, threatening, defamatory or libellous comments; seek a peaceful solution "
         "to every issue.",
         f"{_INAPPROPRIATE}, bullet 4; expectations of parents, bullet 4", Severity.HIGH,
         "Threats, aggression or accusations against a person have no place in the group and "
         "may have legal consequences. Please seek a peaceful solution with {concerns_route}."),
    Rule("iqra.policy-challenge", "Publicly challenging school policies",
         "The group is not the place to publicly challenge school policies; raise questions "
         "about a policy with the school directly.",
         f"{_INAPPROPRIATE}, bullet 5; Raising Concerns", Severity.MEDIUM,
         "Disagreeing with a school policy is understandable; the way to change it is to raise "
         "it with {concerns_route}, not to campaign against it in the group."),
    Rule("iqra.individual-child", "Discussing an individual child",
         "Issues about individual children are not discussed in the group.",
         f"{_INAPPROPRIATE}, bullet 5", Severity.MEDIUM,
         "Issues about an individual child are private to that family and the school. Please "
         "raise them with {concerns_route} instead."),
    Rule("iqra.politics", "Politics and current affairs",
         "The group is not a political platform for opinions on current affairs.",
         f"{_CODE}, bullet 3", Severity.LOW,
         "Political opinions and current affairs, however strongly felt, are outside what the "
         "group is for. Thank you for keeping it to school matters."),
    Rule("iqra.cultural-respect", "Mutual respect and cultural sensitivity",
         "Use the group with mutual respect and cultural sensitivity between all its members: "
         "no generalising about, or slurs against, any community.",
         f"{_CODE}, bullet 5", Severity.HIGH,
         "Remarks about a whole community or background can deeply hurt members of ours. The "
         "group is for every family, with respect for all cultures and faiths."),
    Rule("iqra.private-email", "Posting a private e-mail",
         "Private e-mails between a parent and a teacher must not be screenshot or copied into "
         "the group: it breaks confidentiality and trust.",
         f"{_CODE}, bullet 7", Severity.HIGH,
         "E-mails between a parent and the school are private. If a reply worries you, please "
         "take it up with {concerns_route} rather than sharing it."),
    Rule("iqra.solicitation", "Selling, campaigns and personal appeals",
         "No requests or links for commercial services, unrelated campaigns or personal appeals.",
         f"{_CODE}, bullet 8 (second sentence)", Severity.MEDIUM,
         "Selling, petitions, fundraisers and personal appeals are not allowed in the group, "
         "however good the cause. School events and class matters are always welcome."),
    Rule("iqra.off-topic-link", "Links unrelated to school",
         "Links should only point to sites relevant to school, education or extra-curricular "
         "activities.",
         f"{_CODE}, bullet 8 (first sentence)", Severity.LOW,
         "Links in the group should be about school, learning or children's activities. "
         "Other links are better shared elsewhere."),
    Rule("iqra.private-conversation", "A private conversation in the group",
         "The group is not for private conversations between two members.",
         f"{_CODE}, bullet 4", Severity.LOW,
         "It looks like a conversation between two of you: please carry it on in a private "
         "chat so that the group stays useful for everyone."),
)

BY_ID = {rule.id: rule for rule in RULES}
RULE_IDS = frozenset(BY_ID)
