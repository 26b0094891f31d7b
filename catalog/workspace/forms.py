from django import forms

from catalog.choices import ClaimStatus, MediaAuthenticity
from provenance.choices import EnrichmentKind


class RationaleField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 3, "dir": "auto"}))
        kwargs.setdefault("help_text", "Required: what the verdict rests on. It is kept in the review history.")
        kwargs.setdefault("error_messages", {"required": "Give a rationale: every verdict needs one."})
        super().__init__(strip=True, **kwargs)


class AuthenticityVerdictForm(forms.Form):
    authenticity = forms.ChoiceField(label="Authenticity", choices=MediaAuthenticity.choices)
    rationale = RationaleField()


class ClaimVerdictForm(forms.Form):
    status = forms.ChoiceField(label="Status", choices=ClaimStatus.choices)
    rationale = RationaleField()


class ApprovalForm(forms.Form):
    note = forms.CharField(required=False, max_length=2000, widget=forms.TextInput(attrs={"dir": "auto"}))


class ReviewDecisionForm(forms.Form):
    """Reject or send back a colleague's verdict (saying why), or withdraw one's own."""

    decision = forms.ChoiceField(choices=[("reject", "Reject"), ("send_back", "Send back"), ("withdraw", "Withdraw")])
    comment = forms.CharField(required=False, max_length=2000, widget=forms.Textarea(attrs={"dir": "auto", "rows": 2}))


class RevealForm(forms.Form):
    reason = forms.CharField(required=False, max_length=200, widget=forms.TextInput(attrs={"dir": "auto"}))


class EnrichmentForm(forms.Form):
    kind = forms.ChoiceField(choices=EnrichmentKind.choices)


class DecisionForm(forms.Form):
    """One decision out of a fixed set; `path` optionally names the part of a draft it is about."""

    decision = forms.CharField()
    path = forms.CharField(required=False, max_length=50)

    def __init__(self, *args, decisions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.decisions = decisions

    def clean_decision(self):
        decision = self.cleaned_data["decision"]
        if decision not in self.decisions:
            raise forms.ValidationError(f"Choose one of: {', '.join(self.decisions)}.")
        return decision
