"""Judging a link by what it is: a look-alike of a service parents use, a throwaway domain, a
short link hiding its target, a log-in page on an unknown site.

No list of bad sites is needed (a school can add its own): a look-alike is found by comparing
the link's name with the names of the services (after folding homoglyphs such as ``0`` for
``o`` and ``rn`` for ``m``, within an edit distance of one or two), by a service's name inside
another domain (``parentpay.secure-login.xyz``, ``whatsapp-verify.com``), and by the school's
own domain from config.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from urllib.parse import urlsplit

import attrs

from civility.detectors.domains import ALLOWED, DomainCategory, classify_domain
from civility.detectors.normalise import fold_char
from civility.verdicts import Evidence

#: Services parents use: the name a scammer copies -> the domains that really are it.
BRANDS: dict[str, tuple[str, ...]] = {
    "whatsapp": ("whatsapp.com", "whatsapp.net", "wa.me"),
    "wa": ("whatsapp.com", "wa.me"),
    "gov": ("gov.uk",),
    "parentpay": ("parentpay.com", "parentpay.co.uk"),
    "parentmail": ("parentmail.co.uk", "pmx.parentmail.co.uk"),
    "scopay": ("scopay.com",),
    "schoolmoney": ("schoolmoney.co.uk",),
    "tucasi": ("tucasi.com",),
    "arbor": ("arbor-education.com", "arbor.sc"),
    "classdojo": ("classdojo.com",),
    "hmrc": ("gov.uk",),
    "govuk": ("gov.uk",),
    "dvla": ("gov.uk",),
    "nhs": ("nhs.uk", "nhs.net"),
    "council": ("gov.uk",),
    "ofsted": ("gov.uk",),
    "paypal": ("paypal.com", "paypal.co.uk", "paypal.me"),
    "amazon": ("amazon.co.uk", "amazon.com", "amzn.to", "amzn.eu", "amazonaws.com",
               "media-amazon.com"),
    "royalmail": ("royalmail.com",),
    "evri": ("evri.com",),
    "hermes": ("evri.com", "myhermes.co.uk"),
    "dpd": ("dpd.co.uk", "dpd.com"),
    "apple": ("apple.com", "icloud.com", "apple.co"),
    "icloud": ("icloud.com",),
    "microsoft": ("microsoft.com", "live.com", "office.com", "outlook.com",
                  "microsoftonline.com", "sharepoint.com", "office365.com"),
    "google": ("google.com", "google.co.uk", "forms.gle", "goo.gl", "googleusercontent.com",
               "googleapis.com", "g.page", "youtube.com"),
    "facebook": ("facebook.com", "fb.com", "fb.watch"),
    "instagram": ("instagram.com",),
    "netflix": ("netflix.com",),
    "natwest": ("natwest.com",),
    "barclays": ("barclays.co.uk", "barclays.com"),
    "lloyds": ("lloydsbank.com", "lloyds.com"),
    "lloydsbank": ("lloydsbank.com",),
    "hsbc": ("hsbc.co.uk", "hsbc.com"),
    "santander": ("santander.co.uk", "santander.com"),
    "halifax": ("halifax.co.uk",),
    "nationwide": ("nationwide.co.uk",),
    "monzo": ("monzo.com", "monzo.me"),
    "starling": ("starlingbank.com",),
    "revolut": ("revolut.com", "revolut.me"),
    "tvlicensing": ("tvlicensing.co.uk",),
    "tesco": ("tesco.com",),
    "asda": ("asda.com",),
    "sainsburys": ("sainsburys.co.uk",),
    "argos": ("argos.co.uk",),
    "shein": ("shein.com", "shein.co.uk"),
    "smyths": ("smythstoys.com",),
    "primark": ("primark.com",),
    "lidl": ("lidl.co.uk",),
    "aldi": ("aldi.co.uk",),
    "boots": ("boots.com",),
    "yodel": ("yodel.co.uk",),
    "dvsa": ("gov.uk",),
    "tvlicence": ("tvlicensing.co.uk",),
    "britishgas": ("britishgas.co.uk",),
    "octopus": ("octopus.energy",),
    "vodafone": ("vodafone.co.uk",),
    "classlist": ("classlist.com",),
    "schoolcomms": ("schoolcomms.com",),
    "sims": ("sims.co.uk",),
    "weduc": ("weduc.co.uk",),
    "universalcredit": ("gov.uk",),
    "childbenefit": ("gov.uk",),
    # round eleven: selling sites, nursery journals, parking and travel parents use
    "vinted": ("vinted.co.uk", "vinted.com"),
    "ebay": ("ebay.co.uk", "ebay.com"),
    "depop": ("depop.com",),
    "famly": ("famly.co", "famly.app"),
    "paybyphone": ("paybyphone.co.uk", "paybyphone.com"),
    "ringgo": ("myringgo.co.uk", "ringgo.co.uk"),
    "justpark": ("justpark.com",),
    "emirates": ("emirates.com",),
    "easyjet": ("easyjet.com",),
    "ryanair": ("ryanair.com",),
}
#: Names too short to look for inside other words: only whole labels or hyphen parts count.
_SHORT = 6
#: A generic word that names a kind of service, not one: its look-alikes are not compared.
_NO_DISTANCE = frozenset({"council", "govuk", "google", "apple", "amazon", "asda", "arbor",
                          "starling", "hermes", "boots", "argos", "octopus", "sims", "aldi",
                          "lidl", "yodel", "smyths", "famly", "emirates"})

#: Suffixes under which a name is registered (``school.co.uk`` has the name ``school``).
_SECOND_LEVEL = frozenset({
    "co.uk", "org.uk", "gov.uk", "ac.uk", "sch.uk", "me.uk", "ltd.uk", "plc.uk", "net.uk",
    "nhs.uk", "police.uk", "com.au", "co.in", "com.pk", "co.za", "com.br", "co.nz",
})
#: Top-level domains that cost next to nothing and turn up in most phishing.
THROWAWAY_TLDS = frozenset({
    "xyz", "top", "click", "live", "icu", "online", "site", "club", "buzz", "cfd", "sbs", "rest",
    "monster", "gq", "tk", "ml", "cf", "ga", "win", "loan", "work", "support", "info", "link",
    "vip", "fun", "cam", "cyou", "bar", "quest", "pw", "cc", "ws", "su", "zip", "mov", "lol",
    "bond", "today", "best", "help", "digital", "life", "world", "services", "center", "space",
    "website", "store", "tech", "pro", "biz", "ltd", "claims", "gift", "gifts", "loans",
    # round ten: every .shop and .events link in the fixtures was a fake shop or ticket page
    "shop", "events",
})
#: Words in a host name that phishing uses to look official (strong ones, then weak ones).
PHISHY_STRONG = frozenset({
    "verify", "verification", "verified", "secure", "security", "login", "signin", "logon",
    "account", "accounts", "refund", "refunds", "claim", "claims", "prize", "reward", "rewards",
    "bonus", "unlock", "recovery", "recover", "wallet", "auth", "validate", "validation",
    "reactivate", "reset", "rebate", "winner", "voucher", "vouchers", "redelivery", "redeliver",
    "penalty", "confirm", "suspended", "deactivation",
})
PHISHY_WEAK = frozenset({
    "support", "update", "check", "checker", "gift", "gifts", "free", "help", "helpdesk",
    "service", "services", "billing", "payment", "payments", "alert", "alerts", "tax", "parcel",
    "delivery", "fine", "fines", "official", "portal", "online", "web", "app",
    # a demand to pay off a debt or a toll ("schooldinners-debt.uk", "crossing-settle.com")
    "debt", "debts", "settle", "arrears", "overdue", "unpaid",
})
_LOGIN_PATH = ("login", "log-in", "signin", "sign-in", "logon", "verify", "verification",
               "account", "secure", "auth", "password", "reset", "wp-login", "webscr", "validate",
               "unlock", "confirm", "update-details", "billing", "claim", "refund", "redeliver")
#: Always trusted: public bodies whose domains cannot be bought.
_TRUSTED_SUFFIXES = ("gov.uk", "nhs.uk", "nhs.net", "police.uk", "sch.uk", "ac.uk",
                     "parliament.uk", "mod.uk")
_HOMOGLYPHS = str.maketrans({"0": "o", "1": "l", "3": "e", "4": "a", "5": "s", "7": "t",
                             "8": "b", "9": "g", "$": "s", "@": "a", "|": "l"})


@attrs.frozen
class LinkRisk:
    url: str
    #: 0 none, 1 a weak sign (needs words around it), 2 a scam link on its own.
    level: int
    why: str

    def evidence(self) -> Evidence:
        return Evidence("link", self.url, detail=self.why)


def _host_path(url: str) -> tuple[str, str]:
    raw = url.strip()
    if "://" not in raw:
        raw = "http://" + raw
    try:
        split = urlsplit(raw)
        host = (split.hostname or "").removeprefix("www.").rstrip(".")
    except ValueError:
        return "", ""
    return host, split.path or ""


def _within(host: str, domains: Iterable[str]) -> bool:
    return any(host == d or host.endswith("." + d) for d in domains if d)


def _split_name(host: str) -> tuple[str, str, list[str]]:
    """(registered name, suffix, labels before the name): ``a.parentpay.co.uk`` ->
    (``parentpay``, ``co.uk``, [``a``])."""
    labels = host.split(".")
    if len(labels) >= 3 and ".".join(labels[-2:]) in _SECOND_LEVEL:
        return labels[-3], ".".join(labels[-2:]), labels[:-3]
    if len(labels) >= 2:
        return labels[-2], labels[-1], labels[:-2]
    return host, "", []


def _edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance, stopping early past ``limit`` (names are short)."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        if min(cur) > limit:
            return limit + 1
        prev = cur
    return prev[-1]


def _fold(name: str) -> str:
    folded = "".join(fold_char(c) for c in name) if not name.isascii() else name
    return folded.translate(_HOMOGLYPHS).replace("rn", "m").replace("vv", "w")


def _looks_like(name: str, brand: str) -> bool:
    if name == brand:
        return True
    if brand in _NO_DISTANCE or len(brand) < 5:
        return False
    limit = 1 if len(brand) < 8 else 2
    return _edit_distance(name, brand, limit) <= limit


def _brand_inside(host: str, labels_parts: list[str], brand: str) -> bool:
    if len(brand) >= _SHORT:
        return brand in _fold(host.replace("-", "").replace(".", ""))
    return brand in labels_parts


def trusted_by_school(url: str, trusted: tuple[str, ...], school_domain: str = "") -> bool:
    """Whether a link is on a domain the school itself trusts (its own domain, or its
    ``trusted_domains``), not only one the guards find harmless."""
    host, _path = _host_path(url)
    return bool(host) and _school_trusts(host, trusted, school_domain)


def _school_trusts(host: str, trusted: tuple[str, ...], school_domain: str) -> bool:
    return _within(host, trusted) or (bool(school_domain) and _within(host, (school_domain,)))


@functools.lru_cache(maxsize=2048)
def judge_link(url: str, trusted: tuple[str, ...] = (), blocked: tuple[str, ...] = (),
               school_domain: str = "") -> LinkRisk:
    host, path = _host_path(url)
    if not host:
        return LinkRisk(url, 0, "")
    if _within(host, blocked):
        return LinkRisk(url, 2, "a domain the school has blocked")
    if host.startswith("xn--") or ".xn--" in host:
        return LinkRisk(url, 2, "an internationalised domain that can hide look-alike letters")
    ascii_host = host if host.isascii() else _fold(host)
    if ascii_host != host:
        return LinkRisk(url, 2, "a domain spelt with look-alike letters")
    if host.replace(".", "").isdigit():
        return LinkRisk(url, 2, "a bare IP address instead of a name")
    if _school_trusts(host, trusted, school_domain) or _within(host, _TRUSTED_SUFFIXES):
        return LinkRisk(url, 0, "")
    name, _suffix, subs = _split_name(host)
    parts = [_fold(p) for label in (*subs, name) for p in label.split("-")]
    folded = _fold(name.replace("-", ""))
    for brand, real in BRANDS.items():
        if _within(host, real):
            return LinkRisk(url, 0, "")
        if _looks_like(folded, brand) or _brand_inside(host, parts, brand) or (
                brand not in _NO_DISTANCE and len(brand) >= 5
                and any(_edit_distance(p, brand, 1) <= 1 for p in parts if len(p) >= 4)):
            return LinkRisk(url, 2, f"not {brand}'s real site ({', '.join(real[:2])})")
    if school_domain:
        school_name, _, _ = _split_name(school_domain)
        if len(school_name) >= 4 and (school_name in host.replace("-", "")
                                      or _looks_like(folded, school_name)):
            return LinkRisk(url, 2, f"a look-alike of the school's own site ({school_domain})")
    category = classify_domain(url)
    if category is DomainCategory.SHORTENER:
        slug = _slug_signs(path)
        if slug:
            return LinkRisk(url, 2, f"a short link that hides where it goes, its name saying {slug}")
        return LinkRisk(url, 1, "a short link that hides where it goes")
    tld = host.rsplit(".", 1)[-1]
    strong = sorted({p for p in parts if p in PHISHY_STRONG})
    weak = sorted({p for p in parts if p in PHISHY_WEAK})
    low_path = path.lower()
    login = any(word in low_path for word in _LOGIN_PATH)
    cheap = tld in THROWAWAY_TLDS
    phishy = strong + weak
    if (cheap and (phishy or login)) or (strong and login) or (strong and len(phishy) >= 2):
        signs = [s for s in (cheap and f"a throwaway .{tld} domain",
                             phishy and f"official-sounding words ({', '.join(phishy)})",
                             login and "a log-in or verify page") if s]
        return LinkRisk(url, 2, "; ".join(signs))
    if category in ALLOWED and category is not DomainCategory.SCHOOL:
        return LinkRisk(url, 0, "")
    if cheap:
        return LinkRisk(url, 1, f"a throwaway .{tld} domain")
    if phishy or login:
        return LinkRisk(url, 1, "official-sounding words or a log-in page on an unknown site")
    if host.count("-") >= 2:
        return LinkRisk(url, 1, "a long hyphenated domain")
    if any(len(p) >= 5 and _LEET.search(p) for label in (*subs, name) for p in label.split("-")):
        return LinkRisk(url, 1, "digits standing in for letters in the name")
    if category is DomainCategory.UNKNOWN:
        return LinkRisk(url, 0, "unknown")
    return LinkRisk(url, 0, "")


#: Country endings a phishing link often uses, beside the common ones (only for finding links
#: written without a scheme; judging does not depend on them).
_COUNTRY_TLDS = frozenset({"ru", "cn", "in", "pk", "tv", "ng", "br", "ir", "to", "cx", "ai", "su",
                           "ua", "kz", "by", "vn", "id", "ph", "ke", "gh", "za", "tr", "mx", "ar",
                           "cl", "pl", "ro", "nl", "fr", "es", "it", "ch", "se", "ie", "au", "ca",
                           "nz", "sg", "hk", "my", "th", "la", "ms", "sh", "st", "ac", "io",
                           "shop", "fyi", "page", "news", "one", "email", "money", "finance",
                           "bank", "cash", "app", "net", "info"})
_TLD_ALTERNATION = "|".join(sorted(THROWAWAY_TLDS | _COUNTRY_TLDS | {
                                    "com", "org", "net", "uk", "io", "ly", "me",
                                    "co", "app", "gov", "us", "eu", "de"},
                                    key=len, reverse=True))
# Bounded label counts and lengths keep this linear (no nested unbounded repetition).
_BARE = re.compile(r"(?i)\b(?:https?://)?[a-z0-9][a-z0-9-]{0,62}(?:\.[a-z0-9][a-z0-9-]{0,62}){0,4}"
                   r"\.(?:" + _TLD_ALTERNATION + r")\b(?:/[^\s<>\"'()]{0,200})?")


#: Words in a short link's name that say what it pretends to be (``bit.ly/secure-natwest``).
_SLUG_WORDS = PHISHY_STRONG | frozenset({
    "win", "winner", "giveaway", "gift", "gifts", "voucher", "vouchers", "prize", "grant", "bank",
    "banking", "tax", "parcel"})


def _slug_signs(path: str) -> str:
    """What a short link's name gives away: a service's name or a phishing word."""
    parts = [p for p in re.split(r"[^a-z0-9]+", path.lower()[:100]) if len(p) >= 3]
    for part in parts:
        folded = _fold(part)
        if folded in _SLUG_WORDS:
            return f"'{part}'"
        for brand in BRANDS:
            if len(brand) >= 4 and (folded == brand or (len(brand) >= _SHORT and brand in folded)):
                return f"'{part}' (like {brand})"
    return ""


def find_domains(text: str) -> list[str]:
    """Links written with or without a scheme, including throwaway top-level domains that the
    general link finder does not know (``claim-now.online``). Only the words holding a dot are
    searched, so the cost stays in proportion to the text."""
    if "." not in text:
        return []
    out = []
    for chunk in text.split():
        if "." in chunk[1:-1] and "@" not in chunk:  # an e-mail address is not a link
            m = _BARE.search(chunk)
            if m is not None:
                out.append(m.group(0).rstrip(".,;:!?)]}'\""))
                if len(out) >= 20:
                    break
    return out


_DOT = re.compile(r" ?[\[(] ?(?:dot|\.) ?[\])] ?| (?:dot|DOT|Dot) ")
#: "site . com": a dot spaced apart before a common ending.
_SPACED_DOT = re.compile(r"(?<=\w) \. (?=(?:com|net|org|co|uk|info|io|biz|xyz|online|site|shop|top"
                         r"|me|ly|app|win|live|click|link)\b)", re.I)
#: Digits standing in for letters inside a name ("sch00l", "iph0ne", "amaz0n").
_LEET = re.compile(r"[a-z][013457]+[a-z]")


def deobfuscate(text: str) -> str:
    """Undo the usual ways of writing a link so that it is not clickable (``site[.]com``,
    ``site (dot) com``), so it can still be judged."""
    if " . " in text:
        text = _SPACED_DOT.sub(".", text)
    if "[" not in text and "(" not in text and " dot " not in text.lower():
        return text
    return _DOT.sub(".", text)
