"""The Iqra code of conduct as a rule catalogue (the rule ids are the plugin's public contract).

The catalogue, the Iqra word lists and the rules that lists and targets detect live in
``iqra.toml``, in the policy-file format a school writes (`civility.policy_file`), read once
here. Clauses paraphrase "Policy & Code of Conduct for the acceptable use of Class/Year Parental
WhatsApp Groups" (Iqra Slough Islamic Primary School, October 2024); ``clause_ref`` says where
each sits in that document. Notices may use {school}, {concerns_route} and {contact}, filled
from the school's config.
"""

from __future__ import annotations

from pathlib import Path

from civility.policy_file import PolicyDocument, read_policy
from civility.verdicts import Rule

#: The Iqra policy file (rules with ``detect = "code"`` are detected in `checks`).
DOCUMENT: PolicyDocument = read_policy(Path(__file__).with_name("iqra.toml"), code_rules=True)

RULES: tuple[Rule, ...] = tuple(r.rule for r in DOCUMENT.rules)

BY_ID = {rule.id: rule for rule in RULES}
RULE_IDS = frozenset(BY_ID)
