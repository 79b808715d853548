"""The "Send a private message" link on a member's profile, shown only when the
viewer may write to them (never when either has blocked the other)."""

from typing import Any

from django import template

from alongside.accounts.models import User

from ..permissions import can_send_private_message
from ..queries import conversation_between, reach_between

register = template.Library()


@register.inclusion_tag("privacy/_message_link.html", takes_context=True)
def message_link(context: dict[str, Any], person: User) -> dict[str, object]:
    viewer = context["request"].user
    allowed = (
        viewer.is_authenticated
        and viewer.pk != person.pk
        and can_send_private_message(
            reach_between(viewer, person, conversation_between(viewer, person))
        )
    )
    return {"person": person, "allowed": allowed}
