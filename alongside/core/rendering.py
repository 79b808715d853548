"""Member-written Markdown to safe HTML, done once when the text is written.

markdown-it-py parses CommonMark with raw HTML switched off; nh3 then keeps only a
small allow-list of tags and attributes, and only http(s) and mailto links. The result
is stored, so a page never parses Markdown.
"""

from functools import cache

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "a", "ul", "ol", "li", "blockquote", "code",
    "pre", "hr", "h3", "h4", "h5", "h6",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}


@cache
def _parser() -> MarkdownIt:
    md = MarkdownIt(
        "commonmark", {"html": False, "linkify": False, "typographer": False}
    )
    # Headings inside a post must sit below the page's own h1/h2 outline.
    md.disable(["image"])
    return md


def _demote_headings(html: str) -> str:
    for level in (2, 1):
        html = html.replace(f"<h{level}>", f"<h{level + 2}>").replace(
            f"</h{level}>", f"</h{level + 2}>"
        )
    return html


def render_markdown(text: str) -> str:
    """Return sanitised HTML for member-written Markdown; nothing in it can run."""
    html = _demote_headings(_parser().render(text))
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow noopener noreferrer ugc",
        strip_comments=True,
    )


def clean_text(text: str) -> str:
    """A member's text without NUL bytes (PostgreSQL refuses them), with LF ends."""
    return text.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n")
