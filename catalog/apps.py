from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "catalog"
    verbose_name = "Catalogue"

    def ready(self):
        from catalog import search_keys, signals  # noqa: F401  (signals connects the change feed)
        from catalog.services.variants import propose_variants_for_matches
        from provenance.signals import file_matches_found
        from catalog.api.evidence_policy import EvidencePolicy
        from provenance.api import access

        # The evidence API asks the catalogue who may read which stored file.
        access.register(EvidencePolicy())
        # Evidence reports near-duplicate files; the catalogue turns them into proposals about items.
        file_matches_found.connect(propose_variants_for_matches, dispatch_uid="catalog.propose_variants")
        # A file matching an external hash list becomes a finding naming the list, on each item holding it.
        from catalog.services.external_findings import raise_external_signal_findings
        from provenance.signals import external_signals_matched

        external_signals_matched.connect(raise_external_signal_findings, dispatch_uid="catalog.external_signals")
        # Text read off a file's frames becomes producer and identity hints on the items holding it.
        from catalog.services.screen_text import raise_screen_text_hints
        from provenance.signals import frame_texts_recorded

        frame_texts_recorded.connect(raise_screen_text_hints, dispatch_uid="catalog.screen_text_hints")
        # Searchable records keep a search key in loose Latin spellings (catalog.search_keys).
        search_keys.connect()
