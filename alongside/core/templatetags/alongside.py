"""Small template helpers shared by every page."""

from datetime import UTC, datetime

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

register = template.Library()


@register.simple_tag
def when(moment: datetime | None) -> SafeString:
    """A `<time>` in the viewer's time zone: "27 Nov 2026, 3:45pm"."""
    if moment is None:
        return SafeString("")
    local = timezone.localtime(moment)
    hour = local.strftime("%I").lstrip("0")
    if local.hour == 12 and local.minute == 0:
        clock = _("midday")
    elif local.hour == 0 and local.minute == 0:
        clock = _("midnight")
    else:
        clock = f"{hour}:{local.strftime('%M')}{'am' if local.hour < 12 else 'pm'}"
    text = f"{local.day} {local.strftime('%b %Y')}, {clock}"
    return format_html(
        '<time datetime="{}">{}</time>', moment.astimezone(UTC).isoformat(), text
    )


@register.simple_tag
def people(count: int) -> str:
    return ngettext("%(n)d person", "%(n)d people", count) % {"n": count}


@register.simple_tag
def replies_text(count: int) -> str:
    if count == 0:
        return _("Waiting for a reply")
    return ngettext("%(n)d reply", "%(n)d replies", count) % {"n": count}


@register.filter
def get_item(mapping: dict[int, object], key: int) -> object:
    return mapping.get(key, ())
