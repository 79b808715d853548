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
