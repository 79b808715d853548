"""A context note as HTML, built in Python like the posts it sits beneath.

Every value is escaped with `html.escape`, except `ContextNote.body_html`, which is
stored already sanitised.
"""

from datetime import UTC
from html import escape

from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from .models import ContextNote


def note_heading(note: ContextNote) -> str:
    """Who the note is from: the moderators, or a professional by name and badge.

    The badge's scope is the one it had when the note was added; the name is the
    writer's as it is now ("Former member" once their account is gone).
    """
    if not note.author_scope:
        return _("Context from the moderators")
    name = note.author.public_name if note.author else _("a former member")
    return _("Context from %(name)s, %(scope)s") % {
        "name": name,
        "scope": note.author_scope,
    }


def context_note_aside(
    note: ContextNote,
    *,
    heading_level: int = 3,
    withdraw_url: str = "",
    csrf_token: str = "",
) -> SafeString:
    """The note as a labelled `aside`: its words, its sources with their domains,
    and the day it was added. With `withdraw_url`, a form to withdraw it."""
    pk = int(note.pk)
    level = min(max(int(heading_level), 2), 6)
    sources = "".join(
        f'\n    <li><a href="{escape(source["url"])}" '
        'rel="nofollow noopener noreferrer">'
        f"{escape(source['url'])}</a> ({escape(source['domain'])})</li>"
        for source in note.sources
    )
    day = timezone.localtime(note.created_at)
    stamp = escape(note.created_at.astimezone(UTC).isoformat())
    added = escape(_("Added %(day)s")) % {
        "day": f'<time datetime="{stamp}">{escape(format_date(day, "j F Y"))}</time>'
    }
    withdraw = ""
    if withdraw_url:
        withdraw = (
            '\n  <details class="context-note__withdraw">\n'
            f'    <summary>{escape(_("Withdraw"))}<span class="visually-hidden"> '
            f"{escape(_('this note'))}</span></summary>\n"
            f'    <form method="post" action="{escape(withdraw_url)}">\n'
            '      <input type="hidden" name="csrfmiddlewaretoken" '
            f'value="{escape(csrf_token)}">\n'
            f'      <label for="note-{pk}-reason">{escape(_("Why (for the log)"))}'
            "</label>\n"
            f'      <input type="text" name="reason" id="note-{pk}-reason" '
            'maxlength="1000">\n'
            '      <button type="submit" class="button--secondary">'
            f"{escape(_('Withdraw note'))}</button>\n"
            "    </form>\n  </details>"
        )
    return SafeString(
        f'<aside class="context-note" id="note-{pk}" '
        f'aria-labelledby="note-{pk}-title">\n'
        f'  <h{level} class="context-note__title" id="note-{pk}-title">'
        f"{escape(note_heading(note))}</h{level}>\n"
        # body_html is sanitised when it is stored.
        f'  <div class="context-note__body">{note.body_html}</div>\n'
        f'  <p class="context-note__label" id="note-{pk}-sources">'
        f"{escape(_('Sources'))}</p>\n"
        f'  <ul class="context-note__sources" aria-labelledby="note-{pk}-sources">'
        f"{sources}\n  </ul>\n"
        f'  <p class="meta">{added}</p>{withdraw}\n'
        "</aside>"
    )
