"""The desk's forms for creating and editing an item and for bringing in its evidence."""

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse

from catalog.choices import TLP, MediaKind, SightingKind
from catalog.ingest.capture_list import parse_posted_at
from catalog.models.media import language_code
from catalog.services import catalogue

CHANNEL_INPUTS = 3  # empty channel fields offered at once; more can be added by saving and editing again


def picker_attrs(kind, options_id):
    """A text input with a <datalist> the server fills as one types (htmx); without JS it is a plain text field
    whose exact name, alias, handle or URL still picks the record."""
    return {
        "list": options_id, "autocomplete": "off", "dir": "auto", "hx-get": reverse(f"workspace:pick-{kind}"),
        "hx-trigger": "input changed delay:250ms", "hx-target": f"#{options_id}", "hx-swap": "innerHTML",
        "hx-sync": "this:replace",
    }


class ItemForm(forms.Form):
    title = forms.CharField(max_length=500, widget=forms.TextInput(attrs={"dir": "auto"}))
    kind = forms.ChoiceField(choices=MediaKind.choices, initial=MediaKind.VIDEO)
    producer = forms.CharField(
        required=False, max_length=300,
        help_text="Type a name in any script (Amaq, Амак, أعماق); pick from the suggestions.",
    )
    tlp = forms.ChoiceField(label="TLP", choices=TLP.choices, initial=TLP.AMBER,
                            help_text="Who partners may share it with; TLP:AMBER unless you know better.")
    claimed_release_at = forms.CharField(
        label="Claimed release", required=False, max_length=40,
        help_text="When its producer says it came out: 2017-10-03 or 2017-10-03T14:05Z (UTC).",
    )
    languages = forms.CharField(required=False, max_length=200, help_text="ISO 639 codes, comma-separated: ru, ar.")
    is_graphic = forms.BooleanField(
        label="Graphic (violence, injury, prisoners): frames are blurred until revealed", required=False)
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}))
    sighting_kind = forms.ChoiceField(
        label="How it appeared on these channels", choices=SightingKind.choices,
        initial=SightingKind.ORIGINAL_RELEASE,
    )

    def __init__(self, *args, item=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.item = item
        self.fields["producer"].widget.attrs.update(picker_attrs("organizations", "producer-options"))
        typed = self.data.getlist("channel") if self.is_bound and hasattr(self.data, "getlist") else []
        self.channel_values = [value for value in typed if value.strip()] + [""] * CHANNEL_INPUTS
        self.channel_values = self.channel_values[:max(CHANNEL_INPUTS, len(typed))]
        self.channel_errors = []
        self.channels = []
        self.channel_attrs = picker_attrs("channels", "channel-options")
        if item is not None and not self.is_bound:
            self.initial.update({
                "title": item.title, "kind": item.kind, "producer": item.producer.name if item.producer else "",
                "tlp": item.tlp, "languages": ", ".join(item.languages or []), "is_graphic": item.is_graphic,
                "description": item.description,
                "claimed_release_at": item.claimed_release_at.strftime("%Y-%m-%dT%H:%MZ")
                if item.claimed_release_at else "",
            })

    def clean_producer(self):
        text = self.cleaned_data["producer"].strip()
        return catalogue.organization_named(text) if text else None

    def clean_claimed_release_at(self):
        text = self.cleaned_data["claimed_release_at"].strip()
        return parse_posted_at(text) if text else None

    def clean_languages(self):
        codes = [code.strip().lower() for code in self.cleaned_data["languages"].replace(";", ",").split(",")]
        codes = [code for code in codes if code]
        for code in codes:
            language_code(code)
        return list(dict.fromkeys(codes))

    def clean(self):
        cleaned = super().clean()
        for text in dict.fromkeys(value.strip() for value in self.channel_values if value.strip()):
            try:
                self.channels.append(catalogue.channel_named(text))
            except ValidationError as problem:
                self.channel_errors.append(problem.messages[0])
        if self.channel_errors:
            raise ValidationError("A channel could not be found; see the Channels field.")
        return cleaned

    def item_fields(self):
        data = self.cleaned_data
        return {name: data[name] for name in (
            "title", "kind", "producer", "tlp", "claimed_release_at", "languages", "is_graphic", "description")}


class CaptureForm(forms.Form):
    urls = forms.CharField(
        label="URLs, one per line", required=False, widget=forms.Textarea(attrs={"rows": 4, "dir": "ltr"}),
        help_text="Posts that embed the media, or direct links to files.",
    )
    sheet = forms.FileField(
        label="Or a CSV sheet", required=False,
        help_text="Columns url (or link), channel and posted_at, as an auto-archiver sheet exported to CSV.",
    )
    MAX_SHEET_BYTES = 1024 * 1024

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("urls") or "").strip() and not cleaned.get("sheet"):
            raise ValidationError("Paste at least one URL, or choose a CSV sheet.")
        sheet = cleaned.get("sheet")
        if sheet and sheet.size > self.MAX_SHEET_BYTES:
            self.add_error("sheet", f"The sheet is larger than {self.MAX_SHEET_BYTES // 1024} KB; split it.")
        return cleaned
