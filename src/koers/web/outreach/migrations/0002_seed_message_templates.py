"""The three messages every organisation starts with, in plain Dutch (B1) and in English."""

from __future__ import annotations

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

from koers.web.outreach.starter_templates import TEMPLATES, put_in_place

def seed(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    put_in_place(apps.get_model("outreach", "MessageTemplate"))


def unseed(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    template = apps.get_model("outreach", "MessageTemplate")
    template.objects.filter(key__in=[values["key"] for values in TEMPLATES]).delete()


class Migration(migrations.Migration):
    dependencies = [("outreach", "0001_message_templates_and_feeds")]
    operations = [migrations.RunPython(seed, unseed)]
