"""`safety.scam`: phishing, impersonation, look-alike links, prize bait, get-rich schemes and
paid exam papers, each judged from what the message asks the reader to do.

A message warning others about a scam ("beware, never share your code") is not a scam, unless
it links a domain the school has blocked.
"""

from __future__ import annotations

import re

from civility.plugins.safety.content import EARNINGS, FAMILY_GREETING, MONEY, PHONE, Signals
from civility.plugins.safety.rules import BY_ID, SCAM
from civility.verdicts import Evidence, Verdict

_YOUR = b"your"
#: "apna card number": your own, in romanised Urdu.
_YOURS_URDU = (b"apna", b"apni", b"apne", b"aapka", b"apka", b"aapki", b"apki")
#: "everyone's bank details": the readers', collected.
_EVERYONES = (b"everyones", b"everybodys", b"parents", b"familys", b"families")
_CRED_WORDS = frozenset({b"sort", b"account", b"acc", b"bank", b"banking", b"card", b"long",
                         b"cvv", b"cvc", b"security", b"expiry", b"pin", b"password", b"passwords",
                         b"passcode", b"login", b"logins", b"log", b"sign", b"username", b"one",
                         b"otp", b"verification", b"code", b"codes", b"6", b"six", b"online",
                         b"apple", b"national", b"ni", b"passport", b"mothers", b"memorable",
                         b"details", b"paypal", b"whatsapp", b"digit", b"pins", b"16"})
_TAKEOVER_STRONG = ("code by mistake", "sent to you by mistake", "sent to your phone by mistake",
                    "sent to your number by mistake", "send me the code", "send back the code",
                    "forward the code", "accidentally sent", "by accident", "wa code",
                    "sent to u by mistake", "to u by mistake", "6 numbers u get",
                    "6 numbers you get", "numbers u get", "the code that comes up",
                    "code that comes up", "came to your phone", "to your phone by mistake",
                    "code it sent you", "code has just come to you", "code has come to you")


#: Slips that are a code's only beside one ("sent to you by accident": the code).
_SLIPS = frozenset({"by accident", "wrong number"})
_CODE_WORDS = frozenset({b"code", b"codes", b"digits", b"otp", b"pin"})

#: One-time codes: nobody has a good reason to ask for someone else's.
_CODES = frozenset({"one time code", "one time passcode", "one time password", "otp",
                    "verification code", "6 digit code", "six digit code", "the code i sent",
                    "code i sent", "code we sent", "code sent", "code that was sent",
                    "whatsapp code", "the code you got", "the code you received", "pin",
                    "6 digits", "six digits", "the digits", "code texted", "code was texted",
                    "code they sent",
                    "pin number", "pin code", "passcode", "password", "passwords"})
_SPREAD_BAIT = frozenset({
    "send to 10", "share to 10", "share with 10", "share with 20", "share with 5",
    "forward to 10", "forward to 20", "forward to 5", "20 groups", "10 groups", "5 groups",
    "15 groups", "groups to claim", "friends to claim", "to claim", "share to claim",
    "share this post", "share this post with", "like and share to", "comment and share",
    "share on facebook to"})
_PRIVATE_ASK = frozenset({"dm me", "pm me", "inbox me", "whatsapp me", "text me", "message me"})
#: What nobody has a good reason to collect from others in a chat, whoever asks: a card's
#: security digits, its long number, a one-time code, a log-in (a PIN or a password alone may
#: be a gate's or the wifi's, so they need "your").
_NEVER_ASKED = _CODES - {"pin", "pin number", "pin code", "password", "passwords", "passcode"} | {
    "cvv", "cvc", "security code", "card number", "long number", "long card number",
    "16 digit number", "16 digits", "expiry date", "security number", "online banking",
    "bank login", "login details", "log in details", "sign in details", "username and password",
    "login and password", "log in and password", "memorable word", "mothers maiden name",
    "paypal login", "3 digits on the back", "three digits on the back", "digits on the back",
    "security digits", "photo of your card", "picture of your card", "card photo",
    "code from whatsapp", "whatsapp verification", "including the expiry", "and expiry",
    "card used", "card you used", "photo of your passport", "photo of your id",
    "photo of your bank card"}
#: A log-in or bank details, typed in for a voucher or a "free upgrade".
_LURED = _NEVER_ASKED | {"login", "password", "bank details", "card details", "banking details",
                         "account details"}
#: Words that ask for something to be handed over (with a never-asked credential).
_HAND_OVER = frozenset({b"send", b"share", b"forward", b"give", b"tell", b"text", b"reply",
                        b"dm", b"pm", b"inbox", b"collecting", b"collect", b"need", b"provide",
                        b"screenshot", b"bhej", b"bhejo", b"bhejein", b"bhejdo", b"whatsapp",
                        b"sending", b"replying", b"forwarding"})
#: Handing a code over, not needing one for oneself ("I need the code for the app").
_PASS_ON = _HAND_OVER - {b"need", b"collect", b"collecting"}
#: A message posted in the wrong chat says so ("wrong chat sorry"): not a family scam.
_WRONG_CHAT = ("wrong chat", "wrong group", "sorry wrong", "wrong convo", "wrong person",
               "meant for my", "ignore that", "ignore this")
#: Gift cards bought for someone who then wants the codes: the staff and family impersonation.
_GIFT_BUY = frozenset({b"buy", b"purchase", b"get", b"need", b"pick", b"grab"})
_GIFT_PAYOFF = ("codes", "the code", "scratch", "reimburse", "pay you back", "photo of the back",
                "picture of the back")
#: A money-making pitch: money, where or how it is made, and a way to get in touch.
_PITCH_MONEY = re.compile(r"\b(?:earn|earning|make|making)\b|£££|\b\d{1,3}k\b")
_PITCH_HOW = ("from home", "from your phone", "from ur phone", "part time", "part-time",
              "while kids are at school", "while the kids are at school", "a week", "a day",
              "a month", "per week", "per day", "per month", "no experience", "spare time",
              "from your sofa", "just by", "in your spare")


def _verdict(confidence: float, evidence: list[Evidence]) -> Verdict:
    rule = BY_ID[SCAM]
    return Verdict(SCAM, rule.clause, rule.severity, confidence, tuple(evidence[:4]))


def judge(s: Signals) -> Verdict | None:
    blocked = [r for r in s.links if r.level == 2 and "blocked" in r.why]
    if blocked:
        return _verdict(0.95, [r.evidence() for r in blocked])
    direct = _DIRECT_ASK.search(s.nt.text)
    if direct and (s.has("takeover") or set(s.found.get("credential")) & _CODES):
        # "don't share it. actually can you send me the code": asking beats any warning
        return _verdict(0.85, s.ev("takeover", "credential"))
    malware = any(m in s.nt.text for m in _MALWARE) and not s.has("warning", "denial")
    if set(s.found.get("rich")) & _RECOVERY or malware or _paid_recovery(s):
        # "lost money to a scam? this hacker gets it back": the scam names scams itself
        return _verdict(0.8, s.ev("rich", "advance"))
    if not s.links and any(c in s.nt.text for c in _SELF_CORRECTED):
        return None  # "send me the code? oh wait, that's mine on the slip, silly me"
    warnings = set(s.found.get("warning"))
    rich = set(s.found.get("rich"))
    if rich & _RECOVERY_PAID and not s.has("denial") and (
            MONEY.search(s.text) or not _FEE.isdisjoint(s.tokset)):
        return _verdict(0.8, s.ev("rich"))  # "this recovery agent got it back, small fee"
    if rich & _SAFE_ACCOUNT and warnings <= _EXCUSES:
        # "I'm a police officer investigating fraud: move your savings to a safe account"
        return _verdict(0.85, s.ev("rich"))
    # "Windows warning: your files will be locked, call our support team on ...": the alert's
    # own heading, not a warning to others
    alert = warnings <= _ALERT_HEADINGS and ((s.has("call_back") and s.has("account_threat"))
                                             or s.has("qr_pay"))  # "Parking warning: scan ..."
    # "got a message from a friend: is this you in this video? click: ..." passes the bait on
    pushed = warnings <= _RECEIVED and (s.has("enter", "code_relay", "credential")
                                        or b"click" in s.tokset) \
        and any(r.level for r in s.links)
    steered = _steered_to_self(s)
    if steered is not None:
        # "our card machine has been hacked, so don't pay on the site, pay me direct": the
        # "warning" is the scammer's excuse for a payment to themselves
        return steered
    if warnings and not alert and not pushed \
            and not (warnings <= _EXCUSES and _EXCUSE.search(s.nt.text)):
        return None
    for check in (_links, _credentials, _impersonation, _harvest, _documents, _prize,
                  _get_rich, _exam,
                  _gift_cards, _fixer, _pitch, _mule, _favour, _advance, _appeal, _call_back,
                  _urgent_transfer, _wire, _remote, _extortion, _qr_pay, _fee_first, _resale,
                  _papers, _romance, _child_photos, _appeal_link, _overpaid, _fee_link,
                  _code_relay, _charge_call, _relayed, _crypto_threat, _steered_payment,
                  _doorstep, _busy_favour, _wrong_payment, _part_first, _child_profile,
                  _claimed_errand, _third_party, _percent_returns, _kept_from_organisers):
        verdict = check(s)
        if verdict is not None:
            return verdict
    return None


#: Money "recovered" for a fee, and apps that are malware ("WhatsApp Gold", an .apk).
_RECOVERY = frozenset({"recovered my money", "recover your money", "recover lost money",
                       "contact hacker", "recovery hacker"})
_MALWARE = ("whatsapp gold", ".apk", "download the apk", "install the apk")
#: A fixer who "gets it back" for a fee: a scam whatever else the message says.
_RECOVERY_PAID = frozenset({"recovery agent", "got all of it back", "got it all back",
                            "get accounts back", "get your account back", "found a hacker",
                            "a hacker on", "hacker who can", "funds recovery", "fund recovery",
                            "recovery service"})
#: Money "lost to" a scam got back by a firm that charges first: the recovery scam, which names
#: the scam it follows ("lost money to crypto? they got my aunty's back, £300 fee upfront").
_LOST_TO = ("lost money to", "lost money in", "lost money on", "lost their money",
            "lost your money")


def _paid_recovery(s: Signals) -> bool:
    return b"back" in s.tokset and not _FEE.isdisjoint(s.tokset) \
        and any(p in s.nt.text for p in _LOST_TO) and not s.has("denial")


#: The poster taking their own ask back, which no scammer does.
_SELF_CORRECTED = ("silly me", "oh wait", "ignore me", "never mind", "nevermind", "found it now")
_FEE = frozenset({b"fee", b"fees", b"charges", b"charge", b"upfront"})
#: Warnings that only say a message came ("got a message"): the poster may pass its bait on.
_RECEIVED = frozenset({"got a message", "i got a", "got a text", "received a message",
                       "received a text", "got an email", "i received a", "someone messaged me",
                       "has anyone else", "anyone else had"})
#: A "police officer" or "bank" moving savings to a "safe account": never real.
_SAFE_ACCOUNT = frozenset({"safe account", "move your savings", "move your money",
                           "secure account", "move your funds"})
#: "Due to fraud our bank changed": the scammer's own excuse, not a warning to others.
_EXCUSES = frozenset({"fraud", "scam", "scams", "hacked", "fraudulent"})
#: The words a fake alert heads itself with ("Security warning", "fraud team").
_ALERT_HEADINGS = frozenset({"warning", "fraud"})
_EXCUSE = re.compile(r"\b(?:due to|because of|after|following) (?:a |some |recent )?"
                     r"(?:fraud|scam|scams|hacking|hack)\b"
                     r"|\bfraud (?:team|department|prevention|unit|squad|investigation)\b"
                     # "I hacked your phone": the blackmailer's own boast
                     r"|\b(?:i|we) (?:have )?hacked (?:your|ur)\b")
#: A polite, direct request to be sent something, which a warning cannot negate.
_DIRECT_ASK = re.compile(r"\b(?:can|could|would|will) (?:you|u) (?:please |pls |plz )?"
                         r"(?:send|forward|give|tell|text|read|screenshot) (?:me|it|that)\b")


def _text_lure(s: Signals) -> bool:
    return s.has("credential", "enter", "account_threat", "prize", "money_ask", "urgency", "rich",
                 "takeover", "diversion", "click_bait") or bool(MONEY.search(s.text)) or (
        s.has("prize_weak") and not s.has("prize_school"))


def _links(s: Signals) -> Verdict | None:
    # the domain of an e-mail address ("me at jo@example-nhs.net") is not a link to follow
    mailed = s.text.lower() if "@" in s.text else ""
    strong = [r for r in s.links if r.level == 2 and not (mailed and "@" + _host(r.url) in mailed)]
    if strong:
        return _verdict(0.9, [r.evidence() for r in strong])
    weak = [r for r in s.links if r.level == 1]
    # "Order your blazer at greenfield-uniforms.xyz", "view and pay here: photos.click": money
    # asked for on a throwaway domain
    cheap = [r for r in weak if r.why.startswith("a throwaway")]
    if cheap and not _BUYING.isdisjoint(s.tokset):
        return _verdict(0.8, [r.evidence() for r in cheap])
    # "To release your prize, verify your identity at nsandi-claim.com": an unknown site wants
    # the reader's identity for a prize or a payment
    if not weak and s.has("enter") and s.has("account_threat") and (
            s.has("prize") or MONEY.search(s.text)):
        weak = [r for r in s.links if r.why == "unknown"]
    if weak and _text_lure(s):
        return _verdict(0.8, [r.evidence() for r in weak] + s.ev("credential", "account_threat",
                                                                 "prize", "enter"))
    return None


_BUYING = frozenset({b"pay", b"order", b"buy", b"checkout", b"purchase", b"book", b"donate"})


def _host(url: str) -> str:
    return url.lower().split("://")[-1].split("/")[0].removeprefix("www.")


def _untrusted_link(s: Signals) -> bool:
    return any(r.level or r.why == "unknown" for r in s.links)


def _credentials(s: Signals) -> Verdict | None:
    # "the alarm went off by accident": a slip alone is a code's only with a code
    if s.has("takeover") and (set(s.found.get("takeover")) - _SLIPS or _CODE_WORDS & s.tokset):
        strong = [e for e in s.found.get("takeover") if e in _TAKEOVER_STRONG]
        if strong or s.has("ask") or not _PASS_ON.isdisjoint(s.tokset):
            return _verdict(0.85, s.ev("takeover", "ask"))
    if s.has("diversion") and (s.has("credential") or s.has("money_ask")
                               or not {b"pay", b"send", b"transfer"}.isdisjoint(s.tokset)):
        return _verdict(0.85, s.ev("diversion", "credential"))
    if not s.has("credential", "credential_copy"):
        return None
    never = (set(s.found.get("credential")) | set(s.found.get("credential_copy"))) & _NEVER_ASKED
    # a code someone "needs" may be their own; a card's details nobody needs from others
    hand_over = _PASS_ON if never <= _CODES else _HAND_OVER
    if never and not hand_over.isdisjoint(s.tokset):
        return _verdict(0.85, s.ev("credential", "ask"))
    yours = s.near(_YOUR, _CRED_WORDS, 4) or s.near(b"ur", _CRED_WORDS, 4) \
        or s.near(b"their", _CRED_WORDS, 3) or any(s.near(w, _CRED_WORDS, 4) for w in _YOURS_URDU) \
        or any(s.near(w, _CRED_WORDS, 4) for w in _EVERYONES)
    codes = set(s.found.get("credential")) & _CODES
    if codes and not yours and s.near(b"my", _CRED_WORDS, 2) and _OWN_HELP.search(s.nt.text):
        return None  # "can anyone help me reset my password?": help with one's own account
    if (yours or codes) and _asks(s):
        return _verdict(0.85, s.ev("ask", "credential"))
    if s.has("enter") and s.has("prize", "prize_weak") and b"parentpay" not in s.tokset \
            and set(s.found.get("credential")) & _LURED:
        # "to redeem, enter your online banking details": a log-in wanted for a prize
        return _verdict(0.8, s.ev("enter", "credential", "prize_weak"))
    private = set(s.found.get("ask")) & _PRIVATE_ASK
    if private and not s.has("authority", "prize_school"):
        return _verdict(0.8, s.ev("ask", "credential"))
    if (yours or s.has("enter")) and s.has("enter", "account_threat") and _untrusted_link(s):
        return _verdict(0.85, s.ev("enter", "credential") + [r.evidence() for r in s.links])
    if yours and s.has("account_threat") and s.has("enter"):
        return _verdict(0.75, s.ev("account_threat", "credential"))
    return None


#: Asking for help with one's own log-in ("help me reset my password", "how do I change my PIN").
_OWN_HELP = re.compile(r"\b(?:help me|how do i|how to|can i|where do i|trying to|tried to) "
                       r"(?:reset|change|recover|find|get back|update|set up|unlock) (?:my|the)\b")


#: "You'll need your NI number for the form": telling the reader what a form wants.
_YOU_NEED = re.compile(r"\byou(?:ll| will| would| also)? (?:need|needs) (?:your|ur)\b")


def _asks(s: Signals) -> bool:
    """Whether the message asks the reader to hand something over."""
    asks = set(s.found.get("ask"))
    if asks <= {"need your"} and _YOU_NEED.search(s.nt.text.replace("'", "")):
        return False
    return bool(asks)


def _impersonation(s: Signals) -> Verdict | None:
    hello = s.has("family_hello") or bool(FAMILY_GREETING.search(s.nt.text))
    if hello and any(w in s.nt.text for w in _WRONG_CHAT):
        return None
    # "its me" only says who is speaking: with a greeting, a new phone must be said otherwise.
    said_new = set(s.found.get("new_number")) - {"its me", "it s me", "main hoon", "mein hoon"}
    new_number = bool(said_new) if hello else s.has("new_number")
    # "can u pay something for me today": a payment asked for, with no sum named
    money = s.has("money_ask") or bool(MONEY.search(s.text)) \
        or (new_number and b"pay" in s.tokset and b"for" in s.tokset)
    urgent = s.has("urgency")
    # "today" or "quickly" alone is not the urgency of a stranger in trouble
    urgent_hello = bool(set(s.found.get("urgency")) - {"today", "tonight", "quickly"})
    if hello and (new_number or money or urgent_hello):
        return _verdict(0.9, s.ev("family_hello", "new_number", "money_ask", "urgency"))
    if new_number and money and (urgent or s.has("ask", "credential", "card_trouble")
                                 or not _NEW_NUMBER_ASK.isdisjoint(s.tokset)):
        return _verdict(0.85, s.ev("new_number", "money_ask", "urgency"))
    if new_number and money and urgent:
        return _verdict(0.8, s.ev("new_number", "money_ask", "urgency"))
    if said_new and s.has("own_account") and (s.has("ask", "enter") or _PAY_WORDS & s.tokset):
        # "new treasurer here, old phone lost: send the fee to my personal Monzo"
        return _verdict(0.85, s.ev("new_number", "own_account", "ask"))
    return None


#: What a "new number" wants that a parent saving their number does not.
_NEW_NUMBER_ASK = frozenset({b"transfer", b"account"})


def _harvest(s: Signals) -> Verdict | None:
    """Someone collecting children's data for themselves ("for the register")."""
    if not (s.has("ask") and s.has("child_data") and s.has("children", "everyone")):
        return None
    claims = s.has("authority", "record", "enter")
    if s.has("child_data_sensitive") and claims:
        return _verdict(0.8, s.ev("authority", "record", "child_data_sensitive", "ask"))
    if s.has("authority") and s.has("record") and s.has("everyone"):
        return _verdict(0.7, s.ev("authority", "record", "child_data", "ask"))
    return None


#: A fee to receive a prize ("just pay £2.99 postage to claim it"): no raffle charges one.
_CLAIM_FEE = re.compile(r"\bpay(?:ing)?(?: just| only)?(?: the| a)? ?(?:£ ?\d[\d.]*|\d+p) ?"
                        r"(?:postage|shipping|delivery|p&p|admin|release|handling)\b")


#: Something "ready" or "free" for only the postage ("only £2.99 postage, enter card at ...").
_POSTAGE_ONLY = re.compile(r"\b(?:only|just) £ ?\d[\d.]* ?(?:for )?(?:postage|p&p|shipping|delivery)\b")


def _prize(s: Signals) -> Verdict | None:
    if s.links and s.has("card_entry") and _POSTAGE_ONLY.search(s.text.lower()):
        return _verdict(0.8, s.ev("card_entry") + [r.evidence() for r in s.links])
    if s.has("prize") and _CLAIM_FEE.search(s.text.lower()):
        return _verdict(0.85, s.ev("prize", "prize_weak"))  # even "in our school raffle"
    if s.has("prize_school"):
        return None
    if s.has("prize") and s.has("rich_weak"):  # "bitcoin giveaway": send some, get more back
        return _verdict(0.85, s.ev("prize", "rich_weak"))
    if s.has("prize") and set(s.found.get("prize")) <= _GIVING and not MONEY.search(s.text):
        return None  # "the library is giving every child a book": a gift, unless it costs
    if not s.has("prize"):
        # "Win a family holiday, share with 15 groups": bait without the usual prize words.
        if s.has("prize_weak") and set(s.found.get("share_bait")) & _SPREAD_BAIT:
            return _verdict(0.8, s.ev("prize_weak", "share_bait"))
        return None
    bait = s.has("share_bait")
    if bait or _untrusted_link(s):
        return _verdict(0.85, s.ev("prize", "share_bait") + [r.evidence() for r in s.links])
    score = 2 * len(s.found.get("prize")) + len(s.found.get("prize_weak")) \
        + (1 if MONEY.search(s.text) else 0)
    if score >= 5:
        return _verdict(0.75, s.ev("prize", "prize_weak"))
    return None


#: A gift to every family: bait only when a fee is asked for it.
_GIVING = frozenset({"is giving every"})


def _get_rich(s: Signals) -> Verdict | None:
    if s.has("rich"):
        return _verdict(0.85, s.ev("rich", "rich_weak"))
    earnings = EARNINGS.search(s.text) if "£" in s.text else None
    # "earn £100 a day, just pay £20 for the starter pack": a contact, or a fee to start
    if earnings and (s.has("join", "ask", "advance", "upfront_fee") or s.links):
        return _verdict(0.8, [Evidence("earnings", earnings.group(0), *earnings.span(),
                                       "an earnings claim"), *s.ev("join", "ask")])
    if not s.has("rich_weak"):
        return None
    money = bool(MONEY.search(s.text))
    gain = s.has("rich_gain") or money
    contact = s.has("join", "ask") or bool(s.links)
    if gain and contact:
        return _verdict(0.8, s.ev("rich_weak", "rich_gain", "join"))
    if len(s.found.get("rich_weak")) >= 2 and money:
        return _verdict(0.75, s.ev("rich_weak"))
    if s.has("rich_gain") and len(MONEY.findall(s.text)) >= 2:
        return _verdict(0.75, s.ev("rich_weak", "rich_gain"))  # "put in £100, have £1000"
    return None


_EXAM_GOODS = frozenset({b"paper", b"papers", b"answers", b"questions"})
_REVISION = frozenset({b"revision", b"practice", b"past", b"guide", b"guides", b"workbook",
                       b"workbooks", b"book", b"books", b"cgp", b"bond", b"tutor", b"tutoring",
                       b"tuition", b"free", b"official"})


def _exam(s: Signals) -> Verdict | None:
    if s.has("exam") and s.has("exam_leak") and (
            s.has("sale", "ask", "join") or MONEY.search(s.text)):
        return _verdict(0.85, s.ev("exam", "exam_leak", "sale"))
    # Exam papers sold privately ("GCSE papers, £40 each, dm me"): never the school's way.
    private = (set(s.found.get("ask")) | set(s.found.get("sale"))) & _PRIVATE_ASK \
        or not {b"dm", b"pm", b"inbox"}.isdisjoint(s.tokset)
    if s.has("exam") and b"papers" in s.tokset and MONEY.search(s.text) and private \
            and not s.has("office", "prize_school"):
        return _verdict(0.8, s.ev("exam", "sale", "ask"))
    # An exam's paper or answers sold privately, whatever it is called; revision books are not.
    if s.has("exam") and not _EXAM_GOODS.isdisjoint(s.tokset) and _REVISION.isdisjoint(s.tokset) \
            and (s.has("sale") or MONEY.search(s.text)) and (private or b"telegram" in s.tokset) \
            and not s.has("office", "prize_school"):
        return _verdict(0.8, s.ev("exam", "sale", "ask"))
    return None


#: Identity documents nobody collects privately: the school copies them at the office.
_DOCUMENTS = ("birth certificate", "passport", "driving licence", "photo id", "id card")
#: A private way to hand something over ("to my personal number", "mainu WhatsApp karo").
_PRIVATELY = ("privately", "personal number", "my number", "my personal", "not the school",
              "mainu", "mujhe", "dm me", "pm me", "inbox me", "whatsapp me", "message me",
              "text me", "to me directly", "my private", "whatsapp karo", "bhejo mainu",
              "my gmail", "my hotmail", "my yahoo", "my outlook", "not the school one")


#: Sent to a mobile number ("text a photo of it to 07700 ..."): a person's, not the school's.
_TO_MOBILE = re.compile(r"\bto (?:\+44 ?|0)7\d\d\d")


def _documents(s: Signals) -> Verdict | None:
    """Photos of passports or birth certificates collected privately, "for the school"."""
    low = s.nt.text
    if not any(d in low for d in _DOCUMENTS) or not (any(p in low for p in _PRIVATELY)
                                                     or _TO_MOBILE.search(low)
                                                     or any(r.level for r in s.links)):
        return None
    if not ({b"photo", b"photos", b"picture", b"pictures", b"copy", b"copies", b"scan", b"scans",
             b"email", b"upload",
             b"send", b"bhejo"} & s.tokset):
        return None
    return _verdict(0.8, s.ev("child_data", "authority", "ask"))


def _gift_cards(s: Signals) -> Verdict | None:
    """"Could you buy some Amazon gift cards for me? text me the codes": never a real ask."""
    if not s.has("gift_card"):
        return None
    toks = s.tokset
    if not _CODE_WORDS.isdisjoint(toks) and not _PASS_ON.isdisjoint(toks):
        return _verdict(0.8, s.ev("gift_card", "ask"))  # "send me a gift card code each"
    low = s.nt.text
    if _GIFT_BUY.isdisjoint(toks) or not (any(p in low for p in _GIFT_PAYOFF)
                                          or s.has("new_number")):
        return None
    return _verdict(0.8, s.ev("gift_card", "new_number", "urgency"))


def _fixer(s: Signals) -> Verdict | None:
    """A fee for an approval that cannot be bought (school places, meals, badges)."""
    if not s.has("fixer") or not (s.has("ask", "join") or MONEY.search(s.text)):
        return None
    return _verdict(0.75, s.ev("fixer", "ask", "join"))


def _pitch(s: Signals) -> Verdict | None:
    """"Make £££ from your phone, message me": money, how it is made, and a contact."""
    low = s.nt.text
    if not (s.has("pitch") or _PITCH_MONEY.search(low)) or not any(p in low for p in _PITCH_HOW):
        return None
    if not s.has("join") or s.has("office"):
        return None
    return _verdict(0.75, s.ev("pitch", "rich_gain", "join"))


def _mule(s: Signals) -> Verdict | None:
    """Money passed through someone's account for a cut: a money mule."""
    if not s.has("mule"):
        return None
    return _verdict(0.8, s.ev("mule", "ask", "join"))


def _favour(s: Signals) -> Verdict | None:
    """"My card got declined, can you pay this and I'll give you the cash": a hijacked friend."""
    if not s.has("card_trouble") or not s.has("repay"):
        return None
    if not (s.has("money_ask") or MONEY.search(s.text) or b"pay" in s.tokset
            or b"lend" in s.tokset):
        return None
    return _verdict(0.75, s.ev("urgency", "repay", "money_ask"))


#: Ways to pay first that need no price beside them: a seller who takes only a transfer.
_UNPRICED = frozenset({"friends and family", "friends and family only", "paypal friends and family",
                       "can only do bank transfer", "only do bank transfer", "pay first via",
                       "bank transfer only", "only bank transfer", "pay full amount first",
                       "full amount first", "pay in full first", "full payment first"})


def _advance(s: Signals) -> Verdict | None:
    """Money first, the goods "by courier" later: the puppy, tickets and furniture scams."""
    if not s.has("advance"):
        return None
    advance = set(s.found.get("advance"))
    if not MONEY.search(s.text) and not advance & _UNPRICED:
        return None  # (tickets "after payment, friends and family only": no price needed)
    if {b"deposit", b"transfer", b"upfront", b"courier", b"fee", b"first", b"secure",
            b"only", b"advance", b"account", b"directly", b"direct"}.isdisjoint(s.tokset):
        return None
    if _issuers_way(s):
        return None  # "pay in advance on ParentPay", "on the club website": the payee's own way
    if any(c in s.nt.text for c in _ON_COLLECTION) and _SENT_FIRST.isdisjoint(s.tokset):
        return None  # "£30, cash or transfer on collection": nothing is paid before the handover
    if advance <= _STRAIGHT_TO_THEM and (b"transfer" not in s.tokset
                                         or any(c in s.nt.text for c in _ON_COLLECTION)):
        return None  # "£40, cash or by bank transfer on collection": paid when it is handed over
    return _verdict(0.75, s.ev("advance", "money_ask"))


#: Paid straight to the seller or a relative of theirs ("pay him directly by bank transfer"): a
#: scam's way only when the money goes first, before anything is handed over.
_STRAIGHT_TO_THEM = frozenset({
    "by bank transfer", "bank transfer to her", "bank transfer to him", "pay him direct",
    "pay her direct", "pay him directly", "pay her directly", "to her directly", "to him directly",
    "transfer and ill"})
#: Money that goes before the goods.
_SENT_FIRST = frozenset({b"deposit", b"upfront", b"first", b"advance", b"before",
                         b"post", b"posted", b"email"})
_ON_COLLECTION = ("on collection", "when you collect", "when collecting", "collection only",
                  "on pick up", "on pickup", "when you pick", "in person")


def _appeal(s: Signals) -> Verdict | None:
    """A collection paid into someone's own account or PayPal ("send anything to my account")."""
    if not s.has("appeal"):
        return None
    # "(not on GoFundMe because they take fees)": the site named only to say it is not used
    if not {b"justgiving", b"gofundme", b"official"}.isdisjoint(s.tokset) \
            and _NOT_ON_SITE.search(s.nt.text) is None:
        return None
    digits = _ACCOUNT_DIGITS.search(s.text) or _bank_digits(s.text)
    # "on behalf of the imam": a claim of standing, not a source, beside a private account
    if s.has("official") and not (digits and set(s.found.get("official")) <= {"on behalf of"}):
        return None
    own = s.has("own_account") or "paypal.me/" in s.text.lower() or digits
    if not own or {b"send", b"transfer", b"pay", b"donate", b"donations", b"collecting",
                   b"bhej", b"bhejo", b"bhejein", b"bhejdo"}.isdisjoint(s.tokset):
        return None
    return _verdict(0.75, s.ev("appeal", "own_account"))


_NOT_ON_SITE = re.compile(r"\b(?:not on|not through|not via|not using|instead of) "
                          r"(?:gofundme|justgiving)\b")
#: A sort code and an account number written out.
_ACCOUNT_DIGITS = re.compile(r"(?<![\d-])\d\d[- ]?\d\d[- ]?\d\d[ /,]{1,3}\d{8}(?!\d)")
#: A sort code and an account number apart ("acc 23817450 sort 30-99-54"), each on its own.
_SORT = re.compile(r"(?<![\d-])\d\d-\d\d-\d\d(?![\d-])")
_ACCOUNT = re.compile(r"(?<![\d-])\d{8}(?![\d-])")


def _bank_digits(text: str) -> bool:
    return _SORT.search(text) is not None and _ACCOUNT.search(text) is not None


def _call_back(s: Signals) -> Verdict | None:
    """A bank's or a service's "alert" that wants a call back, card at hand."""
    if not s.has("call_back"):
        # "If this wasn't you, call 0800 ...": a number to ring beside the alert
        if s.has("not_you") and not {b"call", b"ring"}.isdisjoint(s.tokset) \
                and PHONE.search(s.text):
            return _verdict(0.75, s.ev("not_you", "account_threat"))
        return None
    if not s.has("account_threat", "credential"):
        return None
    return _verdict(0.75, s.ev("account_threat", "call_back"))


def _urgent_transfer(s: Signals) -> Verdict | None:
    """"Please transfer £75 to 40-47-88 11119999 today": an account, money and a rush."""
    if not _ACCOUNT_DIGITS.search(s.text) or {b"transfer", b"pay", b"send"}.isdisjoint(s.tokset):
        return None
    # a rush, or someone "at the hospital" or unreachable ("her phone is off")
    if not (set(s.found.get("urgency")) - {"favour", "favor"}) and not s.has("card_trouble"):
        return None
    return _verdict(0.75, s.ev("urgency", "money_ask"))


def _wire(s: Signals) -> Verdict | None:
    """"Stuck at the airport, can you send £400 by Western Union": money nobody can recall,
    for someone in trouble."""
    if not s.has("wire") or not (s.has("urgency", "card_trouble")):
        return None
    if not (MONEY.search(s.text) or s.has("money_ask", "ask")):
        return None
    return _verdict(0.8, s.ev("wire", "urgency", "card_trouble"))


_FIX_WORDS = frozenset({b"virus", b"hacked", b"fix", b"code", b"infected", b"broken"})


def _remote(s: Signals) -> Verdict | None:
    """A stranger wanting remote control of a computer ("download AnyDesk, read me the code")."""
    if not s.has("remote") or (not s.has("ask") and _FIX_WORDS.isdisjoint(s.tokset)):
        return None
    return _verdict(0.8, s.ev("remote", "ask"))


#: What a payment by a scanned code is threatened with ("or you'll get a ticket").
_PENALTY = frozenset({b"fine", b"fined", b"penalty", b"clamped", b"towed", b"pcn", b"ticket",
                      b"arrears", b"overdue", b"unpaid"})
_QR_THREAT = re.compile(r"\bor (?:your|you|he|she|they)(?:ll| will)?(?: child| son| daughter| kids?)?"
                        r" (?:wont|will not|cant|cannot|will lose|lose|miss|be)\b")


def _qr_pay(s: Signals) -> Verdict | None:
    """"Pay for parking by scanning the QR code on the sign, or a £100 fine": a code stuck
    over a real one, whose payee nobody can check."""
    if s.has("qr_pay") and s.has("steered"):
        return _verdict(0.8, s.ev("qr_pay", "steered"))  # "scan it, quicker than ParentPay"
    if not s.has("qr_pay") or b"parentpay" in s.tokset:
        return None
    if s.has("enter") and s.has("credential"):
        return _verdict(0.8, s.ev("qr_pay", "enter"))  # "scan the QR I'll send, enter card details"
    # a fine, or a child left without ("or your child won't get a meal")
    if _PENALTY.isdisjoint(s.tokset) and _QR_THREAT.search(s.nt.text.replace("'", "")) is None:
        return None
    if not (MONEY.search(s.text) or b"pay" in s.tokset):
        return None
    return _verdict(0.75, s.ev("qr_pay"))


def _extortion(s: Signals) -> Verdict | None:
    """Pay, or lose a place or have pictures shared: a threat for money."""
    if not s.has("extortion"):
        return None
    if not (MONEY.search(s.text) or s.has("gift_card", "money_ask")
            or not {b"vouchers", b"pay", b"paid", b"fee"}.isdisjoint(s.tokset)):
        return None
    return _verdict(0.8, s.ev("extortion", "gift_card"))


#: Ways of paying or handing over that go straight to the poster.
_HANDED = frozenset({b"send", b"transfer", b"pay", b"paid", b"dm", b"pm", b"inbox", b"whatsapp",
                     b"payment", b"deposit", b"bhejo", b"bhej", b"email", b"message"})
#: The payee's or the issuer's own way, which a real offer or sale names ("book on the DVSA
#: site", "pay at the office"), not the one a scammer says is broken.
_ISSUERS_WAY = re.compile(r"\b(?:pay|paid|paying|apply|applied|book|booked|buy|bought|register"
                          r"|donate|order)\b[^.!?\n]{0,30}?\b(?:on|through|via|at|from) "
                          r"(?:the |their )?(?:[a-z]+ )?(?:website|site|office|reception|app)\b"
                          r"|\bparentpay\b|\bgov\.uk\b")


def _issuers_way(s: Signals) -> bool:
    return _ISSUERS_WAY.search(s.nt.text) is not None


def _fee_first(s: Signals) -> Verdict | None:
    """A job, loan, trial place, modelling work or a match that needs a fee paid first
    ("£75 for your pass and DBS upfront, refundable after the first month")."""
    if not s.has("upfront_fee") or not s.has("fee_offer") or not MONEY.search(s.text):
        return None
    if _issuers_way(s):
        return None  # the club's own fee, paid on its website
    return _verdict(0.8, s.ev("fee_offer", "upfront_fee"))


def _resale(s: Signals) -> Verdict | None:
    """Driving-test slots, bus passes or visas sold on by a stranger, paid to them."""
    if not s.has("resale") or not MONEY.search(s.text) or _HANDED.isdisjoint(s.tokset):
        return None
    if _issuers_way(s):
        return None
    return _verdict(0.75, s.ev("resale", "money_ask"))


def _papers(s: Signals) -> Verdict | None:
    """A passport scan, a selfie or a licence number sent with money, to a stranger."""
    low = s.nt.text
    if not (s.has("papers") or any(d in low for d in _DOCUMENTS)) or not MONEY.search(s.text):
        return None
    if not {b"send", b"bhejo", b"whatsapp", b"email", b"dm"} & s.tokset:
        return None
    if _issuers_way(s) or s.has("official"):
        return None
    if not (s.has("fee_offer", "upfront_fee", "resale", "advance", "money_ask", "rich_gain")
            or not _FEE.isdisjoint(s.tokset)):
        return None
    return _verdict(0.75, s.ev("papers", "child_data", "money_ask"))


def _romance(s: Signals) -> Verdict | None:
    """A stranger's warm opening that turns to money or crypto ("I'd love to get to know
    you but my bank is frozen")."""
    if not s.has("romance"):
        return None
    if not (s.has("romance_ask", "card_trouble", "rich_weak", "rich", "money_ask", "wire")
            or MONEY.search(s.text)):
        return None
    return _verdict(0.75, s.ev("romance", "romance_ask", "card_trouble", "rich_weak"))


_PHOTO_WORDS = frozenset({b"photo", b"photos", b"pic", b"pics", b"picture", b"pictures",
                          b"video", b"videos", b"selfie", b"selfies", b"pix"})


def _child_photos(s: Signals) -> Verdict | None:
    """Photos of a child in swimwear or the bath, asked for: nobody outside a family does."""
    if not s.has("intimate") or not s.has("children", "kids") or _PHOTO_WORDS.isdisjoint(s.tokset):
        return None
    if not (s.has("ask") or any(p in s.nt.text for p in _PRIVATELY)):
        return None
    return _verdict(0.8, s.ev("intimate", "ask", "children"))


_APPEAL_BRANDS = ("gofund", "justgiving", "donate", "fundrais", "appeal", "charity")
#: Named like a fund ("...-playgroundfund.com"): a collection's link only beside an appeal.
_FUND_NAMES = ("fund",)
#: The fundraising sites themselves (their names hold the words above).
_FUNDRAISING_SITES = ("gofundme.com", "gofund.me", "justgiving.com", "charitycommission.gov.uk",
                      "launchgood.com", "donate.islamic-relief.org.uk")


def _appeal_link(s: Signals) -> Verdict | None:
    """A collection paid through a link that is not the fundraising site it names."""
    # the link's own name says it collects ("gofund-...", "...donate-fast.co"), or a short
    # link hides where the collection goes
    risky = [r for r in s.links if (r.level or r.why == "unknown") and (
        ((any(b in _host(r.url) for b in _APPEAL_BRANDS)
          or (s.has("appeal") and any(b in _host(r.url) for b in _FUND_NAMES)))
         and not any(_host(r.url).endswith(d) for d in _FUNDRAISING_SITES))
        or (r.level and r.why.startswith("a short link") and s.has("appeal")))]
    if not risky:
        return None
    return _verdict(0.8, [r.evidence() for r in risky] + s.ev("appeal"))


def _overpaid(s: Signals) -> Verdict | None:
    """"I paid £200 extra by mistake, refund it to my cousin's account": the extra never came."""
    if not s.has("overpaid") or not (MONEY.search(s.text) or s.has("money_ask")):
        return None
    if _issuers_way(s):
        return None  # "I overpaid on ParentPay, the office will refund it"
    return _verdict(0.75, s.ev("overpaid", "money_ask"))


#: Fees for nothing (a verification, a redelivery), paid on a site nobody knows.
_PHANTOM_FEES = frozenset({"verification fee", "delivery fee", "shipping fee", "postage fee",
                           "redelivery fee", "admin fee", "processing fee", "activation fee",
                           "release fee", "handling fee", "clearance fee"})


def _fee_link(s: Signals) -> Verdict | None:
    """"Re-register and pay a £2 verification fee here: fsm-register.uk"."""
    fees = set(s.found.get("upfront_fee")) & _PHANTOM_FEES
    if not fees or not _untrusted_link(s):
        return None
    return _verdict(0.75, s.ev("upfront_fee") + [r.evidence() for r in s.links])



# -- round ten (fresh_r24-r27) -------------------------------------------------------------

#: Handing a code over, said to the poster ("tell me what it says", "message back the 6 numbers").
#: ("text" is left out: the code itself is texted; "text me" is read from the ask list.)
_RELAY_BACK = (_PASS_ON - {b"text"}) | {b"message", b"tell", b"reply", b"read", b"say", b"says"}
#: The number and the code together: what a take-over needs, whoever it is given to.
_NUMBER_AND_CODE = frozenset({"number and the code", "number and code",
                              "number and the login code"})


def _code_relay(s: Signals) -> Verdict | None:
    """"I'll send a code to your phone, just tell me what it says", "reply with the 6 numbers
    we text you": a code that is about to arrive, wanted back by whoever is asking."""
    relay = set(s.found.get("code_relay"))
    if not relay:
        return None
    if not (relay & _NUMBER_AND_CODE or not _RELAY_BACK.isdisjoint(s.tokset)
            or "text me" in s.found.get("ask")):
        return None  # "the app texts you a code, enter it to log in": one's own code
    return _verdict(0.85, s.ev("code_relay", "ask"))


#: Calling the number an alert gives, or being called by it.
_CALL_WORDS = frozenset({b"call", b"ring", b"phone", b"contact"})
#: "We'll call to verify your card", "reply YES to cancel": the alert's own way back in.
_CALLED_BACK = re.compile(r"\b(?:well|we will|we ll) (?:call|ring|phone)\b|\breply yes\b")
#: The school's or a club's own reminder names its office ("call the office on ...").
_OWN_OFFICE = frozenset({b"school", b"office", b"reception", b"parentpay", b"club", b"nursery"})


def _charge_call(s: Signals) -> Verdict | None:
    """"You have been charged £499, if you did not authorise this call 020 ...", "you owe £1,840,
    call us today to avoid court action": a charge nobody made, and a number to ring about it."""
    if not s.has("charge_alert") or not _OWN_OFFICE.isdisjoint(s.tokset):
        return None
    low = s.nt.text.replace("'", "")
    rung = (not _CALL_WORDS.isdisjoint(s.tokset) and PHONE.search(s.text) is not None) \
        or _CALLED_BACK.search(low) is not None
    if not rung or not (MONEY.search(s.text) or s.has("credential", "urgency")):
        return None
    return _verdict(0.75, s.ev("charge_alert", "urgency", "credential"))


#: A cut for the one who passes the money on ("you keep £300", "you will receive 30%").
_CUT = re.compile(r"\b(?:you keep|keep|you get|youll get|you will get|you will receive|youll "
                  r"receive|ill give you|i will give you|ill pay you)\b[^.!?\n]{0,25}?"
                  r"(?:£ ?\d|\d{1,3} ?%|\d{1,3} percent)|\bfor helping\b|\bcommission\b"
                  r"|£ ?\d{1,4} (?:per|a) (?:parcel|package|transfer|week)\b")
#: What is passed on: money, or goods bought with stolen cards.
_RELAYED_GOODS = frozenset({b"account", b"bank", b"transfer", b"transfers", b"payment",
                            b"payments", b"funds", b"cheque", b"money", b"parcel", b"parcels",
                            b"packages", b"package"})


def _relayed(s: Signals) -> Verdict | None:
    """"Receive £2k into your account and send it on, you keep £200", "you receive parcels
    and post them to our clients abroad, £40 per parcel": a money or parcel mule."""
    if not s.has("relayed") or _RELAYED_GOODS.isdisjoint(s.tokset):
        return None
    if _CUT.search(s.text.lower().replace("'", "")) is None:
        return None  # "your parcel came to us, I'll send it on": a neighbour's kindness
    return _verdict(0.8, s.ev("relayed", "money_ask"))


_CRYPTO = frozenset({"bitcoin", "btc", "crypto", "cryptocurrency", "usdt", "ethereum", "eth"})


def _crypto_threat(s: Signals) -> Verdict | None:
    """"Send £900 in Bitcoin to the address below or I will send the video to everyone": a
    threat, and a payment nobody can trace or take back."""
    if not s.has("crypto_threat"):
        return None
    if not (set(s.found.get("rich_weak")) & _CRYPTO or set(s.found.get("romance_ask")) & _CRYPTO):
        return None
    if not (MONEY.search(s.text) or {b"send", b"pay"} & s.tokset):
        return None
    return _verdict(0.85, s.ev("crypto_threat", "rich_weak"))


#: Being paid oneself: a payer steered to the poster ("pay me direct", "the coach's own account").
_TO_SELF = frozenset({"pay me direct", "own account", "coachs own account", "coaches own account",
                      "own account for now", "paid directly to me", "directly to me"})


def _steered_to_self(s: Signals) -> Verdict | None:
    """A payment steered away from the payee's own way to the poster, with the number or the
    account to pay ("don't pay through the club site, pay me direct: 07700 ...")."""
    steered = set(s.found.get("steered"))
    if not steered:
        return None
    to_self = steered & _TO_SELF or s.has("own_account") or "pay me" in s.found.get("money_ask")
    if not to_self or not (steered - _TO_SELF):
        return None  # steered away, or paid to someone: one of them alone is not the scam
    if not (_ACCOUNT_DIGITS.search(s.text) or _bank_digits(s.text) or PHONE.search(s.text)
            or "privately" in s.nt.text or b"transfer" in s.tokset):
        return None  # "don't pay anyone's own account, only the club's": a warning
    return _verdict(0.85, s.ev("steered", "own_account", "money_ask"))


_PAY_WORDS = frozenset({b"pay", b"paid", b"payable", b"payment", b"payments", b"fee", b"fees",
                        b"send", b"transfer", b"donate", b"collection", b"money"})


def _steered_payment(s: Signals) -> Verdict | None:
    """"Lesson fees need to go to this account for now: 60-14-22 ...", "now payable through our
    new booking site: ...": payments moved to an account or a site nobody can check."""
    if not s.has("steered") or _PAY_WORDS.isdisjoint(s.tokset):
        return None
    digits = _ACCOUNT_DIGITS.search(s.text) or _bank_digits(s.text)
    if not (digits or any(r.level for r in s.links) or s.has("own_account")):
        return None
    return _verdict(0.8, s.ev("steered", "own_account") + [r.evidence() for r in s.links])


#: What is collected: a card and its PIN, or cash drawn out for the "officer" (not a buyer's
#: cash for a cot, paid on collection).
_DOORSTEP_GOODS = frozenset({b"card", b"cards", b"pin", b"withdraw", b"withdrawn"})


def _doorstep(s: Signals) -> Verdict | None:
    """"We're sending a courier to collect your card, PIN on a note", "withdraw £3,000 and an
    officer will collect it from your house": no bank or police force collects at the door."""
    if not s.has("doorstep") or _DOORSTEP_GOODS.isdisjoint(s.tokset):
        return None
    return _verdict(0.85, s.ev("doorstep", "credential"))


_FAVOUR = frozenset({"quick favour", "favour", "favor", "do me a favour", "do me a favor"})
#: A favour not named as one ("can you help me with something urgent?").
_UNNAMED_FAVOUR = ("help me with something", "something urgent", "something for me")
#: Who the favour-asker says they are: a head or a teacher, whose gift-card ask follows.
_SCHOOL_STAFF = frozenset({b"headteacher", b"head", b"principal", b"deputy", b"bursar",
                           b"teacher", b"headmaster", b"headmistress", b"governors", b"governor"})


#: A favour kept quiet ("do something for me discreetly"): asked for without the word "favour".
_QUIET_ASK = frozenset({"discreetly", "keep this between us", "keep it between us",
                        "reply to this number only", "only on this number"})


#: "Mrs Okafor here from school": a member of staff by their own account.
_FROM_SCHOOL = re.compile(r"\b(?:mrs|mr|miss|ms) [a-z]{2,20},? (?:here )?from (?:the )?school\b")


def _busy_favour(s: Signals) -> Verdict | None:
    """"Are you free at the moment? I need a quick favour, I'm in a meeting and can't talk.
    Mrs Lockwood (Headteacher)": the opening of the staff gift-card ask, with no link."""
    busy = set(s.found.get("busy_favour"))
    if not busy or not (set(s.found.get("urgency")) & _FAVOUR or busy & _QUIET_ASK
                        or any(f in s.nt.text for f in _UNNAMED_FAVOUR)):
        return None
    if _SCHOOL_STAFF.isdisjoint(s.tokset) and not _FROM_SCHOOL.search(s.nt.text):
        return None  # a parent stuck at work asking a friend to do the pick-up
    return _verdict(0.8, s.ev("busy_favour", "urgency", "staff"))


def _wrong_payment(s: Signals) -> Verdict | None:
    """"I paid £250 into the wrong account, please send it back to 04-00-75 19283746": the
    money never came, and "back" is to an account of the asker's choosing."""
    if not s.has("wrong_payment") or b"back" not in s.tokset:
        return None
    if not (_ACCOUNT_DIGITS.search(s.text) or _bank_digits(s.text)):
        return None  # "I paid the wrong person for the cake sale, could they let me know?"
    return _verdict(0.8, s.ev("wrong_payment", "ask"))


def _part_first(s: Signals) -> Verdict | None:
    """"Half payment upfront by bank transfer, the rest on delivery", "pay half now": goods
    paid for before anyone has seen them."""
    if not s.has("part_first") or any(c in s.nt.text for c in _ON_COLLECTION):
        return None  # "£40, half now to hold it, the rest when you collect"
    if _issuers_way(s) or not ({b"transfer", b"pay", b"payment", b"deposit"} & s.tokset):
        return None
    return _verdict(0.75, s.ev("part_first", "advance", "money_ask"))


#: What makes a photo of a child a profile of them: their name, school, address, age.
_PROFILE_WORDS = (("full name", "their name", "name"), ("school",), ("address",),
                  ("age", "dob", "date of birth"))
_SEND_ASK = frozenset({"send me", "please send", "could you send", "can you send", "send your",
                       "can u send", "pls send", "plz send", "send each"})


def _child_profile(s: Signals) -> Verdict | None:
    """"Send me a photo of your child with their full name and school": a stranger (a "new
    teacher", a "Scout leader", a free portrait) building a child's profile."""
    if _PHOTO_WORDS.isdisjoint(s.tokset) or not s.has("children", "kids"):
        return None
    asked = set(s.found.get("ask")) & _SEND_ASK or b"send" in s.tokset
    if not asked or any(p in s.nt.text for p in _CLASS_CHANNELS):
        return None
    low = s.nt.text
    facts = sum(any(w in low for w in kind) for kind in _PROFILE_WORDS)
    private = any(p in low for p in _PRIVATELY) or b"personal" in s.tokset
    if facts >= 3 or ("full name" in low and (facts >= 2 or private)):
        return _verdict(0.8, s.ev("child_data", "ask", "children"))
    return None


#: The school's own ways to share a photo ("to the class email", "on Class Dojo").
_CLASS_CHANNELS = ("class email", "class dojo", "classdojo", "tapestry", "seesaw", "the office",
                   "school email", "parentmail", "evidence me")


def _claimed_errand(s: Signals) -> Verdict | None:
    """"The school has asked me to collect £5 from each family, send to my Monzo": the school
    collects through its own account, never a parent's."""
    if not s.has("errand"):
        return None
    mine = [a for a in s.found.get("own_account")
            if a.startswith(("my ", "personal", "paypal friends", "by paypal"))]
    if not mine or not (MONEY.search(s.text) or _PAY_WORDS & s.tokset):
        return None
    return _verdict(0.8, s.ev("errand", "own_account"))


def _third_party(s: Signals) -> Verdict | None:
    """"Mum I'm in trouble, I need £450 today, can you transfer it to my friend's account?":
    money for someone in a rush, paid to a stranger's account."""
    if not s.has("third_party_account") or not (MONEY.search(s.text) or s.has("money_ask")):
        return None
    family = bool(_FAMILY_FIRST.match(s.nt.text)) or s.has("family_hello", "new_number")
    if not family or not (s.has("urgency", "card_trouble") or b"trouble" in s.tokset):
        return None  # "pay the cake money to her account": a parent's errand, no rush
    return _verdict(0.8, s.ev("third_party_account", "urgency", "money_ask"))


#: A message that opens by addressing a parent ("Mum I'm in trouble", "dad can you").
_FAMILY_FIRST = re.compile(r"(?:hi |hey |hiya )?(?:mum+|mom+|mummy|mam|dad+|daddy|ammi|abbu|papa)"
                           r"\b(?! and\b|s\b)")
#: A return promised as a share of the money ("20% profit every month", "5% daily returns").
_PERCENT_RETURN = re.compile(r"\d{1,3} ?%(?: ?(?:profit|profits|returns?|interest|roi))?"
                             r"(?: (?:every|a|per|each))? ?(?:day|daily|week|weekly|month|monthly)\b"
                             r"|\d{1,3} ?% (?:profit|profits|returns?|roi)\b")


def _percent_returns(s: Signals) -> Verdict | None:
    """"Invest in our gold scheme, 20% profit every month guaranteed": a return no honest
    investment promises."""
    if not s.has("rich_weak") or _PERCENT_RETURN.search(s.text.lower()) is None:
        return None
    return _verdict(0.8, s.ev("rich_weak", "rich_gain"))


#: Paid to the poster themselves ("pay to me direct").
_TO_POSTER = ("pay to me", "pay me direct", "to me direct", "pay me directly", "to me directly",
              "to my account", "my own account")


def _kept_from_organisers(s: Signals) -> Verdict | None:
    """"Raffle tickets £10, pay to me direct, the committee don't know yet": money for a cause,
    paid to the poster, kept from those who run it."""
    if not s.has("kept_from_organisers") or not any(p in s.nt.text for p in _TO_POSTER):
        return None
    if not (MONEY.search(s.text) or s.has("money_ask", "sale")):
        return None
    return _verdict(0.8, s.ev("kept_from_organisers", "sale", "money_ask"))
