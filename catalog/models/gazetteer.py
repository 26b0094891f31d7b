from django.db import models


class GazetteerEntry(models.Model):
    """A place the resolver can name: GeoNames populated places, ISO subdivisions, countries and the project's own
    rows. Loaded by `manage.py load_gazetteer` (and by the migration that made the table); not edited by hand."""

    id = models.CharField(max_length=60, primary_key=True, help_text="gn:<GeoNames id>, iso:<ISO 3166-2>, "
                                                                     "country:<ISO 3166-1> or local:<slug>.")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20)
    country_code = models.CharField(max_length=2)
    subdivision_code = models.CharField(max_length=10, blank=True)
    admin1 = models.CharField(max_length=24, blank=True, help_text="GeoNames first-level subdivision: 'TR.50'.")
    latitude = models.FloatField(null=True)
    longitude = models.FloatField(null=True)
    parent_id = models.CharField(max_length=60, blank=True)
    population = models.BigIntegerField(default=0)
    source = models.CharField(max_length=400)

    class Meta:
        verbose_name_plural = "gazetteer entries"

    def __str__(self):
        return self.name


class GazetteerName(models.Model):
    """One key an entry is found by (see catalog.resolution.gazetteer_keys). On PostgreSQL a pg_trgm GIN index on
    key serves misspellings; elsewhere misspellings are found by key prefix and consonant skeleton."""

    entry = models.ForeignKey(GazetteerEntry, on_delete=models.CASCADE, related_name="names", db_constraint=False)
    alias = models.CharField(max_length=300)
    key = models.CharField(max_length=300)
    match = models.CharField(max_length=1, help_text="e exact, g without generic words, l loose, a loose "
                                                     "without article.")
    skeleton = models.CharField(max_length=300, blank=True)

    class Meta:
        # Plain indexes: equality and IN are all the lookups use; PostgreSQL's extra LIKE index per column would only
        # slow the load.
        indexes = [models.Index(fields=["key"], name="gazetteer_name_key"),
                   models.Index(fields=["skeleton"], name="gazetteer_name_skeleton")]
