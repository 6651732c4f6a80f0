"""A first call script for a crisis round and a note template per common outcome, in Dutch
(the organisation's admins change them on the page "Belteksten")."""

from __future__ import annotations

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

CRISIS = "\n".join(
    [
        "Hoe gaat het met je?",
        "Hoe gaat het met je werk? Werk je nu, of zit je thuis?",
        "Hoe gaat het met geld? Kom je rond?",
        "Zijn er kinderen thuis, of zorg je voor iemand?",
        "Wat heb je nu nodig, en wat spreken we af?",
    ]
)
NOTES = {
    "bereikt": "Hoe het gaat:\nWerk:\nGeld:\nThuis:\nAfspraak:",
    "niet_bereikt": "Niet opgenomen.",
    "voicemail": "Voicemail ingesproken: gevraagd terug te bellen.",
    "terugbellen": "Afgesproken om terug te bellen. Reden:",
    "wil_stoppen": "Wil stoppen. Reden:\nTraject afsluiten en toestemming nagaan.",
}


def fill(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    apps.get_model("rounds", "CallScript").objects.get_or_create(
        name="Crisisronde", defaults={"questions": CRISIS, "is_default": True}
    )
    template = apps.get_model("rounds", "NoteTemplate")
    for outcome, text in NOTES.items():
        template.objects.get_or_create(outcome=outcome, defaults={"text": text})


class Migration(migrations.Migration):
    dependencies = [("rounds", "0003_call_scripts")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
