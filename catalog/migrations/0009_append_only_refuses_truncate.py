"""The append-only tables refuse TRUNCATE too; their triggers move to Meta.triggers (django-pgtrigger).

The hand-written UPDATE/DELETE triggers of the earlier migrations are dropped first: pgtrigger's replace them.
"""

import pgtrigger.compiler
import pgtrigger.migrations
from django.db import migrations

from provenance.models.append_only import drop_append_only_trigger


class Migration(migrations.Migration):

    dependencies = [
        ('catalog', '0008_media_item_newest_first'),
    ]

    operations = [
        drop_append_only_trigger("catalog_reviewevent"),
        drop_append_only_trigger("catalog_reviewapproval"),
        drop_append_only_trigger("catalog_accessaudit"),
        drop_append_only_trigger("catalog_changefeedentry"),
        pgtrigger.migrations.AddTrigger(
            model_name='accessaudit',
            trigger=pgtrigger.compiler.Trigger(name='append_only_update', sql=pgtrigger.compiler.UpsertTriggerSql(func="RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;", hash='9db5f1ac46de1b439b73fb98b41dc6cd6306f56c', operation='UPDATE', pgid='pgtrigger_append_only_update_884c8', table='catalog_accessaudit', when='BEFORE')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='accessaudit',
            trigger=pgtrigger.compiler.Trigger(name='append_only_delete', sql=pgtrigger.compiler.UpsertTriggerSql(func="RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;", hash='fb7fa87e0327bef1eb2176132e2a78bde6cd1e59', operation='DELETE', pgid='pgtrigger_append_only_delete_2d5dc', table='catalog_accessaudit', when='BEFORE')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='accessaudit',
            trigger=pgtrigger.compiler.Trigger(name='append_only_truncate', sql=pgtrigger.compiler.UpsertTriggerSql(func="RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;", hash='1f66d701f843d23cf428a3a14d82b64396ca3eea', level='STATEMENT', operation='TRUNCATE', pgid='pgtrigger_append_only_truncate_2b349', table='catalog_accessaudit', when='BEFORE')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='changefeedentry',
            trigger=pgtrigger.compiler.Trigger(name='append_only_update', sql=pgtrigger.compiler.UpsertTriggerSql(func="RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;", hash='3e066466afdc75046c878f175b8f9fa6db654d29', operation='UPDATE', pgid='pgtrigger_append_only_update_a7e0b', table='catalog_changefeedentry', when='BEFORE')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='changefeedentry',
            trigger=pgtrigger.compiler.Trigger(name='append_only_delete', sql=pgtrigger.compiler.UpsertTriggerSql(func="RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;", hash='eaacb3e1c0498702add3d152c1795fce6852758b', operation='DELETE', pgid='pgtrigger_append_only_delete_26e6d', table='catalog_changefeedentry', when='BEFORE')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='changefeedentry',
            trigger=pgtrigger.compiler.Trigger(name='append_only_truncate', sql=pgtrigger.compiler.UpsertTriggerSql(func="RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;", hash='8b980192226232ee8420507f828c974810127f26', level='STATEMENT', operation='TRUNCATE', pgid='pgtrigger_append_only_truncate_b3ed0', table='catalog_changefeedentry', when='BEFORE')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='livenesscheck',
            trigger=pgtrigger.compiler.Trigger(name='append_only_update', sql=pgtrigger.compiler.UpsertTriggerSql(func="RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;", hash='5c222e65f0af36544fdfe884069f1d297066ef5e', operation='UPDATE', pgid='pgtrigger_append_only_update_312f0', table='catalog_livenesscheck', when='BEFORE')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='livenesscheck',
            trigger=pgtrigger.compiler.Trigger(name='append_only_truncate', sql=pgtrigger.compiler.UpsertTriggerSql(func="RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;", hash='bccfa1b2314607eb030b755e80a702763b075a1e', level='STATEMENT', operation='TRUNCATE', pgid='pgtrigger_append_only_truncate_1307a', table='catalog_livenesscheck', when='BEFORE')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='reviewapproval',
            trigger=pgtrigger.compiler.Trigger(name='append_only_update', sql=pgtrigger.compiler.UpsertTriggerSql(func="RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;", hash='1cfccc1b9f1f56c5acfbbc39c2a65bcc70d5e9f1', operation='UPDATE', pgid='pgtrigger_append_only_update_4a5dd', table='catalog_reviewapproval', when='BEFORE')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='reviewapproval',
            trigger=pgtrigger.compiler.Trigger(name='append_only_delete', sql=pgtrigger.compiler.UpsertTriggerSql(func="RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;", hash='68a845d1e9dec9a792b535a80a7738386a0afbb6', operation='DELETE', pgid='pgtrigger_append_only_delete_c267b', table='catalog_reviewapproval', when='BEFORE')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='reviewapproval',
            trigger=pgtrigger.compiler.Trigger(name='append_only_truncate', sql=pgtrigger.compiler.UpsertTriggerSql(func="RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;", hash='e65241316884d13cd494c731c9a3fa6abbc61ab5', level='STATEMENT', operation='TRUNCATE', pgid='pgtrigger_append_only_truncate_ef140', table='catalog_reviewapproval', when='BEFORE')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='reviewevent',
            trigger=pgtrigger.compiler.Trigger(name='append_only_update', sql=pgtrigger.compiler.UpsertTriggerSql(func="RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;", hash='185b709f3f91c32dd8083f80f914e552f7b80740', operation='UPDATE', pgid='pgtrigger_append_only_update_689ce', table='catalog_reviewevent', when='BEFORE')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='reviewevent',
            trigger=pgtrigger.compiler.Trigger(name='append_only_delete', sql=pgtrigger.compiler.UpsertTriggerSql(func="RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;", hash='f1fad264fbdf5ee1c74241e7b5abcad533d6cb80', operation='DELETE', pgid='pgtrigger_append_only_delete_74b0d', table='catalog_reviewevent', when='BEFORE')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='reviewevent',
            trigger=pgtrigger.compiler.Trigger(name='append_only_truncate', sql=pgtrigger.compiler.UpsertTriggerSql(func="RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;", hash='fb34571950241f4a04ea5e1575dabde8d2344def', level='STATEMENT', operation='TRUNCATE', pgid='pgtrigger_append_only_truncate_b05e3', table='catalog_reviewevent', when='BEFORE')),
        ),
    ]
