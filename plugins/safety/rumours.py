"""`safety.misinformation`: forwarded chains and unconfirmed claims about the school's operation,
health scares and safety alarms.

A claim ("closed tomorrow", "new fines from January", "scarlet fever in Year 2", "a man in a
white van") becomes a verdict when nothing sources it and something spreads it: a chain
("pass this on"), hearsay ("apparently"), the platform's forwarded flags, or the alarm itself
(a safety scare or a call to keep children home). A question asking whether a rumour is true
is left alone, as are messages that cite the school, the council, the police or the NHS.
Low severity: a kind nudge to check the school's official channel, never a deletion.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial

from civility.events import Message
from civility.plugins.safety.content import ATTEMPT_RE, CLOSURE_RE, MONEY, Signals
from civility.plugins.safety.lists import STRONG_DANGER_ACT_R8
from civility.plugins.safety.rules import BY_ID, MISINFORMATION
from civility.verdicts import Evidence, Verdict

_STRONG_DANGER = frozenset({
    "trying to lure", "lure", "luring", "snatch", "snatching", "kidnap", "kidnapped",
    "kidnapping", "abduct", "abducted", "abduction", "approaching children", "approaching kids",
    "trying to take", "following children", "following kids", "watching children",
    "watching the kids", "offering sweets", "offered sweets", "trying to get children",
    "predator", "paedophile", "paedo", "pedophile", "groomer", "trafficking", "traffickers",
    "child snatcher", "child snatchers", "stabbing", "stabbed", "shooting", "bomb",
    "kidnapper", "kidnappers", "take kids", "taking kids", "take children", "taking children",
    "snatchers", "abductor", "snatched", "robbed", "mugged", "mugging", "missing child",
    "child has gone missing", "child went missing", "child is missing", "girl has gone missing",
    "boy has gone missing", "kid has gone missing", "girl is missing", "boy is missing",
    "tiktok challenge", "choking challenge", "blackout challenge", "fake police", "threat made",
    "threat against", "bomb threat", "offering kids lifts", "offering lifts",
    "offering children lifts", "offering a lift", "see his puppies", "get in the car",
    "get into the car", "get in his car", "marking houses", "marking homes", "marking the houses",
    "dressed as a police", "dressed as police", "dressed up as police",
    "chalk marks", "marking which", "burglars marking", "which homes to rob",
    "which houses to rob", "cut themselves", "hurt themselves", "harm themselves",
    "kill themselves", "telling children to", "telling kids to",
    "paedophiles", "predators", "escaped prisoner", "gang initiation", "initiation week",
    "baby crying outside", "trick to get you",
    "pins inside", "needles inside", "razor blades", "found with pins", "found with needles",
    "exposed himself", "exposing himself", "county lines", "deliver drugs", "delivering drugs",
    "drug runners", "drowned", "child died", "a child died", "chasing children", "chasing kids",
    "trying the school doors", "chalking", "mark which", "in balaclavas", "wearing balaclavas",
    "trying the doors", "trying the classroom doors", "trying car doors", "trying the back door",
    # round eight's named online challenges, unrest and children taken (sweets offered count
    # only with a stranger: see DANGER_ACT)
    *STRONG_DANGER_ACT_R8,
})
_MILD = frozenset({"careful", "be careful", "keep an eye", "stay safe", "keep safe", "watch out",
                   "be aware", "going round", "important", "check your kids"})
#: The claim itself says nobody official has said it ("they're not telling parents").
_SECRECY = frozenset({
    "nobodys telling us", "nobody is telling us", "no one is telling us", "not telling us",
    "hiding it", "keeping it quiet", "covering it up", "cover up", "they wont tell us",
    "wont tell you", "wont tell us", "not telling parents", "not telling anyone", "not told us",
    "keeping quiet", "nobody has told us", "nobody told us", "no one has told us", "havent told us",
    "not told us officially", "wont admit", "wont admit it", "changed it quietly",
    "didnt tell parents", "didnt tell us", "without telling anyone", "police arent saying",
    "being held back till", "being held back until",
    "held back till after", "held back until after",
    # round eleven
    "wont tell parents", "hushing it up", "keeping it hush hush", "hush hush", "theyre hiding it",
    "hiding it from", "let it slip"})
#: "This is not a hoax": the opposite of a denial.
_NOT_DENIED = ("not a hoax", "not fake", "this is real", "its real", "not a joke", "no joke")
#: Where a hazard claim is about the school, not someone's own home.
_AT_SCHOOL = frozenset({b"school", b"schools", b"classroom", b"classrooms", b"building", b"hall",
                        b"fountains", b"canteen", b"playground", b"nursery", b"class"})
_KEEP_HOME = frozenset({
    "keep your kids home", "keep them home", "keep your children home", "dont send your kids",
    "do not send your kids", "do not send your children", "dont send your children",
    "dont send them", "keep your child at home", "keep your kids at home", "mat bhejna",
    "mat bhejo", "school mat bhejna", "ghar pe rakho", "ghar par rakho", "keep kids home",
    "keep kids at home", "keep kids off", "keep your kids off", "keep them off",
    "keep the kids home", "keep the kids off", "keep your children off", "dont let them drink",
    "dont let them eat", "dont drink the water", "do not let them drink",
    "dont let your kids drink", "dont let your kids eat", "keep your kids inside",
    "keep the kids inside", "keep them inside", "keep your kids indoors", "keep them indoors",
    "keep your children indoors", "keep the kids indoors", "keep your children inside",
    "stay indoors", "stay inside", "keep your kids in", "shouldnt drink", "should not drink",
    "not safe to drink",
})


#: An alert that announces a claim as news.
_ALERT = frozenset({"be aware", "warning", "beware", "alert", "urgent", "breaking",
                    "breaking news", "be warned"})

#: What only rumour says of the school itself (no member of staff named).
_SCHOOL_SCANDAL = frozenset({"special measures", "failed ofsted", "failed its ofsted",
                             "ran out of money", "run out of money", "going bankrupt",
                             "bankrupt", "inappropriate content", "inappropriate",
                             "rated us inadequate", "rated inadequate", "been rated inadequate",
                             "heads resigning", "team has quit", "have all quit",
                             "took the money", "took the money and ran", "ran off with the money",
                             "pocketed the money", "took the building fund", "stole the money",
                             "all the staff are leaving", "staff are leaving",
                             "supplier got caught", "supplier has been caught", "caught using",
                             "cameras in the toilets", "cameras in the changing rooms",
                             "isnt actually halal", "not actually halal", "covering it up",
                             "covered it up", "hushed it up", "hushing it up", "kept it quiet",
                             "keeping it quiet", "failed its safety inspection",
                             "failed its inspection", "failed the inspection", "failed inspection",
                             "failed a safety inspection", "failed safety checks",
                             "failed its safety check", "downgraded", "been downgraded",
                             "downgraded us", "requires improvement", "exam board hack",
                             "exam board was hacked", "exam board got hacked",
                             "cctv in the toilets", "cameras in the toilet", "cctv in the toilet",
                             "cctv in the changing rooms", "lost its licence",
                             "lost their licence", "lost its license", "licence revoked",
                             "licence taken away", "failed on safeguarding",
                             "failed safeguarding", "failed its safeguarding",
                             "admissions are rigged", "admissions is rigged",
                             "rigged the admissions", "rigged the results", "results are rigged"})


#: A claim's kind and its evidence, worked out only for a verdict (most claims are sourced,
#: denied or asked about, and finding the evidence's spans costs more than deciding).
Claim = tuple[str, Callable[[], list[Evidence]]]


def _closure_said(low: str) -> re.Match[str] | None:
    """`CLOSURE_RE` on the normalised text read without apostrophes; it needs "school", so
    text without it (or an apostrophe inside it) is not searched."""
    if "school" not in low and "'" not in low:
        return None
    return CLOSURE_RE.search(low.replace("'", ""))


def _verdict(confidence: float, evidence: list[Evidence]) -> Verdict:
    rule = BY_ID[MISINFORMATION]
    return Verdict(MISINFORMATION, rule.clause, rule.severity, confidence, tuple(evidence[:4]))


#: Asking whether a claim is true, not spreading it.
_ASKING = ("is it true", "does anyone know", "does anybody know", "anyone know", "has anyone heard",
           "has anybody heard", "anyone heard", "anybody heard", "can anyone confirm",
           "can someone confirm", "do we know", "does anyone have", "any idea", "know if",
           "heard if", "kya ye sach hai", "kisi ko pata", "hai kya", "kisi nu pata",
           "is that true", "is this true", "is that right", "is this right", "is that real",
           "is this real", "true or not", "anyone confirm")
_QUESTION_LEAD = re.compile(r"^(?:is|are|does|do|did|has|have|will|can|could|should)\b")
#: "new rule"-like words: an unsourced claim of a new rule or ban is spreading news as fact.
_NEW_RULE = frozenset({"new rule", "new rules", "new policy", "new law"})
_BAN = frozenset({"banned", "being banned", "not allowed", "cant bring", "cannot bring",
                  "have to wear", "must wear", "no longer", "confiscated", "anymore", "any more",
                  "taken away"})


#: A leading question tells the claim it asks about ("Did you know the school gets ...?").
_LEADING = ("did you know", "did u know", "did you hear", "did u hear",
            "why is nobody talking", "why is no one talking", "why isnt anyone talking",
            "why has nobody told", "why has no one told", "why havent they told")


def _asking(s: Signals) -> bool:
    """A question about the claim: it ends with one, opens with one, or asks who knows (not a
    leading question, which tells the claim)."""
    low = s.nt.text.replace("'", "")
    if "?" not in s.text or any(q in low for q in _LEADING):
        return False
    return s.text.rstrip().endswith("?") or any(a in low for a in _ASKING) \
        or _QUESTION_LEAD.match(low) is not None


def _sourced(s: Signals) -> bool:
    # A chain forwarded many times that names the NHS or "the school" is the classic fake
    # attribution: only a link to a public body's site sources it.
    if set(s.found.get("scare")) & _SECRECY:
        return False  # the claim says nobody official has said it
    official = set(s.found.get("official"))
    if official == {"official"} and any(w in s.nt.text for w in _NOT_A_SOURCE):
        return False  # "the official supplier": a shop, not someone confirming the claim
    if official == {"on the app"} and any(w in s.nt.text for w in _APP_AS_PLACE):
        return False  # "homework only on the app": where the change happens, not who said it
    if official == {"letter home"} and any(w in s.nt.text for w in _PUNISHED):
        return False  # "anyone who brings them gets a letter home": the rule's sanction
    if any(h.startswith(_SOMEONE) or "teacher" in h for h in s.found.get("hedge")):
        official -= _INFORMAL  # "someone in the office said", "a teacher said": hearsay
    if official and official <= _BARE_SAYING and set(s.found.get("decree")) & _BANNING \
            and not _says_any(s, _MEDIUM):
        return False  # "the head said boys can't wear shorts any more": a ban passed on by word
    if official and official <= _BARE_SAYING | _BARE_BODY and (_spread(s) or _others_word(s)) \
            and not _says_any(s, _MEDIUM):
        # a chain or hearsay borrowing a name ("police say keep your kids in, pass it on", "my
        # neighbour found one ... police confirmed")
        return False
    if official and not s.message.forwarded_many:
        return True
    if official & _FROM_SCHOOL:
        return True  # "forwarded from the school app: ...": the school's own words passed on
    header = _header_source(s)
    if header is not None and (header in _SCHOOL_BODIES or not s.message.forwarded_many) \
            and not _spread_by_chain(s):
        return True  # "School email: ...", "From the PTA: ...": a notice naming its sender
    if not s.message.forwarded_many and _page_says(s):
        return True  # "the NHS page on slapped cheek says ...": a page to check
    # A link to the school's own site or a public body is a source.
    return any(r.level == 0 and r.why == "" and _public(r.url, s) for r in s.links)


#: Someone at the school said to have said it, with no letter, meeting or page to check.
_BARE_SAYING = frozenset({"the head said", "head said", "headteacher said", "the headteacher said",
                          "head teacher said", "headteacher says", "the head says", "head says",
                          "the head confirmed", "head confirmed", "the school said",
                          "the school says", "school said", "school says", "school has said"})
#: A public body said to have said it, with nothing to check (the chain's borrowed name).
_BARE_BODY = frozenset({"police say", "police says", "police said", "nhs says", "police have said",
                        "according to", "police confirmed", "police have confirmed"})
#: Who signs a notice, and what it comes in: a message opening "School email:", "From the
#: council's closures page:" or "Forwarded from the PTA:" quotes a notice naming its sender.
_BODIES = frozenset({b"school", b"schools", b"office", b"head", b"heads", b"headteacher",
                     b"headteachers", b"pta", b"nursery", b"council", b"councils", b"nhs",
                     b"police", b"gp", b"surgery", b"committee", b"madrassah", b"madrasa",
                     b"academy", b"trust", b"ukhsa", b"government", b"teacher", b"teachers",
                     b"governors", b"club", b"mosque", b"masjid"})
_SCHOOL_BODIES = frozenset({b"school", b"schools", b"office", b"head", b"heads", b"headteacher",
                            b"headteachers", b"pta", b"nursery", b"academy", b"teacher",
                            b"teachers", b"governors"})
_MEDIA = frozenset({b"page", b"website", b"site", b"letter", b"newsletter", b"text", b"email",
                    b"app", b"statement", b"notice", b"leaflet", b"post", b"guidance", b"advice",
                    b"update", b"message", b"announcement", b"bulletin", b"portal", b"form",
                    b"flyer", b"poster", b"handbook", b"booklet", b"calendar"})
_SAYS = frozenset({b"says", b"said", b"say", b"confirms", b"confirmed", b"states", b"explains",
                   b"shows", b"lists"})
#: The other words a notice's header may hold ("Forwarded from the PTA", "Official text from").
_HEADER_GLUE = frozenset({b"from", b"the", b"our", b"forwarded", b"fwd", b"official", b"a",
                          b"an", b"of", b"re", b"copied", b"latest", b"todays", b"school",
                          b"class", b"year", b"parents"})
#: Forwarding markers, which say where a message came from, not that it should go further.
_FORWARD_MARKS = frozenset({"forwarded", "fwd", "received from", "forwarded as received",
                            "from another group", "another group", "other group"})
#: The words a notice's header may hold before its colon, at most.
_HEADER_WORDS = 7


def _header_source(s: Signals) -> bytes | None:
    """The sender named in a header that opens the message ("School text:", "From the PTA:",
    "Madrassah committee statement:"), or None."""
    head, colon, _ = s.text[:80].partition(":")
    if not colon or "//" in head:
        return None
    words = head.lower().replace("'", "").replace("\u2019", "").split()
    if not words or len(words) > _HEADER_WORDS or words[:2] == ["heads", "up"] \
            or any(w in _ALERT for w in words):
        return None  # "URGENT from the school office:" is a chain's own alarm
    said = [w.encode() for w in words]
    named = [w for w in said if w in _BODIES]
    if not named or not (said[-1] in _MEDIA or all(
            w in _BODIES or w in _MEDIA or w in _HEADER_GLUE for w in said)):
        return None  # "New NHS rule:" is a claim's own heading, not a sender
    return named[0]


def _page_says(s: Signals) -> bool:
    """A body's page, letter or site that says something ("the NHS page on slapped cheek
    says", "the council's parks page says"): the body, then its medium within a few words,
    then "says" within a few more."""
    toks = s.toks
    if _BODIES.isdisjoint(s.tokset):
        return False
    for i, t in enumerate(toks):
        if t in _BODIES:
            for j in range(i + 1, min(i + 4, len(toks))):
                if toks[j] in _MEDIA:
                    return not _SAYS.isdisjoint(toks[j + 1:j + 6])
    return False


#: The poster's own doubt ("I think"), not someone else's word.
_OWN_DOUBT = frozenset({"i think", "i believe"})


def _others_word(s: Signals) -> bool:
    """Whether the message passes on someone else's word ("my neighbour found one")."""
    return bool(set(s.found.get("hedge")) - _OWN_DOUBT)


def _spread(s: Signals) -> bool:
    return s.has("chain") or s.message.forwarded or s.message.forwarded_many


#: Where a parent could check what the school said.
_MEDIUM = ("letter", "newsletter", "email", "text", "app", "website", "site", "meeting",
           "evening", "forum", "coffee morning", "parentmail", "in writing", "on the", "posted",
           "facebook", "twitter", "appeal")
#: The school's own words, named as such even in a forward.
_FROM_SCHOOL = frozenset({"forwarded from the school", "from the school app",
                          "forwarded from the school office"})
#: "Official" that names a shop or a kit, not a source.
_NOT_A_SOURCE = ("official supplier", "official shop", "official uniform", "official blazer",
                 "official school shop", "official logo")
#: The app as where a claimed change happens, not where it was read.
_APP_AS_PLACE = ("only on the app", "all on the app", "done on the app", "set on the app")
#: A letter home as the punishment a claimed rule threatens, not as its source.
_PUNISHED = ("gets a letter home", "get a letter home", "will get a letter home")
#: Sources that hearsay can borrow ("someone in the office said").
_INFORMAL = frozenset({"teacher said", "the teacher said", "office said", "the office said",
                       "office says", "the office says", "office say", "office sez",
                       "office told me", "office told us", "the office told", "teacher told us"})
_SOMEONE = ("someone", "somebody", "a mum", "a dad", "a teacher", "one of the")


def _public(url: str, s: Signals) -> bool:
    host = url.lower().split("://")[-1].split("/")[0].removeprefix("www.")
    return any(host == d or host.endswith("." + d)
               for d in ("gov.uk", "nhs.uk", "police.uk", "sch.uk", "bbc.co.uk",
                         *((s.settings.school_domain,) if s.settings.school_domain else ()),
                         *s.settings.trusted_domains) if d)


def judge(s: Signals) -> Verdict | None:
    # (Each test is made where it decides, cheapest first: most messages handed here make no
    # claim, or one that a source or a denial clears.)
    m = s.message
    claim = _claim(s)
    if claim is None:
        if m.forwarded_many and s.has("chain") and not _sourced(s):
            return _verdict(0.7, [*_flags(m), *s.ev("chain")])
        if s.has("chain_letter") and not _denied(s):
            return _verdict(0.7, [*_flags(m), *s.ev("chain_letter")])  # forward it, or else
        claim = _passed_on_claim(s) or _hearsay_change(s) or _stated_change(s) \
            or _urged_or_vague(s)
        if claim is None:
            return None
    kind, evidence = claim
    if _sourced(s) or _denied(s):
        return None
    if not (m.forwarded or m.forwarded_many) and _scam_bait(s):
        return None  # the scam rule's: a threat or a prize with a scam link
    spread = s.has("chain") or m.forwarded or m.forwarded_many
    if not spread and kind not in _ALARMS and s.has(*_PRIVATE) and not s.has("punitive", "fines"):
        return None  # someone's own health, record or life: the personal-data rule's
    if spread:
        return _verdict(0.85, [*_flags(m), *s.ev("chain"), *evidence()])
    if _asking(s):
        return None  # asking whether it is true is the right thing to do
    if s.has("hedge", "vague_source"):
        return _verdict(0.8, [*s.ev("hedge", "vague_source"), *evidence()])
    if kind in ("danger", "health-alarm", "fines", "new-rule"):
        return _verdict(0.7, evidence())
    if kind == "closure" and (s.has("scare", "urged") or "!!" in s.text or s.text.isupper()):
        return _verdict(0.65, evidence())  # an alarmed, unsourced "closed tomorrow!!"
    if kind == "change" and (set(s.found.get("scare")) & _ALERT or s.has("urged")):
        return _verdict(0.65, evidence())  # "Parents, be aware: from this term the school will"
    if kind in ("urged", "vague-source"):
        return _verdict(0.65, evidence())
    if _told_as_fact(s, kind):
        return _verdict(0.6, [*evidence(), *s.ev("decree")])
    return None


#: What a claim can be about for an urgent call or a vague source to make it a rumour.
_ALARM_TOPICS = ("ops_topic", "health", "hazard", "danger_act", "closure", "scandal", "fines",
                 "alarm_r11")


#: Warning words that are the claim itself ("ParentPay has been hacked").
_HACKED = frozenset({"hacked", "been hacked"})


def _urged_or_vague(s: Signals) -> Claim | None:
    """An alarm told as fact with an urgent call to act on it ("ParentPay's been hacked, cancel
    your cards NOW"), or with a source nobody can check ("a dad who works in IT said the boards
    record the kids"): not asked, not a warning about a scam, not the poster's own story."""
    urged, vague = s.has("urged"), s.has("vague_source")
    if not (urged or vague) or not s.has(*_ALARM_TOPICS) or _asking(s) \
            or set(s.found.get("warning")) - _HACKED:
        return None  # (a warning about a scam is the scam rule's)
    if urged and not vague and _first_person(s):
        return None  # "my son got nits, I had to shave his head": the poster's own
    if vague:
        return "vague-source", partial(s.ev, "vague_source", "alarm_r11")
    return "urged", partial(s.ev, "urged", "alarm_r11")


def _flags(m: Message) -> list[Evidence]:
    """The platform's forwarded marks, as evidence."""
    if not (m.forwarded or m.forwarded_many):
        return []
    return [Evidence("forwarded", "forwarded many times" if m.forwarded_many else "forwarded",
                     detail="the platform marks it forwarded")]


#: Claims that alarm whoever they name: a danger, a health alarm, a closure, a penalty.
_ALARMS = frozenset({"danger", "health-alarm", "closure", "fines", "new-rule"})
#: Someone's health, record or private life (`civility.plugins.safety.lists`' personal-data
#: lists): told as news of them ("Mrs X is signed off with depression"), the personal-data
#: rule's, not a rumour about the school.
_PRIVATE = ("condition", "private_life")


#: How many children a health claim counts ("40 kids", "three children"): an outbreak told.
_HOW_MANY = frozenset({b"two", b"three", b"four", b"five", b"six", b"seven", b"eight", b"nine",
                       b"ten", b"eleven", b"twelve", b"fifteen", b"twenty", b"thirty",
                       b"forty", b"fifty", b"dozen", b"dozens", b"loads", b"half", b"hundreds",
                       b"several", b"lots"})
_WHO_COUNTED = frozenset({b"kids", b"children", b"pupils", b"babies", b"boys", b"girls",
                          b"students", b"families", b"cases", b"year", b"class", b"reception"})
#: Where a count of the ill is ("12 in A&E", "3 in hospital").
_WHERE_COUNTED = frozenset({b"hospital", b"intensive", b"icu", b"ae"})
#: A grave outcome, or an illness said proven, told of others ("has killed a baby", "in
#: intensive care", "it's been proven"): an outbreak or a scare told as fact, unless the poster
#: speaks of their own.
_GRAVE = frozenset({"killed a baby", "killed a child", "has killed", "have killed", "died from",
                    "in intensive care", "rushed to hospital", "in a&e", "in a and e",
                    "been proven", "its been proven", "proven now"})


#: Words between a count and whom it counts ("loads of kids", "100 extra kids", "12 in A&E").
_COUNT_GLUE = frozenset({b"of", b"more", b"extra", b"in", b"the"})


def _counted(toks: list[bytes]) -> bool:
    """Whether the words count children ("40 kids", "three children", "loads of kids")."""
    for i, t in enumerate(toks[:-1]):
        if not (t in _HOW_MANY or t.isdigit()):
            continue
        j = i + 1  # past at most two glue words ("half of the class")
        while j < i + 3 and j + 1 < len(toks) and toks[j] in _COUNT_GLUE:
            j += 1
        after = toks[j]
        if toks[i + 1] == b"in" and toks[i + 2:i + 4] == [b"a", b"e"]:
            after = b"ae"  # "12 in A&E"
        if after in _WHO_COUNTED or (toks[i + 1] == b"in" and after in _WHERE_COUNTED):
            return True
    return False


def _scam_bait(s: Signals) -> bool:
    """A scam link with a threat or a prize ("your account will be closed unless you update",
    "share with 10 friends to unlock"), not passed on as news."""
    return any(r.level for r in s.links) and (not s.has("chain") or s.has("share_bait"))


#: The poster speaking of their own life ("my phone stopped working"), not of the school.
_FIRST_SINGULAR = frozenset({b"i", b"im", b"ive", b"ill", b"id", b"me", b"my", b"mine", b"mera",
                             b"meri", b"mere", b"main", b"mainu", b"sada", b"saade",
                             b"maine", b"mujhe"})
#: A message opening with "we": the poster's own household's change, not the school's.
_WE = frozenset({b"we", b"were", b"weve", b"wed", b"us"})
#: Greetings a message may open with before its "we" ("Salaam everyone, we've just moved").
_GREETING = frozenset({b"salaam", b"salam", b"assalamualaikum", b"asalamualaikum", b"hi",
                       b"hello", b"hey", b"hiya", b"morning", b"evening", b"everyone", b"all",
                       b"guys", b"ladies", b"folks", b"parents", b"good", b"afternoon"})
#: Spelt as words they are not first person ("photo ID", "the kids are ill").
_NOT_ALWAYS_ME = frozenset({b"id", b"ill"})


#: "Our family", "our two": the poster's household, where "our school" is everyone's.
_OUR_HOUSEHOLD = frozenset({b"family", b"household", b"house", b"kids", b"son", b"daughter",
                            b"children", b"lot", b"boys", b"girls", b"little", b"two", b"eldest",
                            b"youngest"})


#: The poster's own ("my son", "mera beta"), beyond the "I" of "I think".
_MINE = frozenset({b"my", b"mine", b"mera", b"meri", b"mere", b"mujhe", b"sada", b"saade",
                   b"mainu"})


def _own_household(s: Signals) -> bool:
    """Whether the message speaks of the poster's own family ("my son", "we")."""
    return not _MINE.isdisjoint(s.tokset) or _we_open(s.toks)


def _we_open(toks: list[bytes]) -> bool:
    """Whether the message opens with "we" or "our family", after a greeting at most."""
    for i, t in enumerate(toks[:4]):
        if t in _WE or (t == b"our" and toks[i + 1:i + 2] and toks[i + 1] in _OUR_HOUSEHOLD):
            return True
        if t not in _GREETING:
            return False
    return False


def _first_person(s: Signals) -> bool:
    """The poster speaks of their own life: "I", "my", ...; "id" and "ill" only where the text
    writes "I'd" or "I'll" ("photo ID" and "the kids are ill" are not the poster)."""
    mine = _FIRST_SINGULAR.intersection(s.tokset)
    if mine - _NOT_ALWAYS_ME:
        return True
    low = s.text.lower().replace("\u2019", "'")
    return any(f"i'{w.decode()[1:]}" in low for w in mine)


def _says_any(s: Signals, phrases: tuple[str, ...]) -> bool:
    """Whether the words say one of the phrases as whole words ("road" is not in "abroad")."""
    line = b" " + b" ".join(s.toks) + b" "
    return any(b" " + p.encode() + b" " in line for p in phrases)
#: Days the school itself puts in its calendar: a closure said of them is no rumour.
_ROUTINE = ("training day", "inset", "bank holiday", "calendar", "as planned", "as usual",
            "polling", "half term starts", "term ends", "end of term", "order", "booking",
            "sign up", "deadline", "road", "parentpay", "group", "chat", "starting a new term",
            "starts a new term", "new term starts", "term starts on", "start of term")
#: A change that may happen is not one told as settled.
_UNSETTLED = frozenset({b"might", b"may", b"maybe", b"could", b"possibly", b"perhaps",
                        b"possible"})
#: Words around "May" the month ("the whole of May", "from May", "12 May"), not "may" the maybe.
_MONTH_BEFORE = frozenset({b"of", b"in", b"from", b"until", b"till", b"by", b"since", b"to",
                           b"early", b"late", b"mid", b"end", b"this", b"next", b"last", b"for",
                           b"during", b"start", b"beginning"})


def _unsettled(toks: list[bytes]) -> bool:
    """Whether a word says the change may not happen ("might", "could", "may": not the month)."""
    for i, t in enumerate(toks):
        if t in _UNSETTLED:
            if t != b"may":
                return True
            before = toks[i - 1] if i else b""
            after = toks[i + 1] if i + 1 < len(toks) else b""
            if not (before in _MONTH_BEFORE or before.isdigit() or after.isdigit()):
                return True
    return False


#: Old news or banter ("years ago lol"), not a claim of what is happening.
_OLD = ("years ago", "years back", "ages ago", "back in the day")
_OLD_WORDS = frozenset({b"lol", b"haha", b"lmao", b"hahaha"})  # words: "lol" is in "lollipop"
#: Whose running a stated change is about: the school, its people, its parts.
_SCHOOLISH = frozenset({b"school", b"schools", b"skool", b"skl", b"head", b"headteacher",
                        b"teachers", b"nursery", b"academy", b"council", b"ofsted", b"reception",
                        b"year", b"class", b"classes", b"pupils", b"staff", b"gate", b"gates",
                        b"playground", b"sats", b"gcses", b"mocks", b"exams", b"term", b"uniform",
                        b"kids", b"children", b"child", b"pe", b"trip", b"club", b"clubs",
                        b"girls", b"boys", b"pupil", b"dinner", b"dinners", b"meals", b"lunches",
                        b"fair", b"pta", b"field", b"residential", b"ipad", b"ipads", b"deputy",
                        b"juniors", b"infants", b"site", b"gcse", b"exam", b"ks1", b"ks2",
                        b"catchment", b"ksi", b"terms", b"madrasa",
                        b"nurseries", b"trust", b"colleges", b"mock", b"phonics", b"prom",
                        b"leavers", b"madrassa", b"madrassah"})


def _told_as_fact(s: Signals, kind: str) -> bool:
    """A settled change at the school told as plain fact ("Year 6 SATs are cancelled this
    year", "Mrs X was suspended"): no source, no question, no denial (checked before), and
    not the poster's own life."""
    toks = s.tokset
    if any(r.level for r in s.links):
        return False  # "your child benefit will stop unless you confirm": a scam's threat
    if _we_open(s.toks):
        return False  # "we're switching to packed lunches": the poster's own household
    if _first_person(s) or _unsettled(s.toks) or not _schoolish(s):
        return False
    if any(o in s.nt.text for o in _OLD) or not _OLD_WORDS.isdisjoint(toks):
        return False
    if kind == "scandal":
        return True
    low = s.nt.text
    if _says_any(s, _ROUTINE):
        return False
    if kind == "closure":
        # the school itself shut ("no school Friday", "school closed", a strike), not a club
        # "cancelled on Friday", which the school says every week
        return _closure_said(low) is not None \
            or bool(set(s.found.get("closure")) & _SHUT) or _settled(s)
    return kind in ("change", "new-rule", "stated", "health") and _settled(s)


#: A school's own closing, not one activity's.
_SHUT = frozenset({"strike", "strikes", "striking", "teachers are striking", "school band",
                   "band ho", "kal school band", "band hai", "band rahega", "school shut",
                   "school closed", "school is closed", "closed tomorrow", "shut tomorrow",
                   "band aa", "band ae", "bus band", "nahi khulega", "nahi khulegi",
                   "nahi khule ga", "no skl", "no skool", "skl closed", "skool closed"})
#: A ban, a sanction or a loss: passed on by word alone ("the head said ... any more"), no source.
_BANNING = frozenset({"banned", "banning", "bans", "not allowed", "no longer", "anymore",
                      "any more", "wont be allowed", "only allowed", "only be allowed",
                      "not allowing", "compulsory", "mandatory", "must now", "must now be",
                      "cant opt out", "cannot opt out", "no opt out", "will be excluded",
                      "get excluded", "theyre excluded", "marked absent", "will be marked",
                      "get a detention", "get detention", "sent home", "get sent home",
                      "wont be let in", "confiscated", "reported to", "get reported",
                      "will lose", "must close"})
#: Said every week of a club or a match ("cancelled on Friday"): settled only with a scope.
_WEAK_DECREE = frozenset({"cancelled"})
_SCOPE = ("this year", "for good", "rest of", "completely", "no refund", "forever", "for ever",
          "all year", "this term", "for everyone", "altogether", "wont be paid back")


def _settled(s: Signals) -> bool:
    """A decree word that settles a change ("banned", "already decided"); "cancelled" only with
    its scope ("cancelled this year", "cancelled, no refund")."""
    decree = set(s.found.get("decree"))
    if not decree:
        return False
    plain = s.nt.text.replace("'", "")
    return bool(decree - _WEAK_DECREE) or any(w in plain for w in _SCOPE)


def _schoolish(s: Signals) -> bool:
    return not _SCHOOLISH.isdisjoint(s.tokset) or s.has("staff_role", "ops_topic")


def _stated_change(s: Signals) -> Claim | None:
    """A settled change told about the school's running ("reading books aren't coming home
    anymore", "dinner money goes up after Christmas, already decided")."""
    if not _settled(s) or not (s.has("fines", "closure") or _schoolish(s)):
        return None
    if _asking(s):
        return None
    return "stated", partial(s.ev, "ops_topic", "staff_role")


#: What a passed-on claim is about, and the words that make it a claim of a change.
_ABOUT_SCHOOL = frozenset({b"school", b"schools", b"head", b"headteacher", b"teachers",
                           b"teacher", b"nursery", b"reception", b"class", b"classes", b"pupils",
                           b"kids", b"children", b"council", b"ofsted", b"academy"})
_CHANGE_WORDS = frozenset({b"will", b"wont", b"going", b"gonna", b"being", b"new", b"now",
                           b"from", b"anymore", b"stop", b"stopping", b"start", b"starting",
                           b"ban", b"banned", b"banning", b"cancel", b"cancelled", b"closing",
                           b"closed", b"changing", b"changed", b"putting", b"taking", b"removing",
                           b"shuru", b"lagana", b"hoga", b"band", b"lagge", b"lagde",
                           b"karange", b"karenge", b"switching", b"lose", b"losing"})
def _passed_on_claim(s: Signals) -> Claim | None:
    """A chain about the school that says something changes ("pass it on: they're putting
    cameras in the toilets"), whatever the change is."""
    if not (s.has("pass_on") or s.message.forwarded or s.message.forwarded_many):
        return None
    toks = s.tokset
    if _ABOUT_SCHOOL.isdisjoint(toks) or _CHANGE_WORDS.isdisjoint(toks) or _asking(s):
        return None
    return "passed-on", partial(s.ev, "pass_on")


#: Who a hearsay change is about: the school and its people.
_SCHOOL_ITSELF = frozenset({b"school", b"schools", b"head", b"headteacher", b"teachers",
                            b"nursery", b"academy", b"council", b"ofsted", b"office"})


def _hearsay_change(s: Signals) -> Claim | None:
    """Hearsay that the school changes something ("someone said the school is teaching ...
    from next term"), whatever the topic."""
    if not s.has("hedge", "hearsay") or _SCHOOL_ITSELF.isdisjoint(s.tokset) or _asking(s):
        return None
    if not s.has("ops_change") and _CHANGE_WORDS.isdisjoint(s.tokset):
        return None
    return "change", partial(s.ev, "hedge", "ops_change")


def vouched(s: Signals) -> bool:
    """Whether the message names a source for what it says or denies it ("School text: ...",
    "turns out it's only the hall"): the rules' reading, which the learned model (it never
    weighs sources) must not overrule for misinformation."""
    return not _spread_by_chain(s) and (_sourced(s) or _denied(s))


def _spread_by_chain(s: Signals) -> bool:
    """Asked to be passed on ("pass it on"), beyond a forwarding mark."""
    return bool(set(s.found.get("chain")) - _FORWARD_MARKS)


def _denied(s: Signals) -> bool:
    """The message says the claim is false or old."""
    return s.has("denial") and not any(p in s.nt.text.replace("'", "") for p in _NOT_DENIED)


def _claim(s: Signals) -> Claim | None:
    """The kind of alarming claim the message makes, with its evidence, or None."""
    if s.has("kids") and ATTEMPT_RE.search(s.nt.text):
        return "danger", partial(s.ev, "danger_actor", "kids")
    if s.has("danger_act") and set(s.found.get("scare")) & _KEEP_HOME:
        return "danger", partial(s.ev, "danger_act", "scare")  # "keep your kids home, there's a threat"
    if s.has("danger_act") and (s.has("kids") or s.has("danger_actor")):
        acts = set(s.found.get("danger_act"))
        if acts & _STRONG_DANGER or (s.has("danger_actor") and s.has("kids")):
            return "danger", partial(s.ev, "danger_act", "danger_actor")
    if s.has("danger_act") and set(s.found.get("danger_act")) & _STRONG_DANGER \
            and set(s.found.get("scare")) - _MILD:
        return "danger", partial(s.ev, "danger_act", "scare")  # "don't open the door, it's a trick"
    if s.has("closure") and set(s.found.get("danger_act")) & _STRONG_DANGER:
        return "danger", partial(s.ev, "danger_act", "closure")  # "cancelled because of a terror threat"
    if s.has("hazard") and not _AT_SCHOOL.isdisjoint(s.tokset) and not s.has("own_offer"):
        return "health-alarm", partial(s.ev, "hazard", "scare")
    if s.has("health"):
        said = set(s.found.get("scare"))
        keep_home = said & _KEEP_HOME
        alarm = said - _MILD - _GRAVE
        own = s.has("own_offer") and not keep_home
        if keep_home or (alarm and not own) \
                or ((said & _GRAVE or _counted(s.toks)) and not _first_person(s)):
            return "health-alarm", partial(s.ev, "health", "scare")  # (or "40 kids got food poisoning")
        if s.has("chain") or s.message.forwarded or s.message.forwarded_many \
                or (s.has("hedge") and (_others_word(s) or not _own_household(s))):
            # (not "my son has a bug I think": the poster's own doubt about their own child)
            return "health", partial(s.ev, "health")
        if s.has("closure") and not own:  # "the trip's cancelled because of bird flu"
            return "health-alarm", partial(s.ev, "health", "closure")
    fines = set(s.found.get("fines"))
    money = bool(fines) and MONEY.search(s.text) is not None
    if fines and (s.has("fine_context") or money) and (fines - {"fine"} or money) and (
            s.has("hedge", "chain") or len(s.found.get("fine_context")) >= 2):
        return "fines", partial(s.ev, "fines", "fine_context")
    if s.has("scandal") and (s.has("staff_role")
                             or set(s.found.get("scandal")) & _SCHOOL_SCANDAL):
        # (before a closure: "the trip is cancelled because a teacher got arrested")
        return "scandal", partial(s.ev, "staff_role", "scandal")
    if _SECRECY & set(s.found.get("scare")) and _schoolish(s):
        return "scandal", partial(s.ev, "scare")  # "a boy drowned and the school is covering it up"
    if s.has("closure"):
        return "closure", partial(s.ev, "closure")
    m = _closure_said(s.nt.text)
    if m:
        a, b = s.nt.original_span(*m.span())
        return "closure", lambda: [Evidence("closure", s.text[a:b], a, b,
                                            "a claim the school closes")]
    if s.has("scandal") and (s.has("staff_role")
                             or set(s.found.get("scandal")) & _SCHOOL_SCANDAL):
        return "scandal", partial(s.ev, "staff_role", "scandal")
    if s.has("punitive") and not _SCHOOL_ITSELF.isdisjoint(s.tokset):
        return "new-rule", partial(s.ev, "punitive")  # "the school will call social services"
    if s.has("ops_topic") and s.has("ops_change"):
        changes = set(s.found.get("ops_change"))
        kind = "new-rule" if changes & _NEW_RULE and changes & _BAN else "change"
        return kind, partial(s.ev, "ops_topic", "ops_change")
    return None
