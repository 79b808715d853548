"""Health-claim detector: uncited treatment claims and start/stop advice.

A sentence is a claim when it asserts, as fact, something about a treatment or
the cause of a condition, or tells readers to start, stop, switch or change a
treatment, and the text cites no specific reliable source. Questions,
first-person experience, sarcasm and reports of one's own clinician are not.
"""

from __future__ import annotations

import re
import re._constants as _c  # type: ignore[import-not-found]
import re._parser as _parser  # type: ignore[import-not-found]
from bisect import bisect_right
from typing import Any

# ------------------------------------------------------------- vocabulary

_DRUG_SUFFIX = (
    r"\w{2,}(?:pram|xetine|tyline|ipramine|zepam|azolam|apine|idone|olol|pril|sartan|"
    r"statin|prazole|tidine|mab|nib|cillin|mycin|cycline|floxacin|conazole|codone|"
    r"morphone|profen|fenac|triptan|gliptin|gliflozin|formin|thyroxine|afaxine|"
    r"azine|barbital|olone|asone|semide|thiazide|dipine|lukast|pentin|gabalin|"
    r"xone|trexone|phine|azepine|ridone|oxetine|iprazole|tadine|mide|parin|"
    r"vudine|navir|ciclovir|quine|thioprine|trexate|clone|dronate|lamide|zole|"
    r"glutide|umab|ximab|tinib|coxib|tropium)"
)
# Frequently discussed medicines whose names the suffix rule misses.
_DRUG_NAMES = (
    r"sertraline|citalopram|escitalopram|fluoxetine|paroxetine|mirtazapine|"
    r"venlafaxine|duloxetine|bupropion|trazodone|vortioxetine|agomelatine|"
    r"amitriptyline|nortriptyline|quetiapine|olanzapine|aripiprazole|risperidone|"
    r"clozapine|haloperidol|lamotrigine|valproate|sodium valproate|carbamazepine|"
    r"topiramate|pregabalin|gabapentin|propranolol|atenolol|ramipril|amlodipine|"
    r"atorvastatin|simvastatin|omeprazole|lansoprazole|levothyroxine|liothyronine|"
    r"prednisolone|prednisone|hydrocortisone|methotrexate|azathioprine|"
    r"mercaptopurine|hydroxychloroquine|sulfasalazine|adalimumab|infliximab|"
    r"humira|tramadol|codeine|co-codamol|morphine|oxycodone|fentanyl|naloxone|"
    r"diazepam|lorazepam|clonazepam|zopiclone|zolpidem|melatonin|methylphenidate|"
    r"lisdexamfetamine|elvanse|ritalin|adderall|concerta|atomoxetine|modafinil|"
    r"ozempic|semaglutide|wegovy|mounjaro|tirzepatide|warfarin|apixaban|"
    r"rivaroxaban|clopidogrel|sumatriptan|propranolol|nurofen|calpol|lithium|"
    r"acamprosate|disulfiram|antabuse|chantix|varenicline|champix|finasteride|"
    r"isotretinoin|roaccutane|accutane|metronidazole|amoxicillin|doxycycline|"
    r"kratom|rehab|mindfulness|cbt|ivermectin|hydroxyzine|cetirizine|loratadine|fexofenadine|montelukast|"
    r"salbutamol|ventolin|insulin|botox|ketamine|esketamine|psilocybin|lsd|mdma"
)
_TREATMENT = re.compile(
    rf"\b(?:{_DRUG_NAMES}|{_DRUG_SUFFIX}|"
    r"meds|medication|medications|medicine|medicines|drugs?|pills?|tablets?|"
    r"(?:beta[- ])?blockers|inhalers?|steroids?|injections?|creams?|patches|"
    r"hormones?|blood thinners|painkillers|antacids|"
    r"antidepressants?|ssris?|snris?|ppis?|antipsychotics?|psych meds|"
    r"psychiatric (?:drugs|meds|medication)|statins?|steroids?|opioids?|opiates?|"
    r"painkillers?|benzos?|benzodiazepines?|antibiotics?|antihistamines?|"
    r"chemo|chemotherapy|radiotherapy|immunotherapy|biologics?|infusions?|"
    r"insulin|metformin|lithium|paracetamol|acetaminophen|ibuprofen|aspirin|"
    r"naltrexone|methadone|buprenorphine|levothyroxine|melatonin|hrt|"
    r"contraceptives?|the pill|vaccines?|vaccinations?|vaccinated|jabs?|mmr|booster|"
    r"supplements?|vitamins?|vitamin [a-k]\d*|b12|b6|d3|magnesium|zinc|iron|"
    r"omega-?3|fish oil|turmeric|curcumin|ashwagandha|cbd|cannabis|weed|"
    r"st john'?s wort|probiotics?|herbal|herbs|homeopath\w*|acupuncture|"
    r"essential oils?|colloidal silver|apple cider vinegar|bleach|ivermectin|"
    r"epsom salts?|detox\w*|cleanse|juic\w+|vegan|keto|ketogenic|paleo|carnivore|"
    r"gluten|dairy|sugar|fasting|diet|diets|low-carb|"
    r"cbt|dbt|emdr|therapy|counselling|counseling|ect|graded exercise|"
    r"physio|physiotherapy|exercise|surgery|red wine|glass of red|alcohol|"
    r"coffee|caffeine|water|hydration|dose|dosage|doses|injections?|cold turkey|"
    r"treatment|treatments|cure|remedy|remedies|generics?|branded|brand)\b"
)
_CONDITION = re.compile(
    r"\b(?:autism|adhd|cancer|diabetes|type [12]|depression|anxiety|migraines?|"
    r"headaches?|multiple sclerosis|me/cfs|cfs|fibro\w*|crohn'?s|colitis|ibs|arthritis|"
    r"lupus|asthma|eczema|psoriasis|dementia|alzheimer'?s|parkinson'?s|"
    r"schizophrenia|bipolar|psychosis|ocd|ptsd|alcoholism|addiction|"
    r"endometriosis|endo|pcos|long covid|covid|flu|heart disease|stroke|"
    r"epilepsy|seizures|insomnia|obesity|acne|thyroid|hypothyroidism|"
    r"reflux|ulcers?|gout|osteoporosis|allergies|hay fever|infertility|"
    r"eating disorders?|anorexia|bulimia|binge eating|arfid|postnatal depression|"
    r"pnd|mnd|motor neurone disease|als|restless legs|sciatica|back pain|nerve pain|"
    r"neuropathy|chronic pain|hypermobility|eds|pots|menopause|perimenopause|"
    r"hashimoto'?s|chronic fatigue|brain fog|autism|chest infection|infections?|"
    r"high blood pressure|hypertension|cholesterol|withdrawal|psoriasis|acne)\b"
)

# Claim predicates: efficacy, harm, safety, interactions, dosing, mechanism, cause.
_CLAIM = re.compile(
    r"\b(?:cures?|cured|curing|reverses?|reversed|prevents?|protects?|heals?|"
    r"fixes|fix(?:es)? (?:it|you|everything)|boosts?\b|detox(?:es|ifies)?|"
    r"as (?:good|effective|strong|safe|powerful) as|"
    r"(?:has|have|with|there are|there'?s) (?:no|zero) (?:side[- ]effects|risks?|"
    r"downsides?|withdrawal)|"
    r"withdrawal (?:\w+ )?(?:is|are) (?:a myth|made up|exaggerated|not real)|"
    r"(?:is|are|was) caused by|causes?|caused|comes? from|leads? to|triggers?|"
    r"fix(?:es)? (?!(?:it|me|my|this|that)\b)\w+|"
    r"makes? (?:every(?:one|body)|you|people|all of us|them)\b|"
    r"(?:shrinks?|damages?|destroys?|rots?|ruins?|wrecks?)(?!(?:ed)? (?:me|my|us)\b)|"
    r"poisons?|toxic|"
    r"gives? (?:you|people|everyone|everybody|kids|children) |proof\b|"
    r"(?:changes?|alters?|rewires?) your (?:dna|genes|brain|hormones|gut)|"
    r"(?:is|are) what'?s caus\w+|causing (?:everyone|people|cancer|autism|dementia|"
    r"infertility)\b|works? better than|"
    r"(?:is|are|'s|'re) (?:the )?best (?:thing|combo|combination|treatment|cure|way|"
    r"remedy|option) for|"
    r"(?:is|are|'s|'re) (?:just |basically |literally |completely |totally |"
    r"perfectly |absolutely |100% |really |actually )?(?:a |an )?(?:natural|poison|"
    r"scam|"
    r"placebo|useless|pointless|dangerous|safe|harmless|addictive|chemical "
    r"restraints?|the (?:only|best) (?:thing|cure|way)|better than|worse than|"
    r"a cure|a waste|bad for you|good for you|fine|exactly the same)|"
    r"(?:doesn'?t|don'?t|do not|does not|never) (?:actually |really |even |ever )?"
    r"(?:work|help|do anything|do a thing)|"
    r"(?:is|are|'s|'re) (?:just|only|simply|purely|all|basically|nothing but) "
    r"(?:a |an |your )?(?:\w+ )?(?:deconditioning|hormones?|hormonal|in (?:your|the) "
    r"head|stress|laziness|attention[- ]seeking|a phase|a choice|psychological|"
    r"psychosomatic|dehydration|inflammation|a deficiency|bad parenting|"
    r"willpower|lack of \w+|weakness)\b|"
    r"and (?:it|they|the \w+) (?:goes|go|will go) away|sorts? (?:itself|themselves) "
    r"out|clears? up on (?:its|their) own|resolves? on (?:its|their) own|"
    r"(?:is|are) a choice\b|"
    r"(?:(?:works?|is|are|'s|'re|way|far|much|miles) better|more effective|"
    r"as (?:good|effective)|safer) than (?:any |all |most |the |your |prescription |"
    r"regular |real )?(?!(?:the |my |your )?(?:old|last|previous|other|new) )\w+|"
    r"(?:treats?|relieves?|stops?|beats?|gets? rid of) (?:\w+ )?(?:colds?|the flu|"
    r"migraines?|headaches?|panic attacks?|seizures?|cravings?|inflammation|"
    r"depression|anxiety|insomnia|nausea|pain|flares?)\b|"
    r"do(?:es)? nothing|(?:nobody|no one|no-one) (?:actually |really )?needs?|"
    r"(?:can'?t|cannot|won'?t) (?:overdose|get addicted|hurt you|harm you|be reversed|"
    r"be cured)|"
    r"interacts? with|pulls? [\w ]{1,30} out of|flush(?:es)? (?:out|[\w ]{1,20} out)|"
    r"kills? (?:cancer|the virus|bacteria|cells|your)|works? better than|"
    r"(?:is|'s) (?:the )?best thing for|wipes? you out|it'?ll (?:wipe|kill|ruin|wreck|"
    r"make)|will (?:wipe you|kill you|ruin|wreck|make you)|"
    r"takes? (?:\w+ )?(?:\d+|an?|two|three|four|six|a few|several|a couple of) "
    r"(?:weeks?|days?|"
    r"hours?|minutes?) "
    r"to (?:work|kick in)|and (?:they|it|you)(?:'re| are)? (?:stop|go away|gone|"
    r"sorted)|"
    r"you'?re sorted|is proof|are proof|(?:is|are) the reason (?:you|people|every)|"
    r"takes? (?:at least |about |around |up to )?(?:\d+|two|three|four|five|six|"
    r"eight|a few|several) (?:weeks?|days?|hours?|months?) to (?:work|kick in)|"
    r"(?:dissolves?|overloads?|feeds?|starves?|depletes?|drains?|weakens?|"
    r"strengthens?|repairs?|regrows?|restores?|rebalances?|balances?|lowers? your|"
    r"raises? your|blocks? your|clears? (?:out|up)?|thins? your|clogs?|"
    r"suppresses?|weakens?) (?:\w+ )?(?:your |the |a |an |baby'?s |my )?\w+|"
    r"(?:will|'ll) (?:sort|fix|cure|clear|stop|help) (?:\w+ ){0,3}(?:out|up|for good)?|"
    r"works? for (?:everyone|everybody|all of us|anyone)|"
    r"the (?:only|best) (?:way|thing|cure|answer|treatment)\b|"
    r"\b(?:can|could) safely\b|\bsafe to (?:take|double|mix|drink|combine|stop|use)|"
    r"no need for (?:surgery|meds|medication|tablets|pills|the|chemo|insulin))"
)
_ADVICE = re.compile(
    r"(?:^|[,;:\-–—]\s*|\b(?:so|and|just|honestly|seriously|then|tbh)\s+)"
    r"(?:(?:please )?(?:don'?t|do not|never) (?:take|have|get|start|let|bother|"
    r"trust|touch|go near|listen)|"
    r"(?:stop|quit|ditch|bin|drop) (?:taking |using |all |your |the |them|it)|"
    r"(?:never |don'?t |do not )?(?:mix|combine) \w+|cut (?:it|them|\w+) out|"
    r"double up|"
    r"(?:come|get) off (?:them|it|the|your|all|\w+(?:ine|ol|am|ide))|"
    r"ask (?:for|them for|your \w+ for) (?:\w+ ){0,3}(?:something else|a different|"
    r"a higher|a lower|more|them|it|\w+(?:ine|ol|am|ide))|"
    r"(?:switch|swap|change) (?:to|it|your|them|over)|"
    r"(?:double|halve|up|increase|decrease|lower|cut) (?:your|the) (?:dose|dosage)|"
    r"just take (?:the|your|more|extra)|take (?:more|extra|double|it with|them with)|"
    r"(?:drink|eat|try|start|use|get) (?:\w+ ){0,3}(?:a day|daily|every day|instead)|"
    r"go (?:vegan|keto|gluten[- ]free|cold turkey)|"
    r"do it\s*[.!]*$|stop\s*[.!]*$|trust me|"
    r"(?:ask|get|push|make) (?:your|the) (?:gp|doctor|consultant|psychiatrist|nurse|"
    r"prescriber|pharmacist) (?:to )?(?:switch|swap|change|put you on|take you off|"
    r"up|increase|lower|reduce|double|prescribe|give you)\b)"
)
_ADVICE_ANYWHERE = re.compile(
    r"\b(?:you|u|everyone|everybody|all of you|you lot|you guys|y'?all|people|"
    r"anyone with \w+) "
    r"(?:should|need to|must|have to|'?ve got to|ought to) "
    r"(?:all )?(?:really )?(?:stop|start|take|come off|get off|try|switch|swap|avoid|"
    r"quit|ditch|ask for|refuse|demand|double|up|go)\b|"
    r"\bif i were you,? i'?d\b|\bi'?d (?:swap|switch|come off|stop|ditch|drop|try|"
    r"take)\b|"
    r"\b(?:don'?t|never) let (?:a|the|your|any) (?:\w+ )?(?:doctor|gp|nurse|physio|"
    r"consultant|psychiatrist|specialist|pharmacist)|"
    r"\bdon'?t take no for an answer\b|\bdon'?t bother with\b|"
    r"\bdon'?t waste your (?:time|energy|money|breath) (?:on|fighting|asking|with)\b|"
    r"\byou (?:don'?t|do not) (?:need|have) to (?:taper|wean|take|finish|keep taking|"
    r"stay on|come off slowly)\b|"
    r"\bask (?:your \w+ |them |the \w+ )?for [^.!?]{1,40}\b(?:instead|rather than)\b|"
    r"\btake as (?:much|many) as you (?:need|want|like)\b|"
    r"\b(?:so can you|you can too|so should you|you should too|do the same)\b|"
    r"\bjust take (?:both|them|it|the|your|more|extra|double)\b|"
    r"\b(?:highly |would )?recommend (?:stopping|coming off|switching|swapping|"
    r"ditching|"
    r"quitting|going)"
)

# ------------------------------------------------------------ suppressors

_CITATION = re.compile(
    r"\b(?:nice-guideline|ng\d{2,3}|"
    r"mhra|fda|ema-regulator|bnf|cdc|world-health-org|nhs "
    r"(?:website|page|site|guidance|says|advice|choices|inform)|nhs\.uk|cochrane|"
    r"systematic review|meta-?analysis|(?:patient |information )?leaflet|"
    r"packaging|the label|drug label|product label|sign guideline|sign \d+|"
    r"guideline|guidelines|drug safety update|british national formulary|"
    r"mind\.org|mind has|macmillan|diabetes uk|ms society|versus arthritis|"
    r"crohn'?s (?:&|and) colitis uk|rethink|mayo clinic|medlineplus|"
    r"\w+\.(?:org|gov|nhs\.uk|org\.uk|gov\.uk)|has a (?:decent |good |great )?"
    r"page on|doi\.org|pubmed|pmid|the lancet|bmj|nejm|jama)\b"
)
_QUESTION_START = re.compile(
    r"^\W*(?:does|do|did|can|could|is|are|was|were|should|shall|has|have|had|"
    r"will|would|anyone|any|has anyone|how|what|why|when|where|which|who|"
    r"is it|am i)\b"
)
_PERSONAL = re.compile(
    r"\b(?:my (?:\w+ )?(?:doctor|gp|nurse|consultant|pharmacist|psychiatrist|"
    r"rheumatologist|neurologist|oncologist|specialist|prescriber|team|dietitian|"
    r"physio|therapist|midwife|surgeon|endo|cardiologist|gastro)|"
    r"(?:he|she|they) (?:said|told|advised|suggested|put|started|lowered|raised)|"
    r"told me|advised me|started me|put me on|"
    r"i (?:tried|take|took|started|stopped|switched|am on|'?m on|was on|found|"
    r"have been|'?ve been|felt|feel|noticed|swear by)|"
    r"for me|helped me|worked for me|in my experience|personally|"
    r"my (?:medication|meds|dose|tablets|pills))\b"
)
_GENERALISE = re.compile(
    r"\b(?:everyone|everybody|all of you|you all|you lot|anyone|people|always|"
    r"never|should|must|is proof|are proof|so you|so all)\b"
)
_SARCASM = re.compile(
    r"\b(?:apparently|yeah right|sure(?:,)? jan|oh sure|lol|lmao|as if|supposedly|"
    r"according to my nan|according to facebook|my nan'?s whatsapp|/s)\b|[🙄🤡😂🤣]"
)
_JOKE = re.compile(
    r"\b(?:my (?:personality|love language|only friend)|is my (?:medication|therapy|"
    r"therapist|medicine)|are my (?:medication|therapy)|retail therapy|"
    r"chocolate is medicine|laughter is the best medicine)\b"
)
_OPPOSE = re.compile(
    r"\b(?:(?:people|someone|they|he|she|my \w+|everyone)(?: \w+){0,3} "
    r"(?:keep |keeps |kept )?"
    r"(?:say|says|said|saying|claim|claims|claimed|claiming|told me|tell me|telling me|"
    r"insist|insists|insisting)\b[^.!?]{0,80}"
    r"\b(?:but|which is|that'?s) (?:that'?s |it'?s )?(?:just |completely |total |"
    r"utter |absolute )?(?:rubbish|nonsense|not true|"
    r"wrong|a myth|false|dangerous|bs|bollocks)|is a myth|that'?s a myth|"
    r"myth that|not true that|debunked|"
    r"(?:thinks?|believes?|convinced)\b[^.!?]{0,80}\b(?:actual|real) (?:evidence|"
    r"research|science|studies))\b"
)

# "Stopping it suddenly is fine, the withdrawal stuff is a myth": the myth
# is called out to back a claim, not to oppose one.
_STATED_SAFE = re.compile(
    r"\b(?:is|are|'s|'re) (?:totally |perfectly )?(?:fine|safe)\b"
)

_SENT_SPLIT = re.compile(r"(?<=[.!?])\s+|\n+")


# Upper-case abbreviations that are ordinary words once lower-cased.
_ABBREVIATIONS = re.compile(r"\b(?:ME|MS|GET|NICE|EMA|WHO)\b")
_EXPANSIONS = {
    "ME": "me/cfs",
    "MS": "multiple sclerosis",
    "GET": "graded exercise",
    "NICE": "nice-guideline",
    "EMA": "ema-regulator",
    "WHO": "world-health-org",
}


_SPACES = re.compile(r"[ \t\u00a0]{2,}|[\t\u00a0]")


def _normalise(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    text = _ABBREVIATIONS.sub(lambda m: _EXPANSIONS[m.group(0)], text)
    # Line breaks stay: they end sentences in posts written without full stops.
    return _SPACES.sub(" ", text.lower())


def _is_question(sentence: str) -> bool:
    return sentence.rstrip(" )\"'").endswith("?") or bool(
        _QUESTION_START.match(sentence)
    )


def _sentence_claim(sentence: str) -> str | None:
    """The kind of claim in one sentence, or None."""
    advice_anywhere = _ADVICE_ANYWHERE.search(sentence) is not None
    advice = advice_anywhere or _ADVICE.search(sentence) is not None
    claim = _CLAIM.search(sentence)
    if not (advice or claim):
        return None  # the common case: skip the costlier checks below
    if _is_question(sentence) or _SARCASM.search(sentence) or _JOKE.search(sentence):
        return None
    if _OPPOSE.search(sentence) and not _STATED_SAFE.search(sentence):
        return None
    has_treatment = bool(_TREATMENT.search(sentence))
    # Advice counts only about a treatment: "if I were you I'd ring the council"
    # is not health advice.
    if advice and has_treatment:
        return "advice"
    if claim and (has_treatment or _CONDITION.search(sentence)):
        if _PERSONAL.search(sentence) and not _GENERALISE.search(sentence):
            return None
        return "claim"
    return None


# Whole-text versions of the sentence patterns, used to find the few sentences
# worth a closer look: a sentence start may follow ". " or a line break.
_ADVICE_IN_TEXT = re.compile(
    _ADVICE.pattern.replace("(?:^|", "(?:^|(?<=[.!?] )|(?<=\n)|", 1).replace(
        "do it\\s*[.!]*$", "do it\\s*[.!]*(?=\\s|$)"
    )
)


def _first_chars(items: list[tuple[Any, Any]]) -> set[str] | None:
    """The characters a match of parsed pattern ``items`` can start with, or None
    when that is not a short list of literals (or the match may be empty)."""
    out: set[str] = set()
    for op, arg in items:
        if op is _c.AT:  # \b and friends consume nothing
            continue
        if op is _c.LITERAL:
            return out | {chr(arg)}
        if op is _c.SUBPATTERN:
            inner = _first_chars(arg[3])
            return None if inner is None else out | inner
        if op is _c.BRANCH:
            for branch in arg[1]:
                inner = _first_chars(branch)
                if inner is None:
                    return None
                out |= inner
            return out
        if op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
            low, _high, sub = arg
            inner = _first_chars(sub)
            if inner is None:
                return None
            out |= inner
            if low >= 1:
                return out
            continue
        return None
    return None


def _gated(rx: re.Pattern[str]) -> re.Pattern[str]:
    """``rx`` behind a one-character look-ahead of the letters it can start with.

    The look-ahead rejects most positions of a text at once, instead of trying
    each of a large pattern's many alternatives there.
    """
    try:
        chars = _first_chars(list(_parser.parse(rx.pattern, rx.flags)))
    except Exception:  # the parser is the standard library's own, not public API
        chars = None
    if not chars:
        return rx
    letters = "".join(re.escape(c) for c in sorted(chars))
    return re.compile(f"(?=[{letters}])(?:{rx.pattern})", rx.flags)


_GATES = tuple(_gated(rx) for rx in (_CLAIM, _ADVICE_ANYWHERE, _ADVICE_IN_TEXT))


def find_health_claims(text: str) -> list[str]:
    """Sentences of ``text`` that make an uncited claim or give treatment advice."""
    norm = _normalise(text)
    starts = [0] + [m.end() for m in _SENT_SPLIT.finditer(norm)]
    flagged = sorted(
        {
            bisect_right(starts, m.start()) - 1
            for rx in _GATES
            for m in rx.finditer(norm)
        }
    )
    ends = [*starts[1:], len(norm)]
    found = []
    for idx in flagged:
        sentence = _SENT_SPLIT.sub("", norm[starts[idx] : ends[idx]])
        if sentence.strip() and _sentence_claim(sentence):
            found.append(sentence)
    # A specific source anywhere in the post covers its claims.
    if found and _CITATION.search(norm):
        return []
    return found


def has_health_claim(text: str) -> bool:
    """True when ``text`` holds an uncited health claim or treatment advice."""
    return bool(find_health_claims(text))
