"""Reusable word lists (lower case, for `civility.detectors.wordlist`).

Written for this project from general knowledge of British English and of the romanised
Urdu/Punjabi that British Pakistani families write in chats; several spellings are listed for
romanised words because there is no standard one. A policy picks the lists it needs and adds its
own. Entries ending in ``*`` match longer words; keep such stems long enough not to catch
innocent words.
"""

from __future__ import annotations

__all__ = [
    "ANGER", "GROUPS", "INSULTS_EN", "INSULTS_UR", "POLITICS", "POLITICS_WEAK", "PROFANITY_EN",
    "PROFANITY_UR", "SECOND_PERSON", "THREATS", "WEAK_INSULTS",
]

#: Swearing: offensive whoever it is aimed at.
PROFANITY_EN = (
    "fuck*", "fck", "fk", "fcuk*", "fuk", "fuking", "fukin", "feck*", "motherfuck*", "mofo",
    "shit", "shits", "shite", "shitty", "shitting", "shithead", "shithole", "bullshit", "bs",
    "bollocks", "bollox", "piss", "pissed", "pissing", "piss off", "pisstake", "cunt*",
    "twat*", "wank*", "wanker*", "bastard*", "arse", "arsehole*", "asshole*", "ass", "arses",
    "bitch*", "son of a bitch", "dick", "dickhead*", "prick*", "cock", "cocks", "bellend*",
    "knob", "knobhead*", "slag*", "slut*", "whore*", "hoe", "hoes", "damn", "dammit",
    "goddamn*", "bloody hell", "crap", "crappy", "wtf", "stfu", "ffs", "omfg", "jfc", "sod off",
    "bugger off", "tosser*", "nigga*", "nigger*", "fag", "faggot*", "dipshit*", "jackass",
    "screw you", "effing", "f off", "eff off", "fo", "fml",
)

#: Romanised Urdu/Punjabi swearing (several spellings each).
PROFANITY_UR = (
    "bhenchod", "behenchod", "bhanchod", "bhen chod", "behen chod", "bc", "bhnchd", "bkl",
    "madarchod", "madar chod", "maderchod", "mc", "mchod", "chutiya", "chutiye", "chutia",
    "choot", "chut", "gandu", "gaandu", "gaand", "gand", "gaandu", "lun", "lund", "lauda",
    "lawda", "lora", "harami", "haramzada", "haramzadi", "haramkhor", "haraamzada", "kanjar",
    "kanjri", "kanjari", "randi", "randwa", "dalla", "dalle", "bhosdi", "bhosdike", "bhosri",
    "bhosrike", "bhosda", "teri maa ki", "teri ma ki", "teri behen ki", "tera baap", "suar",
    "soor", "khanzir", "kuttay ki aulad", "kutte ki aulad", "kuttey", "haramkhor",
)

#: Insults that are abusive on their own when said of a person.
INSULTS_EN = (
    "idiot*", "moron*", "imbecile*", "cretin*", "retard*", "muppet*", "numpty", "dimwit*",
    "halfwit*", "nitwit*", "dumbass*", "scumbag*", "scum", "lowlife", "low life", "vermin",
    "piece of work", "waste of space", "waste of oxygen", "airhead", "bimbo", "slapper",
    "cow", "silly cow", "stupid cow", "old cow", "fat cow", "witch", "troll", "loser*",
    "shut up", "shut your mouth", "shut it", "get lost", "nobody asked you", "no one asked you",
    "who asked you", "mind your own business", "get a life", "grow up", "go away",
    "brain dead", "braindead", "thick as", "pig", "fat pig", "hypocrite*", "ignorant",
    "nasty piece", "jealous much", "karen", "attention seeker", "drama queen",
)

#: Romanised Urdu/Punjabi insults aimed at a person.
INSULTS_UR = (
    "bewakoof", "bewaqoof", "bevakoof", "bewakuf", "bewkoof", "ullu", "ullu ka pattha",
    "ullu ka patha", "ulloo", "gadha", "gadhi", "gadhe", "gadhay", "khota", "khoti", "kutta",
    "kutti", "kuttiya", "kutiya", "kuttay", "kutte", "kamina", "kameena", "kamini", "kameeni",
    "kaminey", "kamine", "jahil", "jaahil", "jahal", "besharam", "be sharam", "beghairat",
    "be ghairat", "badtameez", "bad tameez", "badtamiz", "badmash", "badmaash", "chup kar",
    "chup kr", "chup karo", "bakwas band", "bakwas mat", "bakwaas", "bakwas", "ghatiya",
    "ghatia", "nalayak", "nalaiq", "nikamma", "nikammi", "paagal", "pagal aurat", "mental",
    "lanti", "lanat", "laanat", "lanatee", "munafiq", "fitna", "fitnah", "chudail", "churail",
    "bhains", "moti", "saala", "sala", "saali", "kameeni aurat", "jahil aurat", "dafa ho",
    "dafa hojao", "nikal", "chal nikal", "aukat", "aukaat", "sharam karo", "sharam nahi",
    "dimagh kharab", "ganda", "gandi aurat",
)

#: Words that are insults only when aimed at someone ("you are so stupid"), not at a thing.
WEAK_INSULTS = (
    "stupid", "dumb", "thick", "pathetic", "ugly", "fat", "useless", "clueless", "clown",
    "joke", "disgusting", "vile", "nasty", "rude", "lazy", "selfish", "liar", "snake", "fake",
    "pagal", "weirdo", "freak", "creep", "psycho", "crazy", "mad", "dense", "silly", "sad",
)

#: Threats and aggression (say them to a person and they are threats).
THREATS = (
    "say that to my face", "say it to my face", "see what happens", "watch your back",
    "watch yourself", "you will regret", "you'll regret", "youll regret", "you'll be sorry",
    "i know where you live", "wait till i see you", "wait until i see you", "meet me outside",
    "come outside", "i'll sort you out", "ill sort you out", "i will sort you out",
    "i'll deal with you", "ill deal with you", "i'll get you", "i will get you",
    "i'll kill you", "ill kill you", "i will kill you", "gonna kill you", "kill you",
    "i'll smash", "i'll slap", "i will slap", "i'll punch", "i will punch", "ill punch",
    "ill slap", "you're dead", "youre dead", "you are dead", "dead meat", "i'll batter",
    "gonna batter", "i'll hurt", "i will hurt", "beat you up", "beat the", "knock your",
    "punch your", "slap you", "slap your", "smack you", "smack your", "sort him out",
    "sort her out", "i'll be waiting", "at the gate tomorrow", "at the gates tomorrow",
    "dekh lunga", "dekh lungi", "dekh lena", "dekh loonga", "chhodunga nahi", "chorunga nahi",
    "nahi chorungi", "maar dunga", "maar dungi", "mar dunga", "maarunga", "tang tod",
    "haddi tod", "tujhe dekh", "tumhe dekh", "bach ke rehna", "bach ke rahna",
)

#: Shouting words and signs of temper (only a signal; combined with other evidence).
ANGER = (
    "furious", "fuming", "livid", "raging", "sick of", "sick and tired", "fed up", "had enough",
    "disgusted", "disgraceful", "outrageous", "how dare", "unbelievable", "ridiculous",
)

#: Addressing someone directly (English and romanised Urdu).
SECOND_PERSON = (
    "you", "u", "ur", "your", "youre", "you're", "yours", "yourself", "ya", "tum", "tu",
    "tera", "teri", "tere", "tumhara", "tumhari", "aap", "apki", "apka", "tujhe", "tumhe",
    "she", "he", "shes", "hes", "she's", "he's", "that woman", "that man", "this woman",
    "this man", "her", "him",
)

#: Politics and current affairs that are opinions, not school business.
POLITICS = (
    "vote labour", "vote tory", "vote conservative", "vote green", "vote reform",
    "vote lib dem", "vote libdem", "vote snp", "vote for labour", "vote for reform",
    "vote green party", "general election", "by election", "by-election", "local elections",
    "polling day", "prime minister", "the government", "government's", "govt", "tories",
    "tory", "labour party", "conservative party", "reform uk", "lib dems", "green party",
    "starmer", "keir starmer", "sunak", "rishi sunak", "farage", "nigel farage", "boris",
    "trump", "biden", "brexit", "immigration", "immigrants", "asylum seekers", "refugees",
    "deport*", "the mp", "our mp", "parliament", "westminster", "left wing", "right wing",
    "leftie*", "lefty", "woke", "zionist*", "zionism", "israel", "gaza", "palestine",
    "palestinian*", "ceasefire", "genocide", "netanyahu", "hamas", "idf", "ukraine", "putin",
    "kashmir", "modi", "imran khan", "pti", "pmln", "protest march", "free palestine",
    "the council has failed", "council tax", "budget cuts", "cost of living crisis",
)

#: Political words that only count next to a stronger political word or a call to vote.
POLITICS_WEAK = (
    "vote", "voting", "labour", "conservative", "reform", "green", "election", "council",
    "party", "policies", "minister", "protest", "march", "boycott",
)

#: Groups of people by origin, faith or ethnicity (for generalisations about them).
GROUPS = (
    "eastern european*", "polish", "romanian*", "albanian*", "pakistani*", "paki*", "bengali*",
    "bangladeshi*", "indian*", "somali*", "nigerian*", "african*", "arab*", "afghan*",
    "asian*", "english", "british", "white people", "whites", "black people", "blacks",
    "gypsies", "gypsy", "gypsys", "travellers", "pikey*", "foreigners", "immigrants",
    "hindu*", "sikh*", "christian*", "jew*", "shia*", "sunni*", "ahmadi*", "qadiani*",
    "deobandi*", "barelvi*", "wahabi*", "salafi*", "kafir*", "kuffar", "gora", "goray",
    "gori", "kala", "kalay", "kaali", "desi*", "mirpuri*", "punjabi*", "pathan*", "pashtun*",
    "muslims", "converts", "reverts",
)
