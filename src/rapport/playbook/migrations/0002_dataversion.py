from django.db import migrations, models

from rapport.core import versions


class Migration(migrations.Migration):

    dependencies = [
        ("playbook", "0001_initial"),
        ("people", "0001_initial"),
        ("companies", "0002_initial"),
        ("conversations", "0002_initial"),
        ("opportunities", "0001_initial"),
        ("imports", "0002_importjob"),
    ]

    operations = [
        migrations.CreateModel(
            name="DataVersion",
            fields=[
                ("owner_id", models.BigIntegerField(primary_key=True, serialize=False)),
                ("token", models.CharField(max_length=32)),
                ("version", models.BigIntegerField(default=0)),
            ],
        ),
        migrations.RunPython(versions.install, versions.uninstall, elidable=False),
    ]
