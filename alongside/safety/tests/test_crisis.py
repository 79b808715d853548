"""Crisis levels for hand-written sentences covering each rule of the guide."""

import pytest

from alongside.safety.crisis import assess_crisis

URGENT = [
    # explicit intent, with or without a plan
    "I've made up my mind to kill myself. Nobody talk me out of it.",
    "im gonna kill myself tonight i cant do this",
    "I am going to end my life this weekend and I'm at peace with it.",
    "i'm going to kms tonight",
    "Ive decided to end it all, I just wanted someone to know.",
    "I'll be dead by tomorrow morning, sorry everyone.",
    # plan with how/when/where, conditional plans
    "If the court rules against me on Thursday, I'll kill myself that night.",
    "I worked out how I'd do it, the pills in the drawer, after the kids are asleep.",
    "I've got a detailed plan now, which bridge and what time.",
    "Been planning it for a month. It's going to be Sunday.",
    # plan formed recently even with a denial
    "Last night I made a complete plan for how to end things. I won't, probably.",
    # preparation
    "I've been stockpiling my sertraline for weeks, no plan yet, just having them.",
    "Saved up enough tablets. They're in a shoebox under the bed.",
    "I've written letters to my kids and left them with the will.",
    "Found new homes for both cats so they're looked after when I'm not around."
    " Friday's the day.",
    "Wrote a suicide note last night and hid it in my desk.",
    "Bought a rope today.",
    # means at hand / at the place
    "Sitting on the edge of the multi-storey right now with all my meds.",
    "I'm at the bridge. I've brought all my pills with me.",
    # attempt or dangerous self-harm now
    "I've just swallowed everything in the cupboard, starting to feel sleepy.",
    "Took 30 of my tablets about an hour ago, don't know why I'm posting.",
    "The cut on my arm won't stop bleeding and I think I went too deep.",
    # goodbye messages
    "This is my last post. Thank you for everything, I love you all.",
    "By the time you read this I won't be here. Please look after Mum.",
    "Goodbye everyone, I love you all. It's time.",
    "I won't be around after tonight. Sorry for being such a burden.",
    # imminent self-harm with implements set aside
    "Got the razor blades set aside for tonight when everyone's asleep.",
    # risk to others and murder-suicide
    "I'm going to stab him when he gets home tonight, I mean it.",
    "If they take the kids off me I'll take them with me. I've thought about how.",
]

CONCERN = [
    # wish to be dead / not exist
    "Sometimes I wish I could go to sleep and never wake up.",
    "I wish I was dead, honestly.",
    "not suicidal don't worry, I just wouldn't mind not waking up tomorrow",
    "i dont want to be here anymore",
    "Part of me wants it all to stop. For good.",
    "I keep thinking it'd be a relief if I just didn't wake up.",
    "Lowkey want to unalive myself, everything is too much",
    "having sewerslide thoughts again",
    "i want to kil myself but i'd never have the guts",
    "been feeling really suicidel lately",
    "i want to die",
    "can't wait for this whole existing thing to be over lol",
    # hopelessness / entrapment / no future
    "I can't see any future for me. There's no point in anything.",
    "I feel completely trapped and hopeless.",
    "What's the point of any of this? Nothing ever changes.",
    # burden
    "My family would be better off without me.",
    "I'm such a burden on everyone, they'd cope fine without me.",
    "I drag this whole group down, I should just disappear from here.",
    # self-harm urges / recent non-dangerous self-harm
    "Urges to self harm are through the roof today.",
    "I cut my arms again last night, only shallow.",
    "Burned myself with a lighter yesterday after the row.",
    "Relapsed into self-harm on Tuesday after six months clean.",
    # method thoughts without intent
    "I looked up how many tablets it would take, I'm not going to do anything.",
    "Sometimes I think about stepping in front of a train but I won't.",
    # protective factor does not lower the label
    "The only reason I'm still here is my cat, if she wasn't around I don't think"
    " I would still be alive.",
    # bereavement
    "I wish the cancer had taken me instead of him.",
    # recent attempt with ongoing distress
    "Two weeks out of hospital after my overdose and I still feel empty.",
    # third party current
    "My sister told me last night she wants to kill herself. What do I do?",
    "My best friend keeps saying she wants to die and I'm scared.",
]

NONE = [
    # idioms and hyperbole with trivial objects
    "This heat is killing me, roll on autumn.",
    "I nearly died laughing at the group quiz.",
    "My back is going to be the death of me.",
    "If I have to fill in one more form I'll scream.",
    "I could murder a cup of tea right now.",
    "This spreadsheet makes me want to kms lol",
    "Ugh, Monday meetings make me want to die 😂",
    "Dying to know how everyone's appointments went!",
    # media, lyrics, creative writing
    "The film ends with the main character jumping off a bridge, I cried for ages.",
    "That song about wanting to disappear is on repeat for me today.",
    "In my novel the narrator takes an overdose in chapter three. Too dark?",
    # professional / awareness / helplines / support questions
    "Our team did suicide prevention training this week, really useful.",
    "Sponsored walk for Samaritans on Saturday, link in my bio!",
    "How do I support a friend who says she feels suicidal?",
    # long-ago history in a recovery frame
    "Ten years ago I tried to end my life. Today I ran my first marathon.",
    "I used to self-harm as a teenager; I'm 35 now and doing really well.",
    "Five years clean from self harm today, so proud of myself.",
    # resolved third party
    "My brother had a crisis last year, we got him help and he's doing well now.",
    # end of life care
    "We sat down with the palliative team and made an advance directive.",
    # benign goodbyes and giving things away
    "Goodbye everyone! Moving to Spain next week for my new job, thank you all.",
    "Giving away all my old textbooks now I've graduated, message me.",
    # risk words used about something else
    "I need to end it with my boyfriend, he's so controlling.",
    "Cutting out sugar has been brutal this week.",
    "Relapsed on crisps last night, oh well.",
    # addiction cravings with no death framing
    "Really craving a drink tonight, going to a meeting instead.",
    # intrusive thoughts
    "Got intrusive thoughts about hurting my baby, they horrify me, I'd never act"
    " on them. Is this OCD?",
    # plain updates
    "Took my tablets late today, feeling fine.",
    "I'm not suicidal, just exhausted from the week.",
]


@pytest.mark.parametrize("text", URGENT)
def test_urgent_sentences_are_urgent(text):
    assert assess_crisis(text).level == "urgent"


@pytest.mark.parametrize("text", CONCERN)
def test_concern_sentences_are_concern(text):
    assert assess_crisis(text).level == "concern"


@pytest.mark.parametrize("text", NONE)
def test_hard_negatives_are_none(text):
    assert assess_crisis(text).level == "none"


@pytest.mark.parametrize(
    ("text", "mentions"),
    [
        ("Seven years since I last self-harmed, feeling good.", True),
        ("My grandad died by suicide before I was born.", True),
        ("This heat is killing me.", False),
        ("I want to die", True),
    ],
)
def test_mentions_self_harm_flags_topic(text, mentions):
    assert assess_crisis(text).mentions_self_harm is mentions


def test_urgent_assessment_gives_reasons():
    assert assess_crisis("Bought a rope today. Tonight's the night.").reasons
