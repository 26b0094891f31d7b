"""Forms of the report intake and of draft corrections."""

from django import forms

from catalog.choices import TLP, AssertionMode, OrganizationKind, Platform


class ReportIntakeForm(forms.Form):
    """A report pasted or uploaded, not both."""

    raw_text = forms.CharField(
        label="Paste the report", required=False, strip=False,
        widget=forms.Textarea(attrs={"rows": 14, "dir": "auto", "spellcheck": "false"}),
        help_text="The text exactly as scraped; it is kept as received.",
    )
    file = forms.FileField(label="Or upload its .txt file", required=False, help_text="UTF-8 text, up to 2 MiB.")
    url = forms.URLField(label="Where it was published", required=False, max_length=2000, assume_scheme="https",
                         widget=forms.URLInput(attrs={"dir": "ltr"}))
    tlp = forms.ChoiceField(label="Marking", choices=TLP.choices, initial=TLP.AMBER,
                            help_text="Of the report and of what is accepted from it.")

    def clean(self):
        cleaned = super().clean()
        given = [name for name in ("raw_text", "file") if cleaned.get(name)]
        if "raw_text" in self.errors or "file" in self.errors:
            return cleaned
        if not given:
            raise forms.ValidationError("Paste the report's text or choose its file.")
        if len(given) == 2:
            raise forms.ValidationError("Paste the text or upload a file, not both.")
        cleaned["source"] = given[0]
        return cleaned


class IdentityCorrectionForm(forms.Form):
    name_as_stated = forms.CharField(label="Name as stated", max_length=300,
                                     widget=forms.TextInput(attrs={"dir": "auto"}))
    birth_year = forms.IntegerField(label="Birth year", required=False, min_value=1900, max_value=2100)
    birthplace_as_stated = forms.CharField(label="Birthplace as stated", required=False, max_length=300,
                                           widget=forms.TextInput(attrs={"dir": "auto"}))
    mode = forms.ChoiceField(label="Asserted", choices=AssertionMode.choices)


class ChannelNameForm(forms.Form):
    name = forms.CharField(label="Channel name or handle", max_length=300,
                           widget=forms.TextInput(attrs={"dir": "auto"}))
    platform = forms.ChoiceField(label="Platform", choices=Platform.choices)
    operator = forms.CharField(label="Run by", required=False, max_length=300,
                               widget=forms.TextInput(attrs={"dir": "auto"}))


class ClaimantForm(forms.Form):
    name = forms.CharField(label="Claimant organisation", required=False, max_length=300,
                           widget=forms.TextInput(attrs={"dir": "auto", "autocomplete": "off"}),
                           help_text="Pick a catalogued one as you type, or name a new one. Empty: as reported.")
    kind = forms.ChoiceField(label="Kind, if new", choices=OrganizationKind.choices, initial=OrganizationKind.OTHER)


class PlaceChoiceForm(forms.Form):
    candidate = forms.CharField(required=False)


class AttachForm(forms.Form):
    item = forms.IntegerField(required=False, min_value=1)
