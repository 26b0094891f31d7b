"""Why two files are one video, in the words an analyst reads: a file match's evidence, ranked and described.

The evidence itself is provenance's (FileMatch and its `detail`, see provenance.media.matching): which seconds
matched which, at which distance, mirrored or not, and at which crop scale. This module only reads it.
"""

from dataclasses import dataclass, field

from catalog.models import ItemFile
from provenance.choices import MatchMethod
from provenance.media.matching import MATCH_DISTANCE

# A crop scale this close to 1 is the same framing, not a crop.
SAME_FRAMING = 0.02
# A shift of the start shorter than this is the same start.
SAME_START_SECONDS = 0.5


@dataclass(frozen=True)
class MatchEvidence:
    match_distance = MATCH_DISTANCE  # not a field: the same for every match

    file_match: object
    seconds: list = field(default_factory=list)  # per query second: provenance's SecondEvidence dicts

    @classmethod
    def of(cls, file_match):
        return cls(file_match, list((file_match.detail or {}).get("seconds") or []))

    @property
    def is_picture(self):
        return self.file_match.method != MatchMethod.AUDIO

    @property
    def detail(self):
        return self.file_match.detail or {}

    @property
    def matched_seconds(self):
        return [second for second in self.seconds if second["matched"]]

    @property
    def unmatched_seconds(self):
        return [second for second in self.seconds if not second["matched"]]

    @property
    def is_weak(self):
        """Some of the query's seconds have no close frame in the other file: worth checking second by second."""
        return self.is_picture and (self.file_match.query_match_percent < 100 or bool(self.unmatched_seconds))

    @property
    def transforms(self):
        """How the query file differs from the matched one, as far as the hashes tell: phrases, possibly none."""
        if not self.is_picture:
            return []
        found = []
        if self.detail.get("mirrored"):
            found.append("mirrored left to right")
        crop = self.detail.get("crop_scale")
        if crop is not None and crop < 1 - SAME_FRAMING:
            found.append(f"cropped: shows about {crop * 100:.0f}% of the other's picture")
        elif crop is not None and crop > 1 + SAME_FRAMING:
            found.append(f"the other is cropped to about {100 / crop:.0f}% of this picture")
        offset = self.detail.get("offset_seconds")
        if offset is not None and offset >= SAME_START_SECONDS:
            found.append(f"starts {offset:.1f} s into the other")
        elif offset is not None and offset <= -SAME_START_SECONDS:
            found.append(f"the other starts {-offset:.1f} s into this one")
        return found

    def to_dict(self):
        """The API's evidence of a proposal (additive to its file_match summary)."""
        return {
            "method": self.file_match.method,
            "query_file": self.file_match.query_file_id,
            "matched_file": self.file_match.matched_file_id,
            "query_match_percent": self.file_match.query_match_percent,
            "best_distance": self.file_match.best_distance,
            "match_distance": self.match_distance,
            "mirrored": bool(self.detail.get("mirrored")),
            "crop_scale": self.detail.get("crop_scale"),
            "offset_seconds": self.detail.get("offset_seconds"),
            "transforms": self.transforms,
            "matched_frames": self.matched_seconds,
            "weak": self.is_weak,
            "unmatched_seconds": [second["query_seconds"] for second in self.unmatched_seconds],
            "aligned_seconds": self.file_match.aligned_seconds,
            "bit_error_rate": self.file_match.bit_error_rate,
        }


def evidence_rank(file_match, direct):
    """Higher is better: against the representative's own file, then pictures (frames an analyst can compare) over
    soundtrack, then more of the query matched, then nearer."""
    return (
        direct, file_match.method != MatchMethod.AUDIO, file_match.query_match_percent, -file_match.best_distance,
    )


def describe_match(file_match, representative):
    if file_match.method == MatchMethod.AUDIO:
        evidence = (
            f"same soundtrack, {file_match.aligned_seconds:.0f} s aligned at a bit-error rate of "
            f"{file_match.bit_error_rate:.2f}"
        )
    else:
        evidence = f"{file_match.query_match_percent:.0f}% of frames match, distance ≤ {file_match.best_distance}"
        transforms = MatchEvidence.of(file_match).transforms
        if transforms:
            evidence += f"; {', '.join(transforms)}"
    summary = f"Re-upload of item {representative.pk} ({representative.title}): {evidence}"
    if not ItemFile.objects.filter(media_item=representative, media_file=file_match.matched_file_id).exists():
        others = ItemFile.objects.filter(media_file=file_match.matched_file_id).values_list("media_item", flat=True)
        summary += f" (matched through item {min(others, default='?')} of its family)"
    return summary[:300]
