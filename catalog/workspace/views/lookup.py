"""Hash lookup at the desk: drop a file or paste a hash, see exact and near matches with their distances.

The same lookup as ``/api/v1/lookup/`` (catalog.api.lookup: provenance's PDQ index and file matching). An
uploaded file is matched in a temporary file and never stored.
"""

import re

from django import forms
from django.shortcuts import render
from django.views.decorators.http import require_http_methods
from rest_framework.exceptions import ValidationError as RequestInvalid

from catalog.api.lookup import lookup_hash, lookup_upload
from catalog.choices import MediaAuthenticity
from catalog.policies.access import caller_of
from catalog.workspace.views.common import analyst_required, is_htmx
from provenance import matching
from provenance.services import FileTooLarge

HEX64 = re.compile(r"[0-9a-f]{64}")
HEX32 = re.compile(r"[0-9a-f]{32}")


class HashForm(forms.Form):
    hash = forms.CharField(
        label="Hash", max_length=200, strip=True,
        help_text="A SHA-256 or MD5 of a file, or a PDQ hash of a picture or frame (hex).",
        widget=forms.TextInput(attrs={"spellcheck": "false", "autocomplete": "off", "class": "mono"}),
    )
    max_distance = forms.IntegerField(
        label="Largest PDQ distance", min_value=0, max_value=64, initial=matching.DEFAULT_MAX_DISTANCE,
        required=False, help_text="For a PDQ hash: how far a near match may be (0 is identical; 31 is usual).",
    )

    def clean_hash(self):
        value = self.cleaned_data["hash"].lower().replace(" ", "")
        if not (HEX64.fullmatch(value) or HEX32.fullmatch(value)):
            raise forms.ValidationError(
                "That is not a hash: give 64 hex characters (SHA-256 or PDQ) or 32 (MD5).")
        return value


class FileForm(forms.Form):
    file = forms.FileField(label="File", help_text="Read to match it, then discarded: it is not stored.")


@require_http_methods(["GET", "POST"])
@analyst_required
def lookup_view(request):
    caller = caller_of(request)
    hash_form, file_form, results, searched, error = HashForm(), FileForm(), [], "", ""
    if request.method == "POST":
        file_form = FileForm(request.POST, request.FILES)
        if file_form.is_valid():
            upload = file_form.cleaned_data["file"]
            searched = upload.name
            try:
                results = lookup_upload(caller, upload)
            except FileTooLarge as refused:
                error = str(refused)
            except RequestInvalid as refused:  # not a media file this server reads: no near matches possible
                error = _first_message(refused.detail)
    elif "hash" in request.GET:
        hash_form = HashForm(request.GET)
        if hash_form.is_valid():
            value = hash_form.cleaned_data["hash"]
            searched = value
            results = _by_hash(caller, value, hash_form.cleaned_data["max_distance"])
    for item in results:
        item["authenticity_label"] = dict(MediaAuthenticity.choices).get(item["authenticity"], item["authenticity"])
    # A page with an error in words answers 200 (a browser logs a full page's 4xx as a console error); htmx 422.
    status = 422 if is_htmx(request) and (error or hash_form.errors or file_form.errors) else 200
    return render(request, "workspace/lookup.html", {
        "page": "lookup", "hash_form": hash_form, "file_form": file_form, "results": results,
        "searched": searched, "error": error, "max_distance": matching.DEFAULT_MAX_DISTANCE,
    }, status=status)


def _by_hash(caller, value, max_distance):
    if HEX32.fullmatch(value):
        return lookup_hash(caller, {"md5": value})
    # 64 hex is a SHA-256 or a PDQ hash: both are asked; an exact file comes first.
    exact = lookup_hash(caller, {"sha256": value})
    near = lookup_hash(caller, {"pdq": value, "max_distance": (
        matching.DEFAULT_MAX_DISTANCE if max_distance is None else max_distance)})
    seen = {item["id"] for item in exact}
    return exact + [item for item in near if item["id"] not in seen]


def _first_message(detail):
    if isinstance(detail, dict):
        detail = next(iter(detail.values()), "")
    if isinstance(detail, list):
        detail = detail[0] if detail else ""
    return str(detail) or "The file could not be read."
