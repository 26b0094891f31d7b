from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "catalog"
    verbose_name = "Catalogue"

    def ready(self):
        from catalog import signals  # noqa: F401  (connects the change feed)
        from catalog.services.variants import propose_variants_for_matches
        from provenance.signals import file_matches_found
        from catalog.api.evidence_policy import EvidencePolicy
        from provenance.api import access

        # The evidence API asks the catalogue who may read which stored file.
        access.register(EvidencePolicy())
        # Evidence reports near-duplicate files; the catalogue turns them into proposals about items.
        file_matches_found.connect(propose_variants_for_matches, dispatch_uid="catalog.propose_variants")
