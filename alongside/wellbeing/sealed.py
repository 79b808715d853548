"""The sealed columns of check-ins and support contacts (privacy/sealing.py).

Each token is bound to its row and column, so a note copied into another check-in,
or a name copied into the "how to reach" column, does not open. An empty text is
stored as an empty column: there is nothing to seal.
"""

import logging

from alongside.privacy.sealing import SealingError, keyring

logger = logging.getLogger("alongside.wellbeing")


def note_context(checkin_id: int) -> str:
    return f"wellbeing/checkin/{checkin_id}/note"


def contact_context(contact_id: int, column: str) -> str:
    return f"wellbeing/support-contact/{contact_id}/{column}"


def seal_text(text: str, *, context: str) -> str:
    return keyring().seal(text, context=context) if text else ""


def open_text(token: str, *, context: str) -> str | None:
    """The text of a sealed column, "" for an empty one, None (and a log line
    without text) when no key opens it, so one such row never takes a page down."""
    if not token:
        return ""
    try:
        return keyring().open(token, context=context)
    except SealingError as error:
        logger.error("A sealed %s did not open: %s", context, error)
        return None
