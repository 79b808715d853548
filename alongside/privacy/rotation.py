"""Re-sealing private messages under the current key (`manage.py rotate_keys`)."""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q

from .models import PrivateMessage
from .sealing import SealingError, keyring


@dataclass(frozen=True)
class Rotation:
    key_id: str
    resealed: int
    already_current: int
    unreadable: int


def reseal_messages(*, batch_size: int = 500) -> Rotation:
    """Re-seal every message not yet under the first key, `batch_size` at a time,
    each batch in its own transaction; messages that no key opens are counted and
    left untouched."""
    keys = keyring()
    current = f"{keys.current_id}:"
    under_current = Q(sealed_body__startswith=current) & Q(
        sealed_html__startswith=current
    )
    already = PrivateMessage.objects.filter(under_current).count()
    resealed = unreadable = 0
    after = 0
    while True:
        with transaction.atomic():
            batch = list(
                PrivateMessage.objects.select_for_update()
                .filter(pk__gt=after)
                .exclude(under_current)
                .order_by("pk")[:batch_size]
            )
            if not batch:
                break
            changed = []
            for message in batch:
                try:
                    body = keys.open(
                        message.sealed_body, context=message.seal_context("body")
                    )
                    html = keys.open(
                        message.sealed_html, context=message.seal_context("html")
                    )
                except SealingError:
                    unreadable += 1
                    continue
                message.sealed_body = keys.seal(
                    body, context=message.seal_context("body")
                )
                message.sealed_html = keys.seal(
                    html, context=message.seal_context("html")
                )
                changed.append(message)
            PrivateMessage.objects.bulk_update(changed, ["sealed_body", "sealed_html"])
            resealed += len(changed)
            after = batch[-1].pk
    return Rotation(keys.current_id, resealed, already, unreadable)
