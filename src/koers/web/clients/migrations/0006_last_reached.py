from django.conf import settings
from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps
from django.db.models import OuterRef, Subquery


def fill_last_reached(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    """The latest reached contact of every client, as log_contact keeps it from now on."""
    client = apps.get_model("clients", "Client")
    contact = apps.get_model("clients", "Contact")
    latest = contact.objects.filter(client=OuterRef("pk"), outcome="bereikt").order_by("-at")
    client.objects.update(last_reached_at=Subquery(latest.values("at")[:1]))


class Migration(migrations.Migration):
    dependencies = [
        ("clients", "0005_pause_reason_label"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="client",
            name="last_reached_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RunPython(fill_last_reached, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="client",
            index=models.Index(
                fields=["coach", "last_reached_at"], name="clients_cli_coach_i_b1baaa_idx"
            ),
        ),
    ]
