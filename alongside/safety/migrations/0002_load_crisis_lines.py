import json
from datetime import date
from pathlib import Path

from django.db import migrations

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "crisis_resources.json"


def load(apps, schema_editor):
    CrisisLine = apps.get_model("safety", "CrisisLine")
    EmergencyNumber = apps.get_model("safety", "EmergencyNumber")
    data = json.loads(DATA_FILE.read_text("utf-8"))
    checked = date.fromisoformat(data["checked"])
    entries = list(data["countries"].items()) + [("", data["international"])]
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


def unload(apps, schema_editor):
    apps.get_model("safety", "CrisisLine").objects.all().delete()
    apps.get_model("safety", "EmergencyNumber").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("safety", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
