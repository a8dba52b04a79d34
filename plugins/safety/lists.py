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
    "code sent", "code that was sent", "whatsapp code", "the code you got",
    "the code you received",
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
    "register your", "re register", "apply here with", "sign up with your",
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
    "quid by mistake", "pounds by mistake", "by mistake on paypal", "paid you by mistake",
    "paid u by mistake", "sent you money by mistake", "sent u money by mistake", "apple just sent",
    "apple sent you", "google just sent", "google sent you", "microsoft sent you",
    "code that apple",
    "came to your phone",
    "to your phone by mistake",
    "sent to u by mistake",
    "to u by mistake",
    "code that comes up",
    "the code that comes up",
    "wa code",
    "whatsapp code pls",
    "6 numbers u get",
    "6 numbers you get",
    "the numbers you get",
    "numbers u get",
    "locked out of my account",
    "meant for me",
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
    "to your number by mistake", "login code to your",
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
    "send to my account",
    "pay to my account",
    "pay into my account",
    "office is too busy",
    "being handled by me",
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
    "hi auntie", "hello auntie", "salaam auntie", "salam auntie", "hi uncle", "hello uncle",
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
    "not you", "secure your account", "a payment of", "has been sent",
    "is on hold", "order is on hold", "account is on hold",
    "if you did not make", "if you didnt make", "did not make this purchase",
    "didnt make this purchase", "was made on your account", "files will be locked",
    "to avoid legal action", "avoid legal action", "legal action", "overdue balance",
    "unpaid crossing", "unpaid toll",
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
    "has won", "release your prize", "premium bond", "prize claim", "claim your prize",
    "lucky draw",
    "inaam",
    "jeeto",
    "whatsapp gold",
    "get a £50",
    "argos voucher",
    "free voucher",
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
    "is giving every",
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
    "link in my bio",
    "share this post", "share this post with", "like and share to", "comment and share",
    "send to 10", "share to 10", "share with 10", "share with 20", "share with 5",
    "forward to 10", "forward to 20", "forward to 5", "20 groups", "10 groups", "5 groups",
    "15 groups", "groups to claim", "friends to claim", "share this with", "to claim",
    "share on facebook to", "share to claim", "forward this to", "register here", "sign up here",
    "reply yes", "reply with yes", "text yes", "click here", "click the link", "tap here",
    "tap the link", "click below", "link below", "link in bio",
)

GET_RICH_STRONG = (
    "liking posts", "like posts", "liking instagram posts", "liking tiktok",
    "rate hotels", "unlock the next", "next set of orders", "set of tasks", "unlock orders",
    "task job", "task jobs", "commission daily", "daily commission", "top up your account",
    "top up to unlock", "optimise products", "optimize products", "boost products",
    "funds recovery", "fund recovery", "recovery service", "secure account", "move your funds",
    "recovery agent", "got all of it back", "got it all back", "get accounts back",
    "get your account back", "found a hacker", "a hacker on", "hacker who can", "safe account",
    "move your savings", "move your money",
    "liking youtube videos",
    "like youtube videos",
    "liking videos",
    "rate hotels online",
    "rating hotels",
    "higher paying tasks",
    "unlock the higher",
    "unlock tasks",
    "add my manager",
    "recovered my money",
    "recover your money",
    "recover lost money",
    "contact hacker",
    "recovery hacker",
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
    "matched betting", "no risk", "risk free", "zero risk",
    "doubles in", "triples in", "your money doubles", "business opportunity",
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
    "guaranteed", "back by summer", "back by christmas", "back in a month",
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
    "contact at the embassy", "at the embassy", "visa guaranteed", "guaranteed visa",
    "inshallah guaranteed",
    "for a small fee", "for a fee", "small fee", "fast track", "fast tracked", "approved fast",
    "get it approved", "guaranteed approval", "guaranteed place", "guarantee a place",
    "guarantee you a place", "jump the queue", "skip the queue",
)

#: Money through a stranger's account ("you keep £100"): a money mule, always a crime.
MULE = (
    "twade account",
    "tuhade account",
    "account vich paise",
    "agge bhej dena",
    "aage bhej dena",
    "commission mil",
    "commission milegi",
    "commission mil jaugi",
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
    "cards been blocked",
    "card has been blocked",
    "card been blocked",
    "card has been frozen",
    "pta card",
    "card got declined", "card declined", "card was declined", "bank blocked me",
    "bank has blocked",
    "card isnt working", "card not working", "card wont work", "card got blocked",
    "card is blocked",
    "cards arent working", "cards not working", "cards are blocked", "banks frozen",
    "bank is frozen",
    "my banks frozen", "card is frozen", "cards frozen", "stuck abroad", "bag was stolen",
    "wallet was stolen", "purse was stolen", "banking app is down", "bank app is down",
    "banking app is locked",
    "lost my wallet", "lost my purse", "lost my cards", "phone is off",
    "phones off", "her phone is off", "his phone is off", "at the hospital with",
    "in hospital and", "stranded",
)

#: "Pay this for me, I'll give you the cash": the card-declined favour.
REPAY = (
    "return it when", "pay you back when", "refund you", "ill refund you", "refund you tonight",
    "send the money back", "send you the money back", "sort you tomorrow", "sort u tomorrow",
    "ill sort you", "ill sort u", "give it you back", "pay you tomorrow", "give u the cash",
    "give you the cash", "pay you back", "pay u back", "transfer back", "transfer it back",
    "give it back", "pay back", "cash tomorrow", "ill give you", "ill give u", "send it back",
    "paid back", "pay it back", "ill give it to", "give it to him on", "give it to her on",
    "pay you on monday",
)

#: Paying in advance for something sent later ("a deposit, then I send the puppy by courier").
ADVANCE = (
    "to me personally", "cant do viewings", "post the keys", "send the keys",
    "keys in the post", "keys by post", "abroad for work",
    "can only do bank transfer", "only do bank transfer", "first to pay", "deposit first",
    "month in advance", "pay in advance", "paid in advance", "payment in advance",
    "secure your spot", "secure your place", "via bank transfer",
    "paying my sisters account", "my sisters account", "isnt set up yet", "system isnt set up",
    "pay first via",
    "transfer after payment",
    "transfer first",
    "limited stock",
    "small fee first",
    "processing fee",
    "99p postage",
    "pay the postage",
    "for the postage",
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
    "deposit by transfer", "holding deposit", "paypal friends and family",
    "friends and family only",
    "before i send", "before we send",
    "training software", "buy the training", "software first", "pay for the software",
    "buy the software", "refund it in your first", "equipment first",
    "by bank transfer", "bank transfer to her", "bank transfer to him", "pay him direct",
    "pay her direct", "pay him directly", "pay her directly", "to her directly",
    "to him directly", "transfer and ill",
)

#: A collection for a cause ("donate to the surgery fund") ...
APPEAL = (
    "collecting for", "collecting zakat", "zakat", "sadaqah", "sadqa", "qurbani", "orphans",
    "charity", "roof", "building fund", "appeal for", "lillah",
    "donate", "donations", "donation", "sponsor", "sponsors", "sponsorship", "fund", "appeal",
    "sick", "surgery", "funeral", "cant afford", "victims", "treatment",
    "struggling", "every £", "every penny", "any amount",
    "raising money", "fundraiser", "fundraising",
)
#: ... paid into someone's own account, which no charity or school uses.
OWN_ACCOUNT = (
    "personal monzo", "personal revolut", "personal paypal", "personal bank", "being set up",
    "personal account", "personal account below", "account below", "the account below",
    "not registered", "not registered yet", "my cousins charity",
    "paypal friends",
    "by paypal friends",
    "my account", "my bank", "my paypal", "my personal account", "my monzo", "my revolut",
    "my own account", "friends and family", "my details", "my bank details", "my sort code",
)

#: A chain letter: forward it, or else ("WhatsApp will start charging unless ...").
CHAIN_LETTER = (
    "tell all your contacts",
    "dont accept a friend request",
    "do not accept a friend request",
    "unless you forward", "unless you share", "forward this to 10", "forward to 10 groups",
    "send this to 10", "share to 10 groups", "forward to 20", "share before its deleted",
    "share before it gets deleted", "before its deleted", "before it gets deleted",
    "before they delete it", "will start charging", "or your account will",
)

#: Health and care of someone else's child, special-category data.
CONDITION = (
    "on bail", "restraining order", "non molestation order", "temporary accommodation",
    "sofa surfing",
    "spouse visa", "on a spouse visa", "settled status", "no settled status",
    "to the home office", "leave to remain", "no recourse to public funds",
    "asylum seeker", "asylum seekers", "seeking asylum", "asylum claim", "asylum decision",
    "asylum case", "asylum interview",
    "husband hits her", "hits her", "beats her", "hitting her", "hes hitting her",
    "domestic abuse", "domestic violence", "is ahmadi", "are ahmadi", "are ahmadis",
    "ahmadi", "ahmadis", "left islam", "ex muslim", "converted to",
    "claims free school meals", "gets free school meals", "on free school meals",
    "claim free school meals", "claiming free school meals",
    "carers allowance", "on carers allowance", "claims pip", "on pip",
    "disability living allowance", "for fraud", "lost her job", "lost his job",
    "all the debts", "in debt", "debts",
    "shoplifting", "for shoplifting", "picked up by the police", "youth caution",
    "a caution for", "police caution", "carrying a knife", "had a stroke", "a stroke",
    "deaf", "deaf in one ear", "hearing aid", "downs syndrome", "down syndrome",
    "born with", "wets the bed", "wetting the bed", "wet the bed", "anti depressants",
    "talaq", "pda", "password for collecting", "password to collect",
    "collection password", "pick up password", "pickup password", "safe word",
    "taken into care", "social worker", "social services were", "evicted", "getting evicted",
    "were evicted", "bailiffs", "on benefits", "claims benefits", "getting divorced", "divorced",
    "court order", "in court", "isnt allowed contact", "not allowed contact", "no contact order",
    "young offenders", "young offenders institution", "isnt vaccinated", "not vaccinated",
    "anti vax", "antivax", "type 1 diabetes", "type 2 diabetes", "cant get a visa", "dropped out",
    "had to drop out",
    "going through ivf",
    "diagnosed with",
    "heart condition",
    "is adopted",
    "was adopted",
    "birth name",
    "in a refuge",
    "a refuge",
    "divorce",
    "custody hearing",
    "custody",
    "family court",
    "crown court",
    "final written warning",
    "written warning",
    "has a record",
    "record for assault",
    "jail mein",
    "court ki tareekh",
    "expired visas",
    "universal credit",
    "about neglect",
    "for neglect",
    "neglect case",
    "social services came",
    "alarm code",
    "sen register",
    "not had the mmr",
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
    "expired visa", "on a visa", "visa ran out", "visa has expired", "claiming asylum",
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
    "lives opposite", "lives next door", "pinned location", "location of where", "her insta",
    "his insta", "her instagram", "his instagram", "her snapchat", "his snapchat", "her snap is",
    "his snap is", "her tiktok", "his tiktok", "snap map", "her snap map", "shares her location",
    "shares his location", "always at the",
    "is empty if",
    "is empty while",
    "is empty for",
    "walks down",
    "cant miss her",
    "cant miss him",
    "live location",
    "staying in",
    "alarm code",
    "are in spain",
    "in a refuge",
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
    "her facebook", "his facebook", "facebook is", "tiktok is",
    "instagram is", "insta is", "snapchat is", "on hinge", "on tinder", "on bumble",
    "dating app", "in his mock", "in her mock", "leaves her on her own", "leaves him on his own",
    "on ward",
)

#: "Is this you in this video?": bait to click a link.
CLICK_BAIT = (
    "is this you", "is this your child", "is this your son", "is this your daughter",
    "in this photo", "in this video", "look who", "have you seen this", "is this your kid",
)

#: A bank's "alert" that wants a call back ("call us now and have your card ready").
CALL_BACK = (
    "call our security team", "security team on", "security team now", "not you call",
    "if not you call", "call us immediately", "call now on", "call this number",
    "ring this number",
    "press 1", "keep ur card ready", "keep your card ready", "speak to fraud team",
    "speak to our fraud team", "to speak to fraud",
    "have your card ready", "call us now on", "ring us now on",
    "call our fraud team", "call the fraud team", "fraud team on", "support team on",
    "call the microsoft", "call microsoft", "tech support on", "technical support on",
    "call our support", "helpline on",
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
    "have access to", "access to the",
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
    "seems dodgy", "sounds dodgy", "looks dodgy", "bit dodgy", "is this legit", "is it legit",
    "anyone heard of", "too good to be true",
    "doesnt exist", "does not exist", "dont download", "do not download", "anyone else getting",
    "is anyone else getting",
    "dont pay for",
    "theyre not real",
    "money muling",
    "its a crime",
    "is a crime",
    "turned on 2fa",
    "changed my password",
    "tried to log in to my account",
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
    "welfare officer", "club welfare officer", "supplier", "new supplier", "pe supplier",
    "uniform supplier",
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
    "pe department", "from the pe", "the department", "swimming teacher", "from the swimming",
)

#: Why a harvester says it wants the data.
RECORD = (
    "fa registration", "for sizing",
    "id cards", "new id cards", "for the new", "vaccine programme", "programme",
    "for the register", "register", "records", "our records", "the records", "database",
    "spreadsheet", "the system", "class list", "the list", "data collection", "update records",
    "for the school", "for school", "insurance", "for the trip", "for safeguarding",
    "verification", "to verify", "for the database", "for our files", "paperwork",
)

CHILD_DATA = (
    "photo of your child",
    "in their swimsuit", "in her swimsuit", "in his swimsuit",
    "full length photo",
    "which school they go to",
    "birthdays", "birthday", "dates of birth", "date of birth", "dob", "dobs", "home address",
    "home addresses", "addresses", "address", "full name", "full names", "passport",
    "passports", "birth certificate", "birth certificates", "nhs number", "nhs numbers",
    "medical details", "medical information", "postcode", "postcodes",
)

SENSITIVE_CHILD_DATA = (
    "photo of their child", "photo of your child",
    "in their swimsuit", "in her swimsuit", "in his swimsuit",
    "full length photo",
    "dates of birth", "date of birth", "dob", "dobs", "home address", "home addresses",
    "addresses", "address", "passport", "passports", "birth certificate", "birth certificates",
    "nhs number", "nhs numbers", "medical details", "medical information", "postcode",
    "postcodes", "full name", "full names",
)

CHILDREN = (
    "u7s", "u8s", "u9s", "u10s", "u11s", "u12s", "u13s", "u14s", "players", "squad",
    "child", "children", "childs", "childrens", "kids", "kid", "kids'", "son", "sons",
    "daughter", "daughters", "pupils", "pupil", "little ones", "students",
)

EVERYONE = (
    "all your",
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
    "the family at", "theyre at", "they are at", "family at number", "police were at",
    "police came to", "police at number", "police outside",
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
    "who owns", "whose car",
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

#: Special-category data told of someone named or pointed at just before it ("Molly's got
#: bulimia", "Mrs Osei has been made bankrupt", "the Hassans are Ahmadiyya"): health and
#: treatment, pregnancy, sexuality and relationships, a record, money trouble, faith or caste,
#: immigration, another child's results or discipline, a household's access codes.
SPECIAL_CATEGORY = (
    # health and treatment
    "bulimia", "bulimic", "anorexia", "anorexic", "dyslexia", "dyslexic", "dyspraxia", "dyspraxic",
    "dyscalculia", "ritalin", "concerta", "methylphenidate", "melatonin", "methadone",
    "hysterectomy", "mastectomy", "vasectomy", "in the hospice", "in a hospice", "into a hospice",
    "into the hospice", "hospice care", "terminally ill", "obese", "overweight", "obesity",
    "her weight", "his weight", "weight at the", "her bmi", "his bmi", "fillings", "tooth decay",
    "rotten teeth", "periods", "going into hospital", "into hospital for", "having an operation",
    "her operation", "his operation", "needs glasses", "wheelchair", "stammer", "incontinent",
    "suicidal", "took an overdose", "an overdose of", "overdosed", "stillborn", "miscarried",
    "chlamydia", "herpes", "nervous breakdown", "mental breakdown", "head lice", "has nits",
    "got nits",
    # pregnancy
    "carrying twins", "expecting twins", "pregnant again", "her pregnancy", "pregnancy test",
    # sexuality, gender, relationships, parentage
    "is trans", "shes trans", "hes trans", "trans girl", "trans boy", "transitioning",
    "non binary", "nonbinary", "bisexual", "is dating", "been dating", "having an affair",
    "an affair", "affair with", "splitting up", "have separated", "are separating", "divorcing",
    "are divorcing", "new girlfriend", "new boyfriend", "isnt allowed near", "not allowed near",
    "biological dad", "biological father", "biological mum", "biological mother", "paternity test",
    "dna test",
    # a record
    "paedophile", "pedophile", "paedo", "nonce", "excluded for", "permanently excluded",
    "fixed term exclusion", "internal exclusion", "been excluded again", "excluded from school",
    "speeding ticket", "speeding fine", "points on his licence", "points on her licence",
    "banned from driving", "driving ban", "blue badge", "badge number", "a conviction",
    "has a conviction", "conviction for", "child protection plan", "electronic tag", "ankle tag",
    # money trouble and benefits
    "bankrupt", "made bankrupt", "bankruptcy", "in arrears", "mortgage arrears", "tax arrears",
    "rent arrears", "council tax arrears", "been sanctioned", "got sanctioned", "uc sanctioned",
    "benefits sanctioned", "her uc", "his uc", "their uc", "on uc", "foodbank", "food parcels",
    "gambling problem", "gambling addiction", "gambling debts", "drinking problem",
    "drink problem", "drug problem", "on cocaine", "does cocaine", "takes cocaine",
    "cocaine habit", "cocaine addict", "debt collectors", "ccj", "housing list", "repossessed",
    "payday loan", "his salary", "her salary",
    # faith and caste
    "caste", "lower caste", "dalit", "shia", "sunni", "ahmadiyya", "qadiani", "qadianis",
    "ismaili", "jehovahs witness", "jehovahs witnesses", "is a mormon", "are mormons", "is jewish",
    "is catholic", "is hindu", "is sikh", "is atheist",
    # immigration
    "here illegally", "in the uk illegally", "in the country illegally", "working illegally",
    "living illegally", "illegal immigrant", "illegal immigrants", "are refugees", "is a refugee",
    "were refugees", "refugee camp", "in a refugee camp", "years in a camp", "asylum hearing",
    "immigration status", "immigration hearing", "immigration appeal", "her visa", "his visa",
    "their visa", "visit visa", "tourist visa", "student visa", "work visa", "visa expired",
    # another child's results or discipline
    "in the mock", "in the mocks", "in their mock", "mock results", "her results", "his results",
    "their results", "sats results", "behaviour plan", "isolation booth", "predicted grades",
    "failed the 11 plus", "failed his", "failed her", "his mock", "her mock", "maths mock",
    "their mocks", "lowest in the class", "lowest score", "lowest mark", "bottom of the class",
    "bottom set", "years behind", "way behind", "put on report", "on report again",
    "on report for",
    # a household's access codes
    "door code", "front door code", "key safe", "keysafe", "key safe code", "padlock code",
    "garage code", "door entry code", "code for the flats", "code to the flats",
)

#: Someone's workplace, shifts, routine, travel or social accounts, told to the group.
WORK_AND_ROUTINE = (
    "works at", "works for", "works as a", "employer is", "his employer", "her employer",
    "fathers employer", "mothers employer", "his manager", "her manager", "manager at", "his boss",
    "her boss", "boss is called", "boss at", "manager is called", "managers called", "works lates",
    "works earlies", "on lates", "on earlies", "her shifts", "his shifts", "shift pattern",
    "goes jogging", "jogging at", "goes to the gym", "are away from", "be away from",
    "boarding pass", "flight details", "their flight", "a tinder", "her tinder", "his tinder",
    "tinder profile", "dating profile", "hinge profile", "reddit account", "secret account",
    "secret instagram", "secret tiktok", "fake account", "burner account", "on tiktok as",
    "on instagram as", "on insta as", "on reddit as", "on twitter as", "on snapchat as",
    "on facebook as", "onlyfans", "flying out", "fly out", "flies out", "jetting off",
    "on holiday in", "on holiday till", "on holiday until", "away on holiday", "drives for",
    "does nights", "does lates",
)

# -- misinformation --------------------------------------------------------------------------

CHAIN = (
    # round seven: told on (r20-r21)
    "tell to everyone", "please tell everyone", "tell all parents", "tell all your",
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
    # round eight: benefits said to be cut or stopped as a penalty
    "universal credit will be cut", "benefits will be cut", "benefit will be cut",
    "child benefit stops", "child benefit will stop", "lose your benefits",
    "lose your universal credit", "cut your benefits", "cut your universal credit",
    "universal credit stops", "benefits will stop",
    "reports you to social services",
    "report you to",
    "reports you to",
    "stop your child benefit",
    "stop your benefits",
    "lose your child benefit",
    "call social services", "will call social services", "report you to social services",
    "reported to social services", "involve social services", "reporting parents",
    "report parents", "report parents to", "reporting you to",
)

#: A change stated as settled ("are cancelled", "will be sent home", "already decided"): with
#: the school's running as its topic and nothing sourcing it, a claim told as plain fact.
DECREE = (
    # round eight: a change settled by a cut, a complaint, a new rule or a deadline (r22-r23)
    "being closed down", "closed down", "cut funding", "cut the funding", "funding cut",
    "funding cuts", "lost funding", "lost their funding", "lost the funding", "lost its funding",
    "funding has been cut", "funding was cut", "because of a complaint",
    "because of complaints", "after a complaint", "after complaints", "decisions final",
    "decision is final", "the decision is final", "new rules", "its the new rules",
    "its in the new", "held back a year", "kept back a year", "published by name",
    "names published", "published in league tables", "league tables by name",
    "delayed by a month", "delayed by months", "delayed by weeks", "delayed by a term",
    "delayed until next year", "sell it off", "selling it off", "sell the school",
    "because of the vat", "vat on private schools", "making all", "making every",
    "national database", "dna tests", "dna test", "dna samples", "body cameras",
    "decide which secondary", "decide which school", "decides which school",
    "decide who gets a place", "decide who gets a school place", "decides who gets a place",
    "because of the budget cuts", "because of budget cuts",
    # round seven: a change agreed, charged, enforced or done without consent, told as settled (r20-r21)
    "been agreed", "already been agreed", "already agreed", "been voted on", "voted on",
    "been approved", "will decide", "from this year", "start charging",
    "stop accepting", "from monday", "fingerprinted", "fingerprinting", "without parents knowing",
    "without asking parents", "even if you say no", "even if you refuse",
    "even if you dont consent", "can only be", "photo id", "permanently",
    "going to fail", "will fail", "not doing the",
    "arent doing the", "wont be doing", "school will finish at", "school will start at",
    "will be charged", "youll be charged",
    "detention", "detentions", "being split", "split up", "facial recognition", "nobody asked us",
    "no one asked us", "without asking us",
    "from february", "from march", "from april", "from may", "from june", "from july",
    "from august", "from october", "from november", "from december", "from easter",
    # round six: a change with its date or its reach, told as settled (r17-r19)
    "from september", "from january", "from next year", "from next month", "from next term",
    "from next september", "from next january", "everything from now",
    "not allowing", "being halved", "halved", "getting rid of", "being disbanded", "disbanded",
    "stopping all", "no more school trips", "no more trips", "replacing them with", "will lose",
    "must close", "bans", "marked absent", "will be marked", "whether you consent or not",
    "without your consent", "will all be given", "face recognition", "count towards",
    "going to decide", "has no insurance", "no insurance", "theyre excluded", "get excluded",
    "will be excluded", "changed the term dates",
    "scrapping",
    "making everyone",
    "making everyone buy",
    "changed it quietly",
    "moved the",
    "moved forward",
    "brought forward",
    "giving every child",
    "new law",
    "new rule",
    "its a new rule",
    "its the law",
    "been extended",
    "extended by",
    "to save on heating",
    "girls only",
    "boys only",
    "cant opt out",
    "cannot opt out",
    "no opt out",
    "catchments changed",
    "catchment has changed",
    "nobodys getting a place",
    "that were free",
    "in the new budget",
    "starting a",
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
    "heard it from", "heard it off", "heard it at",
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
    # round eight: what a relative or a neighbour saw (r22-r23)
    "my sister saw", "my neighbour saw", "my friend saw", "my mum saw", "my husband saw",
    "my cousin saw",
    # round seven: a child's or a relative's word (r20-r21)
    "my son says", "my son said", "my daughter says", "my daughter said", "my kids said",
    "my child said", "sister in law", "brother in law", "teaches at",
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
    # round eight: closed down, removed (r22-r23)
    "being closed down", "closed down", "being closed", "is being closed", "are being closed",
    "closing next week", "closing next month", "closing next term", "closing at christmas",
    # round seven: spelt as typed (r20-r21)
    "closin", "r closin", "shuttin", "closing the whole",
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
    # round seven: a penalty said to follow automatically (r20-r21)
    "automatically", "no warnings", "no warning", "not collected", "anyone who", "youll be",
    "you will be", "straight to",
    "misses", "illness", "doctors note", "without a doctors note",
    "every time",
    "from monday",
    "cameras",
    "pe kit", "kit", "next month", "from next month", "if kids", "if your child",
    "if children", "if your kids", "more than", "times",
    "holiday", "holidays", "term time", "absence", "absent", "late", "lateness", "parents",
    "parent", "every parent", "january", "september", "april", "from january",
    "from september", "from april", "new", "now", "uniform", "attendance", "day off",
    "days off", "every day", "per child", "each child", "will be", "going to",
    "naya qanoon", "new law", "late aane", "late aane par",
)

HEALTH = (
    # round eight: food served raw or with glass in it, children made sick, medicines (r22-r23)
    "were raw", "was raw", "raw chicken", "undercooked", "got sick", "glass in", "found glass",
    "pieces of glass",
    # round eight: medicines in a scare (r22-r23)
    "paracetamol", "calpol", "ibuprofen", "calpol recall",
    # round seven: diseases named, products recalled or harming children (r20-r21)
    "legionnaires", "legionnaires disease", "weils disease", "leptospirosis", "recalled",
    "being recalled", "been recalled", "causes fits", "cause fits", "causing fits",
    "energy sweets", "had seizure", "had a seizure", "not actually halal", "isnt actually halal",
    "heart attack", "energy drinks", "tap water",
    "fluoride",
    "collapsed lungs",
    "vaping",
    "bird flu",
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
    # round eight: a grave outcome or a count, a claim proven, a secret kept (r22-r23)
    "killed a baby", "killed a child", "has killed", "have killed", "died from",
    "in intensive care", "rushed to hospital", "in a&e", "in a and e", "been proven",
    "its been proven", "proven now", "keep your kids in", "shouldnt drink", "should not drink",
    "not safe to drink", "police arent saying", "being held back till", "being held back until",
    "held back till after", "held back until after", "throw yours away", "bin yours",
    "nhs is lying", "the nhs is lying", "doctors are lying", "safer than the vaccine",
    "safer than vaccines", "safer than the jab",
    # round seven: an instruction to stop using or to stay away (r20-r21)
    "throw them out", "throw them away", "throw it away", "throw it out", "bin them", "dont give",
    "do not give", "must stay away", "stay away from", "lose the baby", "please not let them",
    "because it causes", "causes fits",
    "dont let them buy", "stop using", "keep away from",
    "didnt tell parents", "didnt tell us", "without telling anyone", "dont let your kids drink",
    "dont let your kids eat",
    "wont admit it",
    "wont admit",
    "is a cover",
    "keep the kids inside",
    "keep them inside",
    "keep your kids inside",
    "keep your kids indoors", "keep them indoors", "keep your children indoors",
    "keep the kids indoors", "keep your children inside", "stay indoors", "stay inside",
    "has to stay home",
    "have to stay home",
    "lowers childrens iq",
    "lowers iq",
    "buy a filter",
    "can kill",
    "better than the jab",
    "natural immunity",
    "collapsed lung",
    "collapsed lungs",
    "evacuating",
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
    # round seven: who (r20-r21)
    "clowns", "balaclavas", "men in balaclavas",
    "escaped prisoner",
    "prisoner",
    "paedophiles",
    "gang members",
    "burglar", "burglars", "thieves", "robbers",
    "cars", "vans",
    "man in a white van", "white van", "van", "stranger", "strangers", "suspicious man",
    "suspicious men", "suspicious car", "suspicious van", "man", "men", "a man", "two men",
    "car", "someone", "a woman", "woman", "women", "person", "guy", "guys", "people",
    "gang", "male", "males",
)

#: Round eight's alarms strong enough to spread on their own (`rumours._STRONG_DANGER` reads
#: them too): named online challenges; unrest and attacks planned, children taken (r22-r23).
STRONG_DANGER_ACT_R8 = (
    "skull breaker", "skullbreaker",
    "skull breaker challenge", "fire challenge", "benadryl challenge", "salt and ice challenge",
    "tide pod challenge", "momo challenge", "blackout game", "choking game", "pass out challenge",
    "riots", "riots planned", "rioting", "targeting mosques", "targeting muslims",
    "targeting the mosque", "attack the mosque", "attacking mosques", "marching past",
    "march past the", "terror threat", "terror attack", "terrorist", "terrorists", "taking girls",
    "taking teenage girls", "taking young girls", "taking boys", "have gone missing",
)

DANGER_ACT = (
    # round eight: sweets offered to children (only with a stranger), then its strong alarms
    "offering kids sweets", "offering children sweets", "offered kids sweets",
    "offered the kids sweets", "offering them sweets", *STRONG_DANGER_ACT_R8,
    "are missing",
    # round seven: exposure, county lines, intruders, a child's death (r20-r21)
    "in balaclavas", "wearing balaclavas", "trying the classroom doors", "trying car doors",
    "trying the back door",
    "exposed himself", "exposing himself", "flashing", "flashed", "chasing children",
    "chasing kids", "deliver drugs", "delivering drugs", "county lines", "drug runners",
    "trying the doors", "trying the school doors", "trying doors", "breaking in", "drowned",
    "child died", "a child died", "chalking", "mark which",
    "pins inside", "needles inside", "razor blades", "found with pins", "found with needles",
    "paedophiles",
    "predators",
    "trackers",
    "escaped prisoner",
    "on the run",
    "hiding in the woods",
    "gang initiation",
    "initiation week",
    "baby crying outside",
    "its a trick",
    "trick to get you",
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
    "asking him to come", "asking kids to", "asking children to", "threat", "threats",
    "threat made",
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
    # round eight: lead or poison in the taps (r22-r23)
    "have lead in", "has lead in", "lead in the taps", "lead in the fountains", "lead in them",
    # round seven: the building or its water unsafe (r20-r21)
    "isnt safe", "sinkhole", "contaminated", "could collapse",
    "lead in the", "times the limit", "lead in the water",
    "gas explosion",
    "evacuating",
    "being evacuated",
    "risk of a gas",
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
    # round eight: a rule said to stay, nothing announced on a checked page (r22-r23)
    "not banned", "isnt banned", "arent banned", "not being banned", "still allowed",
    "are still allowed", "no action announced", "nothing announced", "nothing has been announced",
    "no announcement", "not been announced", "hasnt been announced", "nothing on the website",
    "nothing on their website",
    # round seven: a correction, a reassurance, a plea not to spread it, nothing changing (r20-r21)
    "turns out", "turned out", "it turns out", "lets not spread", "dont spread", "not spread it",
    "not spreading", "stop the rumour", "one persons rumour", "just a rumour", "only a rumour",
    "lets not speculate", "dont speculate", "not to speculate", "lets not make things up",
    "no need to panic", "dont panic", "no need to worry", "nothing sinister", "nothing to do with",
    "hasnt changed", "havent changed", "stays the same", "staying the same", "stay the same",
    "carry on as normal", "carries on as normal", "as normal", "as before", "not affected",
    "wont be affected", "still going ahead", "still on paper", "isnt on it",
    "theres no application", "no application",
    "still running", "is still running",
    "not compulsory", "isnt compulsory", "not mandatory", "nothing changes", "nothing is changing",
    "nothings changing", "doesnt exist",
    "isnt real",
    "scare isnt real",
    "heard nothing",
    "says open",
    "open as usual",
    "checked the bbc",
    "not burglars",
    "not from burglars",
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
    # round eight: a police appeal, a page checked, a recall notice (r22-r23)
    "police posted", "police have posted", "police appeal", "posted an appeal",
    "issued an appeal", "appeal number", "call 101", "ring 101", "quoting the reference",
    "quote the reference", "crime reference", "checked the", "i checked with", "mhra",
    "food standards agency",
    "office texted", "the office texted", "office emailed", "the office emailed", "office rang",
    "office phoned", "flyer says", "the flyer says", "poster says", "the poster says",
    # round seven: the head's answer at a meeting or forum (r20-r21)
    "head answered", "the head answered", "answered this at", "explained at the",
    "said at the meeting", "said at the forum", "per the heads", "per the schools", "per the school",
    "per the office", "per the offices",
    "government site", "government website", "childcare site", "gov site", "gov website",
    "page says", "attendance page says", "ring the office", "call the office",
    "leaflet says", "the leaflet says", "councils leaflet", "council leaflet",
    "talk to the office", "speak to the office", "ask the office", "careers adviser said",
    "adviser said", "advisor said",
    "teachers letter", "the teachers letter", "gp texted", "our gp texted", "the gp texted",
    "surgery texted", "the surgery texted",
    "police twitter",
    "police facebook",
    "the bbc",
    "e safety letter",
    "from the school app",
    "school app",
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
    # round eight: tests and checks, results, classes, places (r22-r23)
    "phonics screening", "phonics check", "multiplication check", "times tables check",
    "class sizes", "school places", "lollipop", "crossing patrol", "body cameras",
    # round seven: more of the school's running (r20-r21)
    "consent form", "consent forms",
    "parents evening", "parents evenings", "written report", "christmas play", "school play",
    "playground supervision", "supervision", "canteen",
    "bus passes", "free bus passes", "uniform grant",
    "half terms",
    "sex education",
    "relationships education",
    "rse",
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
    # round eight: removed, made to, sold off (r22-r23)
    "being removed", "is being removed", "removed", "sell it off", "selling it off", "sell off",
    "making all", "making every", "is making", "will now decide", "held back", "cut funding",
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
    # round eight: staff leaving en masse, a failed inspection, a downgrade, a hack (r22-r23)
    "all resigned", "have all resigned", "they all resigned", "resigned because of",
    "quit because of", "mass resignation", "mass resignations", "handed in their notice",
    "failed its safety inspection", "failed its inspection", "failed the inspection",
    "failed inspection", "failed a safety inspection", "failed safety checks",
    "failed its safety check", "downgraded", "been downgraded", "downgraded us",
    "requires improvement", "exam board hack", "exam board was hacked", "exam board got hacked",
    "cctv in the toilets", "cameras in the toilet", "cctv in the changing rooms",
    "cctv in the toilet",
    "lost its licence", "lost their licence", "lost its license", "licence revoked",
    "licence taken away",
    "failed on safeguarding", "failed safeguarding", "failed its safeguarding",
    "admissions are rigged", "admissions is rigged", "rigged the admissions", "rigged the results",
    "results are rigged",
    # round seven: staff bullied out, a supplier caught, cameras in the toilets (r20-r21)
    "been bullying", "bullying her", "bullying him", "bullying staff", "staff are leaving",
    "all the staff are leaving", "supplier got caught", "supplier has been caught", "caught using",
    "cameras in the toilets", "cameras in the changing rooms", "isnt actually halal",
    "not actually halal",
    "covering it up", "covered it up", "hushed it up", "hushing it up", "kept it quiet",
    "keeping it quiet",
    "took the money", "took the money and ran", "ran off with the money", "pocketed the money",
    "took the building fund", "stole the money",
    "rated us inadequate",
    "rated inadequate",
    "been rated inadequate",
    "heads resigning",
    "been pushed out",
    "pushed out",
    "forced out",
    "has quit",
    "have quit",
    "have all quit",
    "team has quit",
    "stepping down",
    "is stepping down",
    "isnt even dbs checked",
    "not dbs checked",
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
    # round seven: said with a possessive (r20-r21)
    "caretakers", "cleaners", "headteachers", "receptionists", "the heads", "supply teachers",
    "tas", "supplier",
    "reception team",
    "teaching team",
    "supervisor", "lunchtime supervisor", "pe teacher", "cleaner", "school nurse", "coach",
    "lollipop lady", "office manager", "business manager", "admin", "receptionist",
    "music teacher", "class teacher", "form tutor",
    "teacher", "teachers", "head", "headteacher", "head teacher", "deputy", "deputy head",
    "ta", "teaching assistant", "caretaker", "principal", "senco", "governor", "miss", "mrs",
    "mr", "sir", "staff", "supply teacher", "receptionist", "dinner lady",
)

SHARED_RECORD = (
    "the register", "dates of birth", "medical conditions", "class list", "their addresses",
    "addresses and parents numbers", "id card", "her date of birth", "his date of birth",
    "on free school meals", "kids on free school meals", "exclusion", "about her sons exclusion",
    "passport",
    "birth certificate",
    "ehcp",
    "emergency contacts",
    "names numbers and addresses",
    "numbers and addresses",
    "personal numbers",
    "number at the top",
    "numbers at the top",
    "number is at the top",
    "address and everything",
    "allergies",
    "medical form",
    "medical forms",
    "consent sheet",
    "consent form",
    "the letter the council sent",
    "council letter",
    "sen register",
    "not had the mmr",
    "not vaccinated",
    "free school meals list",
    "report card",
    "class register", "lunch register", "attendance register", "dinner register",
    "school report", "members list", "member list", "personal email addresses",
    "email addresses in cc", "addresses in cc", "names and phone numbers",
    "name and phone number", "bank statement", "absence reasons",
    # round eight: results, forms, confirmations and letters about someone, a list of debtors
    "test results", "eye test results", "accident form", "accident report", "incident form",
    "incident report", "bank transfer confirmation", "transfer confirmation", "payslip",
    "boarding pass", "hospital letter", "letter from the hospital", "who hasnt paid",
    "who still hasnt paid",
)

SHARING = (
    "happy to share", "ive got a photo of", "showing",
    "photo of",
    "pic of",
    "picture of",
    "attaching",
    "attached is",
    "posting",
    "screenshot",
    "screenshotted",
    "screenshot of",
    "spreadsheet of",
    "here are all",
    "heres the list",
    "here is the list",
    "saw it on",
    "let it slip",
    "copy of",
    "heres the letter", "here is the letter", "heres the photo", "heres a photo",
)

#: An alert's "was this you?" (with a number to ring beside it, the caller is the scammer).
NOT_YOU = (
    "if this wasnt you", "if you didnt make",
    "didnt make this purchase",
    "unusual activity", "suspicious activity", "unauthorised", "unauthorized", "security alert",
    "account alert", "wasnt you",
)
#: An offer (a job, a loan, a place, a match, modelling work) that a fee is said to unlock ...
FEE_OFFER = (
    "hiring", "are hiring", "now hiring", "recruiting", "vacancies", "vacancy", "job offer",
    "jobs available", "job available", "people wanted", "staff wanted", "wanted for",
    "needed in", "needed for", "needed now", "babysitters needed", "nannies needed",
    "tutors needed", "tutors wanted", "cleaners needed", "drivers needed", "per hour", "an hour",
    "hr", "hourly", "per video", "per post", "per task", "affiliate", "ambassador",
    "brand ambassador", "models wanted", "child models", "kids models", "modelling", "modeling",
    "model agency", "my agency", "our agency", "casting", "catalogue", "catalogues", "loan",
    "loans", "no credit check", "bad credit", "same day", "guaranteed match", "rishta",
    "rishta bureau", "marriage bureau", "been picked", "picked for", "been chosen for",
    "been selected for", "academy trial", "trial", "trials", "scholarship", "work permit",
    "visa sponsorship", "sponsored visa", "guaranteed job", "guaranteed interview", "placement",
    "internship", "apprenticeship", "airside pass", "tutoring job", "tutoring jobs",
    "teaching job", "tuition job", "work from home", "remote job", "remote jobs",
)
#: ... and the fee itself, paid first: real employers, lenders and academies never charge one.
UPFRONT_FEE = (
    "id check", "safety boots", "for your boots", "for your training", "starter pack",
    "starter kit", "verification fee", "delivery fee", "shipping fee", "postage fee",
    "redelivery fee", "insurance fee", "portfolio fee", "join fee", "joining fee", "admin fee",
    "activation fee", "application fee", "processing fee", "training fee", "background check fee",
    "check fee", "dbs fee", "dbs upfront", "membership fee", "release fee", "clearance fee",
    "handling fee", "arrangement fee", "registration fee", "fee first", "fee upfront", "upfront",
    "refundable", "fully refundable", "refunded with", "refunded after", "refunded on",
    "refund it in", "returned with your first", "with your first wage", "from your first wage",
    "first payment", "confirm his spot", "confirm her spot", "confirm your spot",
    "confirm their spot", "confirm his place", "confirm her place", "confirm your place",
    "to release the", "to unlock the",
)
#: Money paid "by mistake" to a seller, the extra to be sent on: the overpayment scam.
OVERPAID = (
    "send back the extra", "overpayment",
    "extra by mistake", "too much by mistake", "overpaid you", "paid you too much",
    "sent you too much", "sent too much", "refund the extra", "refund the difference",
    "send the difference", "send back the difference", "pay the difference to",
    "my driver will collect", "my courier will collect", "courier will collect",
    "mover will collect", "my shipper", "shipping agent",
)
#: Things only their issuer sells or gives, "resold" by a stranger (test slots, passes, visas).
RESALE = (
    "test cancellations", "driving test cancellations", "driving test slots", "driving test slot",
    "test slots", "test slot", "theory test slots", "in your name", "bus passes", "bus pass",
    "free bus passes", "gave me too many", "given too many", "sent me too many", "got too many",
    "e visa", "evisa", "umrah visa", "hajj visa", "hajj visas", "hajj places", "hajj package",
    "hajj packages", "umrah package", "visa in 24 hours", "visas in 24 hours",
    "passport appointment", "passport appointments", "fast track passport", "railcard", "railcards",
    "oyster", "season tickets", "school places", "free school meals vouchers",
)
#: Identity papers that are wanted along with money (a selfie with the passport, a CNIC).
PAPERS = (
    "passport scan", "scan of your passport", "passport photo page", "photo page", "selfie",
    "selfie with", "cnic", "nicop", "licence number", "driving licence number",
    "copy of your licence", "photo id", "your id", "and id", "id and", "brp", "share code",
    "right to work", "passport copy", "copy of passport", "utility bill",
)
#: A stranger's warm opening, the start of a romance or a "wrong number" scam.
ROMANCE = (
    "we matched", "working overseas", "doctor working overseas", "youre cute", "you are cute",
    "youre gorgeous", "you look cute", "you look gorgeous", "saw you on the", "saw your photo",
    "saw your pic", "maybe we can be friends", "can we be friends", "could we be friends",
    "we can be friends", "you seem friendly", "you seem nice", "you seem kind", "you look kind",
    "you have a kind face", "oil rig", "widowed", "widower", "soldier", "peacekeeping",
    "wrong number", "saw your profile", "your profile picture", "your profile pic", "handsome",
)
#: What a stranger wants next: money, a crypto "opportunity", a bank that is frozen.
ROMANCE_ASK = (
    "chat more", "wanna video", "snapchat", "add me on", "private chat",
    "small amount", "help with a small", "bit of money", "customs fee", "flight",
    "flights", "visa fee", "send money", "gift card", "crypto", "bitcoin", "trading", "invest",
    "investment", "platform", "frozen", "stuck", "lend", "borrow", "loan", "transfer",
    "help me out", "help with", "video call", "private photos", "private pics", "pics of you",
    "photo of you", "picture of you",
)
#: Clothes and moments no one outside a family asks to see a child in.
INTIMATE = (
    "swimming costume", "swimsuit", "swimsuits", "swimwear", "bathing suit",
    "leotard", "underwear", "in the bath", "bathtime", "nappy", "nappies",
    "getting changed", "bikini",
)

#: Money sent by a wire service, which nobody can take back: the stranded-abroad favour.
WIRE = (
    "remitly", "worldremit", "world remit",
    "western union", "moneygram", "money gram", "ria money transfer", "by wire",
)

#: A stranger's remote-control app: "download AnyDesk and read me the code".
REMOTE = (
    "anydesk", "any desk", "teamviewer", "team viewer", "remote access", "remote control",
    "quick support", "rustdesk",
)

#: Paying by scanning a code on a sign or a poster, where nobody can check whose it is.
QR_PAY = (
    "scan the qr code", "scanning the qr code", "scan the qr", "scan to pay", "qr code to pay",
    "pay by qr", "pay by scanning", "scan the code on the", "scanning the code on the",
)

#: Pay, or else: the threat of losing something, or of pictures shared.
EXTORTION = (
    "or i share", "or ill share", "your webcam", "everyone in your contacts", "all your contacts",
    "or we post them", "or well post them", "unless you send", "or we will post",
    "if you dont pay", "unless you pay", "we have access to your", "have access to your sons",
    "have access to your daughters", "well share them", "we will share them", "or we share",
    "well send them to", "we will send them to", "or well send", "will be cancelled unless",
    "cancelled unless the", "lose the place unless", "lose their place unless",
    "lose your place unless", "unless the fee", "unless it is paid", "unless its paid",
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
    "special": SPECIAL_CATEGORY, "routine": WORK_AND_ROUTINE,
    "chain": CHAIN, "hedge": HEDGE, "closure": CLOSURE, "fines": FINES,
    "fine_context": FINE_CONTEXT, "health": HEALTH, "scare": SCARE,
    "danger_actor": DANGER_ACTOR, "danger_act": DANGER_ACT, "kids": KIDS, "official": OFFICIAL,
    "ops_topic": OPS_TOPIC, "ops_change": OPS_CHANGE, "scandal": SCANDAL,
    "hazard": HAZARD, "denial": DENIAL, "pass_on": PASS_ON, "punitive": PUNITIVE,
    "hearsay": HEARSAY, "decree": DECREE,
    "staff_role": STAFF_ROLE, "shared_record": SHARED_RECORD, "sharing": SHARING,
    "wire": WIRE, "remote": REMOTE, "extortion": EXTORTION, "qr_pay": QR_PAY,
    "fee_offer": FEE_OFFER, "upfront_fee": UPFRONT_FEE, "resale": RESALE, "papers": PAPERS,
    "romance": ROMANCE, "romance_ask": ROMANCE_ASK, "intimate": INTIMATE, "overpaid": OVERPAID,
    "not_you": NOT_YOU,
}

# (`LEXICON` and `TRIGGERS` are built at the end of the file, once every round's lists are in.)

#: The words that tell an entry of `SPECIAL_CATEGORY` or `WORK_AND_ROUTINE`, or this round's
#: records (rare enough that the first look passes few messages for them alone).
SPECIAL_WORDS = (
    "bulimia", "bulimic", "anorexia", "anorexic", "dyslexia", "dyslexic", "dyspraxia", "dyspraxic",
    "dyscalculia", "ritalin", "concerta", "methylphenidate", "melatonin", "methadone",
    "hysterectomy", "mastectomy", "vasectomy", "hospice", "terminally", "obese", "overweight",
    "obesity", "weight", "bmi", "fillings", "decay", "rotten", "periods", "hospital", "operation",
    "glasses", "wheelchair", "stammer", "incontinent", "suicidal", "overdose", "overdosed",
    "stillborn", "miscarried", "chlamydia", "herpes", "breakdown", "twins", "pregnant", "trans",
    "transitioning", "binary", "nonbinary", "bisexual", "dating", "sleeping", "affair",
    "biological", "paternity", "dna", "paedophile", "pedophile", "paedo", "nonce", "excluded",
    "speeding", "licence", "banned", "ban", "badge", "conviction", "protection", "electronic",
    "ankle", "bankrupt", "bankruptcy", "arrears", "sanctioned", "uc", "foodbank", "parcels",
    "gambling", "drinking", "drug", "cocaine", "collectors", "ccj", "housing", "repossessed",
    "payday", "salary", "caste", "dalit", "shia", "sunni", "ahmadiyya", "qadiani", "qadianis",
    "ismaili", "jewish", "catholic", "hindu", "sikh", "atheist", "illegally", "illegal",
    "refugees", "refugee", "camp", "immigration", "visa", "mock", "mocks", "results", "behaviour",
    "isolation", "predicted", "failed", "keysafe", "padlock", "garage", "flats", "employer",
    "manager", "managers", "lates", "earlies", "shifts", "shift", "jogging", "gym", "boarding",
    "flight", "tinder", "profile", "reddit", "secret", "fake", "burner", "instagram", "tiktok",
    "insta", "twitter", "snapchat", "facebook", "onlyfans", "accident", "incident", "confirmation",
    "payslip", "hasnt", "boss", "exclusion", "jehovahs", "mormon", "mormons", "lowest", "bottom",
    "behind", "splitting", "separated", "separating", "girlfriend", "boyfriend", "allowed",
    "flying", "fly", "flies", "jetting", "holiday", "drives", "nights", "report", "lice", "nits",
    "divorcing",
)

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
    "drink", "bus", "adopted", "refuge", "divorce", "custody", "court", "assault", "jail",
    "visas", "neglect", "diagnosed", "location", "ivf", "condition", "passport", "certificate",
    "spreadsheet", "screenshotted", "universal", "written", "works", "sen",
    "emergency", "addresses", "mmr", "screenshot",
    # round six: another family's care, eviction, benefits, court, visa or records
    "evicted", "bailiffs", "benefits", "divorced", "vaccinated", "vax", "antivax", "harming",
    "worker", "insta", "instagram", "snapchat", "map", "pinned", "birth", "exclusion", "meals",
    "opposite", "register", "bail", "restraining", "molestation", "accommodation", "surfing",
    # round seven: status, abuse, faith, benefits, a record, health, records shown, profiles
    "spouse", "abuse", "ahmadi", "ahmadis", "allowance", "pip",
    "debts", "shoplifting", "caution", "knife", "stroke", "deaf", "syndrome", "wets",
    "depressants", "talaq", "pda", "password", "hinge", "tinder", "statement", "fraud",
    "hits",
    # round eight: the telling words of `SPECIAL_CATEGORY` and `WORK_AND_ROUTINE` (each entry
    # holds one; a test checks it)
    *SPECIAL_WORDS))

#: Lists whose entries can start a scam or a rumour check: looked up first, on their own (a
#: much smaller lexicon), so that messages starting neither skip the full lookup.
SCAM_TRIGGERS = frozenset({"credential", "takeover", "diversion", "family_hello", "new_number",
                           "child_data", "prize", "rich", "rich_weak", "exam_leak", "share_bait",
                           "pitch", "fixer", "gift_card", "mule", "card_trouble",
                           "advance", "appeal", "call_back", "wire", "remote", "extortion",
                           "qr_pay", "upfront_fee", "resale", "papers", "romance", "intimate",
                           "overpaid", "not_you"})
#: (A chain alone is judged only when forwarded many times, which always gets the full look.)
RUMOUR_TRIGGERS = frozenset({"danger_act", "health", "fines", "closure", "scandal", "hazard",
                             "pass_on", "chain_letter", "punitive", "hearsay", "decree"})
#: (A claim that the school's running changes needs both a topic and a change word: see
#: `civility.plugins.safety.content.ops_claim_hint`, a cheaper look than a trigger each.)


# -- round ten: scams (fresh_r24-r27) ----------------------------------------------------------
#: A one-time code that is about to be texted to the reader, to be passed back ("I'll send a
#: code to your phone, tell me what it says", "the 6 numbers we text you").
CODE_RELAY = (
    "code to your phone", "a code to your", "send a code to", "send you a code", "text you a code",
    "text with a code", "a text with a code", "numbers we text", "numbers we text you",
    "number we text", "code we text", "code we text you", "code i text", "code they text",
    "number from your text", "digit number from", "digit number you get", "numbers you get sent",
    "code it sends", "the code it sends", "code it sends you",
    "number and the code", "number and code", "number and the login code",
)
#: An unasked-for charge, debt or cut-off, the opening of an alert that wants a call back.
CHARGE_ALERT = (
    "you have been charged", "youve been charged", "have been charged", "been charged",
    "was successful", "subscription renewal", "renewal of", "suspicious purchase",
    "purchase of", "did not authorise", "didnt authorise", "not authorise", "did not authorize",
    "didnt authorize", "want to cancel", "wish to cancel", "to cancel call", "be disconnected",
    "will be disconnected", "disconnected today", "court action", "avoid court", "you owe",
    "and owe", "invoice",
)
#: Money or parcels passed through the reader for a cut: the mule's working, said plainly.
RELAYED = (
    "send it on", "send them on", "send on to", "transfer the rest", "send the rest",
    "transfer it on", "move the funds", "move funds", "reshipping", "reship", "reshipper",
    "receive packages", "receive parcels", "post them to our", "post them abroad",
    "let us use it", "let us use your", "use it for our", "take transfers", "receive transfers",
    "receive money in your", "receive a payment for", "receive payments for",
    "receive money for", "into their account and", "pay some funds into", "funds into your",
)
#: A threat that comes with a demand for crypto ("or I send the video", "don't call police").
CRYPTO_THREAT = (
    "or i will send", "or ill send", "or i send", "or it gets sent", "or it will be sent",
    "or i will share", "or you wont see", "you wont see her", "you wont see him",
    "wont see her again", "wont see him again", "dont call police", "dont call the police",
    "do not call the police", "dont tell the police", "i recorded you", "recorded you",
    "we have your video", "have your video", "through your camera", "your camera",
)
#: A payer steered away from the payee's own way ("don't use ParentPay for this", "the
#: ParentPay limit has been reached", "our new booking site as OSM is being retired").
STEERED = (
    "dont use parentpay", "do not use parentpay", "not through parentpay", "not on parentpay",
    "dont pay through", "do not pay through", "dont pay on the", "dont pay via",
    "dont pay the club", "dont pay the school", "parentpay limit", "limit has been reached",
    "limit has been hit", "own account for now", "account for now",
    "new booking site", "new booking system", "new payment site", "new payment system",
    "new bank system", "being retired", "is being retired", "no longer taking",
    "coachs own account", "coaches own account", "own account", "pay me direct",
    # the excuse for it: the payee's own way "hacked" or "down"
    "through the club site", "through the club website", "on the club site", "card machine",
    "been hacked so", "hacked so please", "system upgrade", "due to a system", "below instead",
    "quicker than parentpay", "easier than parentpay", "instead of parentpay",
    # the payee's account said to be closed or replaced, the payment sent to the poster
    "new bank account", "old one was closed", "old account was closed", "old account is closed",
    "account is being closed", "account is closing", "club account is closed",
    "paid directly to me", "directly to me",
)
#: Someone who says the school sent them to collect ("the school has asked me to ...").
CLAIMED_ERRAND = (
    "the school has asked", "the school asked me", "asked by the school", "the teacher asked me",
    "teacher asked me", "miss asked me", "the head asked", "headteacher asked", "the office asked",
    "on behalf of the school", "the school wants me to", "school asked me",
)
#: Money to be paid into a third person's account ("to my friend's account"), the stranded
#: relative's ask.
THIRD_PARTY_ACCOUNT = (
    "my friends account", "my mates account", "my friends bank", "my mates bank",
    "his account", "her account", "my friends bank account", "my flatmates account",
    "my landlords account",
)
#: A courier or an "officer" who comes for the card, the PIN or the cash.
DOORSTEP = (
    "courier to collect", "sending a courier to", "courier will collect your",
    "collect your card", "collect your compromised", "collect the card", "collect your cards",
    "will collect it from your", "collect it from your house", "collect it from your home",
    "officer will collect", "collect the cash", "dont tell the cashier", "do not tell the cashier",
    "dont tell the bank", "do not tell the bank", "written on a note", "pin written",
    "pin on a note", "withdraw the cash", "for evidence",
)
#: Someone busy who cannot talk but needs a favour: the opening of the head's gift-card ask.
BUSY_FAVOUR = (
    "are you free at the moment", "are you free right now", "are you available now",
    "are you around at the moment", "in a meeting", "governors meeting", "in meetings all day",
    "cant take calls", "cant answer calls", "cant talk now", "cant talk right now",
    "tied up in meetings", "in meetings", "tied up in a meeting", "training day",
    "in training all day",
    # the ask kept quiet, which a real head never needs
    "discreetly", "keep this between us", "keep it between us", "reply to this number only",
    "only on this number",
)
#: Money paid to the wrong person, to be sent back somewhere else ("to this other account").
WRONG_PAYMENT = (
    "into the wrong account", "to the wrong account", "paid the wrong account", "wrong account",
    "accidentally paid", "accidentally sent", "by mistake instead", "this other account",
    "a different account", "my other account",
)
#: Paying part first for goods sent later ("half payment upfront, the rest on delivery").
PART_FIRST = (
    "half payment upfront", "half upfront", "half up front", "pay half now", "half now",
    "half payment now", "half in advance", "50 upfront", "rest on delivery",
    "the rest on delivery", "balance on delivery",
)

#: Entries added to earlier rounds' lists (kept here, so that the lists above read as before).
SCAM_ADDED_R10: dict[str, tuple[str, ...]] = {
    # "it's NOT from us", "no such thing as free V-Bucks", "a code text you didn't request",
    # "someone messaged me a new account ... I'd like to check": telling others, not asking
    "warning": ("not from us", "no such thing as", "didnt request", "did not request",
                "dont need codes", "trying to get into your", "someone messaged me",
                "check in person", "before sending anything"),
    # a bursary, a free boiler, compensation owed: offers a fee is said to unlock
    "fee_offer": ("bursary", "bursaries", "free tuition", "free boiler", "free new boiler",
                  "government scheme", "eco4", "free insulation", "compensation",
                  "owed compensation"),
    "upfront_fee": ("survey fee", "consultation fee", "assessment fee", "non refundable"),
    "rich": ("recovery agents",),
    "rich_weak": ("dropshipping", "drop shipping", "trading app", "trading bot", "ai trading",
                  "mines crypto", "mining app", "rate products", "rating products",
                  "review products", "mentor group"),
    "rich_gain": ("made me", "paid for her new", "paid for his new", "paid for my new",
                  "paid off her", "paid off his", "paid off my", "quit my job", "quit her job",
                  "we both get", "make extra money", "extra money", "extra cash"),
    "join": ("use my code", "my referral code", "my referral link", "referral code",
             "can we chat", "lets chat", "drop me a message"),
    "enter": ("put your", "type in your", "apply at", "apply with your", "apply here"),
    "advance": ("only accept bank transfer", "can only accept bank transfer",
                "only accept transfer", "email them after", "ill email them after",
                "send them after payment", "post them after payment"),
    "gift_card": ("amazon vouchers", "itunes vouchers", "google play vouchers", "apple vouchers",
                  "steam vouchers", "amazon voucher"),
    "ask": ("text them to me", "text it to me", "whatsapp them to me", "email them to me",
            "send them over"),
}
#: Round eleven's scam entries (the kinds fresh_r28-r32 missed), added the same way.
SCAM_ADDED_R11: dict[str, tuple[str, ...]] = {
    # the "hi mum" scam talked about, and "if anyone messages you ...": telling others
    "warning": ("hi mum message", "hi mum text", "hi mum scam", "hi dad message", "hi dad text",
                "hi dad scam", "if anyone messages", "if someone messages", "if anyone texts",
                "if someone texts", "ring your actual", "call your actual"),
    # "Uncle here on my son's phone", "old phone lost": another phone, said otherwise
    "new_number": ("on my sons phone", "on my daughters phone", "on my husbands phone",
                   "on my wifes phone", "on my brothers phone", "on my sisters phone",
                   "old phone lost", "from the new number", "from my new number"),
    "card_trouble": ("card cloned", "cards been cloned", "card has been cloned",
                     "card got cloned", "card was cloned"),
    # pyramid "circles" and sold betting tips: schemes whatever the wording
    "rich_weak": ("trade gold", "gold trading", "trading gold", "betting tips", "gifting circle",
                  "gifting circles", "blessing loom", "money circle", "fixed matches",
                  "sure tips"),
    # a "directory" or an admissions "officer": who collects children's details for themselves
    "record": ("directory", "class directory", "contact directory"),
    "authority": ("admissions officer", "admissions team", "new admissions"),
    "errand": ("asked me to collect", "has asked me to collect", "shes asked me to collect",
               "hes asked me to collect"),
    # answers sold, and the claims that make a paper "the real one"
    "exam": ("answer booklet", "answer booklets", "predicted papers"),
    "exam_leak": ("100 match", "know the examiner", "the examiner", "teachers use",
                  "the teachers use", "schools system", "answer booklet", "answer booklets"),
    "advance": ("pay full amount first", "full amount first", "pay in full first",
                "full payment first"),
}
#: A card typed into a page ("enter card at ..."), which a postage-only "offer" wants.
CARD_ENTRY = ("enter card", "enter your card", "enter card details", "enter your card details",
              "put your card", "card details in", "put card details in")
#: Paying the poster while the organisers "don't know yet": a raffle or fund of their own.
KEPT_FROM_ORGANISERS = (
    "committee dont know", "committee doesnt know", "school dont know", "school doesnt know",
    "office dont know", "office doesnt know", "dont tell the committee", "dont tell the school",
    "dont tell the office", "without telling the committee", "without telling the school",
)
ROUND_TEN_SCAM_LISTS: dict[str, tuple[str, ...]] = {
    "code_relay": CODE_RELAY, "charge_alert": CHARGE_ALERT, "relayed": RELAYED,
    "crypto_threat": CRYPTO_THREAT, "steered": STEERED, "doorstep": DOORSTEP,
    "busy_favour": BUSY_FAVOUR, "wrong_payment": WRONG_PAYMENT, "part_first": PART_FIRST,
    "third_party_account": THIRD_PARTY_ACCOUNT, "errand": CLAIMED_ERRAND,
    "kept_from_organisers": KEPT_FROM_ORGANISERS, "card_entry": CARD_ENTRY,
}
LISTS.update(ROUND_TEN_SCAM_LISTS)
for _name, _added in (*SCAM_ADDED_R10.items(), *SCAM_ADDED_R11.items()):
    LISTS[_name] = LISTS[_name] + _added
SCAM_TRIGGERS = SCAM_TRIGGERS | frozenset(ROUND_TEN_SCAM_LISTS)


# -- round eleven: personal data (fresh_r28-r32) ------------------------------------------------
#: Another person's sensitive facts the batches told without a number: health and care, a
#: child's results and discipline, money trouble, a change of faith, a family's danger.
SPECIAL_ADDED_R11 = (
    # health and care
    "type 1 diabetic", "non verbal", "nonverbal", "wets herself", "wets himself", "wet herself",
    "wet himself", "scabies", "coeliac", "is expecting", "shes expecting",
    # a child's results and discipline
    "below expected", "working below", "predicted sats", "predicted scores", "caught vaping",
    "been vaping", "vaping", "caught stealing", "stealing from", "managed move",
    "on a managed move", "been bullying", "is the bully", "from the pru", "at the pru", "the pru",
    "punched a teacher",
    # money trouble
    "food bank", "the food bank", "lost his job", "lost her job", "in debt", "debt up to",
    "owe the club", "owes the club", "owe the school", "owes the school", "owe the madrasa",
    "owes the madrasa", "owe the mosque", "claim benefits", "claiming benefits", "on benefits",
    # faith changed, a family turned away
    "converted to", "taken her shahada", "taken his shahada", "took her shahada",
    "took his shahada", "reverted to islam", "are buddhist", "is buddhist", "disowned her",
    "disowned him", "disowned them",
    # a family's danger or care
    "fled here", "fled from", "fleeing", "domestic violence", "because of dv", "hitting her",
    "hitting him", "druggie", "is fostered", "shes fostered", "hes fostered",
    "private instagram", "private insta",
)
#: The telling words of those entries (each entry holds one), for the first look.
SPECIAL_WORDS_R11 = (
    "diabetic", "verbal", "nonverbal", "wets", "wet", "scabies", "coeliac", "expecting",
    "expected", "below", "predicted", "vaping", "bullying", "bully", "stealing", "managed", "pru",
    "punched", "food",
    "job", "debt", "owe", "owes", "benefits", "converted", "shahada", "reverted", "buddhist",
    "disowned", "fled", "fleeing", "violence", "dv", "hitting", "druggie", "fostered",
    "instagram", "insta",
)
#: The poster's own, said so ("my own number", "mine is", "my reg"), for a number or a car.
OWN_OFFER_R11 = ("my own number", "mine is", "my number is", "my reg", "my husbands car",
                 "my wifes car", "my partners car")
LISTS["special"] = LISTS["special"] + SPECIAL_ADDED_R11
LISTS["own_offer"] = LISTS["own_offer"] + OWN_OFFER_R11
CONDITION_WORDS = CONDITION_WORDS | frozenset(w.encode() for w in SPECIAL_WORDS_R11)


# -- round eleven: misinformation (fresh_r28-r32) ----------------------------------------------
#: An urgent call to protect the children or one's money from what the message claims ("keep
#: your girls off", "cancel your cards NOW", "throw it all away", "stock up"), which a rumour
#: makes and a sourced notice rarely needs.
URGED = (
    "keep your girls off", "keep your boys off", "keep your kids off", "keep them off",
    "keep little ones away", "keep your kids away", "keep your children away",
    "cancel your cards", "cancel your card", "delete it tonight", "delete it now",
    "delete the app now", "check phones now", "check their phones now", "throw it all away",
    "throw them all away", "stock up", "shave their heads", "dont buy anything",
    "tell your girls not", "tell your kids not", "tell your children not", "drive your kids in",
    "change your passwords", "keep an emergency bag", "be careful ladies",
)
#: A source nobody can check: someone unnamed who "works in IT", a teacher "at another
#: school", a relative "at Heathrow", a stranger in a Facebook group.
VAGUE_SOURCE = (
    "a dad who works in", "a dad who works", "a dad whos in", "a mum who works",
    "a mum who works in", "a teacher confirmed", "a teacher at another school",
    "teacher at another school", "my uncle works at", "my uncle works", "my aunt works at",
    "a friend in the council", "a friend at the council", "in the facebook group said",
    "a lady in the facebook group", "someone in the facebook group", "let it slip",
    "my friends daughters teacher", "it was in the budget", "a dad in it said",
)
#: What such a claim alarms with, beside the school's running or a health scare.
ALARM_R11 = (
    "hacked", "leaked", "toxic", "contaminated", "asbestos", "going round", "trapped", "paedos",
    "steals", "tracking", "recording", "hidden microphones", "cancelled", "being stopped",
    "stopping", "closing", "going off", "arrested", "sacked", "demolished", "dark web", "pork",
    "chemical burns", "resistant", "mpox", "polio", "pollution", "earthquake", "kicked out",
    "suspending", "social services", "decides which", "every child", "the whole of",
)
#: Secrecy said of whoever should tell ("they're hushing it up", "won't tell parents").
SECRECY_R11 = ("wont tell parents", "hushing it up", "keeping it hush hush", "hush hush",
               "theyre hiding it", "hiding it from", "let it slip")
LISTS.update({"urged": URGED, "vague_source": VAGUE_SOURCE, "alarm_r11": ALARM_R11})
LISTS["scare"] = LISTS["scare"] + SECRECY_R11
RUMOUR_TRIGGERS = RUMOUR_TRIGGERS | {"urged", "vague_source"}

LEXICON = Lexicon.from_lists(LISTS)
TRIGGERS = Lexicon.from_lists({n: LISTS[n] for n in sorted(SCAM_TRIGGERS | RUMOUR_TRIGGERS)})
