"""Crisis lines for a country: the help page, and the panel after a crisis post."""

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.db import transaction

from alongside.core.places import country_name

from .models import CrisisLine, EmergencyNumber

DATA_FILE = Path(__file__).parent / "data" / "crisis_resources.json"


@dataclass(frozen=True)
class Support:
    country: str
    country_name: str
    emergency: str
    lines: list[CrisisLine]
    is_fallback: bool


def support_for(country: str, *, limit: int | None = 3) -> Support:
    """Up to `limit` lines for the country, or the international fallback."""
    country = (country or "").upper()
    lines = (
        list(CrisisLine.objects.filter(country=country, is_active=True))
        if country
        else []
    )
    is_fallback = not lines
    if is_fallback:
        lines = list(CrisisLine.objects.filter(country="", is_active=True))
    emergency = EmergencyNumber.objects.filter(
        country=country if country else ""
    ).first()
    if emergency is None:
        emergency = EmergencyNumber.objects.filter(country="").first()
    return Support(
        country=country,
        country_name=country_name(country) if country else "",
        emergency=emergency.number if emergency else "",
        lines=lines[:limit] if limit else lines,
        is_fallback=is_fallback,
    )


def load_crisis_resources(path: Path = DATA_FILE) -> int:
    """Replace the directory with the shipped data file; return the number of lines."""
    data = json.loads(path.read_text("utf-8"))
    checked = date.fromisoformat(data["checked"])
    entries = [(code, block) for code, block in data["countries"].items()]
    entries.append(("", data["international"]))
    created = 0
    with transaction.atomic():
        CrisisLine.objects.all().delete()
        EmergencyNumber.objects.all().delete()
        for code, block in entries:
            EmergencyNumber.objects.create(country=code, number=block["emergency"])
            for position, line in enumerate(block["lines"]):
                CrisisLine.objects.create(
                    country=code,
                    name=line["name"],
                    phone=line.get("phone", ""),
                    text_number=line.get("text", ""),
                    text_word=line.get("text_word", ""),
                    chat_url=line.get("chat_url", ""),
                    url=line["url"],
                    hours=line["hours"],
                    cost=line.get("cost", "Free"),
                    position=position,
                    last_verified=checked,
                )
                created += 1
    return created
