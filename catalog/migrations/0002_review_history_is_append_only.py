from django.db import migrations

from provenance.models.append_only import append_only_trigger


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]
    operations = [append_only_trigger("catalog_reviewevent")]
