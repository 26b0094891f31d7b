"""Change-feed entries say whether their record names the people shown, so that partners without identity clearance
neither read them nor see their cursor move over them (catalog.policies.access.feed_entries).

Entries written before this migration get the flag from their record: identity assertions always; claims of kind
identity and links touching one as they stand now (a record already deleted keeps False: its kind is gone). The
table is append-only; this one backfill steps past its UPDATE trigger on PostgreSQL, inside the migration's own
transaction.
"""

from django.db import migrations, models

IDENTITY = "identity"


def flag_entries_that_name_people(apps, schema_editor):
    entry = apps.get_model("catalog", "ChangeFeedEntry")
    claim = apps.get_model("catalog", "Claim")
    claim_link = apps.get_model("catalog", "ClaimLink")
    identity_claims = claim.objects.filter(kind=IDENTITY)
    naming = (
        models.Q(record_type="identity_assertion")
        | models.Q(record_type="claim", record_id__in=[str(pk) for pk in identity_claims.values_list("pk", flat=True)])
        | models.Q(record_type="claim_link", record_id__in=[
            str(pk) for pk in claim_link.objects.filter(
                models.Q(source__in=identity_claims) | models.Q(target__in=identity_claims)
            ).values_list("pk", flat=True)
        ])
    )
    table = entry._meta.db_table
    postgres = schema_editor.connection.vendor == "postgresql"
    if postgres:
        schema_editor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
    # The historical model has no append-only manager: a plain UPDATE.
    entry.objects.filter(naming).update(names_people=True)
    if postgres:
        schema_editor.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")


class Migration(migrations.Migration):

    dependencies = [
        ("catalog", "0009_append_only_refuses_truncate"),
    ]

    operations = [
        migrations.AddField(
            model_name="changefeedentry",
            name="names_people",
            field=models.BooleanField(
                default=False, help_text="The record names people shown (only identity-cleared partners read it)."
            ),
        ),
        migrations.AddField(
            model_name="changefeedentry",
            name="previously_named_people",
            field=models.BooleanField(
                blank=True, null=True, help_text="Whether it named people before the change, when that changed."
            ),
        ),
        migrations.AddIndex(
            model_name="changefeedentry",
            index=models.Index(fields=["created_at"], name="catalog_cha_created_41c06d_idx"),
        ),
        migrations.RunPython(flag_entries_that_name_people, migrations.RunPython.noop),
    ]
