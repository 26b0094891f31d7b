"""Forms of the desk's sharing administration (catalog.workspace.views.sharing)."""

from django import forms

from catalog.choices import WebhookEvent
from catalog.models import Partner
from catalog.services.sharing import PARTNER_FIELDS


class PartnerForm(forms.ModelForm):
    class Meta:
        model = Partner
        fields = PARTNER_FIELDS
        help_texts = {"max_tlp": "The highest marking its keys may read.", "is_active": "Inactive partners' keys stop working."}


class IssueKeyForm(forms.Form):
    name = forms.CharField(required=False, max_length=50, help_text="A label, such as where the key is used.")
    expires_on = forms.DateField(required=False, help_text="Empty: the key never expires.",
                                 widget=forms.DateInput(attrs={"type": "date"}))


class ExpireKeyForm(forms.Form):
    on = forms.DateField(required=False, label="Expires on", help_text="Empty: expire it now.",
                         widget=forms.DateInput(attrs={"type": "date"}))


class WebhookForm(forms.Form):
    url = forms.URLField(label="Receiver URL", max_length=2000, assume_scheme="https",
                         help_text="Deliveries to internal addresses are refused when sent.")
    events = forms.MultipleChoiceField(choices=WebhookEvent.choices, widget=forms.CheckboxSelectMultiple)
