"""A stored file matched an external hash list (provenance.services.external_signals): a finding on each item that
holds the file, naming the list, for an analyst to look into."""

from catalog.choices import FindingKind, Severity
from catalog.models import ItemFile
from catalog.services.findings import raise_finding


def raise_external_signal_findings(sender, matches, **kwargs):
    """Connected to provenance's `external_signals_matched` (catalog.apps)."""
    for match in matches:
        signal = match.signal
        how = "exactly" if match.distance == 0 else f"within {match.distance} bits"
        for link in ItemFile.objects.filter(media_file=match.media_file_id).select_related("media_item"):
            raise_finding(
                f"external-signal:{link.media_item_id}:{signal.pk}",
                FindingKind.EXTERNAL_SIGNAL_MATCH,
                f"{link.media_item} matches {signal.get_algorithm_display()} {signal.hash_digest[:16]}… of the list "
                f"“{signal.source}” {how}.",
                severity=Severity.HIGH,
                detail={
                    "list": signal.source, "algorithm": signal.algorithm, "hash": signal.hash_digest,
                    "external_id": signal.external_id, "distance": match.distance, "media_file": match.media_file_id,
                },
                media_item=link.media_item,
            )
