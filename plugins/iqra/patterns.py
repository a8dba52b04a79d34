"""The Iqra policy's word lists (in ``iqra.toml``), combined with the kit's into one lexicon.

The lexicon's list names are the learned model's features (``k:insult``), so they stay as they
were; `KIT_NAMES` says which kit list (`civility.policy_file.KIT_LISTS`) each Iqra name is.
"""

from __future__ import annotations

from civility.detectors.wordlist import Lexicon
from civility.plugins.iqra.rules import DOCUMENT
from civility.policy_file import KIT_LISTS

#: The Iqra lexicon's name for each kit list it uses -> the kit list's name in policy files.
KIT_NAMES: dict[str, str] = {
    "threat": "threats",
    "profanity": "profanity",
    "insult": "insults",
    "weak_insult": "mild-insults",
    "anger": "anger",
    "person": "second-person",
    "politics": "politics",
    "politics_weak": "politics-weak",
    "group": "communities",
}
#: A policy-file list name -> the Iqra lexicon's name for it.
LEXICON_NAMES: dict[str, str] = {kit: own for own, kit in KIT_NAMES.items()}

#: Criticism of a person or of how they do their job (used by the disrepute check).
NEGATIVE = DOCUMENT.lists["negative"]

LISTS: dict[str, tuple[str, ...]] = {
    **{name: KIT_LISTS[kit] for name, kit in KIT_NAMES.items()},
    **DOCUMENT.lists,
}

LEXICON = Lexicon.from_lists(LISTS)
