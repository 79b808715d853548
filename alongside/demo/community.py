"""A small, believable community for trying Alongside locally. All of it is invented."""

DEMO_PASSWORD = "alongside-demo"  # noqa: S105 - demo logins, printed by `make run`
# Moderators need a second factor. The demo moderator's authenticator key is public
# (demo only); `python manage.py demo_code` prints the code it shows right now.
DEMO_MODERATOR = "morgan"
DEMO_TOTP_SECRET = "ALNGSDDEMMDRTRKY"  # noqa: S105 - demo only, printed by `make run`
# The site's admin checks professionals' registrations and keeps the list of where
# to find professional help. Admin pages need a second factor too, so the admin
# uses the same public demo key as the moderator.
DEMO_ADMIN = "casey"
# A verified professional: a nurse who reviews resources and answers in threads.
DEMO_PROFESSIONAL = "dr_amara"

PEOPLE = [
    # username, display name, pronouns, country, time zone, bio
    ("rowan", "Rowan", "she/her", "GB", "Europe/London",
     "Living with fibromyalgia since 2019. Tea, audiobooks, slow walks."),
    ("sam", "Sam", "they/them", "US", "America/Chicago",
     "Here for the anxiety group mostly. Night owl."),
    ("alex", "Alex", "he/him", "IE", "Europe/Dublin",
     "Peer facilitator. Carer for my dad for six years."),
    ("morgan", "Morgan", "she/her", "CA", "America/Toronto",
     "Volunteer moderator. Ask me anything about how the groups work."),
    ("kiri", "Kiri", "", "NZ", "Pacific/Auckland", "Long covid, month 20."),
    ("dev", "Dev", "he/him", "IN", "Asia/Kolkata", "Lost my mum last spring."),
    ("lena", "Lena", "she/her", "DE", "Europe/Berlin",
     "Panic disorder, getting there."),
    ("jo", "Jo", "", "AU", "Australia/Sydney", "In recovery, 14 months."),
    ("casey", "Casey", "they/them", "GB", "Europe/London",
     "Looks after this Alongside site and checks professionals' registrations."),
    ("dr_amara", "Amara", "she/her", "GB", "Europe/London",
     "Registered nurse in a community pain service. Here to listen, and to help "
     "check what's shared."),
    ("theo", "Theo", "he/him", "IE", "Europe/Dublin",
     "Counsellor, and a carer for my mum."),
]  # fmt: skip

# slug, name, who it is for, description, rules, visibility, join, question, anonymous
GROUPS = [
    ("chronic-pain", "Living with chronic pain",
     "For people living with long-term pain of any cause.",
     "Pacing, flares, appointments, the days nobody sees. Share what gets you "
     "through and ask what you want to know.",
     "Be kind, even when you disagree.\nShare experience, not prescriptions.\n"
     "What is said here stays here.",
     "listed", "open", "", True),
    ("anxiety-and-panic", "Anxiety and panic",
     "For anyone living with anxiety or panic attacks.",
     "A quiet place to say how it really is, and to hear from people who get it.",
     "No judgement.\nNo method detail about self-harm.\nUse content notes for "
     "hard topics.",
     "listed", "open", "", True),
    ("grief-and-loss", "Grief and loss",
     "For people grieving someone they love.",
     "However long ago, however it happened. There is no right way to grieve.",
     "Let people grieve in their own way.\nNo advice unless someone asks for it.",
     "listed", "request", "Would you like to tell us a little about who you lost?",
     True),
    ("caring-for-someone", "Carers circle",
     "For people caring for a family member or friend.",
     "Caring is hard and often invisible. Vent, swap tips, find out what help "
     "exists.",
     "Respect the privacy of the people you care for.\nNo selling.",
     "listed", "request", "Who are you caring for (in a few words)?", False),
    ("recovery-together", "Recovery together",
     "For people in recovery from alcohol or drug use.",
     "Every day counts, and so does every restart.",
     "No shaming.\nNo talk of where to get substances.\nWhat's shared here stays "
     "here.",
     "unlisted", "invite", "", True),
    ("long-covid", "Long covid",
     "For people living with long covid and those around them.",
     "Fatigue, brain fog, getting heard by doctors: share what you're learning.",
     "Be gentle with each other's energy.\nCite sources for medical claims.",
     "listed", "open", "", False),
]  # fmt: skip

# group slug -> [(username, role)]
HOSTS = [("alex", "facilitator"), ("morgan", "moderator")]
NURSE = ("dr_amara", "member")
MEMBERS = {
    "chronic-pain": [*HOSTS, ("rowan", "member"), ("kiri", "member"), ("jo", "member"),
                     NURSE],
    "anxiety-and-panic": [*HOSTS, ("sam", "member"), ("lena", "member"),
                          ("rowan", "member"), NURSE],
    "grief-and-loss": [*HOSTS, ("dev", "member"), NURSE],
    "caring-for-someone": [*HOSTS, ("theo", "member")],
    "recovery-together": [*HOSTS, ("jo", "member")],
    "long-covid": [*HOSTS, ("kiri", "member"), ("rowan", "member"), NURSE],
}  # fmt: skip

# group slug, author, title, body, content note, anonymous, hours ago,
# [(author, body, anonymous, hours ago, [(reactor, kind)])]
THREADS = [
    ("chronic-pain", "rowan", "Pacing when you feel good",
     "Does anyone else overdo it on the good days? I felt almost normal on Sunday, "
     "cleaned the whole kitchen, and I've been in bed since.\n\nHow do you stop "
     "yourself?",
     "", False, 30,
     [("kiri", "Every single time. I set a timer now: 20 minutes on, then sit down "
       "even if I feel fine. It's annoying, but the crash is worse.", False, 28,
       [("rowan", "thank_you"), ("jo", "me_too")]),
      ("jo", "I write the plan the night before and only do *half* of it. "
       "Took me a year to believe it works.", False, 20,
       [("rowan", "this_helped"), ("kiri", "me_too")]),
      ("alex", "Such a common pattern, and so hard. Be kind to yourself this week.",
       False, 18, [("rowan", "thinking_of_you")])]),
    ("chronic-pain", "jo", "Appointments where nobody listens",
     "Third rheumatology appointment and I still came out feeling like I'd "
     "imagined it all. I took notes this time and it didn't help.",
     "", True, 9,
     [("rowan", "You didn't imagine it. Would it help to bring someone with you "
       "next time? My sister came once and it changed the whole tone.", False, 7,
       [("jo", "thank_you")])]),
    ("chronic-pain", "kiri", "Heat pads, weighted blankets, what's worth it?",
     "Trying to decide what to spend a small budget on. What actually made a "
     "difference for you?", "", False, 2, []),
    ("anxiety-and-panic", "sam", "3am thoughts",
     "It's 3am again. Heart racing, the usual. Not in danger, just wanted to say "
     "it somewhere someone might understand.",
     "", False, 12,
     [("lena", "I understand. I'm up too. Breathing out longer than in helps "
       "me a bit, for whatever that's worth.", False, 11,
       [("sam", "thank_you"), ("rowan", "me_too")]),
      ("rowan", "Here with you. Morning always comes.", False, 10,
       [("sam", "thinking_of_you")])]),
    ("anxiety-and-panic", "lena", "First bus ride in a year",
     "I did it. Two stops, and I got off early, but I did it.", "", False, 50,
     [("sam", "That's huge. Two stops is two more than last year.", False, 49,
       [("lena", "thank_you")]),
      ("alex", "Brilliant, Lena. Thanks for telling us.", False, 40, [])]),
    ("anxiety-and-panic", "rowan", "Panic at work",
     "Had a panic attack in a meeting today and had to walk out. Feeling "
     "embarrassed and I don't know what to tell my manager.",
     "panic attack", True, 5, []),
    ("grief-and-loss", "dev", "The first birthday without her",
     "Mum's birthday is next week. Everyone says the firsts are the worst. "
     "I don't know what to do with the day.",
     "bereavement", False, 26,
     [("alex", "Some people here have made the day theirs: cooked the person's "
       "favourite meal, or gone somewhere they loved. Others just got through it. "
       "Both are okay.", False, 24, [("dev", "thank_you")])]),
    ("caring-for-someone", "alex", "Respite care: what did you find?",
     "Trying to put together a list of respite options people have actually used. "
     "What worked where you are?", "", False, 70, []),
    ("recovery-together", "jo", "14 months",
     "Fourteen months today. Not a straight line, but here.", "", False, 8,
     [("alex", "So glad you're here, Jo.", False, 6, [("jo", "thank_you")])]),
    ("long-covid", "kiri", "Brain fog and work",
     "Has anyone managed a phased return to work? What did you ask for?",
     "", False, 15,
     [("rowan", "I asked for written instructions instead of verbal ones, and no "
       "meetings before 11. Both made a real difference.", False, 13,
       [("kiri", "this_helped")])]),
]  # fmt: skip

# group slug, title, days from today, hour (host's time), host's zone, weekly
MEETINGS = [
    ("chronic-pain", "Tuesday evening check-in", 2, 19, "Europe/Dublin", True),
    ("anxiety-and-panic", "Calm hour", 1, 20, "Europe/London", True),
    ("long-covid", "Pacing and work: open conversation", 5, 18, "Europe/Berlin", False),
]

# Professionals' applications. The registration numbers are invented.
# username, profession, registration number, issuing body, country, conflicts,
# verified by the demo admin (for the longest a badge lasts) or still waiting
CREDENTIALS = [
    ("dr_amara", "Registered nurse", "DEMO-0001", "Nursing and Midwifery Council",
     "GB", "None. I work for the NHS.", True),
    ("theo", "Counsellor", "DEMO-0002",
     "Irish Association for Counselling and Psychotherapy", "IE",
     "I see private clients; some find me through my own website.", False),
]  # fmt: skip
VERIFICATION_METHOD = "Demo: found on the NMC register; PIN and name matched."

# The library: key, author, groups, type, title, summary, links, tags, hours ago
RESOURCES = [
    ("pacing", "rowan", ["chronic-pain", "long-covid"], "article",
     "NHS: ME/CFS and managing your energy",
     "The NHS page on ME/CFS explains energy management: plan your days, rest "
     "before you're exhausted, and don't push through on the good days. It's "
     "written for ME/CFS, but it's what finally made pacing make sense to me.",
     ["https://www.nhs.uk/conditions/chronic-fatigue-syndrome-cfs/"],
     ["pacing", "fatigue"], 60),
    ("worksheet", "sam", ["anxiety-and-panic"], "worksheet",
     "Free CBT worksheets for anxiety and panic",
     "Printable worksheets: a panic diary, thought records and a few breathing "
     "exercises. I fill in the panic diary after a bad night and bring it to "
     "therapy.",
     ["https://www.getselfhelp.co.uk/"], ["panic", "anxiety"], 44),
    ("supplement", "jo", ["chronic-pain"], "article",
     "Magnesium cured my nerve pain",
     "This article says high-dose magnesium cures nerve pain in two weeks and "
     "that you can stop your prescriptions once it works. I've been taking it "
     "for a month and I think the tingling is a bit better.",
     ["https://example.com/magnesium-cures-nerve-pain"],
     ["pain", "supplements"], 36),
    ("carers", "alex", ["caring-for-someone"], "helpline",
     "Carers UK helpline",
     "Free advice for carers: benefits, your rights at work, and how to get a "
     "break. They talked me through asking for a carer's assessment.",
     ["https://www.carersuk.org/"], ["caring"], 30),
    ("tip", "lena", ["anxiety-and-panic"], "tip",
     "Something cold when panic starts",
     "When I feel a panic attack coming I hold an ice cube or run cold water "
     "over my wrists. It doesn't stop it, but it gives my mind something else "
     "to hold on to until the wave passes.",
     [], ["panic"], 20),
    ("video", "rowan", ["anxiety-and-panic"], "video",
     "NHS breathing exercise for stress",
     "A short breathing exercise from the NHS that you can follow along with. "
     "I use it in bed when my mind won't settle.",
     ["https://www.nhs.uk/mental-health/self-help/guides-tools-and-activities/"
      "breathing-exercises-for-stress/"],
     ["panic", "sleep"], 16),
    ("grief", "dev", ["grief-and-loss"], "service",
     "Cruse Bereavement Support",
     "Free support after someone dies: a helpline, online chat and local "
     "volunteers. Talking to them the week after the funeral helped more than "
     "I expected.",
     ["https://www.cruse.org.uk/"], ["grief"], 12),
    ("sleep", "kiri", ["long-covid", "chronic-pain"], "article",
     "NHS: how to get to sleep",
     "Plain tips on sleep: a regular wake-up time, winding down, and what to do "
     "when you can't drop off. Nothing new, but it helped me get back to a "
     "routine.",
     ["https://www.nhs.uk/live-well/sleep-and-tiredness/how-to-get-to-sleep/"],
     ["sleep"], 6),
]  # fmt: skip

# The professional's reviews: resource key -> (with concerns, note for readers)
REVIEWS = {
    "pacing": (
        False,
        "Sound, practical advice. Pacing looks different for "
        "everyone, so it's worth planning it with your GP or physio.",
    ),
    "video": (False, ""),
    "grief": (False, "A well-established charity with trained volunteers."),
    "supplement": (
        True,
        "There's no good evidence that magnesium cures nerve "
        "pain, and stopping prescribed medicine suddenly can be "
        "harmful. If you'd like to try a supplement, check with a "
        "pharmacist or your GP first, especially alongside other "
        "medicines.",
    ),
}

# "This helped me": resource key -> members of one of its groups
HELPED = {
    "pacing": ["kiri", "jo"],
    "video": ["lena", "sam"],
    "tip": ["sam", "rowan"],
    "grief": ["alex"],
    "worksheet": ["lena"],
}

# Replies that point to the library, added to the demo threads:
# group slug, thread title, author, body ({url} is the resource's page), label,
# resource key, hours ago
LIBRARY_REPLIES = [
    ("chronic-pain", "Pacing when you feel good", "kiri",
     "This one from the library is the clearest explanation of pacing I've "
     "found: [NHS: ME/CFS and managing your energy]({url})",
     "", "pacing", 16),
    ("chronic-pain", "Pacing when you feel good", "dr_amara",
     "The good-day, bad-day cycle is really common, and it isn't a lack of "
     "willpower. Pacing often starts with a baseline: the amount you can manage "
     "on a harder day. Staying close to it on good days, and building up "
     "slowly, tends to even things out. A GP, physio or pain service can help "
     "you plan it.",
     "professional", None, 14),
]  # fmt: skip
