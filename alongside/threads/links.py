"""What a post's Markdown links to: this site's library pages, and https sources.

Read from the text as written, once, when a post is stored; nothing is fetched.
"""

import re
from functools import lru_cache

from django.conf import settings
from django.http.request import split_domain_port, validate_host
from django.urls import get_script_prefix, reverse

# Resources linked from one post that get a card; the rest stay plain links.
MAX_RESOURCE_CARDS = 5

_SLOT = 987654321

# An https link to a named website: "https://" and a host with a dot in it.
_HTTPS_LINK = re.compile(r"https://[^\s/?#<>()\[\]\"'`]+\.[^\s/?#<>()\[\]\"'`]+")


def has_https_link(text: str) -> bool:
    """Whether the Markdown names at least one https link to a website."""
    return _HTTPS_LINK.search(text) is not None


@lru_cache(maxsize=8)
def _resource_link(prefix: str) -> re.Pattern[str]:
    """A link to a resource page, relative ("/resources/7/") or with a host."""
    path = re.escape(reverse("resources:detail", args=[_SLOT]))
    path = path.replace(str(_SLOT), r"(?P<id>[0-9]{1,18})")
    return re.compile(
        r"(?:(?P<scheme>https?)://(?P<host>[^\s/?#<>()\[\]\"'`]+))?" + path
    )


# What may come right before a relative link: the start, a space or Markdown's
# own punctuation ("(/resources/7/)", "</resources/7/>"), never more of a path.
_BEFORE_RELATIVE = frozenset(" \t\n(<[\"'")


def resource_ids_in(text: str) -> list[int]:
    """The ids of this site's resource pages the text links to, first seen first."""
    found: list[int] = []
    for match in _resource_link(get_script_prefix()).finditer(text):
        host = match.group("host")
        if host is None:
            start = match.start()
            if start and text[start - 1] not in _BEFORE_RELATIVE:
                continue
        else:
            domain, _port = split_domain_port(host.lower())
            if not domain or not validate_host(domain, settings.ALLOWED_HOSTS):
                continue
        resource_id = int(match.group("id"))
        if resource_id and resource_id not in found:
            found.append(resource_id)
        if len(found) == MAX_RESOURCE_CARDS:
            break
    return found
