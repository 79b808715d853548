"""Personal-information span detector (regex and word lists, no models)."""

from __future__ import annotations

import ipaddress
import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

KINDS: tuple[str, ...] = (
    "email",
    "phone",
    "street_address",
    "full_name",
    "date_of_birth",
    "government_id",
    "credit_card",
    "url_social_profile",
    "ip_address",
)

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True, slots=True)
class PiiSpan:
    """One piece of personal information: ``text[start:end]`` is of ``kind``."""

    kind: str
    start: int
    end: int

    def to_dict(self) -> dict[str, str | int]:
        return {"kind": self.kind, "start": self.start, "end": self.end}


# ---------------------------------------------------------------- word lists


def _read_words(name: str) -> frozenset[str]:
    words: set[str] = set()
    with (DATA_DIR / name).open(encoding="utf-8") as fh:
        for line in fh:
            word = line.strip()
            if word and not word.startswith("#"):
                words.add(word.casefold())
    return frozenset(words)


@cache
def _first_names() -> frozenset[str]:
    return _read_words("first_names_census.txt") | _read_words("first_names_extra.txt")


@cache
def _surnames() -> frozenset[str]:
    return _read_words("surnames_census.txt") | _read_words("surnames_extra.txt")


@cache
def _not_name_words() -> frozenset[str]:
    return _read_words("not_name_words.txt")


# ------------------------------------------------------------------ helpers

# A candidate is (start, end, kind); lower priority numbers win overlaps, so an
# outer value (a profile URL holding a name, an email holding a year) is kept.
_PRIORITY = {
    "url_social_profile": 0,
    "email": 1,
    "credit_card": 2,
    "government_id": 3,
    "ip_address": 4,
    "street_address": 5,
    "date_of_birth": 6,
    "phone": 7,
    "full_name": 8,
}

Candidate = tuple[int, int, str]

# A full stop after a common abbreviation ("NHS no. 123", "Dr. Patel") does not
# end the sentence that a value's context cue sits in.
_SENTENCE_BREAK = re.compile(
    r"(?=[.!?]\s)(?<!\b[Nn]o)(?<!\bDr)(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bSt)(?<!\bRef)"
    r"(?<!\bref)(?<!\btel)(?<!\bTel)(?<!\bNum)(?<!\bnum)(?<!\be\.g)(?<!\bi\.e)"
    r"(?<!\b[A-Z])[.!?]\s|[\n;]"
)


def _before(text: str, start: int, width: int = 40) -> str:
    """The text just before ``start``, cut at the previous sentence break."""
    window = text[max(0, start - width) : start]
    last = _last_match(_SENTENCE_BREAK, window)
    return window[last.end() :] if last else window


def _last_match(rx: re.Pattern[str], text: str) -> re.Match[str] | None:
    found = None
    for found in rx.finditer(text):  # noqa: B007 - the last one is wanted
        pass
    return found


_NON_DIGITS = re.compile(r"\D+")


def _digits(value: str) -> str:
    return _NON_DIGITS.sub("", value)


def _scan(
    rx: re.Pattern[str], text: str, low: str, needles: tuple[str, ...]
) -> Iterator[re.Match[str]]:
    """``rx.finditer(text)``, skipped when no needle occurs in ``low``.

    A substring test is far cheaper than running a large pattern over text
    that cannot match it, which keeps the common case fast.
    """
    if any(needle in low for needle in needles):
        yield from rx.finditer(text)


Windows = list[tuple[int, int]]
_DIGIT_RUN = re.compile(r"\d+")
# Wide enough for look-arounds, context cues ("NHS no.", "my mobile") and an
# address's street name and town on either side of its digits.
_WINDOW_MARGIN = 100


# Digits no more than two margins apart share one window.
_DIGIT_CLUSTER = re.compile(rf"\d(?:\D{{0,{2 * _WINDOW_MARGIN}}}\d)*")


def _digit_windows(text: str) -> Windows:
    """Merged stretches of ``text`` within the margin of some digit."""
    windows: Windows = []
    for m in _DIGIT_CLUSTER.finditer(text):
        lo = max(0, m.start() - _WINDOW_MARGIN)
        hi = min(len(text), m.end() + _WINDOW_MARGIN)
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], hi)
        else:
            windows.append((lo, hi))
    return windows


def _mark_windows(text: str, mark: str, before: int = 80, after: int = 270) -> Windows:
    """Merged stretches of ``text`` around each occurrence of ``mark``."""
    windows: Windows = []
    at = text.find(mark)
    while at != -1:
        lo, hi = max(0, at - before), min(len(text), at + after)
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], hi)
        else:
            windows.append((lo, hi))
        at = text.find(mark, at + 1)
    return windows


def _in_windows(
    rx: re.Pattern[str], text: str, windows: Windows
) -> Iterator[re.Match[str]]:
    """``rx.finditer(text)`` restricted to ``windows``.

    Every value these patterns find contains a digit (or an "@"), so prose far
    from one is skipped instead of being scanned by each pattern in turn.
    """
    for lo, hi in windows:
        yield from rx.finditer(text, lo, hi)


def _luhn_ok(number: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = ord(ch) - 48
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


# -------------------------------------------------------------------- email

_ROLE_LOCALS = frozenset(
    [
        "admin",
        "administrator",
        "info",
        "information",
        "office",
        "contact",
        "contacts",
        "hello",
        "hi",
        "help",
        "helpdesk",
        "support",
        "referrals",
        "referral",
        "enquiries",
        "enquiry",
        "inquiries",
        "inquiry",
        "bookings",
        "booking",
        "noreply",
        "no-reply",
        "donotreply",
        "do-not-reply",
        "team",
        "reception",
        "press",
        "media",
        "membership",
        "members",
        "volunteers",
        "volunteer",
        "volunteering",
        "accounts",
        "billing",
        "sales",
        "mail",
        "postmaster",
        "webmaster",
        "events",
        "groups",
        "safeguarding",
        "feedback",
        "appointments",
        "appointment",
        "care",
        "services",
        "service",
        "jobs",
        "careers",
        "hr",
        "finance",
        "general",
        "queries",
        "query",
        "pals",
        "complaints",
        "orders",
        "shop",
        "news",
        "newsletter",
        "marketing",
        "notifications",
        "alerts",
        "abuse",
        "privacy",
        "dpo",
        "legal",
        "it",
        "registry",
        "secretary",
        "chair",
        "coordinator",
        "fundraising",
        "donations",
        "clinic",
        "pharmacy",
        "ward",
    ]
)
_EMAIL = re.compile(
    r"(?<![\w.@+%'-])([A-Za-z0-9][A-Za-z0-9._%+'-]{0,63}+)"
    r"@([A-Za-z0-9][A-Za-z0-9-]{0,62}(?:\.[A-Za-z0-9-]{1,63}){0,5}\.[A-Za-z]{2,24})"
    r"(?![\w@-])"
)
_TLD = r"(?:com|org|net|edu|gov|io|co|uk|au|nz|ca|ie|de|fr|me|info|example|us|in)"
_DOT = r"(?:\s*[\[({<]\s*dot\s*[\])}>]\s*|\s+dot\s+|\.)"
_AT = r"(?:\s*[\[({<]\s*at\s*[\])}>]\s*|\s+at\s+|\s*@\s+|\s+@\s*)"
_LOCAL_SEP = rf"(?:{_DOT}|\s+(?:underscore|dash|hyphen|plus)\s+)"
_OBF_EMAIL = re.compile(
    rf"(?i)(?<![\w.@])[a-z0-9][a-z0-9_+-]{{0,40}}+(?:{_LOCAL_SEP}[a-z0-9_+-]{{1,40}}+){{0,3}}"
    rf"{_AT}[a-z0-9][a-z0-9-]{{0,40}}+(?:{_DOT}[a-z0-9-]{{1,40}}+){{0,3}}"
    rf"{_DOT}{_TLD}(?![\w])"
)
_OBF_MARK = re.compile(r"(?i)[\[({<]\s*(?:dot|at)\s*[\])}>]|\sdot\s|\sat\s|\s@|@\s")
_OBF_BAD_LOCAL = frozenset(
    [
        "look",
        "looked",
        "looking",
        "site",
        "website",
        "page",
        "online",
        "us",
        "me",
        "him",
        "her",
        "them",
        "it",
        "this",
        "that",
        "one",
        "me",
        "here",
        "there",
        "details",
        "info",
        "help",
        "look",
        "read",
        "check",
        "go",
    ]
)


_SOCIAL_NEEDLES = (
    "instagr",
    "facebook",
    "fb.",
    "tiktok",
    "twitter",
    "x.com",
    "linkedin",
    "youtube",
    "snapchat",
    "reddit",
    "threads.",
    "bsky",
    "pinterest",
    "twitch",
    "tumblr",
    "medium.com",
    "soundcloud",
    "vk.com",
    "flickr",
    "mastodon",
    "mstdn",
)
_PLATFORM_NEEDLES = (
    "insta",
    "tiktok",
    "tik tok",
    "twitter",
    "threads",
    "snap",
    "twitch",
    "bluesky",
    "bsky",
    "ig ",
    "ig:",
    " ig",
)
_OBF_NEEDLES = ("dot", "[at]", "(at)", "{at}", "<at>", " @", "@ ")
_REAL_TLD = re.compile(rf"(?i)\.{_TLD}\b")


# Every branch starts with a literal character, so the engine can skip ahead
# quickly; it runs over the lower-cased text.
_AT_MARK = re.compile(r" at |@|\[ ?at ?\]|\( ?at ?\)|\{ ?at ?\}|< ?at ?>")


def _obfuscated_emails(text: str, low: str) -> Iterator[re.Match[str]]:
    """Obfuscated addresses, searched only in windows around an "at" mark."""
    if not any(n in low for n in _OBF_NEEDLES) and not (
        " at " in low and _REAL_TLD.search(low)
    ):
        return
    seen_end = -1
    for mark in _AT_MARK.finditer(low):
        if mark.start() < seen_end:
            continue
        after = low[mark.end() : mark.end() + 90]
        if "dot" not in after and "." not in after:
            continue
        lo, hi = max(0, mark.start() - 90), min(len(text), mark.end() + 90)
        for m in _OBF_EMAIL.finditer(text, lo, hi):
            if m.start() <= mark.start() < m.end() and m.start() >= seen_end:
                seen_end = m.end()
                yield m
                break


def _find_emails(text: str, windows: Windows) -> Iterator[Candidate]:
    low = text.lower()
    at_windows = _mark_windows(text, "@")
    for m in _in_windows(_EMAIL, text, at_windows):
        local = m.group(1).lower()
        head = re.split(r"[._+-]", local, maxsplit=1)[0]
        if local in _ROLE_LOCALS or head in _ROLE_LOCALS:
            continue
        yield m.start(), m.end(), "email"
    for m in _obfuscated_emails(text, low):
        value = m.group(0)
        if "@" in value and not _OBF_MARK.search(value):
            continue  # a plain address, already handled above
        local = re.split(r"(?i)\s+at\s+|[\[({<]\s*at|@", value, maxsplit=1)[0]
        local_word = re.split(r"(?i)\s+dot\s+|[\[({<.]", local.strip())[0].lower()
        if local_word in _ROLE_LOCALS or local_word in _OBF_BAD_LOCAL:
            continue
        yield m.start(), m.end(), "email"


# ---------------------------------------------------- social profile / handle

_SOCIAL_URL = re.compile(
    r"(?i)(?<![\w@.])(?:https?://)?(?:www\.|m\.|mobile\.|old\.|[a-z]{2}\.)?"
    r"(instagram\.com|instagr\.am|facebook\.com|fb\.com|fb\.me|tiktok\.com|"
    r"twitter\.com|x\.com|linkedin\.com|youtube\.com|snapchat\.com|reddit\.com|"
    r"threads\.net|threads\.com|bsky\.app|pinterest\.com|pinterest\.co\.uk|twitch\.tv|"
    r"tumblr\.com|medium\.com|soundcloud\.com|vk\.com|flickr\.com|"
    r"mastodon\.social|mastodon\.online|mstdn\.social)"
    r"(/[^\s<>()\[\]{}\"',]*)"
)
_CONTENT_PATH = re.compile(
    r"(?i)^/(?:p|reel|reels|tv|explore|watch|shorts|playlist|results|hashtag|"
    r"search|i|groups|events|pages|page|company|school|pulse|posts|feed|jobs|r|"
    r"share|sharer|story\.php|permalink\.php|photo|photos|video|videos|live|"
    r"status|intent|home|login|signup|help|about|legal|privacy|settings|t|tag|"
    r"discover|music|embed|channels|trending|marketplace|gaming|notifications)"
    r"(?:[/?#.]|$)"
)
_CONTENT_DEEP = re.compile(
    r"(?i)/(?:video|status|statuses|posts?|photos?|reel|comments|watch|live)/"
)
_ORG_HANDLE = re.compile(
    r"(?i)(?:charity|foundation|trust|official|nhs|society|association|council|"
    r"network|hospital|clinic|support|services|alliance|campaign|helpline|"
    r"samaritans|mind(?:charity)?$|^mind|macmillan|shout|papyrus|lifeline|"
    r"beyondblue|headspace|rethink|news|magazine|group$)"
)
_FEDI = re.compile(
    r"(?<![\w@/])@[A-Za-z0-9_.]{1,30}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,4}"
)
_REDDIT_USER = re.compile(r"(?<![\w/.])/?u/[A-Za-z0-9_-]{3,20}(?![\w/])")
_HANDLE = re.compile(
    r"(?<![\w@/.])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?(?![\w@])"
)
_PLATFORM = re.compile(
    r"(?i)\b(?:insta(?:gram)?|ig|tik ?tok|twitter|threads|snap(?:chat)?|youtube|yt|"
    r"twitch|tumblr|bluesky|bsky|linkedin|facebook|fb|mastodon|pinterest|"
    r"socials?|follow me|dm me)\b|\bon X\b|\bX \(twitter\)"
)
_PLATFORM_BARE_HANDLE = re.compile(
    r"(?i)\b(?:insta(?:gram)?|ig|tik ?tok|twitter|threads|snap(?:chat)?|twitch|"
    r"bluesky|bsky)(?:\s+(?:handle|username|user|name|id|account))?"
    r"(?:\s*(?:is|:|-|=)\s*|\s+)(?!@)([A-Za-z0-9_.]{3,30}[A-Za-z0-9_])"
)


def _strip_url_tail(url: str) -> str:
    return url.rstrip(".,;:!?*'\"")


def _find_social(text: str, windows: Windows) -> Iterator[Candidate]:
    low = text.lower()
    for m in _scan(_SOCIAL_URL, text, low, _SOCIAL_NEEDLES):
        domain = m.group(1).lower()
        path = _strip_url_tail(m.group(2))
        clean = path.split("?", 1)[0].split("#", 1)[0].rstrip("/")
        if len(clean) < 2 or _CONTENT_DEEP.search(clean):
            continue
        if domain.startswith("reddit"):
            if not re.match(r"(?i)^/(?:u|user)/[\w-]+$", clean):
                continue
        elif domain.startswith("linkedin"):
            if not re.match(r"(?i)^/in/[\w%.-]+$", clean):
                continue
        elif domain.startswith("youtube"):
            if not re.match(
                r"(?i)^/(?:@[\w.-]+|c/[\w.-]+|channel/[\w-]+|user/[\w.-]+)$", clean
            ):
                continue
        elif domain.startswith("snapchat"):
            if not re.match(r"(?i)^/add/[\w.-]+$", clean):
                continue
        elif _CONTENT_PATH.match(clean):
            continue
        handle = clean.rsplit("/", 1)[-1].lstrip("@")
        if domain.startswith("facebook") and handle.startswith("profile.php"):
            handle = "profile"
        if not handle or _ORG_HANDLE.search(handle):
            continue
        end = m.start(2) + len(path)
        yield m.start(), end, "url_social_profile"
    at_windows = _mark_windows(text, "@")
    for m in _in_windows(_FEDI, text, at_windows):
        yield m.start(), m.end(), "url_social_profile"
    for m in _scan(_REDDIT_USER, text, low, ("u/",)):
        yield m.start(), m.end(), "url_social_profile"
    for m in _in_windows(_HANDLE, text, at_windows):
        around = text[max(0, m.start() - 60) : m.end() + 60]
        if not _PLATFORM.search(around):
            continue  # an in-platform @mention
        if _ORG_HANDLE.search(m.group(0)[1:]):
            continue
        yield m.start(), m.end(), "url_social_profile"
    for m in _scan(_PLATFORM_BARE_HANDLE, text, low, _PLATFORM_NEEDLES):
        handle = m.group(1)
        if not re.search(r"[\d_.]", handle):
            continue  # "my insta is private" and other ordinary words
        yield m.start(1), m.end(1), "url_social_profile"


# ------------------------------------------------------------------- IPs

_IPV4 = re.compile(
    r"(?<![\w.])(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|"
    r"[1-9]?\d)){3}"
    r"(?!\.?\d)(?![\w-])"
)
_IPV6 = re.compile(r"(?<![\w:.])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?![\w:])")
_VERSION_CUE = re.compile(
    r"(?i)\b(?:version|ver|firmware|build|release|update|updated|v|app|ios|android|"
    r"software|driver|os|kernel|patch|model)\b[\s.:]*(?:is|to|was|of)?[\s:]*$"
)


def _find_ips(text: str, windows: Windows) -> Iterator[Candidate]:
    for m in _in_windows(_IPV4, text, windows):
        if _VERSION_CUE.search(_before(text, m.start(), 30)):
            continue
        yield m.start(), m.end(), "ip_address"
    for m in _in_windows(_IPV6, text, windows):
        value = m.group(0)
        if value.count(":") < 2 or sum(c != ":" for c in value) < 3:
            continue
        try:
            ipaddress.IPv6Address(value)
        except ValueError:
            continue
        yield m.start(), m.end(), "ip_address"


# --------------------------------------------------------- government IDs

_SSN_DASHED = re.compile(r"(?<![\w-])\d{3}-\d{2}-\d{4}(?![\w-])")
_SSN_CTX = re.compile(r"(?i)\b(?:ssn|social security|itin)\b")
_NINO = re.compile(r"(?<![\w])[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D](?![\w])")
# Lower-case NI numbers only count straight after an NI label.
_NINO_LABELLED = re.compile(
    r"(?i)\b(?:ni|nino|national insurance)(?: (?:number|no\.?|num))?(?: is)?:? ?"
    r"([a-z]{2} ?\d{2} ?\d{2} ?\d{2} ?[a-d])(?![\w])"
)
_NUM_ID = re.compile(r"(?<![\w+.-])\d[\d -]{6,17}\d(?![\w-])")
_NHS_CTX = re.compile(r"(?i)\bnhs\b|\bchi (?:no|number)\b")
_SIN_CTX = re.compile(r"\bSIN\b|(?i:\bsocial insurance\b)")
_TFN_CTX = re.compile(r"\bTFN\b|(?i:\btax file\b)")
_MEDICARE_CTX = re.compile(r"(?i)\bmedicare\b")
_AADHAAR_CTX = re.compile(r"(?i)\b(?:aadhaa?r|aadhar|uidai)\b")
_IRD_CTX = re.compile(r"\bIRD\b|(?i:\binland revenue\b)")
_PPS_CTX = re.compile(r"\bPPSN?\b|(?i:\bpersonal public service\b)")
_PPS = re.compile(r"(?<![\w])\d{7}[A-Wa-w][A-Ia-iWw]?(?![\w])")
_PASSPORT = re.compile(
    r"(?i)\bpassport\b(?:\s*(?:no\.?|number|num|#|id))?(?:\s+(?:is|was))?\s*[:#-]?\s*"
    r"((?=[A-Z0-9]*\d)[A-Z0-9]{6,10})(?![\w])"
)
_MBI = re.compile(r"(?<![\w])\d[A-Z][A-Z0-9]\d-?[A-Z][A-Z0-9]\d-?[A-Z]{2}\d{2}(?![\w])")


# Which labels can introduce an identifier with this many digits.
_ID_CUES_BY_LENGTH: dict[int, tuple[re.Pattern[str], ...]] = {
    8: (_TFN_CTX, _IRD_CTX),
    9: (_SSN_CTX, _SIN_CTX, _TFN_CTX, _IRD_CTX),
    10: (_NHS_CTX, _MEDICARE_CTX),
    11: (_MEDICARE_CTX,),
    12: (_AADHAAR_CTX,),
}


# What each label's text must contain before its pattern is run: acronyms that
# only count in capitals are looked for as written, other words in lower case.
_CUE_NEEDLES: dict[re.Pattern[str], tuple[tuple[str, ...], tuple[str, ...]]] = {
    _SSN_CTX: ((), ("ssn", "social security", "itin")),
    _NHS_CTX: ((), ("nhs", "chi ")),
    _SIN_CTX: (("SIN",), ("social insurance",)),
    _TFN_CTX: (("TFN",), ("tax file",)),
    _MEDICARE_CTX: ((), ("medicare",)),
    _AADHAAR_CTX: ((), ("aadha", "uidai")),
    _IRD_CTX: (("IRD",), ("inland revenue",)),
}


def _cue_may_occur(cue: re.Pattern[str], text: str, low: str) -> bool:
    as_written, lowered = _CUE_NEEDLES[cue]
    return any(n in text for n in as_written) or any(n in low for n in lowered)


def _ctx(rx: re.Pattern[str], text: str, start: int, width: int = 45) -> bool:
    return rx.search(_before(text, start, width)) is not None


def _find_gov_ids(text: str, windows: Windows) -> Iterator[Candidate]:
    for m in _in_windows(_SSN_DASHED, text, windows):
        yield m.start(), m.end(), "government_id"
    for m in _in_windows(_NINO, text, windows):
        yield m.start(), m.end(), "government_id"
    for m in _in_windows(_NINO_LABELLED, text, windows):
        yield m.start(1), m.end(1), "government_id"

    low = text.lower()
    for m in _scan(_PASSPORT, text, low, ("passport",)):
        yield m.start(1), m.end(1), "government_id"
    for m in _scan(_PPS, text, low, ("pps", "personal public")):
        if _ctx(_PPS_CTX, text, m.start()):
            yield m.start(), m.end(), "government_id"
    for m in _scan(_MBI, text, low, ("medicare",)):
        if _ctx(_MEDICARE_CTX, text, m.start()):
            yield m.start(), m.end(), "government_id"
    # Which labels occur at all: a number without one nearby is no ID, and a
    # text full of numbers should not look behind each of them.
    # Looked up on the first number of an ID's length: most texts have none.
    present: set[re.Pattern[str]] | None = None
    for m in _in_windows(_NUM_ID, text, windows):
        value = m.group(0)
        if "  " in value:
            continue
        digits = _digits(value)
        n = len(digits)
        start = m.start()
        if n not in (8, 9, 10, 11, 12):
            continue
        groups = [len(g) for g in re.split(r"[ -]", value)]
        if n == 10 and digits.startswith("999") and groups == [3, 3, 4]:
            yield start, m.end(), "government_id"  # NHS test range, never a phone
            continue
        if present is None:
            present = {
                cue
                for cues in _ID_CUES_BY_LENGTH.values()
                for cue in cues
                if _cue_may_occur(cue, text, low) and cue.search(text)
            }
        cues = [cue for cue in _ID_CUES_BY_LENGTH[n] if cue in present]
        if not cues:
            continue
        before = _before(text, start, 45)
        if any(cue.search(before) for cue in cues):
            yield start, m.end(), "government_id"


# ------------------------------------------------------------ credit cards

_CARD = re.compile(r"(?<![\w+*.-])\d(?:[ -]?\d){12,18}(?![\w*-])")
_CARD_PREFIX = re.compile(r"^(?:4|5[1-5]|2[2-7]|3[47]|3[068]|6(?:011|5|4[4-9]|22)|35)")


def _find_cards(text: str, windows: Windows) -> Iterator[Candidate]:
    for m in _in_windows(_CARD, text, windows):
        value = m.group(0)
        digits = _digits(value)
        seps = {ch for ch in value if not ch.isdigit()}
        if len(seps) > 1 or not _CARD_PREFIX.match(digits) or not _luhn_ok(digits):
            continue
        yield m.start(), m.end(), "credit_card"


# ------------------------------------------------------------------ phones

_PHONE = re.compile(
    r"(?<![\w+/.:,-])(?:\+|00)?(?:\(\d{1,5}\)|\d)"
    r"(?:(?:[ .\-\u00a0]{1,2}|\s?/\s?)?(?:\(\d{1,5}\)|\d)){5,18}(?![\w/]|[.,:]\d)"
)
_SPELLED_DIGIT = (
    r"(?:zero|oh|o|one|two|three|four|five|six|seven|eight|nine|double|triple|treble)"
)
_SPELLED_PHONE = re.compile(
    rf"(?i)\b{_SPELLED_DIGIT}(?:[\s,-]{{1,3}}{_SPELLED_DIGIT}){{5,16}}\b"
)
_DIGIT_WORDS = {
    "zero": 1,
    "oh": 1,
    "o": 1,
    "one": 1,
    "two": 1,
    "three": 1,
    "four": 1,
    "five": 1,
    "six": 1,
    "seven": 1,
    "eight": 1,
    "nine": 1,
    "double": 1,
    "triple": 2,
    "treble": 2,
}
_DIGIT_WORD_NEEDLES = (
    "zero",
    "oh",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "double",
    "triple",
    "treble",
)
_DATE_SHAPE = re.compile(r"^\d{1,4}[.\-/ ]\d{1,2}[.\-/ ]\d{1,4}$")
_PUBLIC_NUMBER = re.compile(
    r"^(?:0800|0808|0300|0330|0345|0370|0843|0844|0845|0870|0871|0500|116|"
    r"1800|1300|13|0508|1737|18[0-9]{2}|1?8(?:00|33|44|55|66|77|88)|988|"
    r"741741|85258|999|911|111|112|000|101|105)"
)
_PUBLIC_CTX = re.compile(
    r"(?i)(?:helpline|hotline|help line|crisis line|text line|lifeline|samaritans|"
    r"childline|switchboard|reception|\bward|hospital|clinic|surgery|practice|"
    r"pharmacy|office|service|services|charity|meeting id|meeting|passcode|"
    r"\b(?:help|crisis|text|advice|support|info(?:rmation)?|advice)\s?line\b|"
    r"pass code|\bpin\b|zoom|\bteams\b|webinar|order|ref|reference|prescription|"
    r"invoice|tracking|case|claim|policy|member|membership|account|sort code|"
    r"booking|ticket|confirmation|\bid\b|number for (?:the|a)|text \w+ to|"
    r"nhs|medicare|\btfn\b|\bsin\b|ssn|passport|serial|batch|lot|code|\bref\b)"
    r"[^.!?\n]{0,25}$"
)
_AREA_CODE = re.compile(r"\(0\d{1,4}\)\s?\d")
_PERSONAL_CTX = re.compile(
    r"(?i)(?:\bmy\b|\bme\b|\bher\b|\bhis\b|\btheir\b|mum'?s|mom'?s|dad'?s|\bi'?m\b|"
    r"mobile|landline|whatsapp|cell|personal|home)"
)
_UNIT_AFTER = re.compile(
    r"(?i)^\s?(?:mg|mcg|µg|ml|g|kg|lbs?|units?|iu|%|mmol|am|pm|hrs?|hours?|mins?|"
    r"minutes?|steps|calories|kcal|miles|km|days|weeks|years)\b"
)
_MONEY_BEFORE = re.compile(r"[£$€¥₹]\s?$|(?i:\b(?:usd|gbp|aud|eur|rs)\s?)$")


def _phone_shape_ok(value: str, digits: str) -> bool:
    n = len(digits)
    if value.startswith(("+", "00")):
        return 8 <= n <= 15
    if n < 7 or n > 13:
        return False
    if digits.startswith("0"):
        return n >= 9
    if value.startswith("("):
        return n in (10, 11)
    if re.fullmatch(r"\d{3}[-. ]\d{4}", value):
        return True  # a 7-digit local number
    if n == 11 and digits.startswith("1"):
        return True
    if n == 10 and digits[0] in "23456789":
        return bool(re.search(r"[-. ()]", value)) or True
    return False


def _find_phones(text: str, windows: Windows) -> Iterator[Candidate]:
    for m in _in_windows(_PHONE, text, windows):
        value = m.group(0).rstrip(" .-")
        start, end = m.start(), m.start() + len(value)
        digits = _digits(value)
        if _DATE_SHAPE.match(value) or not _phone_shape_ok(value, digits):
            continue
        # Freephone, shared-cost and short service numbers belong to
        # organisations; written with a country code they may still be personal.
        # "(03) 7010 5532": a bracketed area code is a landline, never a
        # non-geographic service prefix.
        if (
            not value.startswith(("+", "00"))
            and not _AREA_CODE.match(value)
            and _PUBLIC_NUMBER.match(digits)
        ):
            continue
        if _UNIT_AFTER.match(text[end : end + 12]):
            continue
        before = _before(text, start, 40)
        if _MONEY_BEFORE.search(before):
            continue
        public = _PUBLIC_CTX.search(before)
        if public and not _PERSONAL_CTX.search(before[public.start() :]):
            continue
        yield start, end, "phone"
    low = text.lower()
    # A spelled-out number uses at least two different digit words.
    if sum(word in low for word in _DIGIT_WORD_NEEDLES) < 2:
        return
    for m in _SPELLED_PHONE.finditer(text):
        words = re.findall(r"[A-Za-z]+", m.group(0).lower())
        count = sum(_DIGIT_WORDS.get(w, 0) for w in words)
        if count >= 7 and sum(w == "o" for w in words) < 3:
            yield m.start(), m.end(), "phone"


# ---------------------------------------------------------- street address

_STREET_SUFFIX = (
    r"(?:Street|St|Road|Rd|Avenue|Ave|Av|Lane|Ln|Drive|Dr|Way|Terrace|Tce|Terr|"
    r"Close|Cl|Crescent|Cres|Court|Ct|Place|Pl|Grove|Gr|Gardens|Gdns|Garden|"
    r"Boulevard|Blvd|Parade|Pde|Highway|Hwy|Square|Sq|Mews|Row|Hill|Walk|Rise|"
    r"View|Circle|Cir|Trail|Trl|Parkway|Pkwy|Pky|Green|Vale|Wynd|Brae|Hollow|"
    r"Esplanade|Esp|Quay|Wharf|Heights|Hts|Crossing|Xing|Path|Alley|Bend|Glen|"
    r"Meadows?|Chase|Fold|Gate|Yard|Crest|Ridge|Run|Plaza|Causeway|Embankment|"
    r"Broadway|Cove|Landing|Loop|Park|Point|Pt|Strand|Gr|Lea|Croft|Grange|End|"
    r"Approach|Avenida|Calle|Via|Concession|Sideroad|Bank|Brow|Nook|Fields|"
    r"Side|Drove|Copse|Dale|Hurst|Gate|Garth|Lawn|Lawns|Ridgeway|Spinney)"
)
_UNIT_PREFIX = (
    r"(?:(?:Flat|Apt\.?|Apartment|Unit|Suite|Ste\.?|Lot|Shop|Level|Floor|Room)"
    r"\s*\d{1,5}[A-Za-z]?(?:/\d{1,3})?,?\s+)"
)
_NAME_WORD = r"(?:[A-Z][\w'’.-]*|of|the|de|la|du|des|on|upon|by)"
_STREET = re.compile(
    rf"(?<![\w/#-])(?:{_UNIT_PREFIX})?(?:\d{{1,5}}[A-Za-z]?\s?/\s?)?\d{{1,5}}[A-Za-z]?"
    rf"(?:-\d{{1,5}}[A-Za-z]?)?,?\s+(?:{_NAME_WORD}\s+){{0,4}}{_STREET_SUFFIX}\b\.?"
)
_FR_STREET = re.compile(
    r"(?i)(?<![\w/])\d{1,5}(?:\s?(?:bis|ter))?,?\s+"
    r"(?:rue|avenue|av\.|boulevard|boul\.|bd|chemin|ch\.|allée|impasse|place|route|"
    r"quai|cours|rang|montée|passage|voie|square|promenade)\s+"
    r"(?:(?:de la|de l'|du|des|de|d'|la|le|les|l')\s*)?"
    r"[A-ZÀ-Þ][\w'’-]*(?:[ -](?:de |du |des |la |le )?[A-ZÀ-Þ][\w'’-]*){0,3}"
)
_PO_BOX = re.compile(
    r"(?i)(?<![\w])(?:P\.?\s?O\.?\s?Box|Post Office Box|Private Bag|GPO Box|"
    r"Case postale|C\.?P\.?)\s+\d{1,6}"
)
_APT_AFTER = re.compile(
    r"(?:,?\s+(?:Apt\.?|Apartment|Unit|Suite|Ste\.?|#)\s?\d{1,5}[A-Za-z]?)"
)
_POSTCODE = (
    r"(?:[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}|[A-Z]\d[A-Z]\s?\d[A-Z]\d|"
    r"\d{5}(?:-\d{4})?|\d{4})"
)
_REGION = (
    r"(?:AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|"
    r"MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|"
    r"WI|WY|NSW|VIC|QLD|SA|TAS|ACT|NT|AB|BC|MB|NB|NL|NS|NU|ON|PE|QC|SK|YT|"
    r"\((?:Québec|Quebec|Ontario|QC|ON)\))"
)
_TAIL_CODE = re.compile(rf"(?:,\s*|\s+)(?:{_POSTCODE}|{_REGION})(?![\w])")
_PLACE_WORD = r"[A-ZÀ-Þ][^\W\d_]*(?:['’-][^\W\d_]+)*(?![\w])"
_TAIL_PLACE = re.compile(
    rf",\s*(?:\d{{4,5}}\s+)?{_PLACE_WORD}(?:[ -](?:upon |on |sur |"
    rf"the )?{_PLACE_WORD}){{0,2}}"
)
_DIRECTION_AFTER = re.compile(r" (?:N|S|E|W|NE|NW|SE|SW)\b(?!')")
_TOWN_AFTER_CODE = re.compile(rf"\s({_PLACE_WORD})")
_VENUE_CTX = re.compile(
    r"(?i)\b(?:hospital|clinic|surgery|centre|center|church|hall|library|venue|"
    r"caf[eé]|pub|hotel|offices?|practice|pharmacy|chemist|school|hub|meeting|"
    r"meets|meet|held|museum|gym|mosque|temple|synagogue|station|shop|store|"
    r"restaurant|charity|foundation|trust|headquarters|hq|we're based|based at)\b"
    r"[^:.!?\n]{0,25}$"
)
_HOME_CTX = re.compile(
    r"(?i)\b(?:my|our|mum'?s|mom'?s|dad'?s|her|his|their|live|living|lives|"
    r"moved|address|house|flat|home|post|send|deliver|drop)\b"
)


# Capitalised words that start a new clause rather than name a town.
_NOT_PLACE = frozenset(
    [
        "thanks",
        "thank",
        "please",
        "love",
        "cheers",
        "and",
        "but",
        "so",
        "x",
        "xx",
        "hope",
        "see",
        "i",
        "we",
        "my",
        "the",
        "it",
        "if",
        "sorry",
        "hi",
        "hello",
        "dear",
        "ps",
        "just",
        "also",
    ]
)


def _extend_address(text: str, end: int) -> int:
    m = _DIRECTION_AFTER.match(text, end)
    if m:
        end = m.end()
    m = _APT_AFTER.match(text, end)
    if m:
        end = m.end()
    for _ in range(6):
        code = _TAIL_CODE.match(text, end)
        if code:
            end = code.end()
            # French style puts the town after the postcode: "69003 Lyon".
            town = _TOWN_AFTER_CODE.match(text, end)
            if (
                code.group(0)[-1].isdigit()
                and town
                and town.group(1).casefold() not in _not_name_words()
            ):
                end = town.end()
            continue
        place = _TAIL_PLACE.match(text, end)
        if place:
            word = place.group(0).lstrip(", ").split()[0].casefold()
            if word in _NOT_PLACE:
                break
            end = place.end()
            continue
        break
    return end


def _find_addresses(text: str, windows: Windows) -> Iterator[Candidate]:
    for rx in (_STREET, _FR_STREET, _PO_BOX):
        for m in _in_windows(rx, text, windows):
            start = m.start()
            end = _extend_address(text, m.end())
            value = text[start:end]
            if value.endswith(".") and not re.search(r"\b(?:St|Rd|Ave|Dr)\.$", value):
                end -= 1
            before = _before(text, start, 50)
            if rx is not _PO_BOX:
                venue = _VENUE_CTX.search(before)
                if venue and not _HOME_CTX.search(before[venue.start() :]):
                    continue
                # "at 7 Station Road": a bare small number before a street with
                # nothing after it is more often a time than a house number.
                if (
                    rx is _STREET
                    and end == m.end()
                    and re.match(r"(?i)(?:at|from|by|until|till)\s+$", before[-6:])
                ):
                    continue
            yield start, end, "street_address"


# ------------------------------------------------------------ date of birth

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
)
_YEAR = r"(?:\d{4}|['’]\d{2})"
_DATE = re.compile(
    rf"(?i)(?<![\w/.-])(?=\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)(?:"
    rf"(?P<iso>\d{{4}}[-/.]\d{{1,2}}[-/.]\d{{1,2}})"
    rf"|(?P<num>\d{{1,2}}[/.\-]\d{{1,2}}[/.\-](?:\d{{4}}|\d{{2}}))"
    rf"|(?P<dmy>\d{{1,2}}(?:st|nd|rd|th)?(?:\s+of)?[\s-]+{_MONTH},?[\s-]+{_YEAR})"
    rf"|(?P<mdy>{_MONTH}\s+(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)?,?\s+{_YEAR})"
    rf")(?![\w/]|[.\-]\d)"
)
_BIRTH_CUE = re.compile(
    r"(?i)\b(?:born\b|birth|b\.|dob\b|d\.o\.b\b|bday\b|b-day|date of birth\b|"
    r"geboren\b|geb\.|n[ée]e?\b|naissance\b|nacid[oa]\b|nat[oa]\b|"
    r"fecha de nacimiento\b|birthdate\b|birth date\b)"
)
_NOT_BIRTH_CUE = re.compile(
    r"(?i)\b(?:died|passed|death|funeral|diagnos\w*|clean|sober|sobriety|due|"
    r"appointment|appt|surgery|op|operation|discharged|admitted|anniversary|"
    r"quit|stopped|started|since|until|expires?|expiry|wedding|married)\b"
)


def _valid_date(m: re.Match[str]) -> bool:
    value = m.group(0)
    nums = [int(x) for x in re.findall(r"\d+", value)]
    if m.group("iso"):
        _, mon, day = nums[:3]
        return 1 <= mon <= 12 and 1 <= day <= 31
    if m.group("num"):
        a, b, _ = nums[:3]
        return (1 <= a <= 31 and 1 <= b <= 12) or (1 <= a <= 12 and 1 <= b <= 31)
    return 1 <= nums[0] <= 31  # the day; the month is a word


_SOBER_BIRTHDAY = re.compile(
    r"(?i)\b(?:sober|clean|recovery|aa|na)\s+(?:birthday|b-?day)"
)
_DOB_AFTER = re.compile(r"(?i)\s*\(?(?:dob|d\.o\.b|date of birth|birthday)\b")


def _find_dobs(
    text: str, names: list[Candidate], windows: Windows
) -> Iterator[Candidate]:
    cues = [(m.start(), m.end()) for m in _BIRTH_CUE.finditer(text)]
    if not names and not cues:
        return  # nothing can mark a date as a birth date
    cue_ends = [end for _, end in cues]
    name_ends = {end for _, end, _ in names}
    for m in _in_windows(_DATE, text, windows):
        if not _valid_date(m):
            continue
        start = m.start()
        i = bisect_right(cue_ends, start) - 1
        if i >= 0 and start - cues[i][0] <= 45:
            cue_start, cue_end = cues[i]
            if text.startswith(".", cue_end):
                cue_end += 1  # "d.o.b. 1979-04-12": the abbreviation's full stop
            between = text[cue_end:start]
            if _SENTENCE_BREAK.search(text, cue_end, start):
                pass  # the cue belongs to an earlier sentence
            elif _NOT_BIRTH_CUE.search(between) or _SOBER_BIRTHDAY.search(
                text[max(0, cue_start - 25) : cue_end + 6]
            ):
                continue
            else:
                yield start, m.end(), "date_of_birth"
                continue
        # "Jane Smith, 1969-02-28": a date written straight after a name reads
        # as a record line with a birth date.
        for back in range(1, 4):
            if start - back in name_ends and not text[start - back : start].strip(
                " ,("
            ):
                yield start, m.end(), "date_of_birth"
                break
        else:
            if _DOB_AFTER.match(text, m.end()):
                yield start, m.end(), "date_of_birth"


# --------------------------------------------------------------- full names

_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*(?:-[^\W\d_]+(?:['’][^\W\d_]+)*)*")
_PARTICLES = frozenset(
    [
        "van",
        "von",
        "de",
        "der",
        "den",
        "da",
        "di",
        "del",
        "della",
        "dos",
        "das",
        "du",
        "le",
        "la",
        "bin",
        "binti",
        "ibn",
        "al",
        "el",
        "ter",
        "ten",
        "y",
        "ap",
        "mac",
        "st",
    ]
)
_NAME_CUE = re.compile(
    r"(?i)(?:\b(?:key ?worker|nurse|doctor|gp|consultant|therapist|counsell?or|"
    r"psychiatrist|psychologist|social worker|support worker|case ?worker|carer|"
    r"friend|partner|husband|wife|boyfriend|girlfriend|fiancée?|ex|son|daughter|"
    r"mum|mom|mother|dad|father|brother|sister|neighbour|neighbor|colleague|boss|"
    r"manager|landlord|landlady|mentor|sponsor|facilitator|teacher|aunt|auntie|"
    r"uncle|cousin|grandma|grandad|grandpa|grandmother|grandfather|nan|niece|"
    r"nephew|midwife|health visitor|physio|dietitian|pharmacist|advocate|"
    r"solicitor|officer|stepdad|stepmum|stepmom|surgeon|specialist|dentist|"
    r"coach|tutor|flatmate|roommate|housemate|child|kid|baby|twin|"
    r"thanks? to|thank you|shout ?out to|named|called|name'?s|name is|i'?m|i am|"
    r"this is|contact|ask for|card for|sign(?:ed)? for|rip|r\.i\.p\.?|in memory of|"
    r"remember(?:ing)?|dr\.?|mr\.?|mrs\.?|ms\.?|miss|mx\.?|prof\.?|rev\.?|sr\.?|"
    r"with|from|by|to|for|and|meet|met|married|referral|patient|client|re:|"
    r"name:|attn:?)"
    r"[\s,:]{1,3}$)"
)
_STRONG_CUE = re.compile(
    r"(?i)(?:\b(?:my|our|her|his|their|the) (?:\w+ ){0,2}"
    r"(?:key ?worker|nurse|doctor|gp|consultant|therapist|counsell?or|"
    r"psychiatrist|psychologist|social worker|support worker|case ?worker|carer|"
    r"friend|partner|husband|wife|boyfriend|girlfriend|son|daughter|neighbour|"
    r"neighbor|colleague|mentor|sponsor|facilitator|sister|brother|cousin|"
    r"advocate|midwife|physio|landlord|ex|ex-partner|ex-husband|ex-wife|fianc[ée]e?|"
    r"bf|gf|stepdad|stepmum|stepmom|grandson|granddaughter|niece|nephew|aunt|uncle)|"
    r"thanks? to|shout ?out to|named|called|"
    r"name'?s|name is|i'?m|i am|card for|in memory of|rip|"
    r"dr\.?|mr\.?|mrs\.?|ms\.?|miss|mx\.?|prof\.?)[\s,:]{1,3}$"
)
_FAMOUS = frozenset(
    """harry potter|hermione granger|ron weasley|sherlock holmes|peppa pig|
    bridget jones|homer simpson|bart simpson|ted lasso|jack daniels|jack daniel's|
    taylor swift|ed sheeran|lewis capaldi|billie eilish|harry styles|
    elton john|stephen fry|david attenborough|florence nightingale|
    mary poppins|willy wonka|luke skywalker|darth vader|james bond|
    santa claus|father christmas|tom ford|calvin klein|ben jerry|
    marie curie|christian aid|victoria beckham|david beckham|jesus christ""".replace(
        "\n", ""
    )
    .replace("    ", "")
    .split("|")
)
_SURNAME_SHAPE = re.compile(
    r"(?i)(?:^(?:mc|mac|o['’]|fitz|d['’])\w|son$|sen$|ez$|ski$|ska$|sky$|ova$|"
    r"ov$|ev$|enko$|ian$|yan$|idis$|poulos$|opoulou$|stein$|berg$|wicz$|escu$|"
    r"oglu$|oğlu$|ini$|etti$|ucci$|akis$|ak$|ić$|ic$|vić$|awa$|moto$|ura$|"
    r"uchi$|ama$|-|[àáâãäåçèéêëìíîïñòóôõöøùúûüýÿāăąćčďēęěğīıłńňōőœřśşšťūůűźżž])"
)


# "reading Jane Eyre", "watched Ted Lasso": titles and characters, not people.
_MEDIA_BEFORE = re.compile(
    r"(?i)\b(?:reading|read|re-?reading|watching|watched|re-?watching|listening to|"
    r"playing|played|film|movie|book|novel|show|series|character|album|song)\s+$"
)
_NEXT_WORD = re.compile(r"\s+([a-z]+)")
_NOT_AFTER_NAME = frozenset(
    [
        "terrier",
        "terriers",
        "syndrome",
        "disease",
        "disorder",
        "palsy",
        "sauce",
        "cake",
        "dog",
        "dogs",
        "cat",
        "cats",
        "school",
        "street",
        "road",
        "centre",
        "center",
        "hospital",
        "foundation",
        "trust",
        "award",
        "prize",
        "fc",
        "estate",
        "gardens",
        "park",
        "bridge",
        "station",
    ]
)


def _is_cap(word: str) -> bool:
    return word[0].isupper() and (len(word) == 1 or not word.isupper())


def _clean(word: str) -> str:
    if word[-2:] in ("'s", "’s"):
        word = word[:-2]
    return word.casefold()


_UPPER = "A-ZÀ-ÖØ-ÞĀ-ſ"
# Where a run of two or more capitalised words could begin; only these spots
# are tokenised, so text without such runs costs almost nothing.
_RUN_START = re.compile(
    rf"(?<![\w'’.-])(?=[{_UPPER}][^\W\d_]+(?:['’-][^\W\d_]+)*[ \u00a0]"
    rf"(?:[{_UPPER}]|(?:(?:{'|'.join(sorted(_PARTICLES))}) )+[{_UPPER}]))"
)


def _find_names(text: str) -> list[Candidate]:
    firsts, sur, stop = _first_names(), _surnames(), _not_name_words()
    out: list[Candidate] = []
    pos = 0
    while (start := _RUN_START.search(text, pos)) is not None:
        at = start.start()
        pos = at + 1
        head = _TOKEN.match(text, at)
        if head is None or _clean(head.group(0)) in stop:
            continue  # cheap exit for "Dr Dr Dr", "The The", ...
        tokens = []
        for m in _TOKEN.finditer(text, at, at + 160):
            tokens.append((m.start(), m.end(), m.group(0)))
            if len(tokens) >= 7:
                break
        run = _take_run(text, tokens, stop)
        if run is None:
            continue
        pos = run[-1][1]
        # "Tell Lucy Brown ...": a capitalised opener may precede the name.
        while len(run) >= 2:
            cand = _judge_name(text, run, firsts, sur)
            if cand:
                out.append(cand)
                break
            run = run[1:]
    return out


def _particles_lead_to_name(tokens: list[tuple[int, int, str]], j: int) -> bool:
    """Whether particles from ``j`` on ("van der", "de la") end in a capital word."""
    while j < len(tokens) and tokens[j][2].casefold() in _PARTICLES:
        j += 1
    return j < len(tokens) and _is_cap(tokens[j][2])


def _take_run(
    text: str, tokens: list[tuple[int, int, str]], stop: frozenset[str]
) -> list[tuple[int, int, str]] | None:
    """Capitalised words (plus particles and initials) joined by single spaces."""
    if not tokens:
        return None
    first = tokens[0][2]
    if not _is_cap(first) or _clean(first) in stop or len(first) == 1:
        return None
    run = [tokens[0]]
    for j in range(1, len(tokens)):
        if len(run) >= 5:
            break
        _, pe, pw = run[-1]
        ns, _, nw = tokens[j]
        gap = text[pe:ns]
        initial = len(pw) == 1 and gap in (". ", ".")
        if not (gap == " " or gap == "\u00a0" or initial):
            break
        if pw[-2:] in ("'s", "’s"):
            break  # a possessive ends the name: "Brown's Boys", "Sam's Café"
        low = nw.casefold()
        if (_is_cap(nw) and _clean(nw) not in stop) or (
            low in _PARTICLES and _particles_lead_to_name(tokens, j)
        ):
            run.append(tokens[j])
        else:
            break
    while run and run[-1][2].casefold() in _PARTICLES:
        run.pop()
    return run


# "Jane Smith, DOB ...", "Jane Smith (she/her)", "Jane Smith here": a name
# introducing a record or the writer.
_RECORD_AFTER = re.compile(
    r"(?i)\s*(?:,\s*)?(?:\(?(?:dob|d\.o\.b|born|aged?|age)\b|\d{1,2}[,)]|here\b|"
    r"\((?:she|he|they)/)"
)
_ROLE_AFTER = re.compile(
    r"(?i)\s*(?:,\s*)?(?:my|our|her|his|the)\s+(?:\w+\s+)?"
    r"(?:key ?worker|nurse|doctor|gp|therapist|counsell?or|friend|sponsor|"
    r"partner|social worker|support worker|neighbour|neighbor|consultant)"
)


# Family names usually written first (Vietnamese, Chinese, Korean, Japanese);
# with one of these first, the run is a name even at a sentence start.
_FAMILY_FIRST = frozenset(
    [
        "nguyen",
        "tran",
        "pham",
        "hoang",
        "huynh",
        "phan",
        "vu",
        "vo",
        "dang",
        "bui",
        "ngo",
        "duong",
        "trinh",
        "dinh",
        "zhang",
        "wang",
        "liu",
        "chen",
        "yang",
        "huang",
        "zhao",
        "zhou",
        "xu",
        "zhu",
        "guo",
        "luo",
        "liang",
        "zheng",
        "xie",
        "feng",
        "deng",
        "cao",
        "peng",
        "zeng",
        "xiao",
        "tian",
        "yuan",
        "jiang",
        "choi",
        "jung",
        "kang",
        "yoon",
        "jang",
        "shin",
        "kwon",
        "hwang",
        "ahn",
        "tanaka",
        "sato",
        "suzuki",
        "takahashi",
        "watanabe",
        "yamamoto",
        "nakamura",
        "kobayashi",
        "yamada",
        "sasaki",
        "matsumoto",
        "inoue",
        "kimura",
    ]
)
# "Jane Smith, jane@..." or "Jane Smith, 07700 ...": contact details follow.
_CONTACT_AFTER = re.compile(r"\s*[,:(–—-]\s*(?:[\w.+-]+@\w|\+?\d|\(\d)")


def _judge_name(
    text: str,
    run: list[tuple[int, int, str]],
    firsts: frozenset[str],
    sur: frozenset[str],
) -> Candidate | None:
    words = [_clean(w) for _, _, w in run]
    start, end = run[0][0], run[-1][1]
    if run[-1][2][-2:] in ("'s", "’s"):
        end -= 2
    full = " ".join(words)
    before = _before(text, start, 40)
    if full in _FAMOUS or _MEDIA_BEFORE.search(before):
        return None
    next_word = _NEXT_WORD.match(text, end)
    if next_word and next_word.group(1).casefold() in _NOT_AFTER_NAME:
        return None
    first, last = words[0], words[-1]
    if len(run[-1][2]) == 1:
        return None  # "first name plus initial"
    after = text[end : end + 25]
    sentence_start = not before.strip() or before.rstrip().endswith(('"', "“", ":"))
    last_surnamey = last in sur or bool(_SURNAME_SHAPE.search(run[-1][2]))
    first_known = first in firsts or ("-" in first and first.split("-", 1)[0] in firsts)
    has_particle = any(w in _PARTICLES for w in words[1:-1])
    if first_known and (last_surnamey or last in firsts or has_particle):
        return start, end, "full_name"
    if first in sur and last in firsts and not sentence_start:
        return start, end, "full_name"  # family-name-first order
    if first in _FAMILY_FIRST and len(run) <= 3 and (last in firsts or last in sur):
        return start, end, "full_name"
    if last in sur and len(run) == 2 and _CONTACT_AFTER.match(after):
        return start, end, "full_name"
    if _STRONG_CUE.search(before):
        return start, end, "full_name"
    if first_known and _NAME_CUE.search(before):
        return start, end, "full_name"
    if _RECORD_AFTER.match(after):
        return start, end, "full_name"
    if (first_known or last_surnamey) and _ROLE_AFTER.match(after):
        return start, end, "full_name"
    return None


# ---------------------------------------------------------------- assembly

_FINDERS: tuple[Callable[[str, Windows], Iterator[Candidate]], ...] = (
    _find_social,
    _find_emails,
    _find_cards,
    _find_gov_ids,
    _find_ips,
    _find_addresses,
    _find_phones,
)


def find_pii(text: str) -> tuple[PiiSpan, ...]:
    """Return sorted, non-overlapping personal-information spans in ``text``."""
    candidates: list[Candidate] = []
    windows = _digit_windows(text)
    for finder in _FINDERS:
        candidates.extend(finder(text, windows))
    names = _find_names(text)
    candidates.extend(names)
    candidates.extend(_find_dobs(text, names, windows))
    candidates.sort(key=lambda c: (_PRIORITY[c[2]], -(c[1] - c[0]), c[0]))
    taken: list[Candidate] = []  # kept sorted by start, never overlapping
    starts: list[int] = []
    for cand in candidates:
        s, e, _ = cand
        if e <= s:
            continue
        i = bisect_right(starts, s)
        if (i and taken[i - 1][1] > s) or (i < len(taken) and taken[i][0] < e):
            continue
        taken.insert(i, cand)
        starts.insert(i, s)
    return tuple(PiiSpan(kind, s, e) for s, e, kind in taken)
