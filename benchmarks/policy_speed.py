"""Speed of the Iqra policy: per-message latency (p50/p99) of ``on_message`` and throughput.

    .venv/bin/python benchmarks/policy_speed.py [--messages 50000] [--write-jsonl PATH]

Messages are synthetic parent-group messages, generated with a fixed seed: about 5% breaches
(look-alike letters, English and romanised Urdu insults, links), the rest clean chatter (about a
sixth romanised Urdu, about a tenth with a link, a few long announcements); the run prints the
share flagged. ``--write-jsonl PATH`` also writes them as JSON Lines for the whole
``civility scan`` benchmark. Resident memory is the process's peak after the run (Linux
ru_maxrss).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import time
from pathlib import Path

import civility.plugins.iqra as iqra
from civility.config import School
from civility.context import PolicyContext
from civility.testing import make_message

CLEAN = [
    # logistics chatter (the bulk of a parent group)
    "PE is on {day} this week, don't forget the kit",
    "Does anyone know if the trip to the {place} needs a packed lunch?",
    "Eid Mubarak to everyone in {cls}!",
    "My son is killing it at times tables this term 😄",
    "Homework club is cancelled on {day}, the letter came home yesterday",
    "Reminder: parents evening booking closes on {day}",
    "Thank you Mrs Khan for the lovely assembly",
    "Has anyone seen a blue water bottle in lost property?",
    "The nativity rehearsal finishes at 4pm on {day}",
    "Jazakallah khair for organising the class gift",
    "What time is pick up on {day}? Is it early finish?",
    "Can someone send me a photo of the spelling list please",
    "Is it non-uniform day on {day} or next week?",
    "Thanks!",
    "ok 👍",
    "Ameen",
    "Same question, did anyone get the letter about the {place} trip?",
    "{name} left his jumper at ours after the party, which class is he in?",
    "The car park was chaos this morning, be careful everyone",
    "Does {cls} have swimming this half term or is it next term?",
    "Reading books are changed on {day} and Thursday I think",
    "Happy birthday {name}! Hope you have a lovely day 🎂",
    "Anyone doing the cake sale? I can bake some cupcakes",
    "My daughter said the homework is on Seesaw, page 12",
    "School photos are on {day}, hair tied back for girls",
    "Is the breakfast club open during the inset day?",
    "Salam sisters, does anyone have a spare book bag? Mine ripped",
    "The traffic on the high street was terrible today, left early",
    "World Book Day costume ideas anyone? He wants to be a dinosaur again",
    "Please can everyone return the permission slips by {day}",
    "I think the Year 6 SATs are the week after half term",
    "Got a message from the office saying clubs restart on {day}",
    "Anyone walking back towards the park after pick up? My son wants to come with {name}",
    "The Quran recital was beautiful, MashaAllah the kids did so well",
    "Sorry to ask again but what's the wifi for the parent portal? Lol jk, what's the login page",
    "Lunch menu this week: pasta on {day}, fish fingers Friday",
    # the occasional long message
    "Just to let everyone know, the school has sent a letter about the {place} trip on {day}. "
    "Children need a packed lunch, a waterproof coat and comfortable shoes, and no fizzy drinks "
    "please. If anyone can volunteer to help on the day, let the office know by Wednesday. "
    "Jazakallah khair to all the parents who helped last time, the kids loved it!",
    "Assalamualaikum everyone, a quick reminder that the Eid party for {cls} is on {day} after "
    "lunch. Please send in a plate of food if you can (no nuts, there are allergies in the "
    "class) and label your dishes. The children can wear their Eid clothes. Thank you all and "
    "Eid Mubarak in advance!",
    # romanised Urdu / mixed
    "Kal {place} ka trip hai, lunch bhejna mat bhoolna",
    "Assalamualaikum, kya kisi ko pata hai {day} ko school band hai?",
    "Bachon ka homework kal tak jama karna hai",
    "Aap sab ko Eid Mubarak, Allah khush rakhe",
    "Mera beta aaj bimar hai, koi bata sakta hai homework kya hai?",
    "Haan ji, {day} ko parents evening hai",
    "Shukriya sister, bohat madad ho gayi",
    "Kisi ke paas PE kit extra hai? Size 7-8",
    # links (mostly fine)
    "Spelling practice here https://www.spellingshed.com",
    "Times tables game the teacher recommended https://ttrockstars.com",
    "Council info on term dates https://www.slough.gov.uk/schools/term-dates",
    "The form for the trip https://forms.gle/abc123 closes on {day}",
    "Football club sign up https://www.thefa.com/get-involved",
    "Lovely phonics video https://www.youtube.com/watch?v=abc for the little ones",
]
BREACH = [
    "this is total b0llocks, nobody tells us anything",
    "you are such an idiot, read the letter",
    "bewakoof aurat, chup kar",
    "Mr Smith is hopeless, my daughter has learnt nothing",
    "Vote Reform on {day}, the government has failed us",
    "Selling lash extensions, message me for prices",
    "Watch this, hilarious https://www.tiktok.com/@x/video/1",
    "ｓｈｉｔ communication from the office again",
    "Tum log bilkul jahil ho, sharam karo",
    "{name} in Year 3 hit my son again, his parents are useless",
    "Please sign https://www.change.org/p/stop-the-new-uniform",
    "This school is a joke, worst place ever",
    "Here's the email Mrs Khan sent me, judge for yourselves",
    "Great deals on trainers https://amzn.to/3xYz",
]
FILL = {"day": ["Monday", "Tuesday", "Wednesday", "Friday"],
        "place": ["museum", "zoo", "farm", "science centre", "mosque"],
        "cls": ["3R", "Year 4", "Reception", "2B"],
        "name": ["Ayaan", "Maryam", "Zain", "Hana", "Yusuf", "Aisha"]}


#: Share of breaching messages; parent groups are mostly clean logistics chatter.
BREACH_RATE = 0.05


def messages(n: int, seed: int = 7, breach_rate: float = BREACH_RATE) -> list[str]:
    """``n`` synthetic messages: ~5% breaches, the rest clean chatter (about a sixth of it
    romanised Urdu, about a tenth with a link, a few long), filled from fixed templates."""
    rnd = random.Random(seed)
    out = []
    for _ in range(n):
        tpl = rnd.choice(BREACH) if rnd.random() < breach_rate else rnd.choice(CLEAN)
        out.append(tpl.format(**{k: rnd.choice(v) for k, v in FILL.items()}))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--messages", type=int, default=50_000)
    ap.add_argument("--write-jsonl", type=Path)
    args = ap.parse_args()
    texts = messages(args.messages)
    if args.write_jsonl:
        with args.write_jsonl.open("w", encoding="utf-8") as f:
            for i, text in enumerate(texts):
                f.write(json.dumps({"id": f"s{i}", "sender": f"Parent {i % 30}",
                                    "text": text}) + "\n")
        print(f"wrote {len(texts)} messages to {args.write_jsonl}")
    msgs = [make_message(t) for t in texts]
    context = PolicyContext(school=School(name="Test School"), chat=msgs[0].chat)
    for m in msgs[:200]:  # warm caches (lexicon, model) before timing
        iqra.on_message(message=m, context=context)
    lat = []
    cpu = []
    flagged = 0
    clock = time.perf_counter_ns
    cpu_clock = time.thread_time_ns  # CPU time: what one core spends, whatever else runs
    start = time.perf_counter()
    for m in msgs:
        t0, c0 = clock(), cpu_clock()
        flagged += bool(iqra.on_message(message=m, context=context))
        cpu.append(cpu_clock() - c0)
        lat.append(clock() - t0)
    total = time.perf_counter() - start
    lat.sort()
    cpu.sort()
    print(f"CPU time per message: p50 {cpu[len(cpu) // 2] / 1000:.1f} us, "
          f"p99 {cpu[int(len(cpu) * 0.99)] / 1000:.1f} us, "
          f"max {cpu[-1] / 1000:.1f} us")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{len(msgs)} messages: p50 {lat[len(lat) // 2] / 1000:.1f} us, "
          f"p99 {lat[int(len(lat) * 0.99)] / 1000:.1f} us, "
          f"{len(msgs) / total:,.0f} messages/s, peak RSS {rss:.0f} MB; "
          f"{flagged / len(msgs):.1%} flagged (mix: {BREACH_RATE:.0%} breach templates, "
          f"{len(CLEAN)} clean and {len(BREACH)} breach templates)")
    batch = 512  # judge_many: the model scores a batch with one gather and one segment sum
    start = time.perf_counter()
    flagged_batch = 0
    for i in range(0, len(msgs), batch):
        flagged_batch += sum(map(bool, iqra.judge_many(msgs[i:i + batch], context)))
    total = time.perf_counter() - start
    print(f"judge_many in batches of {batch}: {len(msgs) / total:,.0f} messages/s "
          f"({flagged_batch} flagged, {flagged} one at a time)")


if __name__ == "__main__":
    main()
