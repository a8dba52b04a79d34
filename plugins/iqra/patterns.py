"""The Iqra policy's word lists, combined with the kit's generic ones into one lexicon."""

from __future__ import annotations

from civility.detectors import lexicon as kit
from civility.detectors.wordlist import Lexicon

#: Criticism of a person or of how they do their job.
NEGATIVE = (
    "hopeless", "useless", "rude", "lazy", "incompetent", "clueless", "terrible", "awful",
    "shocking", "disgrace", "disgraceful", "pathetic", "rubbish", "a joke", "no idea",
    "can't teach", "cant teach", "cannot teach", "doesn't care", "doesnt care", "don't care",
    "dont care", "couldn't care less", "never listens", "never listen", "not fit", "unfit",
    "unprofessional", "should be ashamed", "should be sacked", "should be fired",
    "needs to go", "need to go", "get rid of", "favouritism", "favourites", "picks on",
    "picking on", "has it in for", "worst teacher", "useless teacher", "learnt nothing",
    "learned nothing", "hasn't learnt a thing", "hasnt learnt a thing", "hasn't learned",
    "not learnt a thing", "nothing is done", "does nothing", "do nothing", "did nothing",
    "ignored", "ignores", "ignoring", "arrogant", "condescending", "patronising", "nasty",
    "horrible", "vile", "disgusting", "ashamed", "shameful", "bad parenting", "no manners",
    "badly brought up", "dragged up", "feral", "spoilt", "spoiled brat", "brat", "bully",
    "a bully", "bullies", "so rude", "rude on the phone", "can't be bothered",
    "cant be bothered", "out of her depth", "out of his depth", "lied", "lying", "liar",
    "waste of time", "bakwas", "nikammi", "nikamma", "nalayak", "kuch nahi karti",
    "kuch nahi karta", "kuch nahi parhati", "kuch nahi parhata", "kaam chor", "badtameez",
    "ghatiya", "bekar", "bekaar", "faltu", "zero", "the worst", "mess", "a mess",
)

#: Accusations of wrongdoing that would be defamatory if untrue.
ACCUSE = (
    "pocketing", "pocketed", "stealing", "stole", "steals", "thief", "thieves", "fraud",
    "fraudster", "corrupt", "corruption", "embezzl*", "bribe*", "backhander*", "on the take",
    "cooking the books", "fiddling the", "lining her pockets", "lining his pockets",
    "lining their pockets", "racist", "nonce", "paedo*", "pedo*", "abuser", "abusing the kids",
    "hits the kids", "hits children", "drunk at work", "drinks on the job", "criminal",
    "criminals", "lying to parents", "lying to us", "lies to parents", "cover up", "covering up",
    "covered up", "fake qualifications", "chor", "chori", "paisa kha", "paise kha", "khaa gaye",
    "kha gayi", "kha gaya", "jhooti", "jhoota", "jhoot bolti", "jhoot bolta",
)

#: The school as a whole.
SCHOOL = (
    "this school", "the school", "our school", "iqra", "school is", "schools", "this place",
    "run school", "school's", "the management", "management", "the leadership", "leadership",
    "governors", "school ka", "school ki", "school walon",
)

#: What bringing the school into disrepute sounds like.
DISREPUTE = (
    "worst", "worst run", "embarrassment", "embarrassing", "shambles", "a joke", "joke of a",
    "disgrace", "disgraceful", "laughing stock", "failing", "going downhill", "gone downhill",
    "avoid", "don't send your", "dont send your", "pull my kids out", "pull our kids out",
    "pulling my kids out", "pulling him out", "pulling her out", "take my kids out",
    "report them to ofsted", "report the school", "go to the papers", "go to the press",
    "call the papers", "tell the papers", "the local paper", "expose them", "expose the school",
    "circus", "shocking", "pathetic", "useless", "rubbish", "terrible", "awful", "mismanaged",
    "badly run", "clown show", "bekar", "bekaar", "ghatiya", "faltu", "sab se bura",
)

#: School policies and rules.
POLICY = (
    "policy", "policies", "rule", "rules", "new rule", "new rules", "new system", "uniform rule",
    "uniform policy", "homework policy", "lateness policy", "attendance policy", "behaviour policy",
    "phone policy", "packed lunch policy", "lunch policy", "the ban", "ban on", "dress code",
    "the decision", "their decision", "school's decision", "fines", "fine for",
)

#: Calling on the group to resist or publicly reject a school policy.
CHALLENGE = (
    "let's all", "lets all", "we should all", "everyone should", "we all need to", "refuse to",
    "refuse", "boycott", "ignore it", "ignore them", "ignore the", "just ignore", "not going to follow",
    "won't follow", "wont follow", "don't follow", "dont follow", "not comply", "won't comply",
    "wont comply", "don't comply", "stand together", "stand up to", "fight this", "fight it",
    "petition against", "complain together", "all complain", "kick up a fuss", "mass complaint",
    "keep them home", "keep our kids home", "is a joke", "ridiculous", "nonsense", "pointless",
    "absurd", "stupid", "a disgrace", "unfair", "makes no sense", "total rubbish", "bakwas",
    "we won't", "we will not", "nobody should", "no one should", "don't pay", "dont pay",
)

#: Things that happen to a child that belong with the class teacher, not the group.
INCIDENT = (
    "sent home", "excluded", "exclusion", "suspended", "expelled", "bit my", "bit him",
    "bit her", "bit another", "bites", "biting", "hit my", "hit him",
    "hit her", "hits", "hitting", "punched", "kicked", "pushed", "scratched", "bullying",
    "bullied", "bullies", "a bully", "naughty", "badly behaved", "behaviour", "behavior",
    "detention", "in trouble", "got told off", "told off", "head lice", "nits", "lice",
    "sen", "autism", "autistic", "adhd", "special needs", "diagnosis", "diagnosed",
    "social services", "smells", "stinks", "dirty", "stole", "steals", "swore", "swearing",
    "wet himself", "wet herself", "soiled", "crying", "cried", "isolation", "red card",
    "sad face", "behaviour chart", "thumped", "slapped", "attacked", "hurt my", "hurt him",
    "hurt her",
)

#: Selling: any one of these is solicitation.
COMMERCE = (
    "for sale", "selling", "dm me for", "pm me for", "inbox me for", "message me for",
    "whatsapp me for", "contact me for", "order now", "taking orders", "taking bookings",
    "book now", "discount code", "promo code", "use my code", "3 for 2", "buy one get one",
    "bogof", "eyelash extensions", "lash extensions", "hair extensions", "microblading",
    "mehndi bookings", "henna bookings", "tupperware", "avon", "herbalife", "forever living",
    "younique", "mlm", "earn money", "make money from home", "work from home", "side hustle",
    "crypto", "forex", "cakes to order", "special offer", "half price", "price list",
    "prices start", "my business", "small business", "home business", "per session",
    "reasonable rates", "affordable prices", "free delivery", "delivery available",
)

#: Selling words that need a second sign (another of these, or a shop link).
COMMERCE_WEAK = (
    "prices", "price", "cheap", "bargain", "offer", "offers", "sale", "delivery", "nails",
    "lashes", "eyelash", "eyelashes", "brows", "threading", "waxing", "facials", "from home",
    "per hour", "an hour", "rates", "affordable", "this week only", "limited time", "order",
    "orders", "bookings", "business", "dm me", "pm me", "inbox me", "message me", "discount",
    "invest", "investment", "trading", "catering", "sell",
)

#: Campaigns and personal appeals unrelated to the school.
CAMPAIGN = (
    "sign the petition", "sign this petition", "sign our petition", "sign my petition",
    "petition", "please sign", "donate", "sponsor me", "gofundme", "go fund me", "justgiving",
    "just giving", "crowdfund*", "raise money", "raising money", "legal fund", "vote for my",
    "vote for our", "like and share", "share widely", "share everywhere", "lend me",
    "borrow money", "need money", "help me pay", "help my family", "chanda",
)

#: Appeal words that need a second sign.
CAMPAIGN_WEAK = (
    "donation", "donations", "charity", "zakat", "sadqa", "sadaqah", "lillah", "please share",
    "share this", "fundraiser", "fundraising", "appeal", "cause", "every penny", "any amount",
)

#: School-run events and needs: fundraising and swaps for the school are not solicitation.
SCHOOL_CONTEXT = (
    "pta", "school fair", "summer fair", "winter fair", "eid fair", "cake sale", "bake sale",
    "school trip", "class trip", "school uniform", "old uniform", "uniform swap", "book fair", "non uniform",
    "non-uniform", "the school is raising", "school fundraiser", "for the school", "our school",
    "class rep", "school council", "governor", "teacher's gift", "teachers gift", "class gift",
    "end of year gift", "sports day", "charity week", "red nose", "children in need",
    "world book day", "lost property",
)

#: Education and activities: links beside these words are probably relevant.
EDUCATION = (
    "homework", "reading", "phonics", "spelling", "spellings", "maths", "times tables",
    "worksheet", "practice", "revision", "sats", "lesson", "lessons", "learn", "learning",
    "educational", "science", "history", "geography", "quran", "qaida", "tajweed", "hifz",
    "islamic studies", "arabic", "club", "clubs", "swimming", "football", "cricket", "karate",
    "dance", "scouts", "brownies", "cubs", "library", "museum", "workshop", "tutorial",
    "school", "teacher", "class", "term", "trip", "assembly", "nativity", "parents evening",
    "admissions", "application", "council", "form", "letter", "newsletter", "holiday club",
    "activity", "activities", "free school meals", "breakfast club", "after school",
)

#: Entertainment and chit-chat beside a link.
FUN = (
    "hilarious", "funny", "lol", "lmao", "lmfao", "rofl", "haha", "hahaha", "watch this",
    "check this out", "look at this", "omg", "viral", "trending", "prank", "meme", "memes",
    "giveaway", "win a", "competition", "follow me", "follow my", "subscribe", "my channel",
    "my page", "my tiktok", "my insta", "gossip", "drama", "celebrity",
)

#: Speaking of a whole group of people at once.
COLLECTIVE = (
    "those", "these", "they", "them", "they all", "all of them", "all the same", "people",
    "families", "parents", "lot", "type", "kind", "mums", "dads", "kids", "children", "all",
    "ye log", "yeh log", "in logon", "inn logon", "sab", "saare", "sare", "log",
)

#: Stereotypes: what is said of the group.
STEREOTYPE = (
    "don't care", "dont care", "doesn't care", "do not care", "dirty", "lazy", "smell",
    "smelly", "stink", "backward", "uneducated", "thieves", "criminals", "scroungers",
    "benefit scroungers", "taking over", "go back", "should go back", "don't belong",
    "dont belong", "not welcome", "invading", "no manners", "uncivilised", "animals", "savages",
    "can't be trusted", "cant be trusted", "never pay", "rude", "loud", "ignorant", "stupid",
    "jahil", "jaahil", "ganday", "gande", "kanjar", "not real muslims", "not proper muslims",
    "going to hell", "jahannami", "don't want", "dont want", "keep away", "stay away",
    "don't mix", "dont mix", "ruin", "ruining", "ruined", "their fault", "like that",
)

#: Slurs that break cultural respect on their own.
SLURS = (
    "paki", "pakis", "kafir", "kaffir", "kuffar", "chinky", "chink", "nigger", "nigga",
    "wog", "coon", "gyppo", "pikey", "raghead", "towelhead", "curry muncher", "bounty",
    "coconut", "choora", "chuhra", "chamar", "mirpuri goat", "goatf*",
)

#: Common romanised Urdu/Punjabi words: the word lists are thinner there, so the scorer is asked.
URDU = (
    "hai", "hain", "ho", "ka", "ki", "ke", "ko", "ne", "se", "nahi", "nahin", "kya", "ye", "yeh",
    "wo", "woh", "tum", "tu", "tera", "teri", "tere", "aur", "bhi", "mein", "main", "hy", "ap",
    "aap", "kar", "karo", "raha", "rahi", "tha", "thi", "koi", "sab", "bas", "apni", "apna",
)

LISTS: dict[str, tuple[str, ...]] = {
    "threat": kit.THREATS,
    "profanity": kit.PROFANITY_EN + kit.PROFANITY_UR,
    "insult": kit.INSULTS_EN + kit.INSULTS_UR,
    "weak_insult": kit.WEAK_INSULTS,
    "anger": kit.ANGER,
    "person": kit.SECOND_PERSON,
    "politics": kit.POLITICS,
    "politics_weak": kit.POLITICS_WEAK,
    "group": kit.GROUPS,
    "slur": SLURS,
    "collective": COLLECTIVE,
    "stereotype": STEREOTYPE,
    "negative": NEGATIVE,
    "accuse": ACCUSE,
    "school": SCHOOL,
    "disrepute": DISREPUTE,
    "policy": POLICY,
    "challenge": CHALLENGE,
    "incident": INCIDENT,
    "commerce": COMMERCE,
    "commerce_weak": COMMERCE_WEAK,
    "campaign": CAMPAIGN,
    "campaign_weak": CAMPAIGN_WEAK,
    "school_context": SCHOOL_CONTEXT,
    "education": EDUCATION,
    "fun": FUN,
    "urdu": URDU,
}

LEXICON = Lexicon.from_lists(LISTS)
