import json
from datetime import date
from pathlib import Path

from django.db import migrations

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "professional_help.json"


def load(apps, schema_editor):
    ProfessionalHelp = apps.get_model("resources", "ProfessionalHelp")
    data = json.loads(DATA_FILE.read_text("utf-8"))
    checked = date.fromisoformat(data["checked"])
    blocks = list(data["countries"].items()) + [("", data["international"])]
    for code, entries in blocks:
        positions = {}
        for entry in entries:
            position = positions.get(entry["kind"], 0)
            positions[entry["kind"]] = position + 1
            ProfessionalHelp.objects.create(
                country=code,
                kind=entry["kind"],
                name=entry["name"],
                how_to_reach=entry["how_to_reach"],
                phone=entry.get("phone", ""),
                url=entry["url"],
                position=position,
                last_checked=checked,
            )


def unload(apps, schema_editor):
    apps.get_model("resources", "ProfessionalHelp").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("resources", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
