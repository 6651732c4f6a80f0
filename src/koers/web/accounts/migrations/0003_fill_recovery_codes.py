from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

from koers.web.accounts.codes import digest


def fill_recovery_codes(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    """Hash every plain-text recovery code of django-otp's static devices, then drop them.

    The codes people wrote down keep working; the plain text is gone from the database.
    """
    static_device = apps.get_model("otp_static", "StaticDevice")
    recovery_device = apps.get_model("accounts", "RecoveryDevice")
    recovery_code = apps.get_model("accounts", "RecoveryCode")
    for old in static_device.objects.prefetch_related("token_set"):
        new = recovery_device.objects.create(
            user_id=old.user_id, name=old.name, confirmed=old.confirmed
        )
        recovery_code.objects.bulk_create(
            recovery_code(device=new, digest=digest(token.token)) for token in old.token_set.all()
        )
        old.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_hashed_recovery_codes"),
        ("otp_static", "0003_add_timestamps"),
    ]

    operations = [migrations.RunPython(fill_recovery_codes, migrations.RunPython.noop)]
