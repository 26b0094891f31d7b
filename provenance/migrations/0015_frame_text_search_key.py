from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("provenance", "0014_list_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="frametext",
            name="search_key",
            field=models.TextField(blank=True, default="", db_default="", editable=False),
        ),
    ]
