"""Re-sealing under the current key (`manage.py rotate_keys`): private messages, and
the member's own check-in notes and list of support outside Alongside."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction
from django.db.models import Q

from alongside.wellbeing.models import CheckIn, SupportContact
from alongside.wellbeing.sealed import contact_context, note_context

from .models import PrivateMessage
from .sealing import SealingError, keyring


@dataclass(frozen=True)
class Rotation:
    key_id: str
    resealed: int
    already_current: int
    unreadable: int


# A sealed column: its name, and what a row's token in it is bound to.
Column = tuple[str, Callable[[models.Model], str]]


def _reseal_rows(
    rows: "models.QuerySet[Any]", columns: list[Column], batch_size: int
) -> Rotation:
    """Re-seal every row of `rows` with a column not yet under the first key,
    `batch_size` at a time, each batch in its own transaction. An empty column has
    nothing sealed in it and stays empty; rows that no key opens are counted and
    left untouched."""
    keys = keyring()
    current = f"{keys.current_id}:"
    under_current = Q()
    for name, _context in columns:
        under_current &= Q(**{name: ""}) | Q(**{f"{name}__startswith": current})
    already = rows.filter(under_current).count()
    resealed = unreadable = 0
    after = 0
    while True:
        with transaction.atomic():
            batch = list(
                rows.select_for_update()
                .filter(pk__gt=after)
                .exclude(under_current)
                .order_by("pk")[:batch_size]
            )
            if not batch:
                break
            changed = []
            for row in batch:
                try:
                    texts = {
                        name: keys.open(token, context=context(row)) if token else ""
                        for name, context in columns
                        for token in [getattr(row, name)]
                    }
                except SealingError:
                    unreadable += 1
                    continue
                for name, context in columns:
                    text = texts[name]
                    setattr(
                        row, name, keys.seal(text, context=context(row)) if text else ""
                    )
                changed.append(row)
            rows.model._default_manager.bulk_update(
                changed, [name for name, _c in columns]
            )
            resealed += len(changed)
            after = batch[-1].pk
    return Rotation(keys.current_id, resealed, already, unreadable)


def _message(column: str) -> Callable[[models.Model], str]:
    def context(row: models.Model) -> str:
        assert isinstance(row, PrivateMessage)  # noqa: S101
        return row.seal_context(column)

    return context


def _contact(column: str) -> Callable[[models.Model], str]:
    return lambda row: contact_context(row.pk, column)


def reseal_messages(*, batch_size: int = 500) -> Rotation:
    """Re-seal every private message not yet under the first key."""
    return _reseal_rows(
        PrivateMessage.objects.all(),
        [("sealed_body", _message("body")), ("sealed_html", _message("html"))],
        batch_size,
    )


def reseal_checkin_notes(*, batch_size: int = 500) -> Rotation:
    """Re-seal every check-in note not yet under the first key."""
    return _reseal_rows(
        CheckIn.objects.exclude(sealed_note=""),
        [("sealed_note", lambda row: note_context(row.pk))],
        batch_size,
    )


def reseal_support_contacts(*, batch_size: int = 500) -> Rotation:
    """Re-seal every support contact (name, how to reach them) not yet under the
    first key."""
    return _reseal_rows(
        SupportContact.objects.all(),
        [("sealed_name", _contact("name")), ("sealed_how", _contact("how"))],
        batch_size,
    )


# What `rotate_keys` re-seals, and the words for each kind in its report.
RESEALED: list[tuple[str, Callable[..., Rotation]]] = [
    ("messages", reseal_messages),
    ("check-in notes", reseal_checkin_notes),
    ("support contacts", reseal_support_contacts),
]
