"""The append-only tables refuse TRUNCATE too; their triggers move to Meta.triggers (django-pgtrigger).

The hand-written UPDATE/DELETE triggers of the earlier migrations are dropped first: pgtrigger's replace them.
"""

import pgtrigger.compiler
import pgtrigger.migrations
from django.db import migrations

from provenance.models.append_only import drop_append_only_trigger


class Migration(migrations.Migration):

    dependencies = [
        ('provenance', '0008_sensitive_access_of_originals'),
    ]

    operations = [
        drop_append_only_trigger("provenance_custodyevent"),
        pgtrigger.migrations.AddTrigger(
            model_name='custodyevent',
            trigger=pgtrigger.compiler.Trigger(name='append_only_update', sql=pgtrigger.compiler.UpsertTriggerSql(func="RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;", hash='3a684de6174d8a6c6fa9fb788c4f20094ef4d07b', operation='UPDATE', pgid='pgtrigger_append_only_update_3dcc5', table='provenance_custodyevent', when='BEFORE')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='custodyevent',
            trigger=pgtrigger.compiler.Trigger(name='append_only_delete', sql=pgtrigger.compiler.UpsertTriggerSql(func="RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;", hash='51fe1138c4917df7ec3e81be0ec2d7c6dc3633c2', operation='DELETE', pgid='pgtrigger_append_only_delete_b6654', table='provenance_custodyevent', when='BEFORE')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='custodyevent',
            trigger=pgtrigger.compiler.Trigger(name='append_only_truncate', sql=pgtrigger.compiler.UpsertTriggerSql(func="RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;", hash='354487c4f8370121acfba91dea8ddd712dc77e0c', level='STATEMENT', operation='TRUNCATE', pgid='pgtrigger_append_only_truncate_f5686', table='provenance_custodyevent', when='BEFORE')),
        ),
    ]
