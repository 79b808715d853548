"""Health-claim detection on hand-written sentences, one rule per group."""

import pytest

from alongside.safety.claims import has_health_claim

CLAIMS = [
    # claims stated as fact: efficacy, harm, safety, mechanism, cause
    "Turmeric cures arthritis, end of story.",
    "Statins destroy your muscles, that's a known fact.",
    "Vitamin D prevents depression in everyone who takes it.",
    "The HPV jab causes infertility.",
    "Antidepressants don't work, they're just a placebo.",
    "Magnesium is a natural sleeping pill.",
    "Fluoxetine takes about six weeks to work.",
    "You can't get addicted to codeine if you only take it at night.",
    "Gluten causes MS flares.",
    "Anxiety is caused by low iron.",
    "CBD oil kills cancer cells.",
    "Everyone knows the flu vaccine gives you the flu.",
    "Studies show keto reverses type 2 diabetes completely.",
    "My cousin's mate came off lithium and never looked back, that's proof it's"
    " a scam.",
    # advice to start, stop, switch or change a treatment
    "Stop taking the omeprazole, it's making things worse.",
    "Just double your dose if the pain is bad.",
    "You should all come off your statins.",
    "Ditch the sertraline and go for St John's Wort instead.",
    "If I were you I'd stop the methotrexate until after the holidays.",
    "Don't take the tablets your psychiatrist gave you, they're poison.",
    "Worked for me, so all of you should try fasting instead of metformin.",
    "Ask for diazepam, it's the only thing that helps.",
    "Skip the chemo and go vegan, honestly.",
]

NOT_CLAIMS = [
    # personal experience framed as such
    "I started propranolol last month and my hands shake less.",
    "My GP switched me to a different statin and the aches went away.",
    "Tried CBT twice, it didn't really click for me.",
    "Three weeks on mirtazapine, sleeping loads and eating everything.",
    # reporting one's own clinician
    "My consultant told me to take the iron tablets with orange juice.",
    # questions, including sceptical ones
    "Has anyone found magnesium helps with cramps?",
    "Is it true that statins cause memory problems?",
    "Can you drink alcohol on amitriptyline?",
    # claims with a specific reliable source
    "The patient leaflet says not to drink grapefruit juice with amlodipine.",
    "According to the NHS website, paracetamol is safe in pregnancy at normal doses.",
    "The BNF lists drowsiness as a common side effect of pregabalin.",
    # sarcasm, jokes, opposing someone else's claim
    "Apparently crystals cure cancer now 🙄",
    "Chocolate is my medication and I refuse to hear otherwise.",
    "My aunt keeps saying vaccines cause autism but that's rubbish.",
    # not about treatment or diagnosis
    "The waiting list for the pain clinic is eight months, ridiculous.",
    "Prescription charges went up again in April.",
    "Dr Osei at the Thursday clinic is lovely, recommend her.",
    # neutral review suggestion
    "Maybe check with your prescriber that the dose still suits you.",
    "Take care of yourselves this weekend, everyone.",
]


@pytest.mark.parametrize("text", CLAIMS)
def test_uncited_claims_and_advice_are_flagged(text):
    assert has_health_claim(text)


@pytest.mark.parametrize("text", NOT_CLAIMS)
def test_experience_questions_and_sourced_text_are_not_flagged(text):
    assert not has_health_claim(text)


# More phrasings: True when the text should get a source nudge.
VARIED = [
    (
        True,
        "Antibiotics don't do anything for sinus infections, so don't bother asking "
        "your GP.",
    ),
    (True, "Honestly, melatonin is completely harmless, take as much as you need."),
    (True, "Metformin causes B12 deficiency in everyone eventually."),
    (True, "If you've got long covid, just push through, exercise is the cure."),
    (
        True,
        "Coming off venlafaxine cold turkey is totally fine, I did it and so can you.",
    ),
    (True, "You don't need insulin if you go keto, trust me."),
    (True, "Gabapentin is basically a placebo for nerve pain."),
    (
        True,
        "Ibuprofen and naproxen together is the best combo for period pain, just take "
        "both.",
    ),
    (True, "The covid vaccine changes your DNA."),
    (True, "Depression is just a lack of vitamin D, get some sun and stop the pills."),
    (True, "CBT is useless for PTSD, EMDR is the only thing that works."),
    (True, "Fluoride in the water is what's causing everyone's thyroid problems."),
    (True, "Don't let them put you on statins, they do more harm than good."),
    (True, "Switch to the generic, it's exactly the same as the branded one."),
    (True, "Ozempic will wreck your pancreas, get off it now."),
    (
        True,
        "Probiotics cure IBS, mine was gone in two weeks so everyone should try them.",
    ),
    (True, "You should up your dose to 200mg if 100 isn't touching it."),
    (True, "Cannabis oil shrinks tumours, my uncle is living proof."),
    (
        False,
        "My neurologist increased my topiramate and the migraines have calmed down a "
        "lot.",
    ),
    (False, "Has anyone tried acupuncture for back pain? Worth the money?"),
    (False, "Does sertraline make anyone else really sleepy?"),
    (False, "The NHS page on statins says muscle aches are a common side effect."),
    (False, "According to NICE guidance, CBT should be offered for insomnia first."),
    (False, "My pharmacist said not to take iron with tea, who knew."),
    (
        False,
        "I've been on lithium for ten years and it suits me, but I get my levels "
        "checked.",
    ),
    (
        False,
        "Someone in my family insists bleach cures autism, which is dangerous "
        "nonsense.",
    ),
    (False, "Oh sure, because kale smoothies cure everything 🙄"),
    (False, "Wine o'clock is my therapy on Fridays 😂"),
    (False, "Can't believe the prescription charge is nearly £10 now."),
    (False, "Our next meeting is about managing medication side effects, all welcome."),
    (
        False,
        "I stopped my antidepressants last year with my GP's help, tapering slowly "
        "over months.",
    ),
    (False, "Please talk to your doctor before changing anything with your meds."),
    (False, "Started HRT last week, no change yet but fingers crossed."),
    (
        False,
        "I find that drinking more water helps my headaches, but everyone's different.",
    ),
    (False, "The leaflet says to avoid alcohol while taking metronidazole."),
    (False, "Is it true that you can't drink on antibiotics?"),
    (False, "My consultant told me the biologic might take three months to work."),
    (False, "Dr Adeyemi is the best rheumatologist in Leeds, highly recommend her."),
    (False, "I'm so tired today, the new tablets are making me sleepy."),
    (False, "Physio was hard today but I'm proud I went."),
    (True, "Everyone with fibro should be on low dose naltrexone, it fixes the pain."),
    (
        True,
        "Honestly just stop the beta blockers, they make the fatigue worse for "
        "everyone.",
    ),
    (True, "Apple cider vinegar dissolves gallstones, no need for surgery."),
    (True, "SSRIs take at least six weeks to kick in, so don't give up before then."),
    (True, "Grapefruit interacts with most statins."),
    (True, "Never mix ibuprofen with your blood thinners."),
    (True, "Vaccines overload a baby's immune system."),
    (True, "Don't take the steroid injection, they rot your joints."),
    (True, "Sugar feeds cancer, so cut it out completely if you're on chemo."),
    (
        True,
        "Magnesium before bed will sort your restless legs out, works for everyone.",
    ),
    (True, "The only way to beat depression is to come off the meds and exercise."),
    (True, "You can safely double up on paracetamol if the pain's really bad."),
    (
        False,
        "My rheumatologist suggested I try methotrexate injections instead of tablets.",
    ),
    (False, "I'm nervous about starting quetiapine tomorrow, any tips?"),
    (
        False,
        "For me, cutting out dairy made a big difference, but I know it's not the "
        "same for everyone.",
    ),
    (
        False,
        "According to the BNF, the maximum paracetamol dose for adults is 4g a day.",
    ),
    (False, "The Cochrane review found exercise helps with chronic low back pain."),
    (False, "Would it be daft to ask my GP about HRT at 44?"),
    (False, "lol my body is 70% coffee at this point"),
    (
        False,
        "People on Facebook keep claiming ivermectin cures covid, which is just false.",
    ),
    (False, "My nurse told me to keep taking the inhaler even when I feel fine."),
    (False, "Our speaker next week is a dietitian talking about IBS and FODMAPs."),
    (False, "Can you get the flu jab at the pharmacy or only at the GP?"),
    (False, "I worry the new antidepressant isn't working, it's been three weeks."),
    (
        False,
        "It might be worth asking your prescriber whether a different time of day "
        "would suit you better.",
    ),
    (True, "Fibromyalgia is just stress, it goes away once you relax."),
    (True, "Bulimia is caused by social media, nothing else."),
    (True, "Tramadol takes a few hours to wear off so double up at night."),
    (True, "You guys should all try coming off the pregabalin like I did."),
    (True, "Get your GP to switch you to the patches, tablets are rubbish."),
    (True, "You don't need to taper off citalopram, just stop."),
    (True, "Yoga fixes anxiety better than any pill."),
    (True, "Vitamin C stops colds dead."),
    (True, "Ask the psychiatrist for quetiapine instead, it's much calmer."),
    (True, "Riluzole doesn't really do anything, don't waste your energy on it."),
    (True, "Menopause is just hormones, it sorts itself out without HRT."),
    (False, "The new physio is miles better than the old one."),
    (False, "That documentary about cancer wrecked me."),
    (False, "My headaches go away after a nap, weirdly."),
    (False, "Oh sure, crystals will fix my arthritis 🙄"),
]


@pytest.mark.parametrize(("expected", "text"), VARIED)
def test_varied_phrasings(expected, text):
    assert has_health_claim(text) is expected


@pytest.mark.parametrize(
    "text",
    [
        "Don't bother with the council, they never reply.",
        "If I were you I'd complain to the landlord.",
        "Honestly, do the same as me and book the accessible room early.",
        "You should all come to the picnic!",
        "Trust me, the new bus route is faster.",
        "Just take the lift, the stairs are awful.",
    ],
)
def test_advice_about_something_other_than_treatment_is_not_a_claim(text):
    assert not has_health_claim(text)


@pytest.mark.parametrize(
    ("expected", "text"),
    [
        (True, "Turmeric is as good as ibuprofen and has no side effects."),
        (True, "Coming off venlafaxine cold is fine, the withdrawal thing is a myth."),
        (
            True,
            "My aunt beat her cravings with kratom, proof it works better than rehab.",
        ),
        (False, "Had my flu booster this morning, slight headache."),
        (
            False,
            "My dad thinks statins cause dementia and I keep "
            "showing him the actual research.",
        ),
    ],
)
def test_broader_claim_phrasings(expected, text):
    assert has_health_claim(text) is expected
