"""Small template helpers shared by every page."""

from datetime import UTC, datetime
from html import escape

from django import template
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from alongside.core.middleware import is_public_page

register = template.Library()


@register.simple_tag(takes_context=True)
def robots_meta(context: template.Context) -> SafeString:
    """<meta name="robots" content="noindex"> on every page but the public ones
    (core.middleware.is_public_page); a page about an unlisted group never is."""
    request = context.get("request")
    if request is not None and is_public_page(request, context.get("group")):
        return SafeString("")
    return SafeString('<meta name="robots" content="noindex">')


@register.simple_tag
def when(moment: datetime | None) -> SafeString:
    """A `<time>` in the viewer's time zone: "27 Nov 2026, 3:45pm".

    A thread page shows one per post, so this stays cheap: one strftime() call and
    `html.escape` rather than format_html.
    """
    if moment is None:
        return SafeString("")
    text = escape(when_text(moment))
    stamp = escape(moment.astimezone(UTC).isoformat())
    return SafeString(f'<time datetime="{stamp}">{text}</time>')


def when_text(moment: datetime) -> str:
    """A moment as plain words in the viewer's time zone: "27 Nov 2026, 3:45pm"."""
    local = timezone.localtime(moment)
    hour, minute = local.hour, local.minute
    if hour == 12 and minute == 0:
        clock = _("midday")
    elif hour == 0 and minute == 0:
        clock = _("midnight")
    else:
        clock = f"{hour % 12 or 12}:{minute:02d}{'am' if hour < 12 else 'pm'}"
    return f"{local.day} {local.strftime('%b %Y')}, {clock}"


@register.simple_tag
def people(count: int) -> str:
    return ngettext("%(n)d person", "%(n)d people", count) % {"n": count}


@register.simple_tag
def replies_text(count: int) -> str:
    if count == 0:
        return _("Waiting for a reply")
    return ngettext("%(n)d reply", "%(n)d replies", count) % {"n": count}
