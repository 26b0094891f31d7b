from django.db import models

from catalog.choices import Script
from catalog.text import detect_script


class TimestampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class AliasModel(models.Model):
    """A name in any script; the script is detected from the text when not given."""

    name = models.CharField(max_length=300)
    script = models.CharField(max_length=20, choices=Script.choices, blank=True)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self.script:
            self.script = detect_script(self.name)
        super().save(*args, **kwargs)

    def __str__(self):
        return self.name
