"""Crisis-language detector: suicide, self-harm and harm-to-others risk.

Rules follow the C-SSRS ladder and Lifeline's how/when/where test, as written
up in the project's labelling guide. Signals are found per sentence, filtered
by context (media, idiom, long-ago recovery, a resolved third-party episode),
and combined for the whole text.
"""

from __future__ import annotations

import importlib
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

Level = Literal["none", "concern", "urgent"]


@dataclass(frozen=True, slots=True)
class CrisisAssessment:
    level: Level
    mentions_self_harm: bool
    reasons: tuple[str, ...]


# ------------------------------------------------------------- vocabulary

# Self-reference, with typos and third persons (a reported person at risk is
# rated on the same ladder).
SELF = (
    r"(?:my ?s[ea]l?f|meself|myslef|mysef|mself|her ?self|him ?self|them ?selves|"
    r"them ?self)"
)
KILL = r"(?:kill+|kil|klil|unalive|off|top|end)"
# Where "disappear" / "vanish" are about a place or a while, not about dying.
_NOT_GONE = (
    r"(?! (?:for|into|to|from|off|under|in|on|at|with|behind|until|till|somewhere|"
    r"abroad|away for) )"
)
# "not wake up" about oversleeping or a season, not about dying.
_NOT_LATE = (
    r"(?! (?:late|early|in time|on time|until|till|before|at \d|for (?:my|the|work)|"
    r"to (?:my|the)))"
)
DIE = (
    r"(?:die|dy|be dead|not be here|not be alive|not exist|stop existing|"
    rf"disappear{_NOT_GONE})"
)
PILLS = (
    r"(?:pills?|tablets?|meds|medications?|medicine|oxy\w*|painkillers?|paracetamol|"
    r"co-?codamol|tramadol|codeine|insulin|sleeping (?:pills|tablets)|prescriptions?|"
    r"antidepressants?|lithium|opioids?|morphine|fentanyl|benzos?|diazepam|"
    r"sertraline|citalopram|fluoxetine|mirtazapine|amitriptyline|quetiapine|"
    r"olanzapine|zopiclone|pregabalin|gabapentin|propranolol|venlafaxine|"
    r"ibuprofen|aspirin|diazepam|temazepam|lorazepam|clonazepam|oxycodone|"
    r"escitalopram|paroxetine|duloxetine|nortriptyline|zolpidem|tapentadol)"
)
METHOD = (
    rf"(?:{PILLS}|overdose|od\b|rope|noose|hang\w*|jump\w*|bridge|cliff|tracks|"
    r"train|the sea|into the sea|drown\w*|gun|blade|razor|knife|exhaust|car park|"
    r"multi-?storey|roof|ledge|motorway|bleach|wrists?)"
)
DAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
WHEN = (
    rf"(?:tonight|tomorrow(?: night)?|{DAY}|this weekend|next week|at midnight|"
    r"after (?:my |the )?(?:parents|family|kids|everyone|they|wife|husband|partner|"
    r"mum|mom|dad)\b[^.!?]{0,20}(?:bed|sleep|asleep|out|work|leave|left)|"
    r"when (?:i get there|everyone(?:'s| is) asleep|they(?:'re| are) asleep)|"
    r"that (?:night|day|evening)|after (?:everyone'?s asleep|dinner|they leave)|"
    r"in the morning|at \d{1,2}(?::\d\d)? ?(?:am|pm)?)"
)
NEG = r"(?:not|n't|never|no|nt|wont|dont|cant)"
# A whole short sentence: nothing but punctuation around the phrase.
_SENT_START = r"(?<![\w,;'] )(?<![\w,;'])"
_SENT_END = r"\W*(?:$|[.!?\n])"


# Ways of saying "be dead / stop existing" about oneself. Idioms ("dying to
# try", "die of embarrassment", "dead on my feet") are excluded by the
# look-aheads, and "end it with him" is about a relationship.
DEATH = (
    rf"(?:die\b(?! of | from | laughing| for | to | than )|be dead\b(?! than )|"
    rf"not (?:wake|waking) up{_NOT_LATE}|never wake up{_NOT_LATE}|"
    rf"(?:wouldn'?t|won'?t|didn'?t|don'?t) wake up{_NOT_LATE}|"
    r"stay asleep(?: forever)?|sleep forever|go to sleep forever|"
    r"not be (?:here|around|alive)|not being (?:here|around|alive)|"
    rf"disappear(?:ed)?{_NOT_GONE}|vanish(?:ed)?\b{_NOT_GONE}|"
    r"stop(?:ped)? existing|not exist(?:ing)?|cease to exist|"
    r"waste away|slip away|(?:my )?heart (?:just )?(?:gives? out|stops)|"
    r"end (?:it|it all|things|everything|my life|my own life)\b(?! with| between| off)|"
    r"ending (?:it|it all|things|my life)\b(?! with| between| off)|"
    rf"{KILL}(?:ing)? {SELF}|kms\b|ctb\b|take my (?:own )?life|taking my (?:own )?life|"
    r"be gone (?:for good|forever)|never come back|not come back|"
    rf"hang {SELF}|throw {SELF}|jump off|do myself in|off myself)"
)
# Active forms that, with a stated intention, mean doing it.
DEATH_ACT = (
    r"(?:end (?:it|it all|things|everything|my life|my own life)\b(?! with| between|"
    r" off)|"
    rf"{KILL} {SELF}|kms\b|ctb\b|take my (?:own )?life|hang {SELF}|throw {SELF}|"
    r"jump (?:off|from|in front)|overdose\b|od\b|do myself in|off myself|"
    r"(?:step|walk|throw myself) in front of|"
    r"commit suicide|walk into the (?:sea|river|water)|"
    r"take (?:everything|the lot|all (?:of )?(?:them|my \w+|the \w+))\b)"
)
DESIRE = (
    r"(?:want|wanna|wanted|wants|wish|wishing|wished|hope|hoping|pray|praying|long|"
    r"longing|would like|i'?d like|tempted|urge|crave|craving|think(?:ing)? about|"
    r"hopes|wishes|wouldn'?t mind|won'?t mind|wouldn'?t care|"
    r"hoped|prayed|wished|"
    r"thoughts? (?:of|about)|dream(?:ing)? about|daydream\w*|fantasi[sz]\w*|"
    r"considering|contemplating|need|i'?d rather|would rather)"
)
INTENT = (
    r"(?:going to|gonna|about to|ready to|decided to|plan(?:ning)? to|planning on|"
    r"intend(?:ing)? to|i'?ll|i will|tonight i'?m|i'?m)"
)


_KEY_LEN = 3


def _literal_prefixes(seq: list[Any], c: Any) -> list[tuple[str, bool]]:
    """Literal strings a match of a parsed sequence must start with.

    Each item is ``(prefix, complete)``; ``complete`` means everything so far
    was literal, so what follows may extend the prefix.
    """
    result: list[tuple[str, bool]] = [("", True)]
    for op, av in seq:
        if not any(done for _, done in result):
            break
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue
        if op is c.LITERAL:
            options = [(chr(av), True)]
        elif op is c.IN and all(item_op is c.LITERAL for item_op, _ in av):
            options = [(chr(item), True) for _, item in av]
        elif op is c.BRANCH:
            options = [p for alt in av[1] for p in _literal_prefixes(list(alt), c)]
        elif op is c.SUBPATTERN:
            options = _literal_prefixes(list(av[-1]), c)
        elif op is c.MAX_REPEAT and av[0] == 0 and av[1] == 1:
            options = [("", True), *_literal_prefixes(list(av[2]), c)]
        else:
            options = [("", False)]
        result = [
            (text + ext, ext_done) if done else (text, False)
            for text, done in result
            for ext, ext_done in (options if done else [("", False)])
        ]
        # Only the first _KEY_LEN characters are used, so expansion stops there.
        if len(result) > 64 or all(len(text) >= _KEY_LEN for text, _ in result):
            result = [(text, False) for text, _ in result]
    return result


def _prefix_keys(pattern: str) -> frozenset[str] | None:
    """The first one or two characters every match of ``pattern`` starts with.

    None when some match could start with anything.
    """
    try:
        parser: Any = importlib.import_module("re._parser")
        consts: Any = importlib.import_module("re._constants")
        tree = parser.parse(pattern)
    except (ImportError, AttributeError, re.error):
        return None
    prefixes = _literal_prefixes(list(tree), consts)
    if any(not text for text, _ in prefixes):
        return None
    return frozenset(text[:_KEY_LEN] for text, _ in prefixes)


# Every rule alternative, for the word-start dispatch in ``_dispatch``.
_ALL_BODIES: list[str] = []


def _rx(*parts: str) -> str:
    """One rule: alternatives that each start at a word boundary (``\\b``).

    Returns the rule's pattern text; it is compiled on first use (see
    ``_compiled``) so that importing the module stays quick.
    """
    bodies = []
    for part in parts:
        if not part.startswith(r"\b"):
            raise ValueError(f"rule part must start with \\b: {part[:30]!r}")
        bodies.append(part[2:])
    _ALL_BODIES.extend(bodies)
    return r"(?<!\w)(?:" + "|".join(f"(?:{b})" for b in bodies) + ")"


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


# -------------------------------------------------------------- urgent

_URGENT: dict[str, str] = {
    "explicit intent": _rx(
        rf"\b(?:i'?ve|i have|i) (?:decided|made (?:up )?my mind|made the decision) to "
        rf"(?:{KILL} (?:{SELF}|my life|it all|it|things)|take my (?:own )?life|die|go)",
        r"\bmy mind(?:'s| is) made up\b",
        rf"\b(?:i'?m|i am|im|i'?ll|i will|she'?s|he'?s|they'?re) (?:definitely |"
        rf"really |finally )?"
        rf"(?:going to|gonna|about to|ready to|planning to|planning on) "
        rf"(?:{KILL}(?:ing)? (?:{SELF}|my life|it all|it tonight|things)|"
        rf"take my (?:own )?life|commit suicide|kms|ctb|hang {SELF}|"
        rf"jump (?:off|from|in front)|walk into the sea|overdose|od\b|"
        rf"take (?:all|every one) of (?:my|the|them)|take (?:all )?(?:the|my) {PILLS}|"
        rf"take the lot|swallow (?:them|the|all|every))",
        rf"\b(?:i'?m|i am|im) (?:going to|gonna) do it\b[^.!?]{{0,25}}\b{WHEN}",
        rf"\bdoing it (?:{WHEN})",
        rf"\b(?:i'?ll|i will|gonna) (?:{KILL} {SELF}|be dead) (?:{WHEN})",
        r"\bi'?ll (?:be dead|be gone|have done it) (?:by|before) ",
        r"\bi want to (?:kill myself|die) and i'?m going to\b",
        r"\b(?:i'?ve |i have )?(?:already )?decided (?:exactly )?(?:how|when|where)"
        r"(?! to)\b",
        rf"\b{INTENT} (?:just |finally |definitely |really )?{DEATH_ACT}"
        rf"[^.!?]{{0,30}}\b{WHEN}",
        rf"\b(?:gonna|going to|about to|ready to|decided to) (?:just |finally )?"
        rf"{DEATH_ACT}",
        rf"\b(?:kms|ctb|unaliving myself|killing myself|ending it all|ending my life) "
        rf"(?:{WHEN})",
        r"\bthis is it for me\b(?! for| today| tonight| now)|"
        r"\bi'?m checking out\b(?! of)",
        r"\b(?:going to|gonna|will|i'?ll) (?:drink|take|swallow|keep \w+ing) "
        r"(?:\w+ ){0,3}until i (?:don'?t wake up|die|stop breathing|never wake up)",
        r"\bthe (?:day|night) i (?:end it|do it|die|kill myself|go|end my life)\b",
        rf"\b(?:drink\w*|tak\w+|swallow\w*) (?:\w+ ){{0,4}}until (?:my heart stops|"
        rf"i (?:die|stop breathing|don'?t wake up|never wake up))\b[^.!?]{{0,20}}"
        rf"\b{WHEN}",
    ),
    "plan": _rx(
        rf"\bi (?:know|have decided|'?ve decided) (?:exactly )?(?:how|when|where) "
        rf"(?:i'?ll|i'?m going to|i will|to) (?:do it|{KILL})",
        r"\bif\b[^.!?]{0,80}\bthat'?s the (?:night|day)\b",
        rf"\bplan\b[^.!?]{{0,30}}\b(?:how|to) (?:to )?{DEATH_ACT}",
        rf"\bif\b[^.!?]{{0,60}}\b(?:then )?(?:i'?ll|i will|i'?m going to) "
        rf"(?:{KILL} {SELF}|do it|end it)",
        r"\bif\b[^.!?]{0,60},? (?:then )?i'?m (?:ending it|ending things|done|out)\b"
        r"(?! with| between)",
    ),
    "preparation": _rx(
        rf"\b(?:collect|collecting|collected|stockpil\w*|hoard\w*|sav(?:e|ed|ing) up|"
        rf"been saving|stash\w*|squirrel\w* away|kept back|keeping back|building up) "
        rf"(?:all |some |up )?(?:of )?(?:my |the |a |enough )?(?:\w+ ){{0,2}}{PILLS}",
        rf"\b(?:i'?ve |i have |i )(?:counted out|lined up|gathered|got together|"
        rf"stocked up on|sorted out) "
        rf"(?:all )?(?:of )?(?:my |the |her |his )?(?:\w+'?s? ){{0,2}}{PILLS}",
        rf"\bbought {PILLS}\b[^.!?]{{0,30}}\b(?:different|several|three|four|multiple) "
        r"(?:shops|chemists|pharmacies|places)",
        rf"\b{PILLS}\b[^.!?]{{0,30}}\b(?:stockpiled|saved up|collected|hoarded|"
        rf"stashed|saved (?:in|away|under)|hidden (?:in|away|under)|put away|set aside)",
        r"\b(?:suicide|goodbye|farewell) (?:note|letters?) (?:is|are|'s) (?:written|"
        r"done|ready|finished|on the|in the|under)",
        r"\b(?:wr(?:o|i)te|written|writing|wrote|left|leaving) (?:a |my |the )?"
        r"(?:suicide |goodbye |farewell |final )(?:note|notes|letters?|messages?)",
        r"\b(?:left|leaving|written|wrote) instructions for\b",
        r"\b(?:written|wrote|left) (?:letters|notes|a letter|a note) (?:to|for) "
        r"(?:my|each of my|all my|the) (?:kids|children|family|son|daughter|wife|"
        r"husband|partner|parents|mum|mom|dad|sister|brother)\b[^.!?]{0,50}"
        r"\b(?:will|when i'?m gone|after i'?m gone|goodbye|in case|for after|"
        r"to find|to open)\b",
        r"\bthey think i'?m (?:moving|going|away|travell?ing|off)\b",
        r"\b(?:bought|got|ordered|have|found|brought) (?:a |the |some )?"
        r"(?:rope|noose|one-way ticket|gun|helium|charcoal)\b(?! (?:ladder|swing|"
        r"bridge|course|light|toy|lights|for the))",
        r"\b(?:rehom\w+|found (?:a )?new homes? for) (?:my |the |both |all )?(?:\w+ )?"
        r"(?:cats?|dogs?|pets?|rabbits?|birds?)\b"
        r"[^.!?]{0,40}\b(?:before|won'?t be|can'?t look after|when i'?m (?:not|gone))",
        rf"\b(?:got|have) (?:the |my |all my |all the )?{PILLS} (?:ready|out|counted|"
        r"lined up|all here)\b",
        r"\b(?:got|have|put|set) (?:the |a |my )?(?:blade|razor|knife|lighter)s? "
        r"(?:ready|out|aside|set aside)\b",
        r"\b(?:got|have|put|set|left) (?:the |a |my )?(?:razor )?(?:blades?|razors?|"
        r"knife|"
        r"knives|lighter)s? (?:ready|out|aside|set aside|laid out)\b",
        r"\b(?:i'?ve |i have )?got everything i need\b(?! for (?:the|my|a) )",
        rf"\b(?:bought|buying|got|getting|picked up)\b[^.!?]{{0,40}}\b{PILLS}\b"
        r"[^.!?]{0,40}\b(?:different|another|other|several|separate|multiple|two|"
        r"three|four) (?:shops?|chemists?|pharmac\w+|places|supermarkets?|stores?)",
        r"\b(?:laid|laying|lay|set|put|got|getting|left|have) (?:out |aside )?(?:the |"
        r"my |a |some |new )?(?:razor )?(?:blades?|razors?|knives|knife|lighter)\b"
        r"(?: out| aside| ready)? (?:for (?:tonight|later|after|when)|tonight)\b",
        r"\b(?:razor )?(?:blades?|razors?|knives|knife|lighter) (?:are|is|'s) (?:all )?"
        r"(?:out|ready|laid out|set aside|put (?:out|aside)) (?:for (?:tonight|later)|"
        r"tonight)\b",
    ),
    "means at hand": _rx(
        rf"\b(?:i'?ve |i have )?(?:brought|got|bring|have) (?:all |my |the )?(?:whole |"
        rf"entire )?"
        rf"(?:{PILLS})(?: with me| here| in my (?:bag|pocket|hand))",
        rf"\b(?:i'?ve |i have )?brought (?:a |my |the )?(?:whole |entire )?"
        rf"(?:bottle|{PILLS}|rope)\b[^.!?]{{0,40}}\b(?:{PILLS}|rope)",
        r"\b(?:i'?m|i am|im|standing|sitting|stood|sat) (?:standing |sitting |stood |"
        r"sat )?"
        r"(?:on|at) (?:the )?(?:edge|bridge|cliff|ledge|roof|tracks|platform edge)\b",
        r"\bwriting this from (?:the )?(?:bridge|cliff|roof|car park|beach|tracks|"
        r"edge)",
        rf"\b(?:{PILLS}|tablets|blades?|razors?) (?:are |is )?(?:all )?(?:lined up|"
        r"laid out|counted out|in front of me|on the (?:table|bed|desk|"
        r"floor) in front)",
        r"\b(?:rope|noose|gun|hose ?pipe|hose) (?:is|are|'s) (?:in|under|up|ready|"
        r"tied|loaded)\b",
        r"\bengine running\b[^.!?]{0,40}\b(?:garage|doors? (?:shut|closed))",
        r"\bgarage\b[^.!?]{0,40}\bengine (?:running|on)\b",
        r"\b(?:hose ?pipe|hose) (?:on|from|to|into) the exhaust\b",
    ),
    "attempt now": _rx(
        r"\b(?:just |i'?ve just |i just |i'?ve |i have )(?:took|taken|swallowed|had|"
        r"downed) (?:a whole|all|the whole|loads of|everything|an overdose|too many|"
        r"a load of|a handful of|a bunch of|a lot of|lots of|heaps of|"
        r"\d+|a (?:whole )?(?:blister )?pack|two packs|a bottle|half)\b",
        r"\b(?:just |i'?ve just |i )?overdosed\b[^.!?]{0,30}\b(?:tonight|now|just now|"
        r"an hour ago|minutes ago|earlier)",
        r"\b(?:gone|turned|going) white and blister\w*",
        r"\bcan'?t stop (?:cutting|burning|hurting) (?:myself|me)\b",
        r"\b(?:took|taken|swallowed|downed) (?:about |around |like |maybe |over |"
        r"nearly |almost |at least )?(?:\d{2,}|all|a whole|the whole|loads|every|"
        r"too many|twenty|thirty|forty|fifty)\b[^.!?]{0,40}\b(?:ago|just now|tonight|"
        r"right now)\b",
        r"\bfeeling floaty\b|\bstarting to feel (?:sleepy|drowsy|dizzy) from the\b",
    ),
    "goodbye message": _rx(
        r"\bby the time (?:anyone|you|someone|people|you all|you guys) (?:reads?|sees?|"
        r"find)",
        r"\bi(?:'ll| will) be gone\b",
        r"\bnot coming (?:home|back)\b",
        r"\bwon'?t be (?:here|around|alive) (?:tomorrow|by|when|much longer|"
        r"for (?:long|"
        r"much "
        r"longer)|after tonight|in the morning)",
        r"\bthis is (?:my )?(?:goodbye|my last (?:post|message)|the last (?:post|"
        r"message|time you'?ll hear))",
        r"\bsee you (?:all )?on the other side\b",
        r"\bdeleted (?:all )?(?:of )?my (?:socials|social media|accounts|instagram|"
        r"facebook|profiles)\b",
        r"\bgoodbye (?:forever|world|everyone\W*i love)",
        r"\b(?:texted|messaged|sent|posted|rang|called)\b[^.!?]{0,20}['\"“]?"
        r"(?:goodbye|bye|farewell|i'?m sorry for everything)\b[^.!?]{0,60}\b(?:not "
        r"(?:answering|picking up|replying)|can'?t (?:reach|get hold of)|phone'?s off)",
    ),
    "harm to others": _rx(
        r"\b(?:going|gonna|go) (?:round|over|down) (?:there|to (?:his|her|"
        r"their))[^.!?]{0,40}"
        r"\bwith (?:the|a|my) (?:hammer|knife|bat|gun|axe|machete|crowbar)",
        r"\b(?:i'?m|i am|i'?ll|i will) (?:going to |gonna )?(?:kill|stab|shoot|"
        r"strangle|"
        r"murder|batter) (?:him|her|them|my (?:ex|neighbour|boss|husband|wife|dad|"
        r"mum))\b"
        r"[^.!?]{0,40}\b(?:tonight|tomorrow|i mean it|i swear|i'?m serious|with)",
        r"\bhe won'?t be (?:making|doing|saying) \w+ (?:\w+ )?ever again\b",
        r"\b(?:knife|gun|hammer|bat|axe|machete|blade|weapon)\b[^.!?]{0,60}\b(?:going "
        r"to|gonna|will|'ll) (?:use it on|stab|shoot|hit|hurt|kill|go for) (?:him|her|"
        r"them|my \w+)\b",
        r"\bkill (?:her|him|them|the kids|my \w+) (?:and|then|and then) (?:then )?"
        r"(?:myself|me|kill myself)\b",
        r"\btake (?:the kids|my kids|my (?:son|daughter|children|baby|boy|girl)|them) "
        r"with me\b",
        r"\b(?:(?:the kids|my kids|my (?:son|daughter|children|baby|boy|girl)|the baby) "
        r"and (?:i|me)|(?:me|i) and (?:the kids|my kids|the baby|my (?:son|daughter|"
        r"children|baby|boy|girl))) (?:would|'d|will|should|could|might|are|were) (?:\w+ ){0,3}"
        r"(?:going|go|die|dying|gone|leaving|leave) together\b",
    ),
}

# ------------------------------------------------------------- concern

_CONCERN: dict[str, str] = {
    "suicidal thoughts": _rx(
        r"\b(?:i'?m|i am|im|feeling|feel|felt|been|getting|get|so|very|really|"
        r"quite|pretty|she'?s|he'?s|they'?re|is|was|being|bit|little)\s+"
        r"(?:(?!not\b|never\b)\w+\s+)?(?:suicid\w*|sucidal|suisidal|sewerslide\w*)",
        r"\bsuicid\w* (?:thoughts|ideation|feelings|urges|again|tonight|today|"
        r"lately)\b",
        r"\b(?:thoughts|thinking|think|thought) (?:of|about) (?:suicide|suicid\w*|"
        rf"{KILL}(?:ing)? {SELF}|ending (?:it|my life|things|it all)|dying|death|"
        r"overdos\w*|hanging myself|jumping off|"
        r"not being here|not existing|taking my (?:own )?life)",
        rf"\b(?:want|wanna|wanted|need|going|planning)(?: to)? (?:{KILL} {SELF}|kms|"
        rf"ctb|"
        r"commit suicide|end (?:it all|my life|everything|things|my own life)|"
        r"take my (?:own )?life)",
        rf"\b(?:want|wanna|wanted|wants|need)(?: to)? {KILL} (?:{SELF})",
        r"\b(?:kms|ctb|unalive (?:my ?self|me)|sewerslide|self ?delete|"
        r"end it all|end my life|ending my life|end my own life|take my own life)\b",
        r"\b(?:(?:i|she|he|they) (?:keeps?|kept) (?:saying|talking about|"
        r"going on about) "
        r"(?:\w+ )?(?:wanting to die|want(?:s|ing)? to die|ending it|suicide|"
        r"killing (?:her|him|them)self|not wanting to be here|being better off dead))",
    ),
    "wish to be dead": _rx(
        rf"\b(?:i|i just|i really|i honestly|part of me|i sometimes|i kinda|i kind of|"
        rf"some days i|i still|i often)\s+(?:\w+\s+)?(?:want|wanna|wish|need|"
        rf"would like)"
        rf"(?: to)? (?:{DIE}|go to sleep forever|sleep forever|never wake up|"
        rf"fall asleep and never|not wake up|be gone|vanish)",
        rf"\b(?:she|he|they) (?:wants?|wishes) (?:to )?(?:{DIE}|be gone)\b",
        r"\b(?:wish|wished|hope|hoping|pray|praying) (?:that )?(?:i|i'?d|i was|i were|"
        r"i could|i had|it had|it'?d|it would|it'?d have) [^.!?]{0,40}"
        r"(?:dead|died|never (?:been born|wake|woke)|not (?:wake|woke|be born|exist)|"
        rf"wake up\b{_NOT_LATE}|taken me|been me|gone instead|"
        rf"don'?t wake(?: up)?+\b{_NOT_LATE})",
        r"\b(?:wouldn'?t mind|won'?t mind|don'?t mind|wouldn'?t care if i) "
        r"(?:not waking|never waking|dying|being dead|not being here|if i died|"
        r"getting hit|a car|if something)",
        r"\bdon'?t want to (?:wake up|be alive|be here any ?more|exist|live|be here)\b",
        r"\bdon'?t (?:wanna|want to) (?:be here|live|exist|be alive)\b",
        r"\bdon'?t want to (?:do this|go on|carry on|keep going) any ?more\b",
        r"\b(?:fall|go) (?:to )?sleep and (?:not|never|didn'?t) wake up\b",
        r"\b(?:just )?went to sleep and didn'?t wake up\b",
        r"\b(?:waiting|ready) to die\b",
        r"\b(?:better off|happier|easier) (?:dead|if i (?:was|were|wasn'?t|weren'?t) "
        r"(?:dead|gone|here|around|alive))",
        r"\b(?:it would|it'?d) be (?:easier|better|a relief) if (?:i|we both) "
        r"(?:just )?(?:died|was dead|were dead|wasn'?t here|weren'?t here|didn'?t wake|"
        r"went to sleep|disappeared|was gone|were gone)",
        r"\bhow much of a relief (?:it would be|dying)",
        r"\b(?:dying|death) (?:would be|would feel like|sounds like) (?:a |such a )?"
        r"(?:relief|release|rest|escape)",
        r"\bnot (?:meant|supposed) to be (?:alive|here)\b",
        r"\b(?:don'?t think|not sure|doubt) i'?m (?:meant|supposed) to be (?:alive|"
        r"here)",
        r"\bshouldn'?t (?:be alive|still be here|exist)\b",
        r"\bi (?:don'?t think i(?:'?d| would)|wouldn'?t) (?:still )?be (?:here|alive|"
        r"around)",
        r"\bthe only (?:reason|thing) (?:i'?m|keeping me) (?:still )?(?:here|alive)",
        r"\bwhy am i (?:still )?(?:here|alive)\b",
        r"\b(?:can'?t wait|looking forward) (?:for|to) [^.!?]{0,40}"
        r"(?:alive|being alive|living|life|existence|existing)\b[^.!?]{0,15}"
        r"\b(?:over|end|done)\b",
        r"\b(?:daydream\w*|fantasi\w*|imagin\w*) about (?:crashing|dying|not waking|"
        r"being dead|my funeral|driving into|stepping in front|not being here)",
        r"\bwishing something would happen\b",
        r"\bif (?:something|anything) (?:bad )?(?:happened|happens|were to happen) to "
        r"me\b[^.!?]{0,40}\b(?:relieved|relief|wouldn'?t mind|don'?t care|wouldn'?t "
        r"care|glad|good thing)\b",
        r"\b(?:let|letting) (?:things|it|nature|whatever) (?:just )?"
        r"(?:happen|take its course)\b",
        r"\b(?:tempted|want|wanna) to (?:skip|stop taking|not take) my (?:insulin|meds|"
        r"medication|tablets|pills)\b[^.!?]{0,30}\b(?:happen|see what|let)",
        r"\bpart of me wants? (?:it|this) all to (?:stop|end)\b",
        r"\bwant (?:it|everything|this|the pain) (?:all )?to (?:stop|end)\W+"
        r"(?:all of it\W+)?(?:forever|for good|permanently)\b",
        r"\b(?:it|cancer|covid|the illness|this) (?:had )?taken me instead\b",
        r"\bshould (?:have|'?ve) been me\b",
        r"\bunalive\b",
        rf"\b{DESIRE}\b[^.!?,;]{{0,25}}?\b(?:to |of |about |that |i could |i'?d |i )?"
        rf"(?:just )?{DEATH}",
        r"\b(?:skip|stop|miss|refuse|not take|stop taking|come off) (?:my |all my )?\w+"
        r"(?: \w+)?[^.!?]{0,20}\b(?:see what happens|let (?:it|things|nature) )",
        r"\bif i (?:didn'?t|don'?t|never|wouldn'?t) wake up\b(?! (?:in time|on time|"
        r"early))",
        r"\b(?:wouldn'?t|would not|won'?t|don'?t|do not) (?:care|mind) if (?:it|this|"
        r"that) (?:kills?|killed) me\b",
        r"\b(?:picturing|imagining|planning|thinking about) (?:my|my own) funeral\b",
        r"\bwould (?:even )?(?:come|turn up|show up|go|cry) (?:to|at) my funeral\b",
        r"\b(?:wouldn'?t|would not|won'?t|don'?t|do not) (?:care|mind) if i (?:got hit|"
        r"died|didn'?t wake|was gone|never woke|got run over|crashed|got ill|"
        r"dropped dead)",
        r"\bsweet release\b|\bwaiting for (?:death|the end|it all to end|my time)\b",
        r"\bwhy (?:i'?m|am i) (?:even|still) (?:here|alive)\b",
        r"\b(?:want|wanna|wish|long)(?: to)? not (?:exist|be here|be alive|wake up)\b",
        r"\bwish i (?:didn'?t|did not) exist\b",
        r"\b(?:tired|sick|weary) of (?:being alive|living|life|existing|being here|"
        r"waking up|it all|all of it)\b",
        r"\b(?:done|finished) with (?:life|living|being alive|existing)\b",
        r"\b(?:another (?:day|year|week|month)|the future|my life|life|living|"
        r"everything|waking up|existing|being me|this body|my body)\b[^.!?]{0,40}"
        r"\bmakes? me (?:want to|wanna) (?:not exist|disappear|die|not be here|kms|"
        r"kill myself|end it)",
        r"\blet (?:my body|myself) (?:just )?(?:give up|die|go|fade|waste away|"
        r"slip away)\b",
        r"\bstop(?:ped)? (?:taking|eating) (?:everything|all my \w+)[^.!?]{0,30}\b"
        r"(?:let|give up|happen|die)\b",
    ),
    "hopelessness": _rx(
        r"\b(?:run|ran|running) out of (?:hope|reasons|fight)\b",
        r"\b(?:don'?t|can'?t|cannot|do not) (?:really |even )?see (?:a |any |the )?"
        r"(?:future|point|way out|way forward|reason to)\b",
        r"\bsee what the point (?:of|in) (?:\w+ )?(?:is|living|carrying on|going on|"
        r"any of|being here|trying)",
        r"\bcan'?t keep (?:doing this|going|living like this|on)\b",
        r"\bnothing (?:is )?(?:ever )?(?:going to|gonna|will) (?:change|get better|"
        r"improve)\b",
        rf"\b{_SENT_START}(?:i'?m|im) (?:so |just |completely )?done{_SENT_END}",
        r"\b(?:i'?m )?(?:done|tired of) fighting\b|\bno fight left\b|"
        r"\bcan'?t fight (?:this|it|any ?more)\b",
        r"\b(?:there'?s|there is|i have|i'?ve got|i see|i can see) no (?:hope|future|"
        r"way out|point|reason to (?:live|go on|stay|keep going))\b",
        r"\b(?:no|not any|any) point (?:in )?(?:living|going on|carrying on|being here|"
        r"trying any ?more|anymore|any more|to any of (?:it|this))\b",
        r"\bwhat'?s the point (?:of|in) (?:living|anything|any of (?:it|this)|going on|"
        r"carrying on|me|life|being here|trying|it all)\b",
        r"\bwhat'?s (?:even )?the point (?:any ?more|of anything|in anything|of living|"
        r"of trying|of me|of it all)\b",
        rf"\b{_SENT_START}(?:so |just |feeling |utterly )?hopeless{_SENT_END}",
        rf"\bi'?ve (?:completely |just |totally |finally )?given up{_SENT_END}",
        r"\bgiving up on (?:life|everything|living|myself)\b",
        r"\bhate (?:being alive|existing|being here|waking up every)\b",
        r"\b(?:want|wish|need) (?:it|this|everything|it all) (?:all )?to (?:end|be "
        r"over)\b(?! (?:soon|so i|by|before))",
        r"\bwhy (?:even )?bother (?:with (?:any of )?(?:it|anything|this|life)|"
        r"living|any ?more|\?)",
        r"\bwhy bother\b",
        r"\b(?:feel|feeling|i'?m|i am|so|completely|totally) (?:so |completely |"
        r"totally )?"
        r"(?:hopeless|trapped)\b",
        r"\b(?:can'?t|cannot|can not) (?:go on|keep going|do this any ?more|"
        r"take (?:it|this|much more) any ?more|cope any ?more|see a way out|"
        r"see (?:a|any) future|see how (?:it|things) (?:will|"
        r"could) (?:ever )?get better)",
        r"\bno way out\b|\bno light at the end\b|\bnothing (?:left )?to live for\b",
        r"\bgiven up on (?:life|everything|myself|living)\b",
        r"\b(?:i'?m|i am) (?:so )?(?:done|finished) with (?:life|living|everything|"
        r"it all)\b",
    ),
    "burden": _rx(
        r"\b(?:i'?m|i am|im|i feel like|feel like i'?m|"
        r"i'?ve become) (?:just )?(?:such )?"
        r"(?:a|an) (?:\w+ )?burden\b",
        r"\bburden (?:to|on) (?:every\w*|my|them|you|the group|people)\b",
        r"\b(?:every\w*|they|people|the world|my \w+|you all|you lot|the group) "
        r"(?:would|'?d|will) (?:be )?(?:better off|happier|manage (?:fine |just fine |"
        r"ok |"
        r"better )?|be fine|cope) without me\b",
        r"\bbetter off without me\b",
        r"\bwaste of (?:space|oxygen|air|skin|a life|a (?:hospital )?bed)\b",
        r"\b(?:i'?m|i am|im|feel like(?: i'?m)?) (?:just |such |nothing but )?"
        r"(?:a|an) (?:\w+ )?(?:drain|weight|liability) (?:on|to|for) "
        r"(?:every\w*|my|them|you|the group|people)\b",
        r"\b(?:the world|everyone|everybody|they|people|you|we|it|my \w+)(?:'?d|'ll) "
        r"be better "
        r"(?:off )?without me\b",
        r"\b(?:would|will) be better (?:off )?without me\b(?! for| at| on| while|"
        r" this| next| till| until)",
        r"\b(?:i )?(?:drag|dragging|bring|bringing) (?:every\w*|the group|you all|"
        r"this group|you) down\b[^.!?]{0,60}\b(?:vanish|disappear|go|leave|gone)",
        r"\bshould (?:just )?(?:vanish|disappear)\b",
        r"\b(?:no one|no-one|nobody) would (?:even )?(?:notice|care|miss me)"
        r"(?: if i (?:died|was gone|were gone|disappeared|vanished|wasn'?t (?:here|"
        r"around)|just (?:went|stopped|disappeared|vanished)))?\W*(?:$|[.!?\n])",
        r"\b(?:no one|no-one|nobody) would (?:even )?(?:notice|care|miss me) if i "
        r"(?:died|was gone|were gone|disappeared|vanished|wasn'?t (?:here|around)|"
        r"just (?:went|stopped|disappeared|vanished))",
        r"\b(?:best|better) (?:for everyone )?if i (?:just )?(?:disappear(?:ed)?|"
        r"vanish(?:ed)?|wasn'?t here|weren'?t here|wasn'?t around)\b",
        r"\b(?:only ever|always|just) (?:bring|drag) (?:\w+ ){0,2}down\b",
        r"\b(?:relieved|happier|better off|easier for (?:them|everyone)|lighter) if "
        r"i (?:just )?(?:was|were|wasn'?t|weren'?t|died|disappeared|vanished|"
        r"wasn'?t around)\b",
        r"\b(?:would|they'?d|we'?d|everyone'?d|it'?d|you'?d) be better without me\b",
    ),
    "self-harm": _rx(
        r"\b(?:urge|urges|want|wanting|tempted|temptation|craving|itching|need|"
        r"needing) "
        r"(?:to |for )?(?:self[- ]?harm|sh\b|cut (?!out|down|back|carbs|sugar|my hair)|"
        r"hurt (?:myself|me)|burn (?:myself|me)|cut again|hurt myself again)",
        r"\b(?:sh|self[- ]?harm|cutting|cut|burning) urges?\b",
        r"\b(?:slit|slashed|slash) (?:my|her|his) (?:wrists?|arms?|throat)\b",
        r"\b(?:cut|cutting|cuts|burn(?:ed|t|ing)?|scratch(?:ed|ing)?|hurt(?:ing)?|"
        r"hit(?:ting)?|punch(?:ed|ing)?|bit|biting|harm(?:ed|ing)?|carv(?:ed|ing)) "
        r"(?:myself|my (?:arms?|wrists?|legs?|thighs?|skin|stomach|hands?))\b"
        r"(?! (?:shaving|cooking|chopping|gardening|on (?:a|the)|by accident|"
        r"accidentally|opening|slicing|at work on))",
        r"\bself[- ]?harm(?:ed|ing)?\b",
        r"\brelapsed?(?: with| into| on)? (?:cutting|self[- ]?harm|sh\b|burning)",
        r"\bpick(?:ed|ing)? at my skin (?:until|till|til) (?:it )?bleeds?\b",
        r"\b(?:bang|hit|smash|punch)(?:ed|ing|ting)? my head (?:against|on|off|into)\b",
        r"\bpunch(?:ed|ing)? (?:the |a )?walls?\b(?! (?:of|in))",
        r"\bcut (?:a bit |way |much |too )?deep(?:er)? than i (?:meant|wanted|planned|"
        r"intended)\b",
        r"\b(?:relapsed?|slipped(?: up)?)\b(?: and| with| into|,)? (?:i )?(?:cut|"
        r"burn(?:ed|t)|self[- ]?harm\w*|hurt myself)\b(?! (?:out|down|back|carbs|sugar|"
        r"my hair|costs|ties|corners))",
        r"\b(?:it'?s how i|only way i can) (?:cope|get through|feel something)\b",
        r"\bjust needed to feel something\b",
        rf"\b{_SENT_START}(?:i )?cut (?:really |too |so |way )?deep\b",
        r"\b(?:the |my |these |those )?(?:cuts?|burns?|scars?) on my (?:arms?|wrists?|"
        r"legs?|thighs?|stomach|hips?)\b[^.!?]{0,40}\b(?:bleed|deep|fresh|new|infected|"
        r"stitches|white|blister)",
        r"\b(?:she'?s|he'?s|they'?ve|they'?re|has|have|i'?ve|been) (?:been )?"
        r"(?:cutting|burning|hurting) (?:again|(?:her|him|them|my)sel(?:f|ves))\b",
        r"\b(?:she'?s|he'?s|they'?ve) been cutting\b(?! (?:out|down|back|carbs|sugar|"
        r"her hair|his hair|costs|corners))",
        r"\bfound (?:blades|razors|razor blades) in (?:her|his|their|my \w+'?s) room\b",
    ),
    "recent attempt": _rx(
        r"\b(?:since|after) (?:my|the) (?:overdose|od|attempt|suicide attempt)\b",
        r"\b(?:my|an?) (?:overdose|od|suicide attempt|attempt)\b[^.!?]{0,40}"
        r"\b(?:last|this) (?:week|month|weekend|night)\b",
        r"\b(?:tried|attempted) to (?:kill|end|take) (?:myself|my (?:own )?life|"
        r"it all)\b",
        r"\b(?:went|gone|going|been|go|drove|walked) back to (?:the )?(?:bridge|place|"
        r"spot|cliff|car park|tracks|river|station|multi-?storey)\b",
        r"\b(?:looked up|look up|looking up|googl\w*|search\w*|research\w*) "
        r"(?:\w+ )?(?:how|ways|methods)\b[^.!?]{0,40}\b(?:die|kill|take|end|fatal|"
        r"lethal|it would|go|overdose)",
        r"\b(?:painless|easy|quick|quickest|best) (?:ways?|methods?) to (?:go|die|"
        r"end it|"
        r"kill myself|do it)\b",
        r"\bhow many \w+ (?:it would take|would (?:kill|do it)|to (?:die|kill|end))",
        r"\bthink(?:ing)? about (?:stepping|jumping|walking|driving|crashing|throwing "
        r"myself|taking (?:all|an overdose|the (?:pills|tablets)))",
    ),
}

# ------------------------------------------------------- weak cues

_WEAK: dict[str, str] = {
    "timeline": _rx(
        rf"\b(?:today|tonight|tomorrow|{DAY}|this weekend|next week)(?:'s| is) the "
        r"(?:day|night)\b",
        r"\b(?:is|today'?s|tonight'?s|tomorrow'?s|it'?s|that'?s|\w+day'?s) the day\b",
        rf"\b(?:i'?m |im |i am )?(?:going to|gonna|will|i'?ll|planning to) "
        rf"[^.!?]{{0,40}}\b{WHEN}",
        rf"\b(?:taking|doing|ending) (?:it|the {PILLS}|them|everything)\b[^.!?]{{0,10}}"
        rf"\b(?:{WHEN})",
    ),
    "affairs": _rx(
        r"\b(?:given|giving|gave) (?:away )?(?:all )?(?:my|away my) (?:savings|money|"
        r"possessions|stuff|things|belongings|guitar|books|jewellery|jewelry|clothes)",
        r"\b(?:sorted|sorting|put|putting) (?:out )?(?:all )?(?:my )?affairs\b",
        r"\bthe bank stuff\b|\binstructions for the\b",
        r"\blast thing\b",
        r"\bclosed (?:all )?my (?:accounts|bank)",
        r"\bfinally (?:feel|at) (?:calm|peace)\b|\bcalm now\b|\bat peace with it\b",
        r"\b(?:written|wrote|left|leaving|writing) (?:a |my )?(?:notes?|letters?) "
        r"(?:for|to) (?:my|each|every|her|him|them|the)\b(?! (?:mp|council|landlord|"
        r"school|gp|doctor|boss|employer|insurer|bank|local))",
        r"\b(?:i'?ve |i have )?written to (?:my|each|everyone)\b(?! (?:mp|council|"
        r"landlord|school|gp|doctor|boss|employer|insurer|bank|local))",
        r"\beverything(?:'s| is) (?:arranged|sorted|in order|ready)\b",
        r"\b(?:written|wrote|left|leaving|writing|finished) my (?:note|letters?)\b",
        r"\b(?:the )?will is (?:signed|done|sorted|written)\b",
        r"\bthe (?:dog|cat|kids?|pets?) (?:is|are) (?:with|going to) (?:my|her|his)\b",
    ),
    "plan made": _rx(
        r"\b(?:full|whole|detailed|specific|proper|actual|complete) plan\b",
        r"\bplan(?:ned)?\b[^.!?]{0,40}\bwhen and where\b",
        r"\b(?:worked|figured|thought|planned) (?:out )?(?:exactly |precisely |all )?"
        r"(?:how|when|where) (?:and|&) (?:when|where|how)\b",
        r"\b(?:worked|figured) out (?:exactly |precisely )?(?:how|when|where) i'?d\b",
        r"\bi'?ve thought about how\W*(?:$|[.!?\n])",
        r"\bwhen and where and\b",
        r"\b(?:been planning|planned out|worked out) (?:it|this|how|when|where|the "
        r"details)\b",
        r"\bthat'?s the (?:night|day)\b",
        r"\b(?:picked|chosen|chose|set|found) (?:the|a) (?:spot|place|date|day|time|"
        r"location)\b(?! for (?:the|our|my|a) )",
    ),
    "denial": _rx(
        r"\b(?:didn'?t|won'?t|not going to|never going to) act on (?:it|them)\b",
        r"\btelling myself i won'?t\b",
        r"\b(?:i'?m )?not going to (?:do it|act on it|go through with it)\b|"
        r"\bi won'?t (?:do it|go through with it)\b",
        r"\b(?:frightened|scared|terrified) of how (?:worked out|real|detailed)\b",
        r"\bin my head\b",
    ),
    "day phrase": _rx(
        rf"\b(?:today|tonight|tomorrow|{DAY}|this weekend|next week)(?:'s| is) the "
        r"(?:day|night)\b",
        r"\b(?:it'?s|it is) time\W*$",
        rf"\b{_SENT_START}(?:{DAY}|tonight|tomorrow)(?: night| morning)?"
        rf"(?:{_SENT_END}|,)",
        rf"\b{_SENT_START}(?:{DAY}|tonight|tomorrow)(?: night| morning)? (?:maybe|"
        rf"probably|then|i think){_SENT_END}",
        r"\bwhen (?:everyone|they|the house)(?:'s| is| are|'re) (?:gone|asleep|empty|"
        r"out)",
        r"\bby (?:sunrise|morning|dawn|midnight)\b",
    ),
    "injury": _rx(
        r"\bwon'?t stop bleeding\b|\bcan'?t stop the bleeding\b",
        r"\b(?:cut|cutting|went) (?:way |too |really |a bit )?(?:too )?deep(?:er)?\b",
        r"\bneeds? (?:stitches|a&e|an ambulance)\b",
        r"\b(?:blood|bleeding) (?:everywhere|all over|soaking)\b",
        r"\b(?:a lot of|so much|loads of|lots of) blood\b",
    ),
    "place": _rx(
        r"\b(?:driving|walking|heading|going|on my way|getting the train|getting a "
        r"taxi) (?:to|down to|out to|up to) (?:the )?(?:woods|bridge|cliffs?|tracks|"
        r"station|sea|beach|river|lake|quarry|multi-?storey|car park|roof|viaduct|"
        r"motorway)\b",
        r"\b(?:i'?ll be|i'?m|i am) (?:at|on) the (?:cliffs?|bridge|tracks|edge|roof|"
        r"viaduct)\b",
        r"\b(?:standing|sitting|stood|sat|waiting) (?:on|at|by) (?:the )?(?:platform|"
        r"edge|bridge|cliff|ledge|roof|tracks|railway|water'?s edge)\b",
    ),
    "unreachable": _rx(
        r"\bnot (?:answering|picking up|replying)\b|\bcan'?t (?:reach|get hold of)\b|"
        r"\bphone'?s (?:off|dead)\b",
    ),
    "cover story": _rx(
        r"\btold (?:her|him|them|everyone|people|my \w+) (?:it'?s|it was|that it'?s|"
        r"i'?m|i was) (?:because|for|just|only|decluttering|moving)\b",
        r"\bso (?:they|nobody|no one|no-one|the (?:pharmacist|chemist|shop)) "
        r"(?:wouldn'?t|won'?t|didn'?t|doesn'?t) (?:ask|notice|suspect|question|get "
        r"suspicious)",
    ),
    "no future need": _rx(
        r"\bwon'?t (?:be )?need(?:ing)? (?:it|them|either|any of (?:it|them|this)|"
        r"those|that|my \w+)\b(?: \w+)? (?:after|by|past|where i'?m going|any ?more)\b",
        r"\b(?:got|have|i'?ve got) enough (?:now|to (?:do it|die|end it|not wake up|"
        r"kill))\b",
    ),
    "harm intent": _rx(
        r"\b(?:i'?m|i am|im|i'?ll|i will)\b (?:going to |gonna |about to |really )?"
        r"(?:kill|stab|shoot|strangle|murder|batter|hurt|beat up|glass) (?:him|her|"
        r"them|that \w+|my (?:ex|neighbour|neighbor|boss|husband|wife|dad|mum|mom|"
        r"brother|sister|stepdad|landlord))\b",
    ),
    "harm means": _rx(
        r"\b(?:got|have|brought|bought|taking|grabbed|with) (?:the |a |my )?(?:knife|"
        r"gun|hammer|bat|axe|machete|crowbar)\b",
        r"\bi know (?:where|when) (?:he|she|they) (?:lives?|parks?|works?|drinks?|"
        r"finish\w*|goes)\b|\bshift pattern\b|\bi'?ll be waiting (?:for|outside)\b",
        r"\b(?:not joking|swear to god|i swear)\b",
    ),
    "reunion": _rx(
        r"\b(?:easier|better|want|wanna|wish|long|ready|need|should) (?:\w+ ){0,3}"
        r"(?:join|be with|be reunited with|follow) (?:him|her|them|mum|mom|dad|"
        r"my \w+)\b",
        r"\b(?:i'?d|would) rather be with (?:her|him|them|mum|mom|dad|my \w+)\b",
        r"\b(?:should|want to|going to|wanna) (?:follow|join) (?:him|her|them|mum|mom|"
        r"dad|my \w+)\b",
        r"\b(?:want|wish|long|ready|need) (?:to )?(?:be with|join|see) (?:her|him|them|"
        r"mum|mom|dad|my \w+) again\b",
        r"\b(?:want|wish|long|ready) to (?:join|be with) (?:her|him|them|mum|mom|dad|"
        r"my \w+)\b",
    ),
    "goodbye": _rx(
        r"\b(?:bye|goodbye|farewell)\W*(?:$|[.!?\n])",
        r"\b(?:goodbye|farewell)\b",
        r"\bi'?m sorry for everything\b",
        r"\b(?:please )?tell (?:my|her|him) [^.!?]{0,30}\bi love\b",
        r"\bthank you (?:all )?for being my (?:people|friends|family)\b",
        r"\byou (?:all )?deserve better\b",
        r"\blove you all\b|\blook after (?:each other|my|mum|dad|the kids)\b",
        r"\bsaid (?:my |all my )?goodbyes\b",
        r"\bi'?m sorry (?:mum|mom|dad|everyone|all|guys|babe|love)\b",
        r"\b(?:my )?(?:last|final) (?:post|message|goodbye|words)\b(?! (?:was|on|of|in|"
        r"about|for|from|i|before|of the|until|till))",
        rf"\b{_SENT_START}sorry{_SENT_END}",
        r"\bplease don'?t (?:try to )?(?:change|talk me out|stop me)\b",
        r"\bi (?:love|loved) you all\b",
    ),
    "took means": _rx(
        rf"\b(?:already|just) (?:taken|took|swallowed) (?:the|all the|all my|my) "
        rf"{PILLS}",
        rf"\b(?:he'?s|she'?s|they'?ve|he has|she has|they have) (?:just |already )?"
        rf"(?:taken|swallowed|downed) (?:all|a whole|the whole|loads of|everything|"
        rf"too many|\d+)(?: of)? (?:his |her |their |the )?(?:{PILLS}|in the)\b",
    ),
    "amplifier": _rx(
        r"\bi don'?t want (?:help|to be saved|an ambulance|anyone to call)\b",
        r"\bdidn'?t want to be alone (?:when|for|at the end)\b",
        rf"\b{_SENT_START}i'?ve decided{_SENT_END}",
        r"\bi mean it\b|\bi'?m serious\b|\bi'?ve decided\b|\bno(?:body|"
        r" one) can stop me\b",
        r"\bdon'?t (?:try to )?(?:change my mind|talk me out|stop me)\b",
        r"\bi don'?t want advice\b",
    ),
    "method": _rx(rf"\b{METHOD}"),
}

# ----------------------------------------------------------- context

_BEREAVED = re.compile(
    r"\b(?:died|passed|passing|funeral|grave|lost (?:her|him|my)|since (?:she|he) "
    r"went|bereave\w*|grief|grieving|miss (?:her|him) so|took (?:his|her|their) own "
    r"life|died by suicide|killed (?:him|her|them)sel(?:f|ves))\b"
)
# "She asked if I think about dying and I said no": a screening question
# answered in the negative.
_DENIED = re.compile(
    r"\basked (?:me )?(?:if|whether)\b[^.!?]*\b(?:said|answered|told (?:her|him|them)|"
    r"replied) no\b"
)
_MEDIA = re.compile(
    r"\b(?:film|movie|episode|series|season|show|tv|telly|documentary|doc|book|"
    r"novel|chapter|character|characters|song|songs|lyric|lyrics|album|singer|band|"
    r"game|gaming|boss fight|level|theatre|theater|play|musical|poem|poetry|"
    r"fiction|plot|scene|netflix|podcast|article|anime|manga|comic|"
    r"story i'?m writing|i'?m writing|writing a)\b"
)
_LAUGH = re.compile(r"\b(?:lol|lmao|lmfao|haha\w*|jk|rofl)\b|[😂🤣😆😅🙃💀]")
_LIFE_OBJECT = re.compile(
    r"\b(?:alive|being alive|life|living|existence|exist|existing|wake up|waking up|"
    r"me being|myself|be here|be dead|death|dying|release)\b"
)
_TRIVIAL_MAKES = re.compile(
    r"\b(?:makes?|made|making|gonna make|going to make) me (?:want to|wanna)\b"
)
# Causes that are not trivial objects when something "makes me want to die".
_SERIOUS_CAUSE = re.compile(
    r"\b(?:alive|life|living|existence|exist\w*|wak\w+ up|myself|me|pain|ill\w*|"
    r"grief|loss|depress\w*|anxiety|lonel\w*|diagnosis|condition|disease|body|brain|"
    r"head|thoughts?|feelings?|everything|it all|world|future|voices?|memories|"
    r"trauma|abuse|he|she|they|fatigue|symptoms?|flare\w*|illness|sick\w*)\b"
)
_STRONG_PAST = re.compile(
    r"\b(?:(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"fifteen|twenty|many|several|a few|few) (?:years?|yrs?|decades?) (?:ago|since|"
    r"clean|free|on)|years? ago|decades? ago|stopped self[- ]?harming|glad i stayed|"
    r"i'?m (?:so )?glad i (?:stayed|didn'?t)|proud of (?:myself|how far)|"
    r"in recovery|recovered)\b"
)
_RELAPSE = re.compile(r"\brelaps\w*|\bagain\b")
_PAST = re.compile(
    r"\b(?:(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"fifteen|twenty|many|several|a few|few|some) (?:years?|yrs?|decades?)(?: ago|"
    r" since|"
    r" clean| free| on| later| now)?|years? ago|decades? ago|when i was (?:a |an |in |"
    r"younger|little|\d|at)|in my (?:teens|twenties|thirties|forties|20s|30s|40s|"
    r"youth)|"
    r"as a (?:teen|teenager|kid|child|student)|back then|back in (?:the day|\d{4})|"
    r"in my (?:early |late |mid[- ])(?:teens|twenties|thirties|forties|20s|30s|40s)|"
    r"therapy saved me|thriving|(?:i'?m|i am) (?:now )?\d{2} and|"
    r"at (?:uni|school|university) i|used to|stopped self[- ]?harming|"
    r"in (?:19\d\d|200\d|201\d)|"
    r"(?:years?|months?) (?:clean|free) (?:from|of)|since i stopped|"
    r"glad i stayed|i'?m (?:so )?glad i (?:stayed|didn'?t)|getting married|survivor|"
    r"survived|recovery|recovered|in recovery|clean from|proud of how far)\b"
)
_RECENT = re.compile(
    r"\b(?:today|tonight|right now|at the moment|currently|this week|last night|"
    r"yesterday|this morning|again|still|lately|recently|these days|every day|"
    r"every night|days? (?:ago|since)|weeks? (?:ago|since)|last week|this month|"
    r"since discharge|keep|keeps|can'?t stop)\b"
)
_RESOLVED_OTHER = re.compile(
    r"\b(?:(?:she|he|they)(?:'s| is| are|'re) (?:(?:now )?doing (?:much |so much |"
    r"a lot "
    r"|way |really )?(?:well|better|ok|okay|great|fine)|"
    r"safe|ok now|okay now|fine now|much better|better now|in a better place)|"
    r"got (?:seen|help|the help)|we called (?:111|999|911|988|the crisis|an ambulance)|"
    r"brought me flowers|check on your people|(?:helped|supported) (?:my|a|her|him|"
    r"them|our)\b)"
)
_THIRD_PARTY = re.compile(
    r"\b(?:she|he|they|her|him|them|my (?:friend|neighbour|neighbor|son|daughter|"
    r"brother|sister|partner|mum|mom|dad|colleague|cousin))\b"
)
_SUPPORT_Q = re.compile(
    r"\b(?:how (?:do|can|should) (?:i|we|you) (?:support|help|respond|talk to|reply)|"
    r"(?:resources|advice|tips) (?:on|for) (?:supporting|helping|safe portrayal|"
    r"responding)|someone (?:who is|who'?s|posts?)|if a friend|when someone|"
    r"tips (?:for|on) (?:talking|supporting|helping|responding)|"
    r"asking as an? (?:teacher|parent|carer|nurse|professional|moderator|volunteer)|"
    r"(?:talk|talking|speak|speaking|ask|asking|learn|learning|teach|teaching|"
    r"leaflets?|books?|articles?|info|information|resources?) (?:\w+ ){0,3}"
    r"about (?:self[- ]?harm|suicide))\b"
)
_AWARENESS = re.compile(
    r"\b(?:awareness|fundrais\w*|prevention|training|webinar|workshop|course|lecture|"
    r"module|research|campaign|walk for|sponsored|samaritans|helpline|hotline|"
    r"text home|call 988|988 lifeline|crisis line)\b"
)
_INTRUSIVE = re.compile(
    r"\b(?:intrusive thoughts?|ocd|p?ocd|unwanted thoughts?|would never act|"
    r"never act on|horrif\w+ me|terrif\w+ me (?:that|because)|ego-?dystonic)\b"
)
_BENIGN_LEAVING = re.compile(
    r"\b(?:found (?:an? |another )?(?:in-person |new |local )?group|moving (?:to|house|"
    r"away)|new job|taking a break|break from (?:social|the group|here)|"
    r"closer to home|loving it|doing (?:so much )?better|feeling better|graduat\w+|"
    r"because my new|arrived|upgrad\w+|decluttering|clear-?out|downsizing)\b"
)
_END_OF_LIFE = re.compile(
    r"\b(?:hospice|palliative|dying well|end of life care|end-of-life|"
    r"advance directive|"
    r"living will|dnr|dnacpr|lasting power|funeral plan|chaplain)\b"
)
_SELF_HARM_TOPIC = re.compile(
    r"\b(?:suicid\w*|self[- ]?harm\w*|kill(?:ed|ing)? (?:my|her|him|them)sel(?:f|ves)|"
    r"took (?:her|his|their|my) own life|take (?:my|her|his|their) own life|"
    r"overdos\w*|\bod\b|cutting|cut myself|burn(?:ed|ing)? myself|unalive|kms|ctb|"
    r"sewerslide|end(?:ing)? (?:it all|my life)|died by|attempt\b|my attempt|"
    r"want(?:ed)? to die|hang(?:ed|ing)? (?:my|him|her)self)"
)

# Rules see lower-cased text, so a sentence ends at punctuation plus space or
# at a line break.
_SENT_SPLIT = re.compile(r"(?<=[.!?…])\s+|\n+")
_NEGATED = re.compile(rf"\b(?:{NEG})\b\W*(?:\w+\W+)?$|n't\W+(?:\w+\W+)?$")


_SPACES = re.compile(r"[ \t\u00a0]{2,}|[\t\u00a0]")


def _normalise(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    if "  " in text or "\t" in text or "\u00a0" in text:
        text = _SPACES.sub(" ", text)
    return text


@dataclass(slots=True)
class _Signals:
    urgent: list[str]
    concern: list[str]
    weak: set[str]


def _negated(sentence: str, start: int) -> bool:
    """A negation just before the match ("I'm not going to", "never wanted to")."""
    return _NEGATED.search(sentence[max(0, start - 14) : start]) is not None


def _context_quiet(sentence: str, doc_flags: dict[str, bool]) -> tuple[bool, bool]:
    """Whether the sentence is about media, a joke, others, or long ago."""
    media = bool(_MEDIA.search(sentence)) or bool(_DENIED.search(sentence))
    laugh = bool(_LAUGH.search(sentence))
    past = not _RELAPSE.search(sentence) and (
        bool(_STRONG_PAST.search(sentence))
        or (bool(_PAST.search(sentence)) and not _RECENT.search(sentence))
    )
    resolved_other = doc_flags["resolved_other"] and bool(_THIRD_PARTY.search(sentence))
    support_q = bool(_SUPPORT_Q.search(sentence))
    awareness = bool(_AWARENESS.search(sentence))
    makes = _TRIVIAL_MAKES.search(sentence)
    trivial_joke = laugh and (bool(makes) or not _LIFE_OBJECT.search(sentence))
    if makes and not _SERIOUS_CAUSE.search(sentence[: makes.start()]):
        trivial_joke = True  # "this printer makes me want to walk into the sea"
    quiet = media or trivial_joke or resolved_other or support_q or awareness
    return quiet, past


_RULE_TIERS: tuple[tuple[str, dict[str, str]], ...] = (
    ("urgent", _URGENT),
    ("concern", _CONCERN),
    ("weak", _WEAK),
)


def _sentence_starts(lower: str) -> list[int]:
    return [0] + [m.end() for m in _SENT_SPLIT.finditer(lower)]


# Every rule starts with a letter, so words starting with a digit are skipped.
_WORD_START = re.compile(r"(?<!\w)[^\W\d_]")
_ALL_RULES: tuple[tuple[str, str, str], ...] = tuple(
    (tier, name, rx) for tier, rules in _RULE_TIERS for name, rx in rules.items()
)


@cache
def _dispatch() -> tuple[dict[str, tuple[str, ...]], tuple[str, ...]]:
    """Rule alternatives by the first one to three letters they can start with.

    Alternatives whose start is unknown come back separately; they are tried
    at every word start.
    """
    by_key: dict[str, list[str]] = {}
    anywhere: list[str] = []
    for body in _ALL_BODIES:
        keys = _prefix_keys(body)
        if keys is None:
            anywhere.append(body)
            continue
        for key in keys:
            by_key.setdefault(key, []).append(body)
    return {k: tuple(v) for k, v in by_key.items()}, tuple(anywhere)


_KEY_PATTERNS: dict[tuple[str, bool], re.Pattern[str] | None] = {}

# Alternatives that may start at any word carry a piece of text they always
# contain: when a post lacks it, they are left out and most words need no regex.
_ANYWHERE_NEEDLES = {
    r"(?:is|today'?s|tonight'?s|tomorrow'?s|it'?s|that'?s|\w+day'?s) the day\b": (
        " the day"
    ),
}


def _anywhere_needed(lower: str) -> bool:
    _by_key, anywhere = _dispatch()
    return any(_ANYWHERE_NEEDLES.get(body, "") in lower for body in anywhere)


def _pattern_for(key: str, anywhere_too: bool = True) -> re.Pattern[str] | None:
    """The rules that can match at a word starting with ``key``, compiled once.

    It holds every alternative whose known first letters are a prefix of
    ``key`` (and, with ``anywhere_too``, those that can start anywhere).
    Compiling per key on first use keeps start-up quick.
    """
    if (key, anywhere_too) in _KEY_PATTERNS:
        return _KEY_PATTERNS[key, anywhere_too]
    by_key, anywhere = _dispatch()
    bodies = [b for k in range(1, len(key) + 1) for b in by_key.get(key[:k], ())]
    if anywhere_too:
        bodies += anywhere
    rx = (
        re.compile("|".join(f"(?:{b})" for b in dict.fromkeys(bodies)))
        if bodies
        else None
    )
    _KEY_PATTERNS[key, anywhere_too] = rx
    return rx


def _collect(lower: str, starts: list[int]) -> dict[int, list[tuple[str, str]]]:
    """Rule hits (tier, name) grouped by the index of the sentence they start in.

    Sentence context is looked at only where something matched, which keeps
    ordinary posts cheap.
    """
    by_key, _ = _dispatch()
    anywhere_too = _anywhere_needed(lower)
    hits: dict[int, list[tuple[str, str]]] = {}
    for word in _WORD_START.finditer(lower):
        at = word.start()
        # The longest known key that the word starts with selects the rules.
        key = lower[at : at + 3]
        while len(key) > 1 and key not in by_key:
            key = key[:-1]
        rx = _pattern_for(key, anywhere_too)
        if rx is None or rx.match(lower, at) is None:
            continue
        idx = bisect_right(starts, at) - 1
        negated = _negated(lower, at)
        for tier, name, rule in _ALL_RULES:
            if _compiled(rule).match(lower, at) is None:
                continue
            if negated and name not in ("wish to be dead", "hopelessness"):
                continue
            hits.setdefault(idx, []).append((tier, name))
    return hits


def assess_crisis(text: str) -> CrisisAssessment:
    """Rate ``text`` as ``none``, ``concern`` or ``urgent`` and say why."""
    lower = _normalise(text).lower()
    sig = _Signals([], [], set())
    starts = _sentence_starts(lower)
    hits = _collect(lower, starts)
    if hits:
        doc_flags = {
            "intrusive": bool(_INTRUSIVE.search(lower)),
            "resolved_other": bool(_RESOLVED_OTHER.search(lower)),
        }
        ends = [*starts[1:], len(lower)]
        for idx, found in sorted(hits.items()):
            sentence = lower[starts[idx] : ends[idx]]
            quiet, past = _context_quiet(sentence, doc_flags)
            if quiet or past:
                continue
            for tier, name in found:
                if doc_flags["intrusive"] and (
                    tier == "concern" or name in ("harm to others", "harm intent")
                ):
                    continue  # unwanted intrusive thoughts are distress, not risk
                if tier == "urgent":
                    sig.urgent.append(name)
                elif tier == "concern":
                    sig.concern.append(name)
                else:
                    sig.weak.add(name)
    return _with_lexical(_combine(sig, lower), lower, starts)


def _with_lexical(
    found: CrisisAssessment, lower: str, starts: list[int]
) -> CrisisAssessment:
    """Raise the rule-based level where the lexical safety net says so."""
    if found.level == "urgent":
        return found
    risk, plan = _lexical(lower, starts, need_plan=found.level == "concern")
    level: Level = found.level
    reasons = list(found.reasons)
    if level == "none" and risk >= LEXICAL_CONCERN:
        level = "concern"
        reasons.append("risk vocabulary")
    if level == "concern" and plan >= LEXICAL_URGENT:
        level = "urgent"
        reasons = ["risk vocabulary with plan, means, time or goodbye cues"]
    if level == found.level:
        return found
    return CrisisAssessment(level, True, tuple(reasons))


def _combine(sig: _Signals, lower: str) -> CrisisAssessment:
    """Weigh the signals found: any urgent rule, or weak cues that together
    show preparation, a time, a place or a goodbye, make the text urgent."""
    weak = sig.weak
    reasons: list[str] = list(dict.fromkeys(sig.urgent))
    has_concern = bool(sig.concern)
    benign_leaving = bool(_BENIGN_LEAVING.search(lower)) and not has_concern
    risk_context = has_concern or "amplifier" in weak
    # Preparation or a goodbye only points to dying alongside other risk language
    # (a timeline, a method, a stated wish); "giving my stuff away" alone does not.
    if (
        "affairs" in weak
        and not benign_leaving
        and (risk_context or "timeline" in weak or "goodbye" in weak)
    ):
        reasons.append("settling affairs with other risk signs")
    if (
        "goodbye" in weak
        and not benign_leaving
        and ("timeline" in weak or ("method" in weak and risk_context))
    ):
        reasons.append("goodbye with a timeline")
    if "timeline" in weak and "method" in weak and (risk_context or "goodbye" in weak):
        reasons.append("method with a timeline")
    if "amplifier" in weak and has_concern:
        reasons.append("stated intent")
    if "day phrase" in weak and (
        has_concern or weak & {"method", "goodbye", "affairs", "amplifier"}
    ):
        reasons.append("a set day with other risk signs")
    if "injury" in weak and ("self-harm" in sig.concern or "method" in weak):
        reasons.append("dangerous self-harm injury")
    if "plan made" in weak and (
        has_concern or weak & {"method", "denial", "amplifier", "goodbye", "timeline"}
    ):
        reasons.append("a worked-out plan")
    if "took means" in weak and (
        has_concern or weak & {"amplifier", "goodbye", "unreachable"}
    ):
        reasons.append("means taken with other risk signs")
    if "amplifier" in weak and weak & {"timeline", "day phrase"}:
        reasons.append("stated decision with a time")
    if "place" in weak and (has_concern or weak & {"method", "goodbye", "affairs"}):
        reasons.append("on the way to a place with other risk signs")
    if "unreachable" in weak and "goodbye" in weak:
        reasons.append("goodbye and now unreachable")
    if "harm intent" in weak and (
        weak & {"harm means", "timeline", "day phrase", "amplifier"}
    ):
        reasons.append("intent to harm someone with means or a time")
    if "no future need" in weak and (
        weak & {"affairs", "method", "cover story", "goodbye"} or has_concern
    ):
        reasons.append("preparing with no future need")
    if "cover story" in weak and weak & {"affairs", "method"}:
        reasons.append("preparation under a cover story")
    if "reunion" in weak and _BEREAVED.search(lower):
        sig.concern.append("wish to join someone who died")
        has_concern = True

    if _END_OF_LIFE.search(lower) and not has_concern:
        reasons = [r for r in reasons if r == "attempt now"]
    if reasons:
        level: Level = "urgent"
    elif has_concern:
        level = "concern"
        reasons = list(dict.fromkeys(sig.concern))
    else:
        level = "none"
    mentions = level != "none" or bool(_SELF_HARM_TOPIC.search(lower))
    return CrisisAssessment(level, mentions, tuple(reasons))


# ------------------------------------------------- lexical safety net
#
# The rules above are precise but only know the phrasings they were written
# for. Behind them sits a broad scorer over plain word sequences: weighted
# death, self-harm, hopelessness, burden, escape and goodbye vocabulary (with
# slang and misspellings), minus trivial idioms, and skipping sentences that the
# context checks above mark as media, jokes about trivial things, awareness or
# support questions, or long-ago recovery. A score at or above
# ``LEXICAL_CONCERN`` makes a text at least ``concern``; a risky text whose
# plan, means, time, place, preparation or goodbye cues reach ``LEXICAL_URGENT``
# becomes ``urgent``. It deliberately trades precision for recall.

LEXICAL_CONCERN = 3
LEXICAL_URGENT = 3

# (risk weight, plan weight, phrases). Phrases are word sequences of the
# normalised text (lower case, apostrophes dropped); a word ending in ``*``
# matches any word starting with it.
_LEXICON: tuple[tuple[int, int, str], ...] = (
    # Death and suicide wishes, thoughts and slang.
    (
        4,
        0,
        "suicid* | su1cid* | suicdal | sucidal | sewerslide | unaliv* | kms | kys | "
        "ctb | kill myself | killing myself | kill my self | kil myself | "
        "end my life | ending my life | end my own life | end it all | ending it all | "
        "take my own life | take my life | taking my life | want to die | "
        "wanna die | wanted to die | wanting to die | wants to die | want to be dead | "
        "wish i was dead | wish i were dead | better off dead | rather be dead | "
        "wish i could die | ready to die | waiting to die | ways to die | "
        "how to die | not be here | not be around | wasnt around | wasnt here | "
        "not being here | not here anymore | be here anymore | not wake up | "
        "dont wake up | didnt wake up | never wake up | wouldnt wake up | "
        "not waking up | not exist | to exist | stop existing | stopped existing | "
        "being alive | be alive | tired of living | sick of living | done with life | "
        "done with living | life to be over | life over | my life is over | "
        "no way out | cant go on | cannot go on | can not go on | no point | "
        "the point anymore | whats the point | point in carrying on | "
        "nothing to live for | no reason to live | reason to live | "
        "better off without me | better without me | happier without me | "
        "fine without me | cope without me | without me in it | "
        "if i was gone | if i were gone | when im gone | if i wasnt | if i werent | "
        "been me | been born | go to sleep forever | sleep forever | "
        "self harm* | selfharm* | self-harm* | sh again | s h | "
        "hurt myself | hurting myself | harm myself | harming myself | "
        "cut myself | cutting myself | cut again | cutting again | urges to cut | "
        "urge to cut | burn* myself | hang myself | hanging myself | "
        "overdos* | od | ods | oding | took an od | "
        "hit me | hit by a | in front of a | drive off | walk into the sea | "
        "heart just gives out | heart gives out | waste away | "
        "give up on life | gave up on life | given up on life | "
        "ded | wanna be ded | wish i was ded | sewer slide | su cide | "
        "dont want to live | dont wanna live | no will to live | want to live anymore | "
        "worth living | better off gone | live or die | see you on the other side | "
        "by the time you read this | by the time anyone reads | hurt my self | "
        "sh urges | relapsed on sh | sh free | going to jump | gonna jump | "
        "left a note | left notes | left letters | wrote letters | written letters",
    ),
    # Hopelessness, entrapment, burden, exhaustion with living, escape.
    (
        3,
        0,
        "hopeless* | no hope | out of hope | lost all hope | worthless | "
        "feel trapped | so trapped | im trapped | life is unbearable | its unbearable | "
        "everything is unbearable | a burden | burden to | burden on | waste of space | "
        "drain on | drag * down | dragging * down | cant do this anymore | "
        "cant do it anymore | cant take it anymore | cant take this anymore | "
        "had enough of everything | had enough of life | "
        "no future | cant see a future | end it | ending it | end things | "
        "ending things | end everything | disappear | disappearing | vanish | "
        "go quiet | stop bothering | be gone | was gone | were gone | "
        "should have been | instead of me | taken me | "
        "sick of being | tired of being | exhausted of | dont want to be here | "
        "dont wanna be here | nobody would miss me | no one would miss me | "
        "no one will miss me | nobody will miss me | "
        "wouldnt care if i | wouldnt mind if i | wouldnt mind not | "
        "relief if | would be a relief | let things happen | "
        "attempt | my attempt | the attempt | tried last | "
        "methods | blade* | razor* | noose | cutting | scratching my | "
        "picking at my | punched the wall | hit my head | banging my head | "
        "burden* | disappear* | it all to stop | everything to stop | make it stop | "
        "want it to stop | no way forward | cant see a way | tired of everything | "
        "tired of it all | sick of it all | done with everything | not worth it | "
        "worth it anymore | hate my life | end my suffering | end the pain | "
        "end this pain | cant live like this | fresh cuts | my cuts | my scars | "
        "cuts on my | method* | given up on everything | give up on everything | "
        "ive given up | i give up | just give up | want to give up | "
        "feel like giving up | swallowed a whole | swallowed all | swallowed a bottle | "
        "took a whole bottle | in front of the train | fast train | under a train | "
        "the next train | hadnt woken | havent woken | never woken | not woken | "
        "didnt wake",
    ),
    # Weaker death words and distress that add up.
    (
        2,
        0,
        "die | dying | dead | death | kill | killing | killed | "
        "pointless | whats the point | why bother | "
        "forever | cant cope | cant carry on | so done | im done | "
        "cant keep going | exhausted | numb | empty inside | urges | "
        "relapse* | relapsed | jump | jumping | drown* | crash* | "
        "goodbye* | farewell | sorry for everything | sorry everyone | "
        "thanks for trying | thank you for trying | not your fault | "
        "love you all | wish i could just | wish a | ready for | hate myself | "
        "useless | better off | trapped | unbearable | give up | giving up | gave up | "
        "given up | bleeding | sh | dead inside | kill him | kill her | "
        "kill them | hurt him | hurt her",
    ),
    # Preparation, means, place and final acts: risk and plan together.
    (
        2,
        3,
        "stockpil* | hoard* | hoarding | saving up my | been saving | collected my | "
        "collecting my | bought a rope | rope | the rope | a note | note for | "
        "suicide note | goodbye note | with the will | "
        "my will | said my goodbyes | saying my goodbyes | my goodbyes | "
        "last post | final post | last message | this is it | its done | "
        "made up my mind | mind is made up | minds made up | made my peace | "
        "picked the date | set a date | the date | tonights the night | "
        "wont be here | wont be around | not gonna be around | not going to be around | "
        "wont be needing | wont need | top floor | climbing back | the edge | "
        "engine running | swallowed | taken an overdose | took about | took all | "
        "taken all | took a whole | mins ago | minutes ago | an hour ago | "
        "wont stop bleeding | stop bleeding | skin has come | skins come | "
        "really deep | too deep | deeper than | gone white | cancelled my | "
        "closed my | sorted it so | giving away | gave away | given away | "
        "rehomed | rehoming | new home for | weirdly peaceful | feel calm | "
        "feel calmer | at peace with it | different chemists | different shops | "
        "know exactly how | exactly how | how id do it | worked out | full plan | "
        "going to do it | gonna do it | "
        "do it tonight | doing it tonight | too many | took too many | "
        "taken too many | taken a load of | taken loads of | took loads of | "
        "in front of me | in my hand | said goodbye | before i go | it ends | "
        "on the bridge | on the roof | on the edge | at the bridge | on the ledge | "
        "on the tracks | stocking up | stocked up | got a gun | bought a gun | "
        "have a gun | calling an ambulance | called an ambulance | calling 999 | "
        "called 999 | how im going to do it | how i will do it | how to do it",
    ),
    # Plans and letters that only matter alongside risk language.
    (0, 3, "a plan | the plan | planning to | plan to | letters to | letter to"),
    # Means, time and place that make a risky text urgent.
    (
        0,
        1,
        "tonight | tomorrow | this weekend | weekend | monday | tuesday | wednesday | "
        "thursday | friday | saturday | sunday | right now | now | thats it | at * am | "
        "pills | tablets | meds | medicine | prescription | paracetamol | "
        "blade | blades | razor | knife | gun | car | keys | bridge | train | "
        "tracks | roof | cliff | car park | multi storey | woods | drinking | "
        "bought | sorry | bye | goodbye | letters | written everything | "
        "thinking about | thoughts of | keep thinking | "
        "understands why | understand why | decided | planned | planning",
    ),
    # Idioms and benign senses: trivial objects of risk words.
    (
        -4,
        0,
        "dead tired | dead on my feet | dead end | deadline | drop dead | "
        "killing it | killed it | kill for | would kill for | murder a | "
        "to death | death of my diet | death of me | end of me | "
        "phone is dying | phones dying | battery | dying to | dying for | "
        "dying of | die of | die for | die laughing | "
        "cutting down | cut down | cut back | cutting back | cutting out | "
        "cut out | cut off | cutting off | cut my hair | haircut | "
        "end it with | ended it with | ending it with | end things with | "
        "ending my relationship | end my relationship | end of the day | "
        "gave away all my baby | give up smoking | gave up smoking | "
        "give up sugar | gave up sugar | give up caffeine | given up caffeine | "
        "given up alcohol | gave up alcohol | given up drinking | gave up drinking | "
        "hit me up | hit me with | hit me up | kill the | killing the | "
        "not suicidal | never suicidal | cut on my | cut my finger | cut myself shaving | "
        "shaving | where people die | risk assessment | suicide risk | session on | "
        "disappear under | disappear for | disappear into | could sleep forever | "
        "dont wake up late | not wake up until | not wake up late | "
        "dont wake up in time | killing myself laughing | on holiday | holiday | "
        "grief group | death and dying | rope ladder | written letters to my mp | "
        "wrote letters to my mp | written letters to the | wrote letters to the | pain killer* | painkiller* | the dead | walking dead | grateful dead | "
        "giving up smoking | give up alcohol | giving up alcohol | giving up sugar | "
        "give up meat | gave up meat | given up meat | give up dairy | gave up dairy | "
        "give up on me | gave up on me | burden of proof | better off with | "
        "better off asking | better off going | better off waiting",
    ),
)


_Entry = tuple[tuple[str, ...], int, int]


def _build_lexicon() -> tuple[
    dict[str, tuple[_Entry, ...]], dict[str, list[_Entry]], dict[str, list[_Entry]]
]:
    """Phrases indexed by their first two words when both are plain words
    ("kill myself"), else by their first word, or by the first three letters of
    a first word that is a stem (``word*``)."""
    pairs: dict[str, list[_Entry]] = {}
    exact: dict[str, list[_Entry]] = {}
    stems: dict[str, list[_Entry]] = {}
    for risk, plan, phrases in _LEXICON:
        for phrase in phrases.split("|"):
            words = tuple(_LEX_WORD.findall(phrase.replace("-", " ")))
            if not words:
                continue
            entry = (words, risk, plan)
            if words[0].endswith("*"):
                stems.setdefault(words[0][:3], []).append(entry)
            elif len(words) > 1 and not words[1].endswith("*"):
                pairs.setdefault(f"{words[0]} {words[1]}", []).append(entry)
            else:
                exact.setdefault(words[0], []).append(entry)
    by_pair = {k: tuple(sorted(v, key=lambda e: -len(e[0]))) for k, v in pairs.items()}
    return by_pair, exact, stems


_BACK_NOW = re.compile(r"\b(?:are|is|'re|'s|came|come|coming) back\b|\bback again\b")
_LEX_WORD = re.compile(r"[a-z0-9]+\*?|\*")
_LEX_TOKEN = re.compile(r"[a-z0-9]+")
_LEX_PAIRS, _LEX_EXACT, _LEX_STEMS = _build_lexicon()
_PAIR_FIRST = frozenset(key.split()[0] for key in _LEX_PAIRS)


_CANDIDATES: dict[str, tuple[_Entry, ...]] = {}


def _candidates(word: str) -> tuple[_Entry, ...]:
    """Phrases that can start at ``word``, longest first (memoised per word)."""
    found = _CANDIDATES.get(word)
    if found is None:
        entries = list(_LEX_EXACT.get(word, ()))
        entries += [
            e for e in _LEX_STEMS.get(word[:3], ()) if word.startswith(e[0][0][:-1])
        ]
        entries.sort(key=lambda e: -len(e[0]))
        found = tuple(entries)
        if len(_CANDIDATES) < 50_000:
            _CANDIDATES[word] = found
    return found


def _phrase_at(words: list[str], i: int, phrase: tuple[str, ...]) -> bool:
    """Whether ``phrase`` (first two words known to match) continues at ``i``."""
    if i + len(phrase) > len(words):
        return False
    for k in range(2, len(phrase)):
        p, w = phrase[k], words[i + k]
        if p == w or p == "*" or (p[-1] == "*" and w.startswith(p[:-1])):
            continue
        return False
    return True


def _stem_phrase_at(words: list[str], i: int, phrase: tuple[str, ...]) -> bool:
    """Whether ``phrase`` (first word known to match) continues at ``i``."""
    if i + len(phrase) > len(words):
        return False
    for k in range(1, len(phrase)):
        p, w = phrase[k], words[i + k]
        if p == w or p == "*" or (p[-1] == "*" and w.startswith(p[:-1])):
            continue
        return False
    return True


def _lexical_scores(sentence: str) -> tuple[int, int]:
    """Risk and plan scores of one lower-cased sentence.

    At each word the longest phrase starting there counts. Words covered by an
    idiom are not scored again (so "dead tired" cancels "dead").
    """
    words = _LEX_TOKEN.findall(sentence.replace("'", ""))
    risk = plan = 0
    skip_to = 0
    last = len(words) - 1
    for i, word in enumerate(words):
        if i < skip_to:
            continue
        hit: _Entry | None = None
        if i < last and word in _PAIR_FIRST:
            for entry in _LEX_PAIRS.get(f"{word} {words[i + 1]}", ()):
                if len(entry[0]) == 2 or _phrase_at(words, i, entry[0]):
                    hit = entry
                    break
        if hit is None:
            cands = _CANDIDATES.get(word)
            if cands is None:
                cands = _candidates(word)
            for entry in cands:
                if len(entry[0]) == 1 or _stem_phrase_at(words, i, entry[0]):
                    hit = entry
                    break
        if hit is None:
            continue
        risk += hit[1]
        plan += hit[2]
        if hit[1] < 0:
            skip_to = i + len(hit[0])
    return risk, plan


def _lexical(lower: str, starts: list[int], need_plan: bool) -> tuple[int, int]:
    """Risk and plan scores of the whole text, skipping quiet sentences.

    Context is only checked when the raw scores could change the outcome.
    """
    ends = [*starts[1:], len(lower)]
    scored: list[tuple[str, int, int]] = []
    raw_risk = 0
    for start, end in zip(starts, ends, strict=True):
        sentence = lower[start:end]
        s_risk, s_plan = _lexical_scores(sentence)
        if s_risk > 0 or s_plan > 0:
            scored.append((sentence, s_risk, s_plan))
            raw_risk += max(s_risk, 0)
    if raw_risk < LEXICAL_CONCERN and not need_plan:
        return raw_risk, 0
    if raw_risk and (_INTRUSIVE.search(lower) or _END_OF_LIFE.search(lower)):
        raw_risk = 0
        if not need_plan:
            return 0, 0
    doc_flags = {"resolved_other": bool(_RESOLVED_OTHER.search(lower))}
    risk = plan = 0
    for sentence, s_risk, s_plan in scored:
        if s_risk <= 0:
            plan += s_plan  # a time or means alone; only counts with risk elsewhere
            continue
        quiet, past = _context_quiet(sentence, doc_flags)
        if past and _BACK_NOW.search(sentence):
            past = False  # "four months clean of it and the urges are back"
        if quiet or past:
            continue
        risk += max(s_risk, 0)
        plan += s_plan
    if not raw_risk:
        risk = 0
    return risk, plan
