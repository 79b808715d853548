"""The posts of a thread page and their reaction bars, as HTML built in Python.

A thread page shows a page of posts, each with five reaction forms. Built here,
one call per post, they cost a small part of what nested template includes and
loops cost. Every value put into the markup is escaped with `html.escape` (what
Django's `escape` and `format_html` use), except `Reply.body_html`, which is stored
already sanitised. Words are translated with gettext, once per request.
"""

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from functools import cached_property
from html import escape
from typing import Any

from django.template.loader import get_template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from alongside.core.templatetags.alongside import people, when
from alongside.moderation.models import ContextNote
from alongside.moderation.rendering import context_note_aside
from alongside.moderation.trust import HELD_FIRST_POST
from alongside.resources.models import Resource

from .models import Reply, Thread
from .queries import ReactionCount, author_badge

# The shape beside each label's words; the words alone carry the meaning.
CLAIM_ICONS: dict[str, str] = {
    Reply.Claim.EXPERIENCE: "❝",
    Reply.Claim.INFORMATION: "ⓘ",
    Reply.Claim.PROFESSIONAL: "⚕",
}
# Labels under which the writer has framed a treatment claim themselves, so the
# reader's note about unsourced claims is not added.
FRAMED_CLAIMS: frozenset[str] = frozenset(
    {Reply.Claim.EXPERIENCE, Reply.Claim.INFORMATION}
)

_SLOT = 987654321


def _url_maker(name: str) -> Callable[[int], str]:
    """`reverse(name, args=[pk])`, escaped, for any pk at the cost of one reverse()."""
    head, _sep, tail = escape(reverse(name, args=[_SLOT])).rpartition(str(_SLOT))
    return lambda pk: f"{head}{int(pk)}{tail}"


class PostRenderer:
    """Renders posts and reaction bars for one viewer, in one request."""

    def __init__(
        self,
        *,
        viewer_id: int,
        csrf_token: str,
        can_react: bool,
        can_moderate: bool = False,
        thread: Thread | None = None,
        can_add_notes: bool = False,
        can_withdraw_note: Callable[[ContextNote], bool] | None = None,
        today: date | None = None,
        resources: Mapping[int, Resource] | None = None,
    ) -> None:
        self.viewer_id = viewer_id
        self.csrf_token = escape(csrf_token)
        self.can_react = can_react
        self.can_moderate = can_moderate
        self.thread = thread
        self.can_add_notes = can_add_notes
        self.can_withdraw_note = can_withdraw_note
        # Badges show while they stand on `today`; without it, none show.
        self.today = today
        # The library resources the page's replies link to, as the viewer may see
        # them (threads.queries.resource_cards_for).
        self.resources = resources or {}
        self._kinds: dict[str, tuple[str, str, str]] = {}
        self._people: dict[int, str] = {}
        self._member_urls: dict[int, tuple[str, str, str]] = {}
        self._profile_links: dict[int, str] = {}
        self._badges: dict[int, str] = {}

    @cached_property
    def words(self) -> dict[str, str]:
        """The fixed words of a post, translated and escaped."""
        return {
            key: escape(text)
            for key, text in {
                "reactions": _("Reactions"),
                "who": _("who"),
                "anonymous": _("Anonymous member"),
                "former": _("Former member"),
                "edited": _("edited"),
                "deleted": _("This post was deleted."),
                "content_note": _("Content note:"),
                "show_post": _("Show post"),
                "claim": _(
                    "This post shares a view on treatment without a source. What "
                    "helps one person may not suit another: check with a health "
                    "professional before changing any treatment."
                ),
                "edit": _("Edit"),
                "your_post": _("your post"),
                "delete": _("Delete"),
                "this_post": _("this post"),
                "reveal": _("See who wrote this"),
                "add_note": _("Add context note"),
                "held_first": _(
                    "Thanks for posting. Because you're new here, a moderator will "
                    "look at your first post before others see it — usually within "
                    "a day."
                ),
                "held_filter": _(
                    "Thanks for posting. A moderator will look at this post before "
                    "others see it — usually within a day."
                ),
                "held_waiting": _(
                    "Waiting for a moderator's approval. Only its writer and the "
                    "moderators can see it."
                ),
                "muted": _("Post from a member you muted"),
                "show": _("show"),
                "mute": _("Mute"),
                "block": _("Block"),
            }.items()
        }

    @cached_property
    def react_url(self) -> Callable[[int], str]:
        return _url_maker("threads:react")

    @cached_property
    def tool_urls(self) -> tuple[Callable[[int], str], ...]:
        return (
            _url_maker("threads:edit"),
            _url_maker("threads:delete"),
            _url_maker("threads:reveal"),
        )

    def _kind(self, reaction: ReactionCount) -> tuple[str, str, str]:
        """The escaped kind, label and "Who sent <label>" of a kind of reaction."""
        found = self._kinds.get(reaction.kind)
        if found is None:
            sent_by = _("Who sent %(label)s") % {"label": reaction.label}
            found = (escape(reaction.kind), escape(reaction.label), escape(sent_by))
            self._kinds[reaction.kind] = found
        return found

    def _count(self, count: int) -> str:
        """ "4 people", escaped."""
        found = self._people.get(count)
        if found is None:
            found = self._people[count] = escape(people(count))
        return found

    def reactions(
        self, reply_id: int, counts: Sequence[ReactionCount], status_text: str = ""
    ) -> SafeString:
        """The reaction bar: a form per kind, counts in words, and who sent them.

        The forms post without JavaScript; with htmx, the answer replaces
        `#reactions-<id>`, and the status line announces what changed.
        """
        words = self.words
        reply_id = int(reply_id)
        status = escape(str(status_text))
        form = ""
        if self.can_react:
            url = self.react_url(reply_id)
            form = (
                f'<form method="post" action="{url}" hx-post="{url}" '
                f'hx-target="#reactions-{reply_id}" hx-swap="outerHTML">\n'
                '        <input type="hidden" name="csrfmiddlewaretoken" '
                f'value="{self.csrf_token}">'
            )
        items = []
        for reaction in counts:
            kind, label, sent_by = self._kind(reaction)
            count = self._count(reaction.count) if reaction.count else ""
            if self.can_react:
                mine = reaction.mine
                shown = (
                    f'{label}<span class="reaction__count">, {count}</span>'
                    if count
                    else label
                )
                control = (
                    f'{form}<input type="hidden" name="kind" value="{kind}">\n'
                    '        <button type="submit" class="reaction'
                    f'{" reaction--mine" if mine else ""}" '
                    f'aria-pressed="{"true" if mine else "false"}">{shown}</button>\n'
                    "      </form>"
                )
            elif count:
                control = f'<span class="reaction">{label}, {count}</span>'
            else:
                control = ""
            who = ""
            if count:
                names = escape(", ".join(reaction.names))
                who = (
                    '\n      <details class="reaction__who"><summary>'
                    f'<span class="visually-hidden">{sent_by}</span>'
                    f'<span aria-hidden="true">{words["who"]}</span></summary>'
                    f"<p>{names}</p></details>"
                )
            items.append(f"    <li>\n      {control}{who}\n    </li>\n")
        return SafeString(
            f'<div class="reactions" id="reactions-{reply_id}">\n'
            f'  <ul class="reaction-list" aria-label="{words["reactions"]}">\n'
            f"{''.join(items)}"
            "  </ul>\n"
            f'  <p class="reaction-status" role="status">{status}</p>\n'
            "</div>"
        )

    def _author(self, post: Reply, *, link: bool) -> str:
        """Who wrote the post, escaped: never the name of an anonymous writer."""
        if post.is_anonymous:
            return self.words["anonymous"]
        if post.author is None:
            return self.words["former"]
        if link:
            # Built once per writer on the page.
            found = self._profile_links.get(post.author.pk)
            if found is None:
                found = self._profile_links[post.author.pk] = format_html(
                    '<a href="{}">{}</a>',
                    reverse("accounts:profile", args=[post.author.username]),
                    post.author.public_name,
                )
            return found
        return escape(post.author.public_name)

    def _tools(self, post: Reply) -> str:
        edit_url, delete_url, reveal_url = self.tool_urls
        words = self.words
        tools = []
        mine = post.author_id == self.viewer_id
        if mine:
            tools.append(
                f'<a href="{edit_url(post.pk)}">{words["edit"]}<span '
                f'class="visually-hidden"> {words["your_post"]}</span></a>'
            )
        if mine or self.can_moderate:
            tools.append(
                f'<a href="{delete_url(post.pk)}">{words["delete"]}<span '
                f'class="visually-hidden"> {words["this_post"]}</span></a>'
            )
        if post.is_anonymous and self.can_moderate:
            tools.append(f'<a href="{reveal_url(post.pk)}">{words["reveal"]}</a>')
        if self.can_add_notes:
            tools.append(
                f'<a href="{self.note_urls[0](post.pk)}">{words["add_note"]}</a>'
            )
        tools.extend(self._member_tools(post))
        tools.extend(self._report_tool(post))
        tools.extend(self._moderator_tools(post))
        lines = "".join(f"\n    {tool}" for tool in tools)
        return f'  <div class="post__tools">{lines}\n  </div>\n'

    # Reporting a post to the group's moderators: anyone's but one's own.

    @cached_property
    def report_link(self) -> tuple[Callable[[int], str], str]:
        words = (
            f"{escape(_('Report'))}"
            f'<span class="visually-hidden"> {escape(_("this post"))}</span>'
        )
        return _url_maker("moderation:report_reply"), words

    def _report_tool(self, post: Reply) -> list[str]:
        if post.author_id == self.viewer_id or post.is_hidden or post.is_held:
            return []
        url, words = self.report_link
        return [f'<a href="{url(post.pk)}">{words}</a>']

    # Moderators' actions: hide and restore a reply, and act on its writer.

    @cached_property
    def moderation_urls(self) -> tuple[Callable[[int], str], Callable[[int], str]]:
        return _url_maker("threads:hide"), _url_maker("threads:restore")

    @cached_property
    def moderation_words(self) -> dict[str, str]:
        """The fixed words of the moderators' tools, translated and escaped."""
        return {
            key: escape(text)
            for key, text in {
                "hidden": _("Hidden"),
                "reason": _("The reason given:"),
                "why_restore": _("Why show it again (for the log)"),
                "restore": _("Restore"),
                "hide": _("Hide"),
                "member_actions": _("Member actions"),
                "for": _("for"),
            }.items()
        }

    def _hidden(self, post: Reply) -> str:
        """Why a hidden post is hidden: for moderators with a Restore form, for its
        writer in kind words (everyone else never receives the post)."""
        pk = int(post.pk)
        reason = post.hidden_reason.strip().rstrip(".")
        if self.can_moderate and post.author_id != self.viewer_id:
            words = self.moderation_words
            restore_url = self.moderation_urls[1](pk)
            return (
                '  <div class="notice hidden-note">\n'
                f"    <p><strong>{words['hidden']}</strong> · "
                f"{words['reason']} {escape(reason)}</p>\n"
                f'    <form method="post" action="{restore_url}" novalidate>\n'
                '      <input type="hidden" name="csrfmiddlewaretoken" '
                f'value="{self.csrf_token}">\n'
                f'      <label for="restore-reason-{pk}">{words["why_restore"]}'
                "</label>\n"
                f'      <input type="text" name="reason" id="restore-reason-{pk}" '
                'maxlength="1000">\n'
                '      <button type="submit" class="button--secondary">'
                f"{words['restore']}</button>\n"
                "    </form>\n"
                "  </div>\n"
            )
        notice = _(
            "A moderator hid this post: %(reason)s. Only you and the moderators can "
            "see it. You can edit it and ask for it to be shown again."
        ) % {"reason": reason}
        return f'  <p class="notice hidden-note">{escape(notice)}</p>\n'

    def _moderator_tools(self, post: Reply) -> list[str]:
        """Hide a post that is up, and act on its writer (never on an anonymous
        post, whose writer only "See who wrote this" reveals)."""
        if not self.can_moderate:
            return []
        words = self.moderation_words
        tools = []
        # Another moderator decides about their own posts.
        if not post.is_hidden and post.author_id != self.viewer_id:
            hide_url = self.moderation_urls[0](post.pk)
            tools.append(
                f'<a href="{hide_url}">{words["hide"]}<span class="visually-hidden"> '
                f"{self.words['this_post']}</span></a>"
            )
        author = post.author
        if (
            author is not None
            and self.thread is not None
            and not post.is_anonymous
            and author.pk != self.viewer_id
        ):
            link = self._member_action_links.get(author.pk)
            if link is None:
                url = reverse(
                    "moderation:member", args=[self.thread.group.slug, author.username]
                )
                link = self._member_action_links[author.pk] = (
                    f'<a href="{escape(url)}">{words["member_actions"]}<span '
                    f'class="visually-hidden"> {words["for"]} '
                    f"{escape(author.public_name)}</span></a>"
                )
            tools.append(link)
        return tools

    @cached_property
    def _member_action_links(self) -> dict[int, str]:
        """Each writer's "Member actions" link, built once per page."""
        return {}

    # Held posts, and the member's own tools: mute and block.

    def _held_and_muted(self, post: Reply, body: str) -> str:
        """A held post's notice for its writer and the moderators; a muted member's
        post folded behind "show" (`author_is_muted` comes from replies_in)."""
        words = self.words
        if getattr(post, "author_is_muted", False) and post.author_id != self.viewer_id:
            body = (
                '  <details class="muted-post">\n'
                f"    <summary>{words['muted']} · {words['show']}</summary>\n"
                f"  {body}  </details>\n"
            )
        if post.is_held and not post.is_hidden:
            if post.author_id == self.viewer_id:
                first = post.held_reason == HELD_FIRST_POST
                key = "held_first" if first else "held_filter"
            else:
                key = "held_waiting"
            body = f'  <p class="held-note">{words[key]}</p>\n{body}'
        return body

    def _member_tools(self, post: Reply) -> list[str]:
        """Mute or block the writer: never on one's own or an anonymous post."""
        author = post.author
        if author is None or post.is_anonymous or author.pk == self.viewer_id:
            return []
        urls = self._member_urls.get(author.pk)
        if urls is None:
            name = escape(author.public_name)
            urls = self._member_urls[author.pk] = (
                escape(reverse("moderation:mute_member", args=[author.username])),
                escape(reverse("moderation:block", args=[author.username])),
                name,
            )
        mute_url, block_url, name = urls
        words = self.words
        return [
            f'<a href="{mute_url}">{words["mute"]}<span class="visually-hidden"> '
            f"{name}</span></a>",
            f'<a href="{block_url}">{words["block"]}<span class="visually-hidden"> '
            f"{name}</span></a>",
        ]

    @cached_property
    def note_urls(self) -> tuple[Callable[[int], str], Callable[[int], str]]:
        return (
            _url_maker("moderation:context_note"),
            _url_maker("moderation:context_note_withdraw"),
        )

    def notes(self, post: Reply, notes: Sequence[ContextNote]) -> str:
        """The context notes beneath a post, each a labelled `aside`; a form to
        withdraw each one the viewer may (moderators any, writers their own)."""
        if not notes:
            return ""
        level = 2 if post.is_opening else 3
        may_withdraw = self.can_withdraw_note
        withdraw_url = self.note_urls[1]
        asides = "".join(
            context_note_aside(
                note,
                heading_level=level,
                withdraw_url=(
                    withdraw_url(note.pk)
                    if may_withdraw is not None and may_withdraw(note)
                    else ""
                ),
                csrf_token=self.csrf_token,
            )
            for note in notes
        )
        return f'  <div class="context-notes">{asides}</div>\n'

    # What a writer says about their post, and who they are: a claim label, a
    # professional's badge, and cards for the library resources it links to.

    @cached_property
    def claim_labels(self) -> dict[str, str]:
        """Each label as shown on a post: an icon shape (hidden) and words."""
        return {
            claim: (
                f'  <p class="claim-label claim-label--{escape(claim)}">'
                f'<span class="claim-label__icon" aria-hidden="true">'
                f"{CLAIM_ICONS[claim]}</span> {escape(str(label))}</p>\n"
            )
            for claim, label in Reply.Claim.choices
            if claim
        }

    def _badge(self, post: Reply) -> str:
        """The writer's professional badge while it stands, built once per writer."""
        if self.today is None:
            return ""
        credential = author_badge(post, self.today)
        if credential is None:
            return ""
        found = self._badges.get(credential.member_id)
        if found is None:
            found = self._badges[credential.member_id] = (
                " "
                + get_template("resources/_badge.html")
                .render({"credential": credential})
                .strip()
            )
        return found

    @cached_property
    def _card_template(self) -> Any:
        return get_template("threads/_resource_card.html")

    def _cards(self, post: Reply) -> str:
        """A card for each library resource the post links to that the viewer may
        see, with its review state as it is now."""
        found = [
            self.resources[int(pk)]
            for pk in post.resource_ids
            if int(pk) in self.resources
        ]
        if not found:
            return ""
        cards = "".join(
            self._card_template.render(
                {"resource": resource, "prefix": f"reply-{int(post.pk)}-"}
            )
            for resource in found
        )
        return f'  <div class="resource-links">{cards}</div>\n'

    def post(
        self,
        post: Reply,
        counts: Sequence[ReactionCount],
        notes: Sequence[ContextNote] = (),
    ) -> SafeString:
        """One post: an `article` named by its author, its body, reactions, tools.

        The opening post carries the thread's title as the page's `h1`; each reply
        is headed by its author in an `h2`.
        """
        words = self.words
        pk = int(post.pk)
        edited = f" · {words['edited']}" if post.edited_at else ""
        badge = self._badge(post) if not post.is_deleted else ""
        label = "" if post.is_deleted else self.claim_labels.get(post.claim, "")
        if post.is_opening:
            title = escape(self.thread.title) if self.thread else ""
            header = (
                '<header class="post__header">\n'
                f'    <h1 id="reply-{pk}-title">{title}</h1>\n'
                f'    <p class="meta" id="reply-{pk}-by">'
                f"{self._author(post, link=True)}{badge} · "
                f"{when(post.created_at)}{edited}</p>\n{label}  </header>"
            )
        else:
            header = (
                '<header class="post__header">\n'
                f'    <h2 class="post__author" id="reply-{pk}-by">'
                f"{self._author(post, link=False)}{badge}</h2>\n"
                f'    <p class="meta">{when(post.created_at)}{edited}</p>\n'
                f"{label}  </header>"
            )
        cards = self._cards(post) if post.resource_ids and not post.is_deleted else ""
        if post.is_deleted:
            body = f'  <p class="deleted">{words["deleted"]}</p>\n'
        elif post.content_warning:
            body = (
                '  <details class="content-note">\n'
                f"    <summary>{words['content_note']} "
                f"{escape(post.content_warning)} · {words['show_post']}</summary>\n"
                # body_html is sanitised when it is stored.
                f'    <div class="post__body">{post.body_html}</div>\n'
                f"{cards}"
                "  </details>\n"
            )
        else:
            body = f'  <div class="post__body">{post.body_html}</div>\n{cards}'
        if not post.is_deleted:
            body = self._held_and_muted(post, body)
            if post.is_hidden:
                body = self._hidden(post) + body
        rest = ""
        if not post.is_deleted:
            if post.has_unsourced_claim and post.claim not in FRAMED_CLAIMS:
                rest = f'  <p class="claim-note">{words["claim"]}</p>\n'
            rest += self.notes(post, notes)
            rest += f"  {self.reactions(pk, counts)}\n{self._tools(post)}"
        opening = " post--opening" if post.is_opening else ""
        return SafeString(
            f'<article class="post{opening}" id="reply-{pk}" '
            f'aria-labelledby="reply-{pk}-by">\n'
            f"  {header}\n{body}{rest}</article>\n"
        )
