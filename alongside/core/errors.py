"""The one exception an action raises when it will not do what was asked."""

from django.utils.functional import Promise


class ActionRefused(Exception):
    """A member-facing refusal; `message` is plain words that can be shown as is."""

    def __init__(self, message: str | Promise) -> None:
        super().__init__(str(message))
        self.message = str(message)


class SecondFactorRequired(Exception):
    """Raised on the way into moderator or admin pages by someone without a second
    factor; the middleware sends them to set one up."""
