"""Countries and time zones a member can choose, from shipped data (no network)."""

import json
import zoneinfo
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data"


@cache
def countries() -> dict[str, str]:
    """ISO 3166 alpha-2 code -> English short name, sorted by name."""
    raw: dict[str, str] = json.loads((DATA / "countries.json").read_text("utf-8"))
    return dict(sorted(raw.items(), key=lambda item: item[1]))


def country_choices() -> list[tuple[str, str]]:
    return list(countries().items())


def country_name(code: str) -> str:
    return countries().get(code, code)


@cache
def time_zones() -> list[str]:
    skipped = ("Etc/", "SystemV/", "posix/", "right/")
    names = (n for n in zoneinfo.available_timezones() if "/" in n)
    return [*sorted(n for n in names if not n.startswith(skipped)), "UTC"]


def time_zone_choices() -> list[tuple[str, str]]:
    return [(name, name.replace("_", " ")) for name in time_zones()]
