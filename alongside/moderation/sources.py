"""The source links of a context note: https only, each shown with its domain.

Pure Python: a link is only read, never fetched, so a note cannot make the server
reach anywhere.
"""

import ipaddress
from urllib.parse import urlsplit

from django.utils.translation import gettext as _

from alongside.core.errors import ActionRefused

MAX_SOURCES = 3
MAX_URL_LENGTH = 2000


def check_source(url: str) -> dict[str, str]:
    """`{"url", "domain"}` for an https link to a named website; refuse anything else.

    The domain is shown beside the link, so readers see where it leads before they
    follow it.
    """
    url = url.strip()
    if len(url) > MAX_URL_LENGTH:
        raise ActionRefused(_("That link is too long. Use a shorter link to the page."))
    if any(char.isspace() or ord(char) < 32 for char in url):
        raise ActionRefused(_("A link can't have spaces in it. Check the link."))
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").rstrip(".")
        _port = parts.port  # a port that is not a number raises ValueError
    except ValueError:
        raise ActionRefused(_("We couldn't read that link. Check it.")) from None
    if parts.scheme.lower() != "https":
        raise ActionRefused(
            _("Use a link that starts with https://, like https://www.nhs.uk/…")
        )
    if parts.username is not None or parts.password is not None:
        raise ActionRefused(_("Use the website's own address, without a name in it."))
    if not host or "." not in host or _is_ip_address(host):
        raise ActionRefused(
            _("Use a link to a website by its name, like https://www.nhs.uk/…")
        )
    domain = host.lower().removeprefix("www.")
    return {"url": url, "domain": domain}


def check_sources(urls: list[str]) -> list[dict[str, str]]:
    """Every non-empty link checked; at least one, at most MAX_SOURCES."""
    given = [url.strip() for url in urls if url.strip()]
    if not given:
        raise ActionRefused(_("Add at least one source: a link starting with https://"))
    if len(given) > MAX_SOURCES:
        raise ActionRefused(
            _("Add at most %(count)d sources.") % {"count": MAX_SOURCES}
        )
    return [check_source(url) for url in given]


def _is_ip_address(host: str) -> bool:
    """An address rather than a name, short forms ("127.1", "0x7f.1") included."""
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        last = host.rsplit(".", 1)[-1].lower()
        return last.isdigit() or last.startswith("0x")
    return True
