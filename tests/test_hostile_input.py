"""Hostile text in every field a member writes never becomes markup that can run.

Script tags, event-handler attributes, javascript:/data:/vbscript: links (plain,
mixed-case, entity-encoded, as Markdown links, autolinks and references), raw HTML
and broken Markdown go through the real forms; then every page that shows the text
is parsed and checked: scripts only with the page's nonce, no on* attributes, no
dangerous URL schemes, no embedded or styled content from member text.
"""

import re
from html.parser import HTMLParser
from urllib.parse import urlencode

from django.db import transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alongside.accounts.models import User
from alongside.core.rendering import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, render_markdown
from alongside.resources.models import Resource
from alongside.threads.models import AuthorReveal, Reply, Thread
from conftest import PASSWORD, give_second_factor

PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="data:text/html,<script>alert(1)</script>">',
    "<style>body{display:none}</style>",
    '<a href="javascript:alert(1)">x</a>',
    '<a href="&#x6A;avascript:alert(1)">x</a>',
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    '<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">',
    '<base href="javascript:/">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<div hx-get="/admin/" hx-trigger="load" hx-on:click="alert(1)">x</div>',
    '<p style="position:fixed;inset:0">x</p>',
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x]( javascript:alert(1) )",
    "[x](&#106;avascript:alert(1))",
    "[x](java&#x09;script:alert(1))",
    "[x](javascript&colon;alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[x](vbscript:msgbox(1))",
    '[x](x" onmouseover="alert(1))',
    "[x](<javascript:alert(1)>)",
    "<javascript:alert(1)>",
    "<JAVASCRIPT:alert(1)>",
    "<data:text/html,hi>",
    "<vbscript:msgbox(1)>",
    "![x](javascript:alert(1))",
    '![x](x" onerror="alert(1))',
    "[x]: javascript:alert(1)\n\n[x]",
    "[ref]\n\n[ref]: data:text/html,hi",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    "</textarea><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    "</summary><script>alert(1)</script>",
    "{{ 7|add:7 }}{% debug %}",
    "`<script>alert(1)</script>`",
    "```html\n<script>alert(1)</script>\n```",
    "**bold _unclosed [link(",
    "> [x](javascript:alert(1))\n> <img src=x onerror=alert(1)>",
    "* [x](javascript:alert(1))\n  * <svg onload=alert(1)>",
    "<!-- x --><script>alert(1)</script>",
    "<scr<script>ipt>alert(1)</script>",
    "%3Cscript%3Ealert(1)%3C/script%3E",
    "\u2028\u2029\ufeff<script>",
    "# <img src=x onerror=alert(1)>\n===",
]

FILLER = st.text(
    alphabet=st.characters(codec="utf-8", exclude_characters="\x00"), max_size=12
)
HOSTILE = st.lists(
    st.one_of(st.sampled_from(PAYLOADS), FILLER), min_size=1, max_size=5
).map("".join)


def hostile(limit: int) -> st.SearchStrategy[str]:
    """Hostile text that still fits the field, so the form stores it."""
    return st.tuples(st.sampled_from(PAYLOADS), HOSTILE).map(
        lambda parts: (parts[0] + parts[1])[:limit]
    )


# ---------------------------------------------------------------------------
# What a page may contain

EMBEDDING_TAGS = {
    "iframe", "object", "embed", "style", "svg", "img", "math", "base", "frame",
    "frameset", "applet", "audio", "video", "source", "portal", "template",
}  # fmt: skip
HEAD_ONLY_TAGS = {"meta", "link"}
URL_ATTRIBUTES = {
    "href", "src", "action", "formaction", "xlink:href", "poster", "background",
    "data", "ping", "cite", "srcset", "hx-get", "hx-post", "hx-put", "hx-patch",
    "hx-delete",
}  # fmt: skip
BAD_SCHEME = re.compile(r"(javascript|data|vbscript):", re.IGNORECASE)


def csp_nonce(response) -> str:
    match = re.search(r"'nonce-([^']+)'", response.headers["Content-Security-Policy"])
    assert match, response.headers["Content-Security-Policy"]
    return match.group(1)


def normalised_url(value: str) -> str:
    """An attribute URL as a browser reads it: entities decoded, spaces dropped."""
    return re.sub(r"[\x00-\x20\x7f]", "", value).lower()


class PageScanner(HTMLParser):
    """Finds markup that could run or embed; `known` is chrome seen without input."""

    def __init__(self, nonce: str, *, known: frozenset[str] = frozenset()) -> None:
        super().__init__(convert_charrefs=True)
        self.nonce = nonce
        self.known = known
        self.in_head = False
        self.scripts = 0
        self.tags: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        shown = self.get_starttag_text() or ""
        chrome = shown.replace(self.nonce, "{nonce}")
        self.tags.append(chrome)
        if chrome in self.known:
            return
        values = {name: value or "" for name, value in attrs}
        if tag == "head":
            self.in_head = True
        elif tag == "body":
            self.in_head = False
        if tag == "script":
            self.scripts += 1
            if values.get("nonce") != self.nonce:
                self.problems.append(f"script without the page's nonce: {shown}")
        if tag in EMBEDDING_TAGS:
            self.problems.append(f"<{tag}> on the page: {shown}")
        if tag in HEAD_ONLY_TAGS and not self.in_head:
            self.problems.append(f"<{tag}> outside <head>: {shown}")
        for name, value in values.items():
            if name.startswith("on") or name.startswith(("hx-on", "data-hx-on")):
                self.problems.append(f"event handler attribute {name}: {shown}")
            if name in {"style", "srcdoc"}:
                self.problems.append(f"{name} attribute: {shown}")
            if name in URL_ATTRIBUTES and BAD_SCHEME.match(normalised_url(value)):
                self.problems.append(f"dangerous URL in {name}: {shown}")

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self.in_head = False


def scan(response, *, known: frozenset[str] = frozenset()) -> PageScanner:
    scanner = PageScanner(csp_nonce(response), known=known)
    scanner.feed(response.content.decode())
    scanner.close()
    return scanner


def page_problems(response, *, known: frozenset[str] = frozenset()) -> list[str]:
    return scan(response, known=known).problems


# ---------------------------------------------------------------------------
# Through the real views


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


FIELDS = {  # every field a member writes, with its length limit
    "title": 140,
    "body": 20000,
    "content_warning": 100,
    "display_name": 60,
    "pronouns": 30,
    "bio": 500,
    "answer": 1000,
    "reason": 1000,
    "search": 80,
    "note": 1000,
    "summary": 2000,
}


class Site:
    """The world's people as browsers, writing hostile text and reading it back."""

    def __init__(self, world):
        self.world = world
        self.member = signed_in(world.users["member"])
        self.outsider = signed_in(world.users["outsider"])
        self.moderator = signed_in(world.users["moderator"])
        self.facilitator = signed_in(world.users["facilitator"])
        self.host = signed_in(User.objects.get(username="nico"))
        self.anonymous = Client()
        self.group = world.groups["listed"]
        self.neighbour_group = world.groups["neighbour"]
        self.thread = world.threads["listed"]
        self.problems: list[str] = []

    def post(self, client, url, data, *, status=302):
        response = client.post(url, data)
        if response.status_code != status:
            self.problems.append(f"POST {url}: {response.status_code}, not {status}")
        return response

    def check_page(self, label, response, *, known=frozenset()):
        self.problems += [f"{label}: {p}" for p in page_problems(response, known=known)]

    def read(self, client, url, **known):
        response = client.get(url)
        if response.status_code != 200:
            self.problems.append(f"GET {url}: {response.status_code}")
            return
        self.check_page(f"GET {url}", response, **known)

    def url(self, name, *args):
        return reverse(name, args=args)

    def search_for(self, text):
        """The search page for the words of `text`: results with them marked."""
        return f"{self.url('search:index')}?{urlencode({'q': text})}"

    def write(self, field: str, text: str) -> list[tuple[Client, str]]:
        """Store `text` in `field` through its form; return the pages showing it."""
        return getattr(self, f"write_{field}")(text)

    def write_title(self, text):
        group = self.group
        new = {"title": text, "body": "How do you rest?", "pii_seen": "True"}
        self.post(self.member, self.url("threads:new", group.slug), new)
        thread = Thread.objects.filter(group=group).order_by("-pk")[0]
        invalid = {"title": text, "body": ""}
        response = self.post(
            self.member, self.url("threads:new", group.slug), invalid, status=422
        )
        self.check_page("the thread form with an error", response)
        opening = thread.replies.get(is_opening=True)
        return [
            (self.member, thread.get_absolute_url()),
            (self.member, group.get_absolute_url()),
            (self.member, self.url("home")),
            (self.member, self.url("threads:edit", opening.pk)),
            (self.member, self.search_for(text)),
        ]

    def _reply(self, body, content_warning=""):
        data = {"body": body, "content_warning": content_warning, "pii_seen": "True"}
        self.post(self.member, self.url("threads:reply", self.thread.pk), data)
        reply = Reply.objects.filter(thread=self.thread).order_by("-pk")[0]
        return [
            (self.facilitator, self.thread.get_absolute_url()),
            (self.member, self.url("threads:edit", reply.pk)),
            (self.facilitator, self.search_for(body)),
        ]

    def write_body(self, text):
        preview = self.post(
            self.member, self.url("safety:preview"), {"body": text}, status=200
        )
        # The preview is an htmx fragment: no page around it, so no script at all.
        fragment = PageScanner(nonce="no scripts in a fragment")
        fragment.feed(preview.content.decode())
        self.problems += [f"the composer preview: {p}" for p in fragment.problems]
        return self._reply(text)

    def write_content_warning(self, text):
        return self._reply("Some words.", text)

    def _profile(self, **fields):
        profile = {"country": "", "time_zone": "UTC", "language": "en", **fields}
        self.post(self.member, self.url("accounts:profile_edit"), profile)
        return [(self.facilitator, self.url("accounts:profile", "rowan"))]

    def write_display_name(self, text):
        reacted = self.world.replies["listed"]
        self.post(
            self.member, self.url("threads:react", reacted.pk), {"kind": "me_too"}
        )
        return [
            *self._profile(display_name=text),
            (self.facilitator, self.thread.get_absolute_url()),
            (self.member, self.url("home")),
            (self.member, self.url("groups:members", self.group.slug)),
        ]

    def write_pronouns(self, text):
        return self._profile(pronouns=text)

    def write_bio(self, text):
        return self._profile(bio=text)

    def write_answer(self, text):
        slug = self.neighbour_group.slug
        self.post(self.outsider, self.url("groups:request", slug), {"answer": text})
        return [
            (self.host, self.url("groups:requests", slug)),
            (self.outsider, self.url("groups:request", slug)),
        ]

    def write_reason(self, text):
        self.reveal(text)
        # A moderator's reason for hiding a post: shown to its writer on the post
        # and in a message, and to the moderators beside a Restore form.
        hidden = self.world.replies["listed anonymous"]
        self.post(self.moderator, self.url("threads:hide", hidden.pk), {"reason": text})
        return [
            (self.member, self.thread.get_absolute_url()),
            (self.moderator, self.thread.get_absolute_url()),
            (self.member, self.url("home")),
        ]

    def write_note(self, text):
        url = self.url("moderation:report_reply", self.world.replies["listed"].pk)
        self.post(self.member, url, {"reason": "other", "note": text})
        return [(self.moderator, self.url("moderation:queue", self.group.slug))]

    def write_summary(self, text):
        """A resource's title and summary: checked before sending, then shared."""
        share = self.url("resources:share")
        fields = {
            "title": text[:160],
            "summary": text,
            "kind": "tip",
            "tags": "pacing",
            "groups": self.group.slug,
            "pii_seen": "True",
        }
        preview = self.post(self.member, share, fields, status=200)
        self.check_page("the resource preview", preview)
        self.post(self.member, share, {**fields, "step": "share"})
        resource = Resource.objects.order_by("-pk")[0]
        return [
            (self.facilitator, self.url("resources:library")),
            (self.facilitator, resource.get_absolute_url()),
            (self.facilitator, self.search_for(text)),
        ]

    def write_search(self, text):
        return [
            (self.anonymous, f"{self.url('groups:list')}?q={text}"),
            (self.member, self.search_for(text)),
        ]

    def reveal(self, reason):
        url = self.url("threads:reveal", self.world.replies["listed anonymous"].pk)
        response = self.post(self.moderator, url, {"reason": reason}, status=200)
        self.check_page("the reveal answer", response)
        return AuthorReveal.objects.order_by("-pk").first()


HYPOTHESIS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
FIELD_AND_TEXT = st.sampled_from(sorted(FIELDS)).flatmap(
    lambda field: st.tuples(st.just(field), hostile(FIELDS[field]))
)


@HYPOTHESIS
@given(field_and_text=FIELD_AND_TEXT)
def test_hostile_text_in_any_member_field_is_shown_inert_on_every_page(
    world, field_and_text
):
    field, text = field_and_text
    site = Site(world)
    with transaction.atomic():  # every example starts from the same world
        for client, url in site.write(field, text):
            site.read(client, url)
        transaction.set_rollback(True)
    assert not site.problems, "\n".join(site.problems)


def rounds(limit: int) -> list[str]:
    """Every payload, packed into as few texts of at most `limit` as possible."""
    packed, current = [], ""
    for payload in PAYLOADS:
        if current and len(current) + len(payload) + 1 > limit:
            packed.append(current)
            current = ""
        current = f"{current} {payload}".strip() if current else payload[:limit]
    return [*packed, current]


def test_every_known_attack_in_every_field_at_once_is_inert_on_every_page(world):
    """Each round fills every field; the heaviest pages (the profile form with its
    long lists, the admin) are read here rather than in every example above."""
    site = Site(world)
    operator = User.objects.create_superuser("operator", "op@example.org", PASSWORD)
    give_second_factor(operator)  # the admin site asks for one
    staff = signed_in(operator)
    member_admin = reverse(
        "admin:accounts_user_change", args=[world.users["member"].pk]
    )
    benign = site.reveal("Worried about them.")
    reveal_admin = reverse("admin:threads_authorreveal_change", args=[benign.pk])
    # The admin draws its own icons and loads its own scripts: that chrome, seen
    # before any hostile text is written, is all an admin page may embed.
    chrome = frozenset(
        tag for url in (member_admin, reveal_admin) for tag in scan(staff.get(url)).tags
    )
    packed = {field: rounds(limit) for field, limit in FIELDS.items()}
    count = len(packed["bio"])
    for index in range(count):
        pages = []
        for field, texts in packed.items():
            pages += site.write(field, texts[index * len(texts) // count])
        reveal = AuthorReveal.objects.order_by("-pk")[0]
        pages += [
            (site.member, reverse("accounts:profile_edit")),
            (staff, member_admin),
            (staff, reverse("admin:threads_authorreveal_change", args=[reveal.pk])),
        ]
        for client, url in pages:
            site.read(client, url, known=chrome if client is staff else frozenset())
    assert count > 2
    assert not site.problems, "\n".join(site.problems)


# ---------------------------------------------------------------------------
# The renderer on its own

SAFE_SCHEMES = ("http://", "https://", "mailto:")


def markup_problems(html: str) -> list[str]:
    """What in rendered Markdown goes beyond the renderer's allow-list."""
    found: list[tuple[str, list[tuple[str, str | None]]]] = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, attrs))

        handle_startendtag = handle_starttag

    Collect(convert_charrefs=True).feed(html)
    problems = []
    for tag, attrs in found:
        if tag not in ALLOWED_TAGS:
            problems.append(f"<{tag}>")
        for name, value in attrs:
            if name not in ALLOWED_ATTRIBUTES.get(tag, set()) | {"rel"}:
                problems.append(f"{name} on <{tag}>")
            if name == "href":
                url = normalised_url(value or "")
                scheme = re.match(r"^([a-z][a-z0-9+.-]*):", url)
                if scheme and not url.startswith(SAFE_SCHEMES):
                    problems.append(f"href {value!r}")
    return problems


@settings(max_examples=400, deadline=None)
@given(text=HOSTILE)
def test_rendered_markdown_keeps_only_allowed_tags_attributes_and_links(text):
    html = render_markdown(text)
    assert not markup_problems(html), html


def test_rendered_markdown_turns_every_known_attack_into_text():
    for payload in PAYLOADS:
        html = render_markdown(payload)
        assert not markup_problems(html), (payload, html)
        assert "<script" not in html.lower(), payload


def test_rendered_markdown_keeps_safe_links_so_the_checks_are_not_vacuous():
    html = render_markdown("[help](https://example.org/help) and <mailto:a@b.org>")
    assert 'href="https://example.org/help"' in html
    assert 'href="mailto:a@b.org"' in html
    assert not markup_problems(html)
