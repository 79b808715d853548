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


# Longer and more varied phrasings, one expected level each.
VARIED = [
    (
        "urgent",
        "Tonight's the night. I've got everything I need and I'm done fighting.",
    ),
    (
        "urgent",
        "I've written a note for my mum and put it in her handbag. I won't be here "
        "when she gets back from work.",
    ),
    (
        "urgent",
        "Sat in the car with the engine running in the garage, just wanted to say "
        "thanks to you all.",
    ),
    ("urgent", "i cant do this anymore. im going to jump off the bridge tonight"),
    (
        "urgent",
        "Been saving my tramadol since January. When the house is empty on Friday I'm "
        "going to take them all.",
    ),
    (
        "urgent",
        "My brother just texted me 'goodbye, I love you' and he's not answering his "
        "phone. He's been suicidal for months.",
    ),
    ("urgent", "I have the pills lined up on the table in front of me."),
    ("urgent", "The rope is in the boot of my car, I'm driving to the woods now."),
    ("urgent", "If the scan shows it's back, I'm ending it. I've already decided how."),
    (
        "urgent",
        "Wrote letters to each of my kids and the cat is going to my sister's. Sunday.",
    ),
    ("concern", "Honestly? I'd be fine if I didn't wake up tomorrow."),
    ("concern", "Everything feels pointless. I keep wondering why I'm even here."),
    ("concern", "I think my family would honestly be relieved if I was gone."),
    (
        "concern",
        "My 14yo told me she's been cutting again and I found blades in her room.",
    ),
    (
        "concern",
        "Feel like a ghost in my own life. Nobody would notice if I just stopped.",
    ),
    ("concern", "The thought of another year like this makes me want to not exist."),
    ("concern", "I'm so tired of being alive."),
    (
        "concern",
        "Not planning anything, but I've been researching how much paracetamol would "
        "be fatal.",
    ),
    (
        "concern",
        "I miss her so much since the funeral. I just want to be with her again.",
    ),
    ("concern", "i lowkey want to disappear forever"),
    ("concern", "What if I just stopped taking everything and let my body give up"),
    ("concern", "I'm a burden to my kids and they'd be better off with me gone."),
    ("concern", "had a relapse last night, cut my thighs, not deep, just sad"),
    ("concern", "I don't see a future for myself anymore."),
    ("concern", "sometimes i think the world would be better without me in it"),
    (
        "none",
        "Our group is doing the Out of the Darkness walk for suicide prevention next "
        "month, who's in?",
    ),
    (
        "none",
        "Ten years ago today I was in hospital after trying to end my life. Today I'm "
        "a nurse.",
    ),
    ("none", "I could kill my brother, he ate my leftover curry again 😂"),
    ("none", "My cat died last week and I'm heartbroken."),
    ("none", "The burnout is real, I'm dead on my feet."),
    (
        "none",
        "Anyone else's meds make them feel like a zombie? I'm so done with this side "
        "effect.",
    ),
    (
        "none",
        "Watching 13 Reasons Why again, still think the suicide scene was "
        "irresponsible.",
    ),
    (
        "none",
        "Finished my mental health first aid course today, we covered how to ask "
        "someone directly about suicide.",
    ),
    ("none", "We're ending the support group sessions in December as funding ran out."),
    ("none", "I'm killing it at work lately!"),
    ("none", "Deadline tomorrow, I'm going to die if I don't finish this report lol"),
    (
        "none",
        "My dad had a plan to retire next year but the cancer changed everything.",
    ),
    ("none", "Final post of the series on pacing: thank you all for reading!"),
    (
        "none",
        "Sorting out my will and power of attorney this week, feels very grown up.",
    ),
    ("none", "I'm done with this diet, going back to normal food tomorrow."),
    (
        "none",
        "Three years since my overdose. I'm studying psychology now and I'm happy.",
    ),
    (
        "none",
        "The cut on my finger from chopping onions won't stop bleeding, how long do I "
        "press it?",
    ),
    (
        "none",
        "My friend was suicidal last year but she's doing much better now after "
        "therapy.",
    ),
    (
        "none",
        "Do you have any tips for talking to a teenager about self-harm? Asking as a "
        "teacher.",
    ),
    (
        "urgent",
        "Posting here because I don't know who else to tell. I've counted out all my "
        "mum's old morphine and I'm taking it when she's asleep.",
    ),
    ("urgent", "This is it for me. Love you all, look after each other x"),
    (
        "urgent",
        "I've already taken the tablets. I don't want help, I just didn't want to be "
        "alone.",
    ),
    (
        "urgent",
        "Bought paracetamol from three different shops today so no one would notice. "
        "Doing it tomorrow.",
    ),
    (
        "urgent",
        "My flatmate just told me she's going to kill herself tonight and locked her "
        "door. What do I do??",
    ),
    (
        "urgent",
        "Everything is arranged. The will is signed, the dog is with my sister, and "
        "I'll be at the cliffs by sunrise.",
    ),
    ("urgent", "I'm standing on the platform waiting for the fast train. Sorry."),
    ("urgent", "gonna end it tonight, cant do this no more"),
    (
        "urgent",
        "I have a knife and I'm going to use it on him when he walks through the door.",
    ),
    (
        "urgent",
        "I've decided. Sunday night, when everyone's gone. I'm telling you so someone "
        "knows.",
    ),
    (
        "urgent",
        "Cut really deep tonight and it's not stopping, there's blood everywhere.",
    ),
    ("concern", "Do you ever just want to go to sleep and stay asleep forever?"),
    (
        "concern",
        "I'm so done. Nothing is ever going to change and I can't keep doing this.",
    ),
    ("concern", "Lately I feel like everyone would be happier if I just disappeared."),
    (
        "concern",
        "i keep hurting myself when things get bad, last night was the worst in ages",
    ),
    ("concern", "Part of me wants to skip my dialysis and see what happens."),
    ("concern", "Since my husband died I don't really see the point in anything."),
    (
        "concern",
        "My son keeps saying he wants to die and he's only 12. He has no plan but I'm "
        "terrified.",
    ),
    (
        "concern",
        "I've been having thoughts about ending my life but I'm not going to act on "
        "them.",
    ),
    ("concern", "honestly wish i could just vanish and never come back"),
    ("concern", "I feel like such a burden on my partner since the diagnosis."),
    ("concern", "The urge to cut is so strong tonight."),
    ("concern", "Every night I pray I won't wake up."),
    ("concern", "There's no way out of this debt, I feel completely trapped."),
    (
        "none",
        "I was suicidal in my early twenties but therapy saved me and I'm now 45 and "
        "thriving.",
    ),
    (
        "none",
        "The new season of that show had a really powerful storyline about a "
        "character who self-harms.",
    ),
    ("none", "This traffic is going to kill me, 45 minutes and we've moved a mile."),
    ("none", "Ugh I want to die, I just called my boss 'mum' in the meeting 😂"),
    (
        "none",
        "Can anyone recommend a good book on supporting a partner with depression?",
    ),
    (
        "none",
        "I gave away my old sofa today because we're moving to a smaller flat next "
        "week.",
    ),
    (
        "none",
        "Saying goodbye to this group as I start my new job on Monday - thank you all!",
    ),
    (
        "none",
        "My grandma is in hospice now and we're saying our goodbyes. It's peaceful.",
    ),
    ("none", "Relapsed on cigarettes this week, annoyed at myself."),
    ("none", "The Samaritans number is 116 123 if anyone needs it tonight."),
    (
        "none",
        "I used to think about ending it a lot when I was a teenager but that feels "
        "like another lifetime.",
    ),
    ("none", "I'm dying to try the new cafe on the high street."),
    ("none", "Killed it at my first parkrun! 32 minutes!"),
    ("none", "My anxiety is through the roof about the operation tomorrow."),
    ("none", "I've written letters to my MP about the disability cuts, no reply yet."),
    ("none", "Just took my evening tablets, feeling ok today."),
    ("none", "We cut the cake at my daughter's birthday and I didn't cry once."),
    (
        "none",
        "It's been two years since my son's suicide attempt and he just graduated.",
    ),
    ("none", "I really want to disappear into a good book this weekend."),
    ("none", "Honestly I'd die for a decent night's sleep."),
    ("none", "I was dying to tell you all about my new job!"),
    ("none", "Thinking about ending my contract with the gym, it's a rip-off."),
    ("none", "I hope I don't die of embarrassment at the presentation tomorrow lol"),
    ("none", "My dog died in March and I still expect her at the door."),
    (
        "none",
        "My mum has dementia and keeps asking when she's going home. It breaks my "
        "heart.",
    ),
    ("none", "Ended it with my ex last night, feel lighter already."),
    (
        "none",
        "Anyone know a good film? Not anything where people die, I can't cope with "
        "sad endings.",
    ),
    (
        "none",
        "We had a session on suicide risk assessment at work today, heavy but useful.",
    ),
    (
        "none",
        "My therapist asked if I ever think about dying and I said no, which was true.",
    ),
    ("none", "The pharmacy lined up all my tablets in a blister pack, so much easier."),
    ("none", "I'm going to kill this 10k tomorrow!"),
    ("none", "Today's the day! First chemo session done and dusted."),
    ("none", "I'm done with this weather, roll on spring."),
    ("none", "Can't wait for this week to be over."),
    ("none", "Bye everyone, off to bed, speak tomorrow x"),
    ("none", "My brother overdosed in 2015 and survived; he's now a paramedic."),
    ("none", "I want to scream into a pillow, this benefits form is impossible."),
    ("none", "Please don't give up on yourselves, the waiting list does move."),
    ("none", "I relapsed with alcohol last week and I'm back at meetings."),
    (
        "none",
        "I have intrusive thoughts about jumping in front of trains but I know "
        "they're OCD and I'd never act on them.",
    ),
    ("none", "Thank you all for being my people this year, happy new year 💛"),
    ("none", "I'm standing at the bus stop in the rain, worst day."),
    ("none", "Took all my meds this morning like a good girl."),
    ("concern", "I just want the pain to stop. All of it. For good."),
    ("concern", "some days i just want to not wake up"),
    ("concern", "I keep thinking everyone would be fine without me here."),
    ("concern", "Scratched my arms again tonight. I know I shouldn't."),
    ("concern", "I'm tired. Tired of everything. I don't want to do this anymore."),
    (
        "concern",
        "Not going to do anything but I've been looking up ways to die online.",
    ),
    ("concern", "My daughter told her teacher she wants to kill herself. She's 9."),
    (
        "concern",
        "Since the miscarriage I keep wishing I could just go to sleep and not wake "
        "up.",
    ),
    ("concern", "I think I'd be better off dead honestly"),
    ("urgent", "I'm going to take all my pills tonight. I'm sorry."),
    ("urgent", "I've been collecting pills and I'm ready now."),
    ("urgent", "just swallowed a whole bottle of paracetamol"),
    ("urgent", "Writing my goodbye letters tonight. I'll post them before I go."),
    ("urgent", "I'm on the bridge. I can't do this anymore."),
    (
        "urgent",
        "My dad just phoned saying he's got a rope and he's in the garage, I'm "
        "driving over now.",
    ),
    ("concern", "lol at this point I'm just waiting for the sweet release of death"),
    (
        "concern",
        "Went back to the bridge today. Didn't do anything, just stood there for an "
        "hour.",
    ),
    ("concern", "Since Dad took his own life I sometimes think I should follow him."),
    (
        "concern",
        "I only ever bring this group down. Probably best if I just disappear from "
        "here.",
    ),
    (
        "concern",
        "I've been googling painless ways to go. I'm not going to, I just can't stop "
        "looking.",
    ),
    (
        "concern",
        "My friend messaged me saying she can't see the point anymore. How do I help "
        "her?",
    ),
    ("concern", "i feel so worthless, everyone would be better off if i wasnt here"),
    ("concern", "Having one of those days where I really don't want to exist."),
    ("concern", "honestly would not care if i got hit by a bus tomorrow"),
    ("concern", "I self harmed again yesterday, first time in a while."),
    (
        "urgent",
        "My partner told me he's got pills saved up and plans to take them on Friday.",
    ),
    (
        "urgent",
        "If she leaves with the kids I'll kill her and then myself. I'm not joking.",
    ),
    (
        "urgent",
        "I feel weirdly calm now that I've sorted out my affairs and said my goodbyes.",
    ),
    (
        "urgent",
        "I'm going to drink until I don't wake up. Got two bottles of vodka and my "
        "sleeping pills.",
    ),
    ("urgent", "Just took 40 tablets. Don't call anyone."),
    (
        "urgent",
        "I'm sat on the edge of the roof at work. I just wanted someone to know.",
    ),
    ("urgent", "Tomorrow's the day I end it. I've written my notes."),
    (
        "urgent",
        "I've looked up the train times and I know which one I'm going to step in "
        "front of.",
    ),
    (
        "none",
        "We've decided with the oncologist to stop chemo and focus on comfort. "
        "Feeling at peace.",
    ),
    (
        "none",
        "Struggling with cravings tonight, two years sober. Off to an online meeting.",
    ),
    (
        "none",
        "How do you all respond when someone posts that they're suicidal in the chat?",
    ),
    ("none", "Please share: Samaritans 116 123, Shout text 85258, NHS 111 option 2."),
    (
        "none",
        "We raised £2,000 for the suicide prevention charity on our sponsored swim!",
    ),
    (
        "none",
        "I keep getting intrusive thoughts about driving into oncoming traffic. They "
        "horrify me and I would never do it - my therapist says it's OCD.",
    ),
    ("none", "Ended things with the therapist, she just wasn't a good fit."),
    ("none", "That last exam nearly killed me but I passed!"),
    ("none", "In the book, the main character overdoses and her sister finds her."),
    (
        "none",
        "My sister attempted when she was 16; she's 30 now, a mum of two and doing "
        "great.",
    ),
    ("none", "Sorting out my will was surprisingly emotional, but good to have done."),
    ("none", "The physio is killing me with these exercises 😅"),
    ("none", "This group saved my life honestly, thank you all."),
    ("none", "I'd rather die than go back to that dentist haha"),
    (
        "none",
        "I want to disappear under a duvet for the whole weekend, this week has been "
        "long.",
    ),
    ("none", "My fatigue is so bad I could sleep forever, anyone else?"),
    ("none", "I'm dying for a cup of tea."),
    (
        "none",
        "Honestly I just want this flare to end so I can get back to the allotment.",
    ),
    ("none", "I hope I don't wake up late for my appointment tomorrow!"),
    (
        "none",
        "My mum's dementia means she doesn't know who I am some days. It's like she's "
        "already gone.",
    ),
    ("none", "Need to end it with my toxic friend group, any advice on how?"),
    (
        "none",
        "We said our goodbyes to Grandad at the funeral yesterday; it was beautiful.",
    ),
    ("none", "I'm so done with this heatwave."),
    ("none", "Going back to the hospital for another scan next week."),
    ("none", "I'm killing myself laughing at the cat videos in the chat."),
    (
        "none",
        "The pain clinic finally gave me a plan, when and where for the injections!",
    ),
    ("none", "I've given away all my baby clothes now the little one is two."),
    ("none", "Last post before I go on holiday - see you all in two weeks!"),
    ("none", "This is it for me for tonight, logging off, night all!"),
    ("none", "Love you all, have a good weekend x"),
    ("none", "I wish I could be with my family at Christmas but I'm working."),
    (
        "none",
        "I just want to sleep and not wake up until spring, this winter is grim 😂",
    ),
    ("none", "I'd kill for a lie-in."),
    ("none", "The doctor said the tumour is shrinking. I could have died of relief."),
    ("none", "I'm exhausted and I just want the pain to stop."),
    (
        "none",
        "Thinking about stopping my meds, anyone done it with their GP's support?",
    ),
    (
        "none",
        "We talked about death and dying in our grief group this week, it helped.",
    ),
    (
        "none",
        "My cousin took his own life ten years ago and I still think of him every day.",
    ),
    ("none", "Nobody would notice if I skipped the meeting, right?"),
    ("none", "I used to cut myself as a teenager; now I volunteer with young people."),
    ("none", "My son has a plan for his birthday: laser tag on Saturday!"),
    (
        "none",
        "I'm sorry for everything I said in the heat of the moment yesterday, that "
        "was unfair of me.",
    ),
    ("none", "Tonight's the night - first date in five years, wish me luck!"),
    ("none", "Bought a rope ladder for the kids' treehouse."),
    ("concern", "ngl been having sh urges all week"),
    ("concern", "kinda want to unalive tbh"),
    (
        "concern",
        "i'm so tired of being a burden on my mum with this illness, she'd be free "
        "without me",
    ),
    (
        "concern",
        "I've stopped eating properly and honestly I don't care if it kills me.",
    ),
    (
        "concern",
        "Relapsed and drank myself stupid last night, part of me hoped I wouldn't "
        "wake up.",
    ),
    ("concern", "Sometimes I wonder if anyone would even come to my funeral."),
    ("concern", "I keep picturing my own funeral and feeling relieved."),
    (
        "concern",
        "Everything hurts and I just want to stop existing for a while, forever would "
        "be fine too.",
    ),
    (
        "concern",
        "My girlfriend said she wants to end it all and then laughed it off. I'm "
        "worried.",
    ),
    ("concern", "I don't want to live like this anymore."),
    ("urgent", "kms tonight fr, got the pills ready"),
    ("urgent", "I'm going to overdose tonight. I've got the tablets in front of me."),
    ("urgent", "ive written my note. its on my desk. im sorry mum"),
    ("urgent", "Heading to the bridge now. I love you all, I'm sorry."),
    ("urgent", "I slit my wrist and there's a lot of blood, I don't know what to do"),
    (
        "urgent",
        "My brother just told me he's going to hang himself tonight and he's not "
        "picking up now.",
    ),
    ("none", "I nearly killed my sourdough starter again lol"),
    (
        "none",
        "This bloody chemo is going to be the death of me, but I'll get through it.",
    ),
    ("none", "Sober 200 days today! Cravings still hit but I'm doing it."),
    (
        "none",
        "As a carer, how do I talk to my son about the self-harm scars he's "
        "embarrassed about? They're years old.",
    ),
    ("none", "My eating disorder recovery is going well, three years this month."),
    (
        "none",
        "My dad's in palliative care and we're talking about his wishes for the end.",
    ),
    ("none", "Spent all day crying at that film about the lighthouse keeper lol"),
    ("none", "I'm dead tired but the fundraiser raised £500 for Papyrus!"),
    (
        "none",
        "Anyone else want to scream when the pharmacy loses your prescription again?",
    ),
    ("none", "Can't believe I survived that wedding, my feet are killing me"),
    # Further phrasings: conditional plans, concealment, third parties, risk to
    # others, burden and self-harm wording, and trivial objects.
    (
        "urgent",
        "If the appeal fails on Monday I'll take everything I've got that night.",
    ),
    ("urgent", "Took about 40 of my sleeping tablets half an hour ago, feel strange"),
    ("urgent", "Got the tablets from two different chemists so nobody would ask."),
    ("urgent", "Knives are put out for tonight once the house is quiet."),
    ("urgent", "I figured out exactly how and when, I'm not going to do it though."),
    ("urgent", "Sat in the garage, engine on, door down. I'm sorry."),
    ("urgent", "My mum says she's taken all her tablets and now she's not answering."),
    ("urgent", "I'm going to stab him tomorrow, I know where he drinks. Not joking."),
    ("urgent", "Me and the baby would be better off going together. Soon."),
    ("urgent", "Told my sister it's because I'm moving. Closed all my accounts."),
    ("urgent", "Got 50 tablets saved away in a drawer. No plans, just in case."),
    ("urgent", "My goodbye letter is written and under my pillow."),
    ("urgent", "I'm drinking until my heart stops tonight."),
    ("concern", "what's the point any more, nothing changes"),
    ("concern", "Relapsed and burned last night after half a year. Gutted."),
    ("concern", "Smashed my head against the door when the voices got loud."),
    ("concern", "Feel like such a drain on my family since the diagnosis."),
    ("concern", "Everyone'd be better off without me, honestly."),
    ("concern", "I lost my husband in May and it'd be easier to just be with him."),
    ("concern", "If anything happened to me I think I'd be relieved, tbh."),
    ("concern", "I keep thinking about overdosing again. I won't."),
    ("concern", "Hopeless."),
    ("concern", "Part of me hopes my heart just gives out one night."),
    ("concern", "I just want it all to end."),
    ("none", "This laptop makes me want to throw myself off a cliff."),
    ("none", "I cut myself shaving, typical Monday."),
    ("none", "My attempt in 2009 feels like another life. Married, two kids, happy."),
    ("none", "Sold the car today, won't need it now I work from home."),
]


@pytest.mark.parametrize(("level", "text"), VARIED)
def test_varied_phrasings_get_the_guide_level(level, text):
    assert assess_crisis(text).level == level


# Long posts where the signal is buried among everyday news.
LONG_POSTS = [
    (
        "concern",
        "Bit of a ramble, sorry. Work has been relentless since the restructure and "
        "my manager keeps moving the goalposts. My partner is supportive but she's "
        "exhausted too with the baby. I've been sleeping maybe four hours a night. "
        "The honest truth is that some nights I lie there thinking everyone would "
        "cope better if I just wasn't around anymore. I'm not going to do anything. I "
        "just needed to say it somewhere people won't panic. Anyway, the garden is "
        "looking nice at least.",
    ),
    (
        "urgent",
        "I've been on this forum for years and you've all been so kind. Things with "
        "the divorce got worse this week and I've lost access to the kids. I've been "
        "to the chemist three times this week and I've got enough now. I'm going to "
        "do it on Sunday when the flat's empty. I'm not asking for help, I just "
        "didn't want to disappear without saying thank you.",
    ),
    (
        "none",
        "Update on the move: boxes everywhere, the cat is furious, and I've given "
        "away half my books to the charity shop because the new place is tiny. I'll "
        "miss the old neighbours but the new group here meets on Thursdays so I've "
        "already got something to look forward to. Thank you all for the tips on "
        "packing with chronic pain, the 'one box a day' rule saved me.",
    ),
    (
        "none",
        "Five years ago today I was in A&E after trying to end my life. I wanted to "
        "mark it here because this group was part of how I got through the year "
        "after. I'm studying nursing now and I volunteer on a listening line on "
        "Tuesdays. If you're in that place right now, please reach out, it really can "
        "change.",
    ),
    (
        "concern",
        "My mum died in February and I'm still not sleeping. My sister says I should "
        "be 'over the worst' by now. Most days I go to work and come home and sit in "
        "the dark. Sometimes I think I'd rather be with Mum than here without her. "
        "I'm not going to do anything, I've got the dog. I just don't know how to do "
        "this.",
    ),
    (
        "urgent",
        "hey all. just wanted to say thanks for everything over the last two years. "
        "i've sorted the cats out with my neighbour and left a letter for my brother. "
        "please don't worry about me after tonight. love you all x",
    ),
    (
        "none",
        "My teenage daughter asked me what to do if a friend posts something worrying "
        "online. We looked at the Samaritans guidance together and talked about how "
        "to reply and when to tell an adult. Really proud of how seriously she took "
        "it.",
    ),
    (
        "concern",
        "It's been a rough month. The pain's worse, the benefits assessment went "
        "badly and I've stopped seeing friends. I don't really see what the point of "
        "carrying on like this is. I'm not planning anything, I just feel so tired of "
        "all of it.",
    ),
]


@pytest.mark.parametrize(("level", "text"), LONG_POSTS)
def test_buried_signals_in_long_posts(level, text):
    assert assess_crisis(text).level == level


def test_every_rule_alternative_starts_with_a_word_character():
    """Rules are only tried at word starts, so one opening on "'" never fires."""
    from alongside.safety import crisis

    for body in crisis._ALL_BODIES:
        keys = crisis._prefix_keys(body)
        assert keys is None or all(key[0].isalnum() for key in keys), body


# Phrasings the precise rules do not know; the lexical safety net catches them.
SAFETY_NET = [
    (
        "urgent",
        "I've got the tablets counted out on the kitchen "
        "table and I'm doing it after midnight.",
    ),
    (
        "urgent",
        "Posting this so someone knows. I've written my "
        "will and I won't be here by Monday.",
    ),
    ("urgent", "at the station now. when the fast train comes thats it"),
    (
        "urgent",
        "She just messaged me that she's swallowed a whole bottle of pills "
        "and locked herself in. I'm calling an ambulance",
    ),
    ("urgent", "bought a gun last week. going to use it on myself this weekend"),
    ("urgent", "I've decided. Tomorrow morning I'm ending it, everything is arranged"),
    (
        "urgent",
        "This is goodbye everyone. Thank you for all the "
        "kindness. Please look after my cats.",
    ),
    ("urgent", "sat on the roof ledge of my building, cant stop shaking"),
    (
        "urgent",
        "i've been stockpiling my sertraline and i'm taking them all on saturday",
    ),
    ("urgent", "cut really deep this time, there's blood everywhere and it won't stop"),
    (
        "urgent",
        "Just wanted to say I love you all. By the time you read this I'll be gone.",
    ),
    ("urgent", "gonna kms tonight ngl. nobody will even notice"),
    ("concern", "I honestly don't know why I'm still alive. Nothing feels worth it."),
    ("concern", "Some mornings I just lie there wishing I hadn't woken up."),
    ("concern", "I feel like such a burden on my family since the diagnosis."),
    (
        "concern",
        "Been self harming again, only small cuts but I hate that I'm back here.",
    ),
    ("concern", "What's the point of any of it. I'm so done."),
    ("concern", "I keep thinking everyone would be better off if I just disappeared."),
    ("concern", "dont really want to be alive anymore tbh"),
    ("concern", "The thought of not existing is weirdly comforting lately."),
    (
        "concern",
        "my brother keeps saying he wants to kill himself, he won't talk to anyone",
    ),
    ("concern", "i feel completely hopeless and stuck, nothing will ever change"),
    ("concern", "I wanna unalive but I wont, just venting"),
    (
        "concern",
        "I want everything to stop. I'm so tired of fighting every single day.",
    ),
    ("concern", "had sh urges all evening, holding on"),
    ("concern", "life feels pointless and i can't see a future for myself"),
    ("none", "This traffic is killing me, an hour to go three miles."),
    ("none", "I'm dying to know how the meeting went!"),
    (
        "none",
        "Just finished a brilliant novel about a detective whose partner is murdered.",
    ),
    ("none", "We raised £600 for the Samaritans at the bake sale, thank you all!"),
    ("none", "Cut my sugar right down and I feel so much better."),
    (
        "none",
        "Ten years since my attempt and I've never been happier. Keep going, friends.",
    ),
    ("none", "Bye for now, off to my daughter's wedding! Back next week."),
    ("none", "My mum is in the hospice now, we're keeping her comfortable."),
    ("none", "How do I support my son when he says he feels low?"),
    ("none", "Dead chuffed, passed my driving test today!"),
    ("none", "My laptop died in the middle of the zoom call lol"),
    ("none", "The new physio absolutely killed my legs, in a good way."),
    ("none", "I gave up gluten last month and my bloating has improved."),
    ("none", "Giving away a free sofa, collection only, Leeds."),
    ("none", "Anyone else find the winter dark evenings hard? Any tips for SAD lamps?"),
    ("none", "I'm exhausted after the hospital appointment, long wait."),
    ("none", "The heat is unbearable in this flat today."),
    ("none", "Feel trapped in this boring job but it pays the bills lol"),
    ("none", "My grandad died peacefully last week, he was 94. We'll miss him."),
    ("none", "Does anyone know if it's safe to take ibuprofen with sertraline?"),
    ("none", "I'm done with the council, third time they've lost my form."),
    ("none", "Tonight I'm going to the cinema with my friends, first time in months!"),
]


@pytest.mark.parametrize(("level", "text"), SAFETY_NET)
def test_lexical_safety_net(level, text):
    assert assess_crisis(text).level == level


def test_lexical_scorer_skips_idioms_covering_risk_words():
    from alongside.safety import crisis

    assert crisis._lexical_scores("dead tired after work")[0] <= 0
    assert crisis._lexical_scores("i want to die")[0] >= crisis.LEXICAL_CONCERN
