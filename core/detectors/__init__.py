"""The reusable detector kit: any school's policy plugin can build on these.

- `normalise` — fold look-alikes, full-width letters, accents and leetspeak, with offsets back;
- `Lexicon` / `WordList` — whole-word lists, many scanned at once, evasions undone;
- `classify_domain` — links into allow (school, education, council, club) and deny categories;
- `find_email_quote` / `mentions_email` — copied or forwarded e-mails;
- `find_targets` — references to staff, children and parents;
- `shouting` — capitals and exclamation runs;
- `civility.detectors.shared.words_of` — a message's normalised text and words, once per message
  for every policy that asks;
- `Scorer` — a small statistical abuse scorer (pure Python), trained on public data;
- `civility.detectors.lexicon` — English and romanised Urdu/Punjabi word lists;
- `civility.detectors.ocr` — text from images when the ``ocr`` extra is installed.

Every detector returns `civility.verdicts.Evidence`, so a notice can show why.
"""

from __future__ import annotations

from civility.detectors.domains import DomainCategory, classify_domain
from civility.detectors.email import find_email_quote, mentions_email
from civility.detectors.normalise import NormalisedText, normalise
from civility.detectors.scorer import Scorer
from civility.detectors.signals import shouting
from civility.detectors.targets import Target, find_targets
from civility.detectors.wordlist import Lexicon, Matches, WordList

__all__ = [
    "DomainCategory", "Lexicon", "Matches", "NormalisedText", "Scorer", "Target", "WordList",
    "classify_domain", "find_email_quote", "find_targets", "mentions_email", "normalise",
    "shouting",
]
