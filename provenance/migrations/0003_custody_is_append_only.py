from django.db import migrations

from provenance.models.append_only import append_only_trigger


class Migration(migrations.Migration):
    dependencies = [("provenance", "0002_custody_and_fixity")]
    operations = [append_only_trigger("provenance_custodyevent")]
