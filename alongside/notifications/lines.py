"""What a notification says and where it leads, built when it is shown.

Only names, titles and counts, read with the notification by
`queries.notifications_page`: never what anyone wrote. Nothing here queries.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from alongside.groups.models import JoinRequest
from alongside.threads.models import Reply

from .models import Notification

Kind = Notification.Kind


@dataclass(frozen=True)
class Line:
    notification: Notification
    text: str

    @property
    def is_unread(self) -> bool:
        return self.notification.read_at is None


def _writer(reply: Reply | None) -> str:
    """Who wrote a post, as the thread page names them."""
    if reply is None or reply.author is None:
        return _("A former member")
    if reply.is_anonymous:
        return _("An anonymous member")
    return reply.author.public_name


def text_of(notification: Notification) -> str:
    n = notification
    title = n.thread.title if n.thread is not None else ""
    group = n.group.name if n.group is not None else ""
    writer = _writer(n.reply) if n.reply_id is not None else ""
    if n.kind == Kind.REPLY:
        return _("%(name)s replied to your thread “%(title)s”") % {
            "name": writer,
            "title": title,
        }
    if n.kind == Kind.FOLLOWED:
        return _("%(name)s replied in “%(title)s”") % {"name": writer, "title": title}
    if n.kind == Kind.MENTION:
        return _("%(name)s mentioned you in “%(title)s”") % {
            "name": writer,
            "title": title,
        }
    if n.kind == Kind.NEW_THREAD:
        return _("%(name)s started a thread in %(group)s: “%(title)s”") % {
            "name": writer,
            "group": group,
            "title": title,
        }
    if n.kind == Kind.REACTIONS:
        return ngettext(
            "%(count)s member sent support for your post in “%(title)s”",
            "%(count)s members sent support for your post in “%(title)s”",
            n.count,
        ) % {"count": n.count, "title": title}
    if n.kind == Kind.JOIN_DECISION:
        if getattr(n, "join_status", None) == JoinRequest.Status.APPROVED:
            return _("You're in: your request to join %(group)s was accepted.") % {
                "group": group
            }
        return _("Your request to join %(group)s wasn't accepted this time.") % {
            "group": group
        }
    if n.kind == Kind.MEETING:
        return _("“%(title)s” in %(group)s starts within the hour.") % {
            "title": getattr(n, "meeting_title", None) or _("A meeting"),
            "group": group,
        }
    if n.kind == Kind.MODERATOR:
        return _("The moderators of %(group)s sent you a message.") % {"group": group}
    if n.kind == Kind.CHECK_BACK:
        return _("Checking in: did you find some support this week?")
    return str(n.get_kind_display())


def target_of(notification: Notification) -> str:
    """Where opening the notification leads (the page checks access again)."""
    n = notification
    if n.reply_id is not None:
        return f"{reverse('threads:detail', args=[n.thread_id])}#reply-{n.reply_id}"
    if n.kind == Kind.MEETING and n.target_id is not None:
        return reverse("meetings:detail", args=[n.target_id])
    if n.kind == Kind.JOIN_DECISION and n.group is not None:
        return reverse("groups:detail", args=[n.group.slug])
    if n.kind == Kind.MODERATOR:
        return reverse("home") + "#support-messages-heading"
    if n.kind == Kind.CHECK_BACK:
        return reverse("home") + "#check-back"
    return reverse("notifications:list")


def lines_for(notifications: list[Notification]) -> list[Line]:
    return [Line(n, text_of(n)) for n in notifications]
