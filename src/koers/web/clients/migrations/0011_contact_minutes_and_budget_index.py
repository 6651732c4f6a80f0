import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("clients", "0010_consent_to_funders_and_provider"),
    ]

    operations = [
        migrations.AddField(
            model_name="traject",
            name="contact_minutes",
            field=models.PositiveIntegerField(
                default=0, editable=False, verbose_name="minutes of contact"
            ),
        ),
        # The budget index first: it serves what the traject's own index did, which then goes.
        migrations.AddIndex(
            model_name="contact",
            index=models.Index(
                fields=["traject", "at", "minutes"], name="clients_con_traject_842e2a_idx"
            ),
        ),
        migrations.AlterField(
            model_name="contact",
            name="traject",
            field=models.ForeignKey(
                blank=True,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="contacts",
                to="clients.traject",
                verbose_name="traject",
            ),
        ),
    ]
