"""Where to find professional help in a country: the directory and its data file."""

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from django.db import transaction

from alongside.core.places import country_name

from .models import ProfessionalHelp

DATA_FILE = Path(__file__).parent / "data" / "professional_help.json"

# The order a page lists them in: a doctor first, peers last.
KIND_ORDER = [
    ProfessionalHelp.Kind.DOCTOR,
    ProfessionalHelp.Kind.THERAPIST,
    ProfessionalHelp.Kind.HELPLINE,
    ProfessionalHelp.Kind.PEER,
]


@dataclass(frozen=True)
class Entry:
    help: ProfessionalHelp
    domain: str


@dataclass(frozen=True)
class Section:
    kind: str
    label: str
    entries: list[Entry]


@dataclass(frozen=True)
class Directory:
    country: str
    country_name: str
    sections: list[Section]
    is_fallback: bool  # no entries for the country: the international ones instead


def domain_of(url: str) -> str:
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")


def _sections(rows: list[ProfessionalHelp]) -> list[Section]:
    by_kind: dict[str, list[Entry]] = {}
    for row in sorted(rows, key=lambda r: (r.position, r.pk)):
        by_kind.setdefault(row.kind, []).append(Entry(row, domain_of(row.url)))
    return [
        Section(kind.value, str(kind.label), by_kind[kind.value])
        for kind in KIND_ORDER
        if kind.value in by_kind
    ]


def help_in(country: str) -> Directory:
    """The country's ways to reach help by kind, or the international ones."""
    country = country.upper()
    rows = list(ProfessionalHelp.objects.filter(country=country))
    is_fallback = not rows
    if is_fallback:
        rows = list(ProfessionalHelp.objects.filter(country=""))
    return Directory(
        country=country,
        country_name=country_name(country),
        sections=_sections(rows),
        is_fallback=is_fallback,
    )


def load_professional_help(path: Path = DATA_FILE) -> int:
    """Replace the directory with a data file; return the number of entries."""
    data = json.loads(path.read_text("utf-8"))
    checked = date.fromisoformat(data["checked"])
    blocks = [*data["countries"].items(), ("", data["international"])]
    rows = []
    for code, entries in blocks:
        positions: dict[str, int] = {}
        for entry in entries:
            position = positions.get(entry["kind"], 0)
            positions[entry["kind"]] = position + 1
            rows.append(
                ProfessionalHelp(
                    country=code,
                    kind=entry["kind"],
                    name=entry["name"],
                    how_to_reach=entry["how_to_reach"],
                    phone=entry.get("phone", ""),
                    url=entry["url"],
                    position=position,
                    last_checked=checked,
                )
            )
    with transaction.atomic():
        ProfessionalHelp.objects.all().delete()
        ProfessionalHelp.objects.bulk_create(rows)
    return len(rows)
