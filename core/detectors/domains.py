"""Link extraction and domain classification.

``classify_domain(url)`` puts a link in a `DomainCategory`. Allow categories (school, education,
council, clubs) are relevant to a school community; deny categories (shops, affiliate links,
short links that hide where they go, petitions, fundraisers, social media and entertainment)
are not; ``UNKNOWN`` is for a policy to judge from the message around it. A school adds its own
domains with ``allowed=`` / ``denied=`` (a domain matches itself and its subdomains).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from urllib.parse import urlsplit

from civility.links import find_links

__all__ = ["ALLOWED", "DomainCategory", "classify_domain", "domain_of", "find_links"]


class DomainCategory(enum.StrEnum):
    SCHOOL = "school"
    EDUCATION = "education"
    COUNCIL = "council"
    CLUB = "club"
    VIDEO = "video"  # general video sites: educational or not, the message decides
    SOCIAL = "social"
    ENTERTAINMENT = "entertainment"
    SHOP = "shop"
    AFFILIATE = "affiliate"
    SHORTENER = "shortener"
    PETITION = "petition"
    FUNDRAISER = "fundraiser"
    NEWS = "news"
    UNKNOWN = "unknown"


ALLOWED = frozenset({DomainCategory.SCHOOL, DomainCategory.EDUCATION, DomainCategory.COUNCIL,
                     DomainCategory.CLUB})

_KNOWN: dict[str, DomainCategory] = {}


def _add(category: DomainCategory, *domains: str) -> None:
    for d in domains:
        _KNOWN[d] = category


_add(DomainCategory.EDUCATION, "timestables.co.uk", "ttrockstars.com", "numbots.com",
     "oxfordowl.co.uk", "purplemash.com", "2simple.com", "educationcity.com", "khanacademy.org",
     "duolingo.com", "spellingshed.com", "mathshed.com", "edshed.com", "mathletics.com",
     "doodlemaths.com", "doodlelearning.com", "mymaths.co.uk", "readingeggs.co.uk",
     "readingeggs.com", "twinkl.co.uk", "twinkl.com", "topmarks.co.uk", "phonicsplay.co.uk",
     "classdojo.com", "seesaw.me", "parentmail.co.uk", "parentpay.com", "scopay.com",
     "arbor-education.com", "arbor.sc", "studybugs.com", "bbc.co.uk/bitesize",
     "thenational.academy", "natgeokids.com", "ducksters.com", "wikipedia.org",
     "britannica.com", "nhs.uk", "ac.uk", "edu", "oak.ac.uk", "literacytrust.org.uk",
     "booktrust.org.uk", "readingagency.org.uk", "scratch.mit.edu", "code.org",
     "quran.com", "sunnah.com", "madinahmaths.com", "spellingframe.co.uk", "ixl.com",
     "accelerated-reader.com", "renaissance.com", "google.com/forms", "forms.gle",
     "ofsted.gov.uk", "gov.uk", "museum.org.uk", "nhm.ac.uk", "sciencemuseum.org.uk",
     "legoland.co.uk", "library.org.uk", "libraries.org.uk")
_add(DomainCategory.COUNCIL, "slough.gov.uk", "gov.uk", "nhs.uk", "police.uk")
_add(DomainCategory.CLUB, "scouts.org.uk", "girlguiding.org.uk", "swimming.org",
     "swimengland.org", "thefa.com", "englandathletics.org", "parkrun.org.uk",
     "british-gymnastics.org", "lta.org.uk", "ecb.co.uk", "stagecoach.co.uk",
     "brownies.org.uk", "rspb.org.uk", "ymca.org.uk", "better.org.uk", "everyoneactive.com")
_add(DomainCategory.VIDEO, "youtube.com", "youtu.be", "vimeo.com")
_add(DomainCategory.SOCIAL, "tiktok.com", "instagram.com", "facebook.com", "fb.com",
     "fb.watch", "twitter.com", "x.com", "snapchat.com", "threads.net", "reddit.com",
     "pinterest.com", "linkedin.com", "telegram.me", "t.me", "chat.whatsapp.com", "wa.me")
_add(DomainCategory.ENTERTAINMENT, "netflix.com", "twitch.tv", "9gag.com", "imgur.com",
     "giphy.com", "spotify.com", "bet365.com", "paddypower.com", "skybet.com", "onlyfans.com",
     "ladbrokes.com", "williamhill.com", "roblox.com")
_add(DomainCategory.SHOP, "amazon.co.uk", "amazon.com", "ebay.co.uk", "ebay.com", "etsy.com",
     "vinted.co.uk", "shein.com", "shein.co.uk", "temu.com", "aliexpress.com", "wish.com",
     "depop.com", "argos.co.uk", "asos.com", "boohoo.com", "gumtree.com", "shopify.com",
     "myshopify.com", "avon.uk.com", "uk.avon.com", "justeat.co.uk", "deliveroo.co.uk",
     "groupon.co.uk", "wowcher.co.uk", "herbalife.co.uk", "younique.com", "forevergreen.com")
_add(DomainCategory.AFFILIATE, "amzn.to", "amzn.eu", "awin1.com", "clickbank.net", "go.skimresources.com",
     "rstyle.me", "shopmy.us", "ltk.app", "liketk.it", "temu.to", "s.click.aliexpress.com")
_add(DomainCategory.SHORTENER, "bit.ly", "tinyurl.com", "t.co", "goo.gl", "ow.ly", "is.gd",
     "rb.gy", "cutt.ly", "shorturl.at", "t.ly", "tiny.cc", "buff.ly", "rebrand.ly", "bl.ink",
     "shorte.st", "adf.ly", "lnkd.in", "v.gd", "qrco.de", "linktr.ee", "tr.ee")
_add(DomainCategory.PETITION, "change.org", "petition.parliament.uk", "38degrees.org.uk",
     "avaaz.org", "megaphone.org.uk", "ipetitions.com", "you.38degrees.org.uk", "organise.network")
_add(DomainCategory.FUNDRAISER, "gofundme.com", "justgiving.com", "crowdfunder.co.uk",
     "launchgood.com", "kickstarter.com", "indiegogo.com", "patreon.com", "paypal.me",
     "ko-fi.com", "buymeacoffee.com", "gofund.me", "givesendgo.com", "virginmoneygiving.com",
     "totalgiving.co.uk", "chuffed.org", "fundrazr.com", "donorbox.org", "revolut.me",
     "monzo.me")
_add(DomainCategory.NEWS, "bbc.co.uk", "bbc.com", "theguardian.com", "dailymail.co.uk",
     "thesun.co.uk", "mirror.co.uk", "independent.co.uk", "telegraph.co.uk", "gbnews.com",
     "sky.com", "news.sky.com", "aljazeera.com", "cnn.com", "express.co.uk", "metro.co.uk")

# Words in a domain name that say what it is when the domain itself is unknown.
_NAME_HINTS = (
    ("school", DomainCategory.SCHOOL), ("academy", DomainCategory.SCHOOL),
    ("shop", DomainCategory.SHOP), ("store", DomainCategory.SHOP), ("deal", DomainCategory.SHOP),
    ("bargain", DomainCategory.SHOP), ("discount", DomainCategory.SHOP),
    ("outlet", DomainCategory.SHOP), ("sale", DomainCategory.SHOP),
    ("petition", DomainCategory.PETITION), ("fundrais", DomainCategory.FUNDRAISER),
    ("donate", DomainCategory.FUNDRAISER), ("casino", DomainCategory.ENTERTAINMENT),
    ("bet", DomainCategory.ENTERTAINMENT),
)
_TLD_HINTS = ((".sch.uk", DomainCategory.SCHOOL), (".ac.uk", DomainCategory.EDUCATION),
              (".edu", DomainCategory.EDUCATION), (".gov.uk", DomainCategory.COUNCIL),
              (".shop", DomainCategory.SHOP), (".store", DomainCategory.SHOP),
              (".bet", DomainCategory.ENTERTAINMENT), (".casino", DomainCategory.ENTERTAINMENT))
#: The longest host name DNS allows; longer ones are cut to their last labels.
MAX_HOST_CHARS = 253
_AFFILIATE_QUERY = ("tag=", "affid=", "aff_id=", "affiliate", "ref=", "referral", "utm_medium=affiliate")


def domain_of(url: str) -> str:
    """The host of a link (``www.`` dropped), lower case; accepts links without a scheme."""
    raw = url.strip()
    if "://" not in raw:
        raw = "http://" + raw
    try:
        host = urlsplit(raw).hostname or ""
    except ValueError:
        return ""
    return host.removeprefix("www.").rstrip(".")


def _bounded(host: str) -> str:
    """A host cut to the last `MAX_HOST_CHARS` characters at a dot (DNS allows no more), so a
    crafted ``a.a.a....bit.ly`` costs no more than a real host and still reads as ``bit.ly``."""
    if len(host) <= MAX_HOST_CHARS:
        return host
    tail = host[-MAX_HOST_CHARS:]
    return tail[tail.find(".") + 1:] if "." in tail else tail


def _lookup(host: str, path: str, table: Mapping[str, DomainCategory]) -> DomainCategory | None:
    # A path-qualified entry (bbc.co.uk/bitesize) wins over the bare domain.
    first = path.strip("/").split("/", 1)[0][:MAX_HOST_CHARS]
    starts = [0, *(i + 1 for i, c in enumerate(host) if c == ".")]
    for start in starts:
        suffix = host[start:]
        if first:
            qualified = f"{suffix}/{first}"
            if qualified in table:
                return table[qualified]
        if suffix in table:
            return table[suffix]
    return None


def classify_domain(url: str, *, allowed: Iterable[str] = (),
                    denied: Iterable[str] = ()) -> DomainCategory:
    """The category of a link; ``allowed`` domains count as the school's own (never flagged),
    ``denied`` ones as entertainment (always off-topic)."""
    if url == url.strip():  # the usual case: one parse serves the host and the path
        try:
            split = urlsplit(url if "://" in url else "http://" + url)
            host = (split.hostname or "").removeprefix("www.").rstrip(".")
        except ValueError:
            return DomainCategory.UNKNOWN
        if not host:
            return DomainCategory.UNKNOWN
        path, query = split.path, split.query.lower()
    else:
        host = domain_of(url)
        if not host:
            return DomainCategory.UNKNOWN
        try:
            split = urlsplit(url if "://" in url else "http://" + url)
            path, query = split.path, split.query.lower()
        except ValueError:
            path, query = "", ""
    host = _bounded(host)
    extra = {d.lower().removeprefix("www."): DomainCategory.SCHOOL for d in allowed}
    extra.update({d.lower().removeprefix("www."): DomainCategory.ENTERTAINMENT for d in denied})
    found = _lookup(host, path, extra) if extra else None
    found = found or _lookup(host, path, _KNOWN)
    if found is None:
        for tld, category in _TLD_HINTS:
            if host.endswith(tld):
                found = category
                break
    if found is None:
        name = host.rsplit(".", 2)[0]
        found = next((c for word, c in _NAME_HINTS if word in name), DomainCategory.UNKNOWN)
    if found not in ALLOWED and query and any(q in query for q in _AFFILIATE_QUERY):
        return DomainCategory.AFFILIATE
    return found
