from django.db import migrations

from provenance.models.append_only import append_only_trigger


class Migration(migrations.Migration):
    dependencies = [("catalog", "0004_desk_partners_variants")]
    operations = [
        append_only_trigger("catalog_reviewapproval"),
        append_only_trigger("catalog_accessaudit"),
        append_only_trigger("catalog_changefeedentry"),
    ]
