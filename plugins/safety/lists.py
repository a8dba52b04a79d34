"""Word and phrase lists for the safety rules, looked up together in one pass per message.

Entries are matched on whole words of normalised text (`civility.detectors.wordlist`), so
spelling tricks (``s0rt c0de``, ``ｐａｓｓｗｏｒｄ``) are undone first and apostrophes do not
matter (``it's`` = ``its``). Each list is a kind of signal; the rules combine them, so no one
word decides anything on its own.
"""

from __future__ import annotations

from civility.detectors.wordlist import Lexicon

# -- scams ---------------------------------------------------------------------------------

#: Things a scammer asks for.
CREDENTIAL = (
    "including the expiry", "and expiry", "the expiry", "card used", "card you used",
    "email and password", "copy of your passport", "passport photo",
    "bank statement", "bank statements", "copy of your id",
    "code we just texted", "code we texted", "code we just sent", "code you receive",
    "code you received", "code you get", "code via sms", "code by sms", "sms code",
    "sort code", "account number", "acc number", "account no", "bank details", "bank info",
    "bank account details", "banking details", "card number", "card details", "card no",
    "long number", "16 digit number", "16 digits", "cvv", "cvc", "security code", "expiry date",
    "pin", "pin number", "pin code", "password", "passwords", "passcode", "login", "logins",
    "log in details", "login details", "log in", "sign in details", "username and password",
    "one time code", "one time passcode", "one time password", "otp", "verification code",
    "6 digit code", "six digit code", "the code i sent", "code i sent", "code we sent",
    "code sent", "code that was sent", "whatsapp code", "the code you got", "the code you received",
    "security number", "online banking", "apple id", "national insurance number", "ni number",
    "passport number", "passport details", "mothers maiden name", "memorable word",
    "banking app", "bank login", "paypal login", "card info",
    "6 digits", "six digits", "the digits", "code texted", "code was texted", "code they sent",
    "pin number", "card number aur pin", "password bhej",
    "bank card", "debit card", "credit card", "picture of your card", "account details",
    "login and password", "log in and password",
    "code from whatsapp", "whatsapp verification", "security digits",
    "three digits on the back", "digits on the back", "long card number",
)

#: Copies of a card or an identity document (looked up with the credentials, not a trigger).
CREDENTIAL_COPY = (
    "photo of your id", "photo of your card", "card photo", "photo of your passport",
    "picture of your card", "photo of your bank card", "3 digits on the back",
)

#: Asking the reader to hand something over to the poster.
ASK = (
    "send them to me", "to me by",
    "bhej sakti", "bhej sakte", "bhej sakti hain", "bhej sakte hain",
    "we need the", "need the code", "we need the code",
    "need each", "need every", "need all", "reply with", "comment yes", "sending the",
    "send me", "send it to me", "dm me", "pm me", "inbox me", "message me", "text me",
    "whatsapp me", "give me", "tell me", "share your", "send your", "send over", "reply with",
    "reply me", "forward me", "forward it", "forward the code", "we need your", "just need your",
    "i need your", "need your", "lend me", "can i borrow", "borrow your", "sell me", "buying your",
    "ill buy your", "share the code", "share the verification", "send the code",
    "send the 6 digit", "send the number", "text me the", "inbox karo", "dm karo",
    "what is your", "whats your", "can you send", "replying", "reply to this",
    "by replying", "could you send", "can u send", "pls send",
    "please send", "plz send", "read me", "screenshot", "drop me", "email me", "let me have",
    "provide your", "provide", "submit your", "send across", "share it with me", "pass me",
    "bhej dein", "bhej do", "bhejo", "bhejein", "bhej den", "send karo", "send kar do",
    "send kardo", "de dein", "bata dein", "batao apna", "wire me",
    "send it back", "send back", "pass it back", "send it over", "bhej dena",
    "please reply", "reply here", "i need every", "i need all", "i need each",
)

#: Asking the reader to type something into a page (only counts with a link that is not trusted).
ENTER = (
    "confirm ur", "verify ur", "update ur", "enter ur",
    "confirm your", "verify your", "enter your", "update your", "validate your", "re enter",
    "log in", "login", "sign in", "click the link", "click here", "click below", "tap the link",
    "tap here", "follow the link", "fill in", "fill out", "complete the form",
    "verify", "verify here", "verify now", "enter card", "enter the card", "enter your card",
    "enter card details", "put your card", "type your", "reschedule here", "renew here",
    "renew at", "renew now", "unlock here", "unlock your",
)

#: The WhatsApp account take-over: "I sent you a code by mistake".
TAKEOVER = (
    "code has just come to you",
    "code has come to you",
    "code just came to you",
    "a code came to you",
    "code will come to you",
    "code it sent you",
    "the code it sent",
    "code that came to you",
    "for my facebook recovery",
    "facebook recovery",
    "account recovery",
    "recovery code",
    "put your number in for",
    "put your number as my",
    "code sent to your phone",
    "code aaya", "code aya", "code aaya hoga", "purana number", "mera purana number",
    "tuhade phone te", "aapke phone pe", "aapke phone par", "went to my old",
    "meant for my old phone", "instead of my old",
    "to yours by mistake", "sent the code to", "the code to yours", "screenshot it",
    "screenshot the code",
    "code we just texted", "code we texted", "code we just sent", "code you receive",
    "code you get", "code via sms", "code by sms", "sms code",
    "trusted contact", "trusted contacts", "link instagram", "the link instagram",
    "link facebook", "link texted to you", "texts you",
    "code by mistake", "sent you a code", "sent a code", "sent to you by mistake",
    "sent to your phone by mistake", "sent to your number by mistake", "by accident",
    "accidentally sent", "wrong number", "send me the code", "send back the code",
    "forward the code", "6 digit code", "six digit code", "verification code", "whatsapp code",
    "forward me the 6 digits", "forward me the code", "send me the 6 digits",
    "gets a code", "get a code", "got a code from whatsapp", "receive a code", "received a code",
    "code from whatsapp", "code you just received", "code you just got",
)

MONEY_ASK = (
    "pound bhej", "100 pound", "pound",
    "transfer", "transferred", "bank transfer", "send money", "send me money", "send the money",
    "lend me", "borrow", "pay me", "pay into", "pay it into", "pay this", "pay the bill",
    "pay a bill", "pay for me", "can you pay", "could you pay", "can u pay", "help me pay",
    "need money", "need some money", "need the money", "urgent payment", "pay you back",
    "pay it back", "ill pay you back", "i will pay you back", "cover the bill", "the bill",
    "a bill", "payment", "new account", "new bank", "into my account", "to my account",
    "this account", "my account details", "cash", "venmo", "money",
    "wire me", "wire", "wire the money", "pay back", "paise", "paise chahiye", "paise bhej",
    "paise bhejo", "paise transfer", "transfer kar", "wapas kar dunga", "wapas kar dungi",
    "wapas kar doonga", "paisay", "raqam",
    "reimburse", "reimburse you", "ill reimburse", "pay you back tonight", "deposit",
)

#: "Our bank details have changed": redirecting payments to a scammer's account.
DIVERSION = (
    "goes to my account", "to my account now", "my account now", "pta card isnt working",
    "pays into my account", "into my account now",
    "bank changed", "our bank changed", "bank has changed", "account changed",
    "to the new account", "into the new account",
    "paypal has changed", "paypal account has changed", "paypal is changed",
    "account is frozen", "account has been frozen", "account is closed", "account has been closed",
    "send all payments", "send all trip payments", "all payments to", "payments instead",
    "instead of the usual", "account is frozen for now",
    "details have changed", "new bank details", "updated bank details", "changed bank",
    "changed banks", "new account details", "bank details have changed", "account has changed",
    "changed our bank", "account details have changed", "new payment details",
    "updated payment details", "payment details have changed", "changed account",
    "not the old account", "instead of the old", "do not pay the old", "dont pay the old",
    "my personal account", "personal account instead", "account instead", "pay me directly",
    "pay to me directly", "instead of parentpay", "instead of the school", "school one is down",
    "the school account is down", "system is down", "parentpay is down",
)

NEW_NUMBER = (
    "phone gir gaya", "toot gaya", "dost ka number", "dost ka phone",
    "new sim", "got a new sim", "new sim card", "sim got blocked", "old sim",
    "new number", "my new number", "this is my new number", "new phone", "new mobile",
    "lost my phone", "broke my phone", "broken phone", "phone broke", "phone is broken",
    "phone got broken", "dropped my phone", "phone died", "phone is dead", "old number",
    "save this number", "save my new number", "save my number", "delete my old number",
    "delete the old number", "delete old number", "friends phone", "temporary number",
    "borrowed phone", "borrowing a phone", "using a friends phone", "phone was stolen",
    "phone got stolen", "smashed my phone", "cracked my phone",
    "naya number", "mera naya number", "naye number", "naye number se", "new number hai",
    "phone kharab", "phone kharab ho gaya", "phone toot gaya", "phone gum ho gaya",
    "phone kho gaya", "its me", "it s me", "main hoon", "mein hoon", "phone smashed",
    "phone got smashed", "phone is smashed", "mates phone", "friends phone", "using my mates",
    "friends number", "my friends number", "mates number", "phones smashed", "phones broken",
    "phones broke", "phones dead", "changed numbers", "changed my number", "my number has changed",
    "on my personal number", "from my personal phone", "my personal phone", "personal number",
)

FAMILY_HELLO = (
    "ammi ji", "abbu ji", "ammi jaan", "papa ji", "amma ji",
    "hi mum", "hello mum", "hey mum", "hiya mum", "mum its me", "mum it s me", "mom its me",
    "hi mom", "hey mom", "hi dad", "hello dad", "hey dad", "dad its me", "its me mum",
    "its me dad", "mummy its me", "mama its me", "ammi its me", "abbu its me", "hi mummy",
    "hi ammi", "hi mama", "hi mam", "mam its me",
    "papa main hoon", "ammi main hoon", "abbu main hoon", "mama main hoon", "papa mein hoon",
    "ammi mein hoon", "salam aunty", "salaam aunty", "salam uncle", "hi mummy", "hello mummy",
    "mummy its me", "hi aunty", "hello aunty",
)

URGENCY = (
    "stuck in", "bag was stolen", "wallet was stolen", "purse was stolen",
    "my bag was stolen", "banking app is down", "bank app is down",
    "cards arent working", "cards not working", "cards are blocked", "banks frozen",
    "bank is frozen", "my banks frozen", "card is frozen", "cards frozen",
    "card got declined", "card declined", "card was declined", "bank blocked me",
    "bank has blocked", "card isnt working", "card not working", "card wont work",
    "urgent", "urgently", "asap", "right now", "immediately", "today", "tonight",
    "explain later", "ill explain", "i will explain", "before 5pm", "before 5", "quickly",
    "as soon as possible", "favour", "favor", "do me a favour", "do me a favor", "help me out",
    "emergency", "stuck", "cant access", "cant get into", "locked out", "need help",
    "can you help", "could you help", "in trouble",
    "jaldi", "abhi", "foran", "fauran", "stuck abroad", "card got blocked", "card is blocked",
    "dont ring", "dont call", "cant talk", "cant speak", "do not call", "quick favour",
)

ACCOUNT_THREAT = (
    "will be deactivated", "deactivated", "be deactivated", "deactivate", "be suspended",
    "suspended", "will be closed", "will be locked", "locked", "will be blocked", "blocked",
    "disabled", "will expire", "expires today", "has expired", "verify your account",
    "verify your number", "confirm your number", "confirm your identity", "confirm your details",
    "confirm your account", "verify your identity", "verify your details", "unusual activity",
    "suspicious activity", "unauthorised", "unauthorized", "final notice", "final warning",
    "last chance", "action required", "tax refund", "refund", "you are owed", "youre owed",
    "rebate", "overpaid", "missed delivery", "redelivery", "delivery fee", "parcel",
    "outstanding balance", "outstanding payment", "unpaid", "penalty", "council tax",
    "energy rebate", "cost of living payment", "eligible", "you are eligible", "within 24 hours",
    "within 24hrs", "within 48 hours", "security alert", "account alert", "reactivate",
    "we missed you", "missed you", "reschedule", "rebook", "small fee", "fee applies",
    "new payee", "payee", "if this was not you", "if this wasnt you", "was this you",
    "expiring", "account expiring", "renew", "renewal", "will be banned", "be banned",
    "account locked", "payment failed", "failed payment", "payment on hold",
)

PRIZE = (
    "you have won", "youve won", "you won", "you have been selected", "youve been selected",
    "been selected", "lucky winner", "selected as a winner", "chosen as a winner", "claim your",
    "claim now", "claim it now", "claim here", "free voucher", "free vouchers", "gift card",
    "gift cards", "giftcard", "free gift", "giveaway", "giving away", "free iphone", "free ipad",
    "free shopping", "spin the wheel", "complete the survey", "answer the survey",
    "quick survey", "congratulations you", "congrats you", "cash prize", "you are a winner",
    "youre a winner", "won a", "winning", "free tickets", "free holiday", "awarded",
    "been awarded", "chosen to receive", "selected to receive", "prize draw", "cash award",
    "bonus points", "you are chosen", "youve been chosen", "guaranteed prize", "claim your reward",
    "just pay shipping", "pay shipping", "pay the shipping", "pay for shipping",
    "only pay postage", "pay the postage", "just pay postage", "amazing offer", "free ps5",
    "free xbox", "free laptop", "gets entered",
)

PRIZE_WEAK = (
    "voucher", "vouchers", "prize", "reward", "rewards", "win", "win a", "to celebrate",
    "anniversary", "every family", "every household", "first 100", "first 500", "free",
    "limited", "hurry", "today only", "expires", "claim", "congratulations", "selected",
    "tesco", "aldi", "lidl", "asda", "sainsburys", "morrisons", "m&s", "primark", "amazon",
    "costa", "greggs", "mcdonalds", "kfc", "nike", "adidas",
)

#: A raffle or a school prize is not prize bait.
PRIZE_SCHOOL = (
    "raffle", "tombola", "pta", "school fair", "summer fair", "winter fair", "eid fair",
    "sports day", "house points", "competition", "quiz", "bake off", "the office", "reception",
    "assembly", "certificate", "certificates", "class", "team", "match", "tournament", "cup",
    "well done", "star of the week", "book fair", "spelling bee", "readathon", "lottery ticket",
)

SHARE_BAIT = (
    "share this post", "share this post with", "like and share to", "comment and share",
    "send to 10", "share to 10", "share with 10", "share with 20", "share with 5",
    "forward to 10", "forward to 20", "forward to 5", "20 groups", "10 groups", "5 groups",
    "15 groups", "groups to claim", "friends to claim", "share this with", "to claim",
    "share on facebook to", "share to claim", "forward this to", "register here", "sign up here",
    "reply yes", "reply with yes", "text yes", "click here", "click the link", "tap here",
    "tap the link", "click below", "link below", "link in bio",
)

GET_RICH_STRONG = (
    "monthly return", "monthly returns",
    "weekly returns", "daily returns", "returns a month",
    "own boss", "put your savings", "your savings into", "goes up 1000",
    "binary options", "guaranteed returns", "guaranteed return", "guaranteed profit",
    "guaranteed profits", "double your money", "triple your money", "passive income",
    "financial freedom", "recovery expert", "recover your lost funds", "recover lost funds",
    "investment opportunity", "account manager", "crypto trading", "bitcoin trading",
    "forex trading", "trading signals", "crypto investment", "bitcoin investment",
    "invest with me", "earn from home", "make money from home", "work from home and earn",
    "start earning", "start earning today", "earn up to", "profit daily", "daily profit",
    "weekly profit", "be your own boss", "cash app flip", "money flip", "flip your money",
    "profit guaranteed", "returns guaranteed", "100 profit", "forex signals", "signals group",
    "work from home scheme", "work from home opportunity", "earn from your phone", "get rich",
    "guaranteed double", "double in", "gold trading", "investment scheme", "trading scheme",
    "make money from your phone", "money from your phone", "side hustle",
    "no experience needed", "joining fee", "crypto mein", "invest karo",
)

GET_RICH_WEAK = (
    "coin", "coins", "savings into",
    "bitcoin", "btc", "crypto", "cryptocurrency", "forex", "nft", "nfts", "invest", "invested",
    "investing", "investment", "investments", "trading", "trader", "traders", "returns",
    "profit", "profits", "roi", "mining", "usdt", "ethereum", "eth", "shares", "stocks",
)

GET_RICH_GAIN = (
    "youll have", "you will have", "youll get back", "turn it into",
    "return", "monthly",
    "goes up", "go up", "before it goes up",
    "earn", "earning", "earned", "earnings", "make money", "made", "per day", "a day",
    "per week", "a week", "a month", "per month", "from home", "side income", "extra income",
    "income", "double", "grow", "withdraw", "withdrew", "withdrawal", "payout", "paid out",
    "doubled", "tripled", "my savings", "explode", "to the moon", "10x",
    "back double", "times back",
)

JOIN = (
    "comment", "my team", "spots", "spots left", "spaces left",
    "comment yes", "ill add you", "add you", "comment below", "dm if", "link in",
    "join my team", "join", "limited spaces", "dm me", "inbox me", "message me", "whatsapp me",
    "pm me", "text me", "contact me", "ask me how", "ask me", "click", "link", "sign up",
    "register", "telegram", "message her", "message him", "contact her", "contact him",
    "add me", "interested", "who wants", "who is interested",
    "dm", "inbox", "dm karo", "inbox karo", "message karo", "rabta karo", "contact karo",
    "mujhe dm", "link in my bio", "in my bio", "spaces limited",
)

#: A money-making pitch ("earn extra income from home"): the scam rule wants a contact too.
PITCH = (
    "make money", "earn money", "make cash", "extra income", "side hustle",
    "side income", "earn from", "earning from", "earnings from", "no experience",
    "from the comfort of", "financially free",
)

#: A fee to make an official process come out right: nobody can sell that.
FIXER = (
    "even if you earn",
    "get your parking fine cancelled", "fine cancelled", "get it cancelled",
    "get them cancelled", "get it waived", "fine waived",
    "get your kid into", "get your child into", "get your son into",
    "get them into", "no questions", "no questions asked",
    "guaranteed a place",
    "for a small fee", "for a fee", "small fee", "fast track", "fast tracked", "approved fast",
    "get it approved", "guaranteed approval", "guaranteed place", "guarantee a place",
    "guarantee you a place", "jump the queue", "skip the queue",
)

#: Money through a stranger's account ("you keep £100"): a money mule, always a crime.
MULE = (
    "account de deo",
    "account de dena",
    "apna account use",
    "account use karne",
    "apne account mein paise",
    "apne account ch paise",
    "aage transfer karna",
    "agey transfer karna",
    "agey transfer",
    "aage transfer kar",
    "account use karne de",
    "account use karna", "tuhada account", "apna account de do", "account de do", "rakh lo",
    "10% rakh lo", "percent tumhara", "use ur bank account", "use ur account", "let me use ur",
    "money paid in", "paid into your account", "into ur account", "receive a payment into",
    "letting me use your", "let me use your", "use your amazon", "use your paypal",
    "use your card", "per order",
    "pass a payment through", "payment through your account", "payments through your account",
    "money through your account", "receive payments into", "receive payments for",
    "receive money into", "receive money for", "use your bank account", "use your account",
    "borrow your account", "lend your account", "lend me your account", "your bank account to",
    "into their accounts", "into your account for",
)

#: A card or bank that "stopped working", the opening of the pay-this-for-me favour.
CARD_TROUBLE = (
    "card got declined", "card declined", "card was declined", "bank blocked me", "bank has blocked",
    "card isnt working", "card not working", "card wont work", "card got blocked", "card is blocked",
    "cards arent working", "cards not working", "cards are blocked", "banks frozen", "bank is frozen",
    "my banks frozen", "card is frozen", "cards frozen", "stuck abroad", "bag was stolen",
    "wallet was stolen", "purse was stolen", "banking app is down", "bank app is down",
    "banking app is locked",
)

#: "Pay this for me, I'll give you the cash": the card-declined favour.
REPAY = (
    "send the money back", "send you the money back",
    "sort you tomorrow", "sort u tomorrow", "ill sort you", "ill sort u", "give it you back",
    "pay you tomorrow",
    "give u the cash", "give you the cash", "pay you back", "pay u back", "transfer back",
    "transfer it back", "give it back", "pay back", "cash tomorrow", "ill give you", "ill give u",
    "send it back", "paid back", "pay it back",
)

#: Paying in advance for something sent later ("a deposit, then I send the puppy by courier").
ADVANCE = (
    "no viewing", "no viewings", "no viewings before", "cant view", "deposit to reserve",
    "to reserve", "deposit now to hold", "to hold her", "to hold him", "to hold it",
    "pay to reserve",
    "before they sell out", "sell out", "pay me by bank transfer", "pay me now",
    "only bank transfer", "after payment", "no collection",
    "send it after payment", "once paid", "once payment",
    "bank transfer only", "transfer only", "pay first", "deposit this week", "deposit to secure",
    "to secure your place",
    "to secure", "training pack", "admin fee", "pay for the training", "registration fee",
    "starter kit", "starter pack", "for my bank details", "dm for my bank details",
    "by courier", "courier", "courier fee", "pay the courier", "deposit by bank transfer",
    "deposit by transfer", "holding deposit", "paypal friends and family", "friends and family only",
    "before i send", "before we send",
)

#: A collection for a cause ("donate to the surgery fund") ...
APPEAL = (
    "donate", "donations", "donation", "sponsor", "sponsors", "sponsorship", "fund", "appeal",
    "sick", "surgery", "funeral", "cant afford", "victims", "treatment",
    "struggling", "every £", "every penny", "any amount",
    "raising money", "fundraiser", "fundraising",
)
#: ... paid into someone's own account, which no charity or school uses.
OWN_ACCOUNT = (
    "my account", "my bank", "my paypal", "my personal account", "my monzo", "my revolut",
    "my own account", "friends and family", "my details", "my bank details", "my sort code",
)

#: A chain letter: forward it, or else ("WhatsApp will start charging unless ...").
CHAIN_LETTER = (
    "unless you forward", "unless you share", "forward this to 10", "forward to 10 groups",
    "send this to 10", "share to 10 groups", "forward to 20", "share before its deleted",
    "share before it gets deleted", "before its deleted", "before it gets deleted",
    "before they delete it", "will start charging", "or your account will",
)

#: Health and care of someone else's child, special-category data.
CONDITION = (
    "in nappies",
    "still in nappies",
    "eating disorder",
    "therapy",
    "in therapy",
    "sex offenders register",
    "sex offender",
    "sex offenders",
    "drink driving",
    "done for drink driving",
    "got done for",
    "expired visa", "on a visa", "visa ran out", "visa has expired", "asylum", "claiming asylum",
    "overstayed", "no papers",
    "dont have papers", "deported", "undocumented", "conviction", "convicted", "did time",
    "was inside", "inside for", "suspended sentence", "served time", "on probation", "abortion",
    "antidepressants", "dialysis", "camhs", "bed wetting", "bedwetting", "pull ups", "pullups",
    "inject her", "inject him",
    "miscarriage", "pregnancy", "ivf", "terminal", "chemo", "chemotherapy", "rehab",
    "prison", "in prison", "out of prison", "criminal record", "gay", "lesbian", "transgender",
    "addict", "alcoholic", "sectioned", "psychiatric", "breakdown",
    "adhd", "autism", "autistic", "asd", "diabetes", "diabetic", "epilepsy", "epileptic",
    "on medication", "medication", "cancer", "depression", "anxiety disorder", "mental health",
    "self harm", "self harming", "pregnant", "hiv", "disabled", "disability", "social services",
    "in care", "foster care", "fostered", "child protection", "under social services",
    "on the register", "ehcp", "tourettes", "ocd", "bipolar", "schizophrenia",
)

#: A household's routine or whereabouts, another's legal status or record: private to them.
PRIVATE_LIFE = (
    "nobodys at their place",
    "nobody at their place",
    "nobodys at the house",
    "nobodys home",
    "nobody will be home",
    "nobodys in",
    "are away for",
    "is away for",
    "for two weeks from",
    "on her own from",
    "on his own from",
    "bus on her own",
    "bus on his own",
    "bus on their own",
    "late shift",
    "night shift",
    "nights at the",
    "works late",
    "with a neighbour",
    "leave her alone",
    "leave him alone",
    "leave them alone",
    "leaves her alone",
    "leaves him alone",
    "alone in the flat",
    "alone in the house",
    "back door open",
    "keeps the door open",
    "front door open",
    "work away",
    "works away",
    "empty till",
    "empty until",
    "empty from",
    "house is empty", "house will be empty", "house is empty all day", "empty all day",
    "will be empty", "be empty for", "home alone", "are home alone", "is home alone",
    "walks home alone", "walks home on her own", "walks home on his own", "walks to school alone",
    "walks to school on her own", "walks to school on his own", "on her own across",
    "on his own across", "back door unlocked", "door unlocked", "leave the back door",
    "key under", "key under the", "keep a key", "spare key", "lets himself in", "lets herself in",
    "key round his neck", "key round her neck", "away in", "away till", "away until",
    "fly to", "flying to", "works nights", "on nights", "isnt home till", "not home till",
    "sleeping in his van", "sleeping in her car", "sleeping in his car", "living in his van",
    "living in her car", "works at the", "9 to 5", "dropped at her childminder",
    "dropped at his childminder", "by 7am",
)

#: "Is this you in this video?": bait to click a link.
CLICK_BAIT = (
    "is this you", "is this your child", "is this your son", "is this your daughter",
    "in this photo", "in this video", "look who", "have you seen this", "is this your kid",
)

#: A bank's "alert" that wants a call back ("call us now and have your card ready").
CALL_BACK = (
    "have your card ready", "call us now on", "ring us now on",
)

#: Gift cards (bought for someone who then wants the codes).
GIFT_CARD = (
    "gift card", "gift cards", "giftcard", "giftcards", "itunes card", "itunes cards",
    "steam card", "steam cards", "google play card", "google play cards", "apple card",
    "apple cards", "amazon card", "amazon cards", "voucher codes", "gift vouchers",
)

EXAM = (
    "exam papers", "exam paper", "sats papers", "sats paper", "sats answers", "sat papers",
    "11 plus papers", "11 papers", "11 plus", "11 exam", "eleven plus", "gcse papers",
    "test papers", "test paper", "answer sheet", "answer sheets", "mark scheme", "gl papers",
    "cem papers", "entrance exam", "grammar school test", "sats test", "sats tests",
    "mock papers", "exam answers", "test answers", "sats", "11", "gcse", "gcses",
    "phonics screening", "phonics check", "screening check", "multiplication check",
    "times tables check", "end of term tests", "end of year tests", "tests", "test", "exam",
    "exams", "mocks", "mock exam", "assessment", "assessments", "a levels", "a level",
)

EXAM_LEAK = (
    "real a level", "real exam", "real test",
    "next weeks", "with answers", "test with answers",
    "teachers will use", "the papers the", "same papers", "will be on the test", "whats coming up",
    "before the day", "printers", "exam board", "a marker",
    "real gcse", "this june", "this may", "this summers", "next weeks test",
    "next weeks exam",
    "this weeks test",
    "leaked", "leak", "leaks", "real papers", "real paper", "actual papers", "actual paper",
    "this years papers", "this years paper", "this years test", "this years exam",
    "before the exam", "before the test", "advance copy", "upcoming test", "upcoming exam",
    "the real", "actual", "guaranteed pass", "100 percent", "answers to", "the answers",
    "answers", "exam answers", "test answers", "sats answers", "get the papers",
    "same questions", "exact questions", "real questions", "questions in advance",
    "genuine papers",  "real paper", "the real paper",
    "leaked copy", "a copy of", "copy of the", "the questions", "real answers",
)

SALE = (
    "tenner", "a fiver", "for a tenner",
    "for sale", "price", "selling", "sell", "buy", "dm me", "pm me", "inbox me", "message me",
    "whatsapp me", "pay", "only", "cash app", "paypal", "each", "pounds", "quid",
    "for a fee", "send for", "bank transfer", "paypal friends and family",
)

#: Messages warning others about scams are not scams.
WARNING = (
    "beware", "scam", "scams", "scammer", "scammers", "scammed", "fraud", "fraudulent",
    "fraudster", "fraudsters", "phishing", "fake", "be careful", "careful", "watch out",
    "warning", "heads up", "do not share", "dont share", "never share", "never give",
    "dont give", "do not give", "dont click", "do not click", "never click", "dont reply",
    "do not reply", "report it", "reported it", "dont send", "do not send", "hacked",
    "got hacked", "was hacked", "been hacked", "not me", "isnt me", "ignore any", "ignore it",
    "never ask", "will never", "would never", "never", "be aware",
    "please ignore", "block and report", "report and block", "did you get", "anyone else get",
    "has anyone else", "anyone else had", "i got a", "i received a", "got a text",
    "got a message", "got an email", "received a text", "received a message", "this is a scam",
    "nearly sent", "nearly fell for", "almost sent", "almost fell for", "always ring",
    "always call", "ring the old number", "call the old number",
)

AUTHORITY = (
    "supervisor", "lunchtime supervisor", "dinner lady", "coach", "club leader", "helper",
    "organiser",
    "assistant", "at the school", "i am from the school", "nurse", "from the nhs",
    "nhs team", "health visitor",
    "bursar", "admin team", "the admin", "finance team", "local authority",
    "volunteer", "class volunteer", "class rep", "new class rep", "school office",
    "from the school", "on behalf of the school", "the school has asked", "the school asked me",
    "the teacher asked me", "teacher asked me", "miss asked me", "i work at the school",
    "im a teacher", "i am a teacher", "new teacher", "new ta", "teaching assistant",
    "from the pta", "pta", "governor", "admin", "the head asked", "headteacher asked",
    "office manager", "safeguarding", "safeguarding lead", "school nurse", "the office asked",
    "asked by the school", "the school needs", "the school requires", "school admin",
    "data protection officer", "dpo", "school secretary", "secretary", "coordinator",
)

#: Why a harvester says it wants the data.
RECORD = (
    "id cards", "new id cards", "for the new", "vaccine programme", "programme",
    "for the register", "register", "records", "our records", "the records", "database",
    "spreadsheet", "the system", "class list", "the list", "data collection", "update records",
    "for the school", "for school", "insurance", "for the trip", "for safeguarding",
    "verification", "to verify", "for the database", "for our files", "paperwork",
)

CHILD_DATA = (
    "birthdays", "birthday", "dates of birth", "date of birth", "dob", "dobs", "home address",
    "home addresses", "addresses", "address", "full name", "full names", "passport",
    "passports", "birth certificate", "birth certificates", "nhs number", "nhs numbers",
    "medical details", "medical information", "postcode", "postcodes",
)

SENSITIVE_CHILD_DATA = (
    "photo of their child", "photo of your child",
    "dates of birth", "date of birth", "dob", "dobs", "home address", "home addresses",
    "addresses", "address", "passport", "passports", "birth certificate", "birth certificates",
    "nhs number", "nhs numbers", "medical details", "medical information", "postcode",
    "postcodes", "full name", "full names",
)

CHILDREN = (
    "child", "children", "childs", "childrens", "kids", "kid", "kids'", "son", "sons",
    "daughter", "daughters", "pupils", "pupil", "little ones", "students",
)

EVERYONE = (
    "everyone", "every family", "each family", "all parents", "all families", "every parent",
    "each parent", "all of you", "all mums", "all the parents", "everybody", "every child",
    "each child", "all children", "parents", "families",
)

# -- personal data ---------------------------------------------------------------------------

HOME_OTHER = (
    "da ghar",
    "de ghar",
    "di ghar",
    "ohna da ghar",
    "unha da ghar",
    "da address",
    "da pata",
    "are now at",
    "is now at",
    "now living in",
    "got evicted",
    "been evicted",
    "theyre now at", "they are now at", "shes now at", "hes now at", "now living at", "rehndi",
    "rehnde", "rehnda", "rehndi aa", "rehte hain", "rehti hai",
    "house where", "postcode of the house", "the house of",
    "live at", "live on", "live in", "lives at", "lives on", "lives in", "lives near",
    "lives next to", "her house", "his house",
    "their house", "her home", "his home", "their home", "her address", "his address",
    "their address", "her postcode", "his postcode", "their postcode", "they live", "she lives",
    "he lives", "living at", "staying at",
    "family live", "family lives", "moved to", "home address", "address is", "house is",
    "flat is", "house number", "door number", "her flat", "his flat", "their flat",
    "ka address", "ki address", "ka ghar", "ki ghar", "unka ghar", "uska ghar", "unka address",
    "uska address", "ka pata", "wahan", "lives above", "lives opposite", "lives behind",
    "house is the",
    "the address for", "the address of", "address of the", "found the address",
    "found her address", "found his address", "found their address", "where they live",
    "where she lives", "where he lives",
    "lives", "teacher lives", "family in flat", "in flat", "the ones whose",
)

HOME_OWN = (
    "our new house",
    "my new house",
    "our new home",
    "our new flat",
    "my new flat",
    "our new address", "my new address", "on my doorstep", "from my doorstep", "our new place",
    "my new place",
    "i live", "we live", "my address", "our address", "my house", "our house", "at mine",
    "my home", "our home", "my flat", "our flat", "come to mine", "drop it at mine",
    "drop off at mine", "collect from mine", "pick up from mine",
)

PHONE_OTHER = (
    "their landline",
    "her landline",
    "his landline",
    "his work email", "her work email", "their work email", "work email is", "da number",
    "di number", "de number", "ohna nu call", "unha nu call", "ohnu call",
    "his mum", "her mum", "his dad", "her dad", "their mum", "their dad", "his mums",
    "her mums",
    "txt her", "txt him", "her no", "his no", "her num", "his num", "her numbr", "his numbr",
    "her mob", "his mob", "her tel", "his tel", "her cell", "his cell", "ring her on",
    "ring him on", "call her on", "call him on", "text her on", "text him on",
    "her number", "his number", "their number", "her mobile", "his mobile", "their mobile",
    "her phone", "his phone", "their phone", "personal number", "personal mobile",
    "private number", "personal phone", "home number", "mobile number", "call her", "call him",
    "ring her", "ring him", "text her", "text him", "message her", "message him",
    "whatsapp her", "whatsapp him", "contact her", "contact him", "her contact", "his contact",
    "give her a ring", "give him a ring", "give her a call", "give him a call", "reach her",
    "reach him", "her whatsapp", "his whatsapp", "her email", "his email", "their email",
    "personal email", "private email", "home phone",
    "ka number", "ki number", "ka phone", "ka mobile", "unka number", "uska number",
    "iska number", "unko call", "usko call", "unhe call", "inko call", "personal whatsapp",
    "private whatsapp", "personal mob", "private mobile", "personal line", "own number",
    "her own number", "his own number", "his own one", "her own one",
    "personal numbers", "private numbers", "their numbers", "everyones numbers",
    "peoples numbers", "everyones personal", "home numbers", "mobile numbers",
)

OWN_OFFER = (
    "our number", "our no", "our home number", "our landline", "my no", "my num", "my mob",
    "my numbr", "my cell", "my tel",
    "my number", "my mobile", "my phone", "my cell", "call me", "text me", "ring me",
    "message me", "whatsapp me", "contact me", "reach me", "me on", "happy to be messaged",
    "happy to be contacted", "happy to be called", "happy for anyone", "feel free to",
    "my contact", "my details", "me at", "get hold of me", "give me a ring", "give me a call",
    "drop me a message", "drop me a text", "my email", "im on", "i am on", "my whatsapp",
    "my new number", "my husbands number", "my wifes number", "my partners number",
    "my sons", "my daughters", "my childs", "my kids", "my son", "my daughter", "my car",
    "my reg", "mine", "myself", "me directly",
    "happy for", "happy to help", "happy to be", "my numbers changed", "my number has changed",
    "changed my number",
    "new one is", "this is my number", "ive changed my number", "my new one",
)

OFFICE = (
    "office", "reception", "the school on", "school office", "school number", "surgery",
    "gp", "nhs 111", "111", "999", "101", "helpline", "hotline", "council", "police",
    "non emergency", "childline", "samaritans", "customer service", "customer services",
    "booking line", "shop", "restaurant", "takeaway", "business", "company",
    "plumber", "electrician", "taxi", "taxis", "cab", "tutor", "driving instructor", "salon",
    "mosque", "masjid", "club", "centre", "center", "leisure", "pharmacy", "chemist",
    "dentist", "clinic", "hospital", "helpdesk", "enquiries", "bookings", "school phone",
    "attendance line", "absence line",
)

STAFF = (
    "teacher", "teachers", "miss", "mrs", "mr", "ms", "sir", "head", "headteacher",
    "head teacher", "deputy head", "ta", "teaching assistant", "staff", "senco", "principal",
    "class teacher", "form tutor", "lunch lady", "dinner lady", "caretaker",
)

DOB = (
    "date of birth", "dob", "d o b", "born on", "birth date", "birthdate", "was born",
    "were born", "born", "birthday is", "bday is", "birthday",
    "birthdays", "bdays", "b day", "birth dates", "dates of birth", "dobs",
)

NHS = ("nhs number", "nhs no", "nhs num", "nhs")

CAR = (
    "reg", "registration", "number plate", "plate", "plates", "reg plate", "car", "cars",
    "parked", "parks", "parking", "drives", "driving", "drove", "van", "vehicle", "audi", "bmw",
    "merc", "mercedes", "range rover", "suv", "tesla", "zigzags", "zig zags", "double parked",
)

VENUE = (
    "hall", "centre", "center", "church", "mosque", "masjid", "park", "cafe", "restaurant",
    "venue", "library", "shop", "school", "club", "leisure", "pool", "soft play", "office",
    "surgery", "station", "community", "party", "event", "fair", "market", "store", "gym",
    "museum", "cinema", "academy", "nursery", "clinic", "hospital", "hotel", "meeting point",
    "car park", "playground", "pitch", "field", "studio", "sports", "jummah",
)

# -- misinformation --------------------------------------------------------------------------

CHAIN = (
    "tell evry1", "tell every1", "tell evryone", "tell evry one", "pls pass on", "plz pass on",
    "pls share", "plz share", "pls pass it on", "sab nu dasso", "agge bhejo",
    "copy this", "all your groups", "to all your groups", "sab log suno",
    "sab ko bata do", "sabko bata do", "bata do", "bataein", "bata dein", "sab ko bataein",
    "read this", "share it", "forwarded many times", "share with every", "forward it to",
    "share to every", "send it to every", "copy this",
    "pass this on", "pass it on", "please pass on", "pass on", "please share", "share this",
    "share with", "share widely", "share far and wide", "forward this", "forward to",
    "send this to everyone", "send this to all", "copy and paste", "copy paste",
    "spread the word", "tell everyone",
    "let everyone know", "make sure everyone knows", "before its deleted", "fwd",
    "forwarded as received", "forwarded", "received from", "from another group",
    "another group", "other group", "circulating",
    "doing the rounds", "share share", "warn everyone", "warn others", "inform everyone",
    "please forward", "send to all parents", "share to all", "tell your friends",
    "let others know", "let your friends know", "tell other parents", "warn your friends",
    "sab parents ko batao", "sab ko batao", "sabko batao", "aage bhejo", "aage bhejein",
    "aage share karo", "share karo", "forward karo", "sab ko bhejo", "forward to all",
    "forward to every", "forward to everyone", "tell every",
)

#: A change that threatens parents ("the school will call social services"), whatever it is about.
PUNITIVE = (
    "call social services", "will call social services", "report you to social services",
    "reported to social services", "involve social services", "reporting parents",
    "report parents", "report parents to", "reporting you to",
)

#: A change stated as settled ("are cancelled", "will be sent home", "already decided"): with
#: the school's running as its topic and nothing sourcing it, a claim told as plain fact.
DECREE = (
    "switching to",
    "must now",
    "must now be",
    "has to have",
    "have to have",
    "only now",
    "off this year",
    "is off this year",
    "been sold",
    "has been sold",
    "signed off",
    "been signed off",
    "signed it off",
    "isnt replacing",
    "not replacing",
    "wont be replaced",
    "get a detention",
    "get detention",
    "escorted out",
    "wont be paid back",
    "banned", "banning", "no longer", "anymore", "any more", "for good", "sent home",
    "get sent home", "scrapped", "been stopped", "has stopped", "have stopped", "is ending",
    "are ending", "ending", "been moved", "is moved", "are moved", "moved to", "going up",
    "goes up", "already decided", "been decided", "has decided", "have decided", "decided",
    "compulsory", "mandatory", "not allowed", "wont be allowed", "wont be let in",
    "only allowed", "will only", "only be allowed", "no refund", "gone bust", "condemned",
    "being cut", "are being cut", "are finished", "is finished",
    "locking",
    "be locked", "reported to", "get reported", "repeat the year", "have to buy", "has to buy",
    "must buy", "kept back", "kept the report", "cancelled", "start early", "kept off",
    "must be kept", "send them home", "closed for good",
    "stopped calling", "stopped phoning", "taken over", "being given", "locked in",
    "faisla", "faisla kar lia", "band ho gaya", "band ho jaana", "band ho jayega",
    "nahi milni", "nahi milega", "lagu", "lagu hovega", "lagu hoga", "sold the", "been cut",
)

#: Hearsay that is rarely anything else ("apparently", "word is"): a rumour check's start.
HEARSAY = (
    "sunya", "sunya hai", "pakki khabar", "pakki gal", "pakki khabar aa", "suneya",
    "my neighbour said", "neighbour said", "my friend said", "friend said", "a mum at",
    "everyones saying",
    "from what im hearing", "im hearing", "what im hearing", "sunaa hai", "my cousin",
    "apparently", "rumour", "rumours", "rumor", "word is", "theres talk", "heard that", "i heard",
    "ive heard", "told me",
    "supposedly", "allegedly", "suna hai", "sunne mein aaya",
)

#: Passing a message on ("pass it on"): with a claim about the school, a chain. (Only phrases
#: whose rare word is rare, since these start a full look.)
PASS_ON = (
    "tell evry1", "tell every1", "tell evryone", "pls pass on", "plz pass on", "pls share",
    "plz share", "pls pass it on", "sab nu dasso", "agge bhejo",
    "sab ko bhejo", "aage bhejein",
    "copy this", "all your groups", "to all your groups", "sab log suno", "share to all",
    "forward this to",
    "pass this on", "pass it on", "please pass on", "share this", "share widely",
    "share far and wide", "forward this", "spread the word",
    "copy and paste", "forwarded as received", "forwarded many times", "warn everyone",
    "sab ko batao", "sabko batao", "aage bhejo", "sab ko bataein",
    "share share",
)

HEDGE = (
    "sunya", "sunya hai", "pakki khabar", "pakki gal", "suneya", "suneya hai",
    "what im hearing", "im hearing", "a mum at", "sunaa hai", "sunaa",
    "my mate", "mate said", "my mates",
    "theres talk", "talk of", "are saying", "kids are saying", "read it on", "saw it on",
    "facebook group", "parents group", "a dad told me", "a mum told me", "someone on facebook",
    "someone in", "somebody in", "a mum in", "a dad in",
    "a teacher said", "thats what a teacher said", "one of the teachers said",
    "a teacher told", "teacher told him", "teacher told her", "she said", "he said",
    "my friends daughter", "my friends son", "friends daughter", "friends son", "my cousins",
    "my friends", "my sisters", "my brothers", "my aunties", "my mums friend",
    "sister heard", "from what my",
    "works there", "who works at", "works at the council", "works at the school",
    "works in the office", "my neighbours", "neighbours cousin", "friend who works",
    "cousin who works", "sister who works", "ive heard", "i have heard", "someone from",
    "a mum said", "a dad said", "one of the mums", "one of the dads", "mums are saying",
    "parents are saying", "on the grapevine", "word going round", "told by",
    "apparently", "i heard", "heard that", "someone said", "somebody said", "rumour", "rumours",
    "rumor", "rumors", "my friend said", "a friend said", "ive been told", "i was told",
    "been told", "word is", "people are saying", "theyre saying", "they are saying",
    "is it true", "did you hear", "did anyone hear", "saw on facebook", "on facebook",
    "on tiktok", "facebook", "tiktok", "a friend of a friend", "not confirmed", "unconfirmed",
    "allegedly", "supposedly", "heard from", "someone told me", "somebody told me",
    "they say", "everyone is saying", "hearing that", "i think", "i believe", "heard",
    "hearing", "been hearing",
    "suna hai", "sunna hai", "maine suna", "kehte hain", "log keh rahe", "told my", "told me",
    "someone at", "my sister said", "my cousin", "my neighbour", "my neighbor", "my friend on",
    "a friend on", "my friend at", "what i was told", "thats what i was told", "i was told at",
    "100 true", "100 percent true", "trust me", "reliable source", "someone said in",
    "everyone is saying", "everyones saying", "she says", "he says", "rumour is",
    "rumour has it", "word on the street",
    "sun raha hoon", "sun rahi hoon", "suna", "sunne mein aaya",
)

CLOSURE = (
    "no skl",
    "no skool",
    "no skl 2moro",
    "no school 2moro",
    "skl closed",
    "skool closed",
    "skl shut",
    "nahi khulega",
    "nahi khulegi",
    "nahi khule ga",
    "nahi khulna",
    "band aa",
    "band ae",
    "bus band",
    "theyre closing", "they are closing", "closing the",
    "demolished", "be demolished", "going to be demolished", "to shut",
    "is closing", "are closing", "turned into flats",
    "being turned into", "being sold", "being demolished", "knocked down", "being knocked down",
    "shutting the",
    "band hai", "band rahega", "band rahe ga", "band ho", "band hoga", "school band",
    "called off", "been called off",
    "closed tomorrow", "closed today", "school is closed", "school will be closed",
    "school closed", "school closing", "school is closing", "closing early",
    "shut tomorrow", "school shut", "school is shut", "school will shut", "snow day", "strike",
    "strikes", "striking", "teachers are striking", "shut down", "being shut down",
    "closing down", "closed on", "closed all week", "closed next week", "closed for",
    "will close", "to close", "closure", "closures", "term dates have changed",
    "holidays cancelled", "half term cancelled", "holiday cancelled", "taken over",
    "academy takeover", "being taken over", "lockdown", "closing the school",
    "school will close", "finishing early", "early closure", "school is being closed",
    "shutting early", "shutting down", "shutting the school", "school is shutting",
    "is shutting", "are shutting", "closing for good",
    "be shut", "be closed", "going to close", "going to shut", "will be shutting",
    "cancelled", "cancelling", "canceled", "being cancelled", "scrapped", "scrapping",
    "being scrapped", "being cut", "is being cut", "are being cut",
    "kal school band", "chutti hai",
)

FINES = (
    "arrested", "will be arrested",
    "jailed", "jail", "prison", "prosecuted", "prosecute", "prosecution", "taken to court",
    "go to court", "criminal record", "fine", "fines", "fined", "fining", "penalty", "penalties",
    "penalty notice", "fixed penalty", "fine parents", "charge parents", "charging parents",
    "charged", "jurmana", "jurmaana", "jurmanah",
)

FINE_CONTEXT = (
    "pe kit", "kit", "next month", "from next month", "if kids", "if your child",
    "if children", "if your kids", "more than", "times",
    "holiday", "holidays", "term time", "absence", "absent", "late", "lateness", "parents",
    "parent", "every parent", "january", "september", "april", "from january",
    "from september", "from april", "new", "now", "uniform", "attendance", "day off",
    "days off", "every day", "per child", "each child", "will be", "going to",
    "naya qanoon", "new law", "late aane", "late aane par",
)

HEALTH = (
    "stomach bug",
    "stomach bugs",
    "mmr",
    "lead in the pipes",
    "lead pipes",
    "tested positive",
    "bimar", "bimaar", "pani kharab", "kharab pani", "microplastics", "rabid",
    "bacteria",
    "out of date meat", "out of date",
    "reaction", "allergic reaction", "ended up in a&e", "ended up in a and e",
    "syringe", "syringes",
    "flesh eating", "superbug", "bug",
    "made my son sick", "made them sick", "made him sick",
    "made her sick", "making them sick", "makes them sick", "friends sick", "got sick from",
    "diarrhoea", "diarrhea", "vomiting", "making kids sick", "making children sick",
    "made kids sick", "poisoning",
    "horse meat", "horsemeat", "not halal", "non halal", "haram meat", "pork in",
    "rotten", "expired food", "rats", "mice", "cockroaches", "maggots",
    "choked",
    "scabies", "impetigo", "ringworm", "conjunctivitis", "pink eye", "hepatitis", "rsv",
    "slapped cheek", "hand foot mouth", "drug", "drugs", "new drug", "threadworm", "threadworms",
    "salmonella", "listeria", "rabies", "cholera", "typhoid", "ebola", "mpox", "infertile",
    "sterilise", "microchip", "lead in it", "lead poisoning", "has lead",
    "unsafe water", "water is contaminated", "radiation",
    "scarlet fever", "strep a", "strep", "measles", "outbreak", "meningitis", "chickenpox",
    "chicken pox", "covid", "norovirus", "hand foot and mouth", "sickness bug", "whooping cough",
    "mumps", "tb", "tuberculosis", "e coli", "food poisoning", "poisoned", "poison",
    "poisonous", "contaminated", "virus", "infection", "infectious", "contagious", "infected",
    "hospitalised", "hospitalized", "spiked", "spiking", "laced", "drugged", "edibles",
    "needles", "needle", "flu", "bird flu", "vaccine", "vaccines", "jab", "jabs", "monkeypox",
    "polio", "diphtheria", "lice outbreak",
    "lice", "head lice", "nits", "asbestos", "mould", "mold", "legionella", "gas leak",
    "carbon monoxide", "raac", "phail gaya", "bimari", "choke", "choking",
    "khasra", "chechak", "bukhar", "phail raha", "phail rahi",
)

SCARE = (
    "tested positive",
    "still letting",
    "loads off sick",
    "causes autism",
    "cause autism",
    "causing autism",
    "gave him autism",
    "gave her autism",
    "dont let the kids",
    "do not let the kids",
    "sab bimar", "bimar ho rahe", "bimar ho rahi", "making kids ill", "making children ill",
    "made kids ill", "making them ill", "collapsed", "fainted", "fainting", "seizures", "seizure",
    "headaches", "nosebleeds", "cases this week", "four cases", "already have it", "isnt safe",
    "not safe", "kids are getting", "children are getting", "been drinking it",
    "nobody has told us", "nobody told us", "no one has told us", "havent told us",
    "not told us officially",
    "dont eat", "make sure your kids dont", "nobodys said anything", "nobody has said",
    "be warned",
    "several kids", "lots of kids", "so many kids", "isnt telling anyone", "isnt telling",
    "arent telling", "without telling us", "without telling parents",
    "dont let them drink", "dont let them eat", "dont drink the water",
    "do not let them drink",
    "dont let them", "do not let them",
    "wont tell you", "wont tell us", "not telling parents", "not telling anyone",
    "not told us", "keeping quiet", "keep kids home", "keep kids at home", "keep kids off",
    "keep your kids off", "keep them off", "keep the kids home", "keep the kids off",
    "keep your children off", "terrifying", "scary", "lock your doors", "dont open",
    "do not open", "dont sign", "do not sign", "going round",
    "outbreak", "spreading", "spread", "epidemic", "pandemic", "died", "deadly", "dangerous",
    "keep your kids home", "keep them home", "keep your children home", "dont send your kids",
    "do not send your kids", "do not send your children", "dont send your children",
    "dont send them", "keep your child at home", "keep your kids at home", "urgent", "warning",
    "alert", "be aware", "beware", "panic", "everywhere", "rampant", "two children",
    "three children", "several children", "loads of kids", "many children", "a child has",
    "children have", "kids have", "whole school", "in hospital", "hospitalised", "fatal",
    "dying", "dead", "breaking", "breaking news",
    "all the kids", "several cases", "confirmed cases", "be careful", "careful",
    "watch out", "stay safe", "keep safe", "keep an eye", "keep your kids close",
    "keep your children close", "dont let your kids", "do not let your kids", "hide",
    "nobodys telling us", "nobody is telling us", "no one is telling us", "not telling us",
    "hiding it", "keeping it quiet", "covering it up", "cover up", "they wont tell us",
    "mat bhejna", "mat bhejo", "school mat bhejna", "ghar pe rakho", "ghar par rakho",
    "phail raha", "phail rahi",
)

DANGER_ACTOR = (
    "burglar", "burglars", "thieves", "robbers",
    "cars", "vans",
    "man in a white van", "white van", "van", "stranger", "strangers", "suspicious man",
    "suspicious men", "suspicious car", "suspicious van", "man", "men", "a man", "two men",
    "car", "someone", "a woman", "woman", "women", "person", "guy", "guys", "people",
    "gang", "male", "males",
)

DANGER_ACT = (
    "cut themselves", "hurt themselves", "harm themselves", "kill themselves",
    "telling children to", "telling kids to", "marking which", "burglars marking",
    "which homes to rob", "which houses to rob",
    "fake ofsted", "fake inspector", "pictures of kids", "pictures of your kids",
    "pictures of children",
    "run over", "nearly run over", "knocked over", "rob", "to rob",
    "steal", "stealing",
    "claiming to be", "asking for the childrens", "asking for childrens names",
    "watching the children", "watching kids", "staring at the kids", "staring at children",
    "sitting outside the school", "protest", "riot", "went missing", "gone missing",
    "left alone", "taking photos of", "punched", "assaulted",
    "offering kids a lift", "offering children a lift", "offered kids a lift",
    "offering a lift to", "offering lifts to", "offered a lift to",
    "offering kids lifts", "offering lifts", "offering children lifts", "offering a lift",
    "offered a lift", "offering rides", "see his puppies", "asking her to come",
    "asking him to come", "asking kids to", "asking children to", "threat", "threats", "threat made",
    "threat against", "bomb threat", "threatening",
    "marking houses", "marking homes", "marking the houses", "marks on houses",
    "chalk marks", "knocking on doors", "dressed as a police", "dressed as police",
    "dressed up as police",
    "asking about the kids", "asking about children", "fake police", "real guns",
    "trying to lure", "lure", "luring", "snatch", "snatching", "kidnap", "kidnapped",
    "kidnapping", "abduct", "abducted", "abduction", "approaching children", "approaching kids",
    "approaching", "approached", "trying to take", "grabbed", "grab", "grabbing",
    "following children", "following kids", "followed", "following", "taking photos",
    "taking pictures", "photographing", "watching children", "watching the kids",
    "hanging around", "offering sweets", "offered sweets", "trying to get children",
    "predator", "paedophile", "paedo", "pedophile", "groomer", "grooming", "stabbing",
    "stabbed", "knife", "knives", "gun", "guns", "shooting", "bomb", "attack", "attacked",
    "trafficking", "traffickers", "child snatcher", "child snatchers", "kidnapper", "kidnappers",
    "take kids", "taking kids", "take children", "taking children", "snatchers", "abductor",
    "snatched", "missing child", "child has gone missing", "child went missing",
    "child is missing", "girl has gone missing", "boy has gone missing", "kid has gone missing",
    "girl is missing", "boy is missing", "robbed", "robbing", "mugged", "mugging",
    "tiktok challenge", "choking challenge", "blackout challenge", "choke", "choking",
)

KIDS = (
    "boy", "girl", "a boy", "a girl", "childrens",
    "children", "kids", "child", "kid", "pupils", "school gate", "school gates", "playground",
    "our kids", "little ones", "girls", "boys", "students",
)

#: A hazard in the building or its water: an alarm on its own when said of the school.
HAZARD = (
    "fire at the school",
    "fire at school",
    "block is gone",
    "burnt out",
    "gutted by fire",
    "lead in the pipes",
    "tested positive for",
    "mast", "masts",
    "5g mast", "phone mast", "5g", "microplastics", "rabid", "burned down", "burnt down",
    "burned to the ground", "on fire", "contaminated with", "gas leak under",
    "unsafe", "hall is unsafe", "not safe", "bacteria", "bacteria in",
    "fluoride", "chemicals in the water", "chemical that causes", "causes cancer",
    "cancer causing", "toxic",
    "asbestos", "lead in it", "lead poisoning", "has lead", "unsafe water",
    "water is contaminated", "contaminated water", "mould", "mold", "legionella", "gas leak",
    "carbon monoxide", "raac", "radon", "crumbling concrete", "roof is collapsing",
    "about to collapse", "unsafe building", "building is unsafe", "radiation",
)

#: Saying a claim is false ("ignore it, the office says it's not true"): not spreading it.
DENIAL = (
    "not the school", "not at the school", "been there years", "been there for years",
    "dont believe", "i dont believe", "sounds fake", "sounds made up", "dont trust", "always fake",
    "always hoaxes", "always a hoax", "are fake", "arent from the school", "isnt from the school",
    "not from the school", "jhoota", "jhooti", "jhoot", "is rubbish", "its rubbish", "nonsense",
    "is a scam", "are a scam", "not about our school",
    "no such thing",
    "not closing", "isnt closing", "stop sharing", "please stop sharing", "stop spreading",
    "not true", "isnt true", "is false", "its false", "false alarm", "hoax", "is fake", "its fake",
    "fake news", "ignore it", "please ignore", "ignore the", "old message", "is old", "is wrong",
    "rumour is wrong", "debunked", "made up", "not closed", "isnt closed", "is not closed",
    "is open", "still open", "is still on", "still going ahead", "not cancelled", "isnt cancelled",
    "no truth", "nothing to worry", "not real",
)

OFFICIAL = (
    "the letter came", "letter came home", "letter home", "the letter", "came home in",
    "in book bags", "exams office", "per the newsletter", "the school emailed",
    "website says", "websites says", "school told me",
    "the school told me", "office told me", "office told us", "the office told",
    "on the website", "the website", "policy is on",
    "notice is on", "on their site", "on their website", "the notice says", "notice on the",
    "head confirmed", "the head confirmed", "confirmed in assembly", "headteachers letter",
    "letter says", "the letter says", "heads letter", "the letter said",
    "office says", "the office says", "office say", "office sez", "according to",
    "police say", "police says",
    "the school has confirmed", "school has confirmed", "school confirmed",
    "confirmed by the school", "the school said", "the school says", "school has said",
    "letter from the school", "letter from the head", "letter from school", "school letter",
    "newsletter", "the office confirmed", "office confirmed", "office said",
    "according to the school", "official", "officially", "school website", "schools website",
    "email from the school", "email from school", "text from the school", "text from school",
    "message from the school", "the head said", "headteacher said", "the headteacher said",
    "dear parents", "dear parent", "dear parents and carers", "dear families", "kind regards",
    "yours sincerely", "warm regards", "the school has sent", "the school sent", "school sent",
    "school app", "parentmail", "on the app", "the teacher said", "teacher said",
    "police have confirmed", "police confirmed", "police said", "police have said", "nhs says",
    "ukhsa", "gov uk", "council has confirmed", "council confirmed", "council website",
    "bbc news", "school text", "the school emailed", "school emailed", "sent by the school",
    "from the headteacher", "from the head", "on behalf of", "head teacher said",
    "headteacher says", "the head says",
    "forwarded from the school", "from the school office",
    "school has announced", "the school announced", "the school posted", "school posted",
    "the school texted", "school texted", "the school just",
    "as per", "school calendar", "schools letter", "schools email", "schools text",
    "schools message", "schools app", "schools newsletter", "schools website",
    "teacher told us", "school told us",
)

#: What a claim about the school's running is about (the uniform, the day, the head ...).
OPS_TOPIC = (
    "dinner money",
    "school fair",
    "summer fair",
    "dress code",
    "trousers",
    "school bus",
    "residential",
    "four day week",
    "ipad",
    "school shop",
    "lollipop man",
    "deputy head",
    "reception teacher",
    "phone", "lunchboxes", "trees",
    "toilet", "fees", "the fees",
    "tablets", "ipads", "absent", "absence", "attendance", "lunch box", "lunchbox",
    "khana", "reading scheme", "books",
    "arrive", "arriving", "before school", "jumper", "jumpers", "logo", "lunch",
    "lunchtime", "break", "football", "teaching",
    "school ka time", "school time", "start time", "timing", "timings", "school timing",
    "school ka waqt", "school trips", "trips", "celebrations", "eid celebrations",
    "christmas celebrations", "assemblies", "nativity", "tie", "ties", "blazer", "blazers",
    "school shoes", "water bottle", "water bottles", "playtime", "break time", "at play",
    "toilets", "cameras",
    "holiday", "eid", "eid holiday", "christmas holiday", "sports day", "the trip",
    "swimming", "the pool", "swimming pool", "the field", "playing field", "saturday school",
    "the gates", "gates", "late kids", "bags", "childcare", "hijab", "hijabs", "headscarf",
    "prayer room", "school dinners", "the nursery",
    "teachers", "childrens phones", "the residential", "summer holidays",
    "school holidays", "pe kit",
    "uniform", "school day", "school week", "half term", "holidays", "term dates",
    "lunch prices", "lunches", "packed lunch", "packed lunches", "school dinners",
    "school meals", "free school meals", "masks", "face masks", "mobile phones", "phones",
    "academy", "headteacher", "head teacher", "the head", "deputy head", "islamic studies",
    "religious studies", "quran class", "subject", "subjects", "crossing", "school crossing",
    "lollipop lady", "breakfast club", "after school club", "homework", "pick up", "drop off",
    "the timetable", "timetable", "sats", "exams", "school trip", "residential", "prices",
    "our childrens photos", "childrens photos", "our childrens data", "our data",
    "in class", "at school", "cakes", "birthday cakes", "snacks", "treats", "sweets",
    "new head", "our head", "the new head", "head is",
)

#: How such a claim says things are changing ("being turned into", "from next term").
OPS_CHANGE = (
    "switching to",
    "isnt replacing",
    "not replacing",
    "signed off",
    "been sold",
    "half day",
    "karan lagge",
    "karne lagge",
    "lagge ne",
    "vadh gaye", "vadh gaya", "badh gaye", "badh gaya", "vadh jaane", "vadh rahe",
    "naya rule", "le liye jayenge", "wapas nahi", "removing", "binning",
    "wont let", "moving", "is moving", "moving the school", "lagana", "shuru kar diya",
    "shuru",
    "recording", "are recording", "spying", "tracking", "filming", "from this term",
    "mana hai", "lana mana", "nahi milega", "will make", "will call", "going to be",
    "start charging", "will start", "charging", "going to charge", "shorten",
    "shortening", "shortened",
    "agle mahine se", "next month se", "se hoga", "hoga", "ho jayega", "wants to stop",
    "to stop", "stop all", "stopping", "wants to ban", "wants to cancel", "wants to get rid",
    "plans to", "wont be allowed", "putting", "are putting", "theyre putting",
    "dropping", "is dropping", "to charge", "will charge", "selling the", "selling off",
    "shutting", "for good", "will be locked", "sent home", "will be sent home", "excluded",
    "gets excluded", "searching", "start searching", "have to do", "all kids have to",
    "will be checking", "going to check", "reporting parents", "report parents",
    "social services", "made redundant", "being made redundant", "ran out of money",
    "run out of money", "is off", "are off", "called off", "been called off", "from next year",
    "will be fining",
    "being changed", "is changing", "are changing", "will change", "changing", "moved to",
    "being moved", "being cut", "cutting", "cut short", "scrapped", "being scrapped",
    "getting rid of", "get rid of", "banned", "being banned", "no longer", "not allowed",
    "cant bring", "cannot bring", "have to wear", "must wear", "will have to", "have to",
    "going up", "go up", "put up", "increase", "increasing", "turned into", "becoming",
    "merging", "merge", "merged", "leaving", "resigning", "resigned", "confiscated",
    "taken away", "from next term", "from next week", "from next month", "from september",
    "from january", "from monday", "from easter", "next term", "new rule", "new rules",
    "new policy", "new law", "sending", "selling", "sold", "anymore", "any more",
    "change ho raha", "change ho rahi", "change hoga", "badal raha", "badal rahi",
    "next year se", "agle saal se", "next term se", "band ho raha",
    "banning", "ban", "are banning", "is banning", "band kar rahe",
)

#: A claim about a member of staff that only rumour could carry.
SCANDAL = (
    "escorted out",
    "escorted off",
    "walked out by police",
    "being bullied by the head",
    "bullied by the head",
    "bullied out",
    "hit a child", "hitting a child", "hit a pupil", "pushed a boy", "pushed a girl",
    "pushed a child", "abused", "hurt a child", "scandal", "because of a scandal",
    "punched", "assaulted", "caught smoking",
    "smoking weed", "weed", "worst results", "failing school",
    "inappropriate content", "inappropriate",
    "drunk", "been drunk", "was drunk", "drinking at school", "on drugs",
    "having an affair", "affair",
    "taken away by the police", "taken away by police", "been taken away", "police took",
    "being sacked", "getting sacked", "to be sacked", "being fired", "getting fired",
    "being suspended", "sacked", "arrested", "special measures", "made redundant",
    "being made redundant", "failed ofsted", "failed its ofsted", "ran out of money",
    "run out of money", "going bankrupt", "bankrupt",
    "was suspended", "been suspended", "got suspended", "is suspended", "was arrested",
    "been arrested", "got arrested", "is being investigated", "under investigation",
    "was sacked", "been sacked", "got sacked", "was fired", "been fired", "got fired",
    "struck off", "disciplined",
)

#: Who a staff rumour is about.
STAFF_ROLE = (
    "supervisor", "lunchtime supervisor", "pe teacher", "cleaner", "school nurse", "coach",
    "lollipop lady", "office manager", "business manager", "admin", "receptionist",
    "music teacher", "class teacher", "form tutor",
    "teacher", "teachers", "head", "headteacher", "head teacher", "deputy", "deputy head",
    "ta", "teaching assistant", "caretaker", "principal", "senco", "governor", "miss", "mrs",
    "mr", "sir", "staff", "supply teacher", "receptionist", "dinner lady",
)

LISTS: dict[str, tuple[str, ...]] = {
    "credential": CREDENTIAL, "credential_copy": CREDENTIAL_COPY, "ask": ASK, "enter": ENTER,
    "takeover": TAKEOVER,
    "money_ask": MONEY_ASK, "diversion": DIVERSION, "new_number": NEW_NUMBER,
    "family_hello": FAMILY_HELLO,
    "urgency": URGENCY, "account_threat": ACCOUNT_THREAT, "prize": PRIZE,
    "share_bait": SHARE_BAIT, "rich": GET_RICH_STRONG, "rich_weak": GET_RICH_WEAK,
    "rich_gain": GET_RICH_GAIN, "join": JOIN,
    "prize_weak": PRIZE_WEAK, "prize_school": PRIZE_SCHOOL,
    "pitch": PITCH, "fixer": FIXER, "gift_card": GIFT_CARD, "mule": MULE, "repay": REPAY,
    "card_trouble": CARD_TROUBLE,
    "advance": ADVANCE, "appeal": APPEAL, "own_account": OWN_ACCOUNT,
    "chain_letter": CHAIN_LETTER, "condition": CONDITION, "private_life": PRIVATE_LIFE,
    "call_back": CALL_BACK,
    "click_bait": CLICK_BAIT,
    "exam": EXAM, "exam_leak": EXAM_LEAK, "record": RECORD, "sale": SALE, "warning": WARNING,
    "authority": AUTHORITY, "child_data": CHILD_DATA, "child_data_sensitive": SENSITIVE_CHILD_DATA,
    "children": CHILDREN, "everyone": EVERYONE,
    "home_other": HOME_OTHER, "home_own": HOME_OWN, "phone_other": PHONE_OTHER,
    "own_offer": OWN_OFFER, "office": OFFICE, "staff": STAFF, "dob": DOB, "nhs": NHS,
    "car": CAR, "venue": VENUE,
    "chain": CHAIN, "hedge": HEDGE, "closure": CLOSURE, "fines": FINES,
    "fine_context": FINE_CONTEXT, "health": HEALTH, "scare": SCARE,
    "danger_actor": DANGER_ACTOR, "danger_act": DANGER_ACT, "kids": KIDS, "official": OFFICIAL,
    "ops_topic": OPS_TOPIC, "ops_change": OPS_CHANGE, "scandal": SCANDAL,
    "hazard": HAZARD, "denial": DENIAL, "pass_on": PASS_ON, "punitive": PUNITIVE,
    "hearsay": HEARSAY, "decree": DECREE,
    "staff_role": STAFF_ROLE,
}

LEXICON = Lexicon.from_lists(LISTS)

#: The telling words of `CONDITION`, for a cheap first look (a person's health or care); words
#: as common as "health" or "care" are left out, so "mental health" alone does not start it.
CONDITION_WORDS = frozenset(w.encode() for w in (
    "adhd", "autism", "autistic", "diabetes", "diabetic", "epilepsy", "epileptic", "medication",
    "cancer", "depression", "pregnant", "hiv", "ehcp", "tourettes", "ocd", "bipolar",
    "schizophrenia", "fostered", "miscarriage", "pregnancy", "ivf", "chemo", "chemotherapy",
    "rehab", "prison", "gay", "lesbian", "transgender", "addict", "alcoholic", "sectioned",
    "psychiatric", "services", "foster", "disabled", "disability", "criminal", "harm",
    # another's legal status, record, intimate care, and a household's routine or whereabouts
    "visa", "asylum", "overstayed", "papers", "deported", "undocumented", "conviction",
    "convicted", "sentence", "inside", "probation", "abortion", "antidepressants", "dialysis",
    "camhs", "bedwetting", "wetting", "pull", "pullups", "inject", "alone", "empty", "unlocked",
    "nights", "key", "away", "childminder", "van", "miscarriage",
    # this round: whereabouts, intimate care, a record
    "nobodys", "shift", "door", "nappies", "therapy", "disorder", "offender", "offenders",
    "drink", "bus"))

#: Lists whose entries can start a scam or a rumour check: looked up first, on their own (a
#: much smaller lexicon), so that messages starting neither skip the full lookup.
SCAM_TRIGGERS = frozenset({"credential", "takeover", "diversion", "family_hello", "new_number",
                           "child_data", "prize", "rich", "rich_weak", "exam_leak", "share_bait",
                           "pitch", "fixer", "gift_card", "mule", "card_trouble",
                           "advance", "appeal", "call_back"})
#: (A chain alone is judged only when forwarded many times, which always gets the full look.)
RUMOUR_TRIGGERS = frozenset({"danger_act", "health", "fines", "closure", "scandal", "hazard",
                             "pass_on", "chain_letter", "punitive", "hearsay", "decree"})
#: (A claim that the school's running changes needs both a topic and a change word: see
#: `civility.plugins.safety.content.ops_claim_hint`, a cheaper look than a trigger each.)
TRIGGERS = Lexicon.from_lists({n: LISTS[n] for n in sorted(SCAM_TRIGGERS | RUMOUR_TRIGGERS)})
