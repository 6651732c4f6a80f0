from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("clients", "0012_fill_contact_minutes"),
    ]

    operations = [
        # The wider index first: it serves all the narrower one did, which then goes.
        migrations.AddIndex(
            model_name="contact",
            index=models.Index(
                fields=["client", "at", "with_whom", "channel", "outcome"],
                name="clients_con_client__574f58_idx",
            ),
        ),
        migrations.RemoveIndex(
            model_name="contact",
            name="clients_con_client__368c9d_idx",
        ),
    ]
