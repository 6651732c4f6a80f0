from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps
from django.db.models import OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce


def fill_contact_minutes(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    """The minutes of every traject's contacts, as the code that logs contacts keeps them."""
    traject = apps.get_model("clients", "Traject")
    contact = apps.get_model("clients", "Contact")
    minutes = (
        contact.objects.filter(traject=OuterRef("pk"))
        .order_by()
        .values("traject")
        .annotate(total=Sum("minutes"))
        .values("total")
    )
    traject.objects.update(contact_minutes=Coalesce(Subquery(minutes), 0))


class Migration(migrations.Migration):
    dependencies = [
        ("clients", "0011_contact_minutes_and_budget_index"),
    ]

    operations = [migrations.RunPython(fill_contact_minutes, migrations.RunPython.noop)]
