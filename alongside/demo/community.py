"""A small, believable community for trying Alongside locally. All of it is invented."""

DEMO_PASSWORD = "alongside-demo"  # noqa: S105 - demo logins, printed by `make run`
# Moderators need a second factor. The demo moderator's authenticator key is public
# (demo only); `python manage.py demo_code` prints the code it shows right now.
DEMO_MODERATOR = "morgan"
DEMO_TOTP_SECRET = "ALNGSDDEMMDRTRKY"  # noqa: S105 - demo only, printed by `make run`

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
MEMBERS = {
    "chronic-pain": [*HOSTS, ("rowan", "member"), ("kiri", "member"), ("jo", "member")],
    "anxiety-and-panic": [*HOSTS, ("sam", "member"), ("lena", "member"),
                          ("rowan", "member")],
    "grief-and-loss": [*HOSTS, ("dev", "member")],
    "caring-for-someone": [*HOSTS],
    "recovery-together": [*HOSTS, ("jo", "member")],
    "long-covid": [*HOSTS, ("kiri", "member"), ("rowan", "member")],
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
