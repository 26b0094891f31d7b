"""Forms of working together (catalog.workspace.views.together)."""

from django import forms


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(queryset=None, required=False, empty_label="Nobody",
                                      label="Assigned to")

    def __init__(self, *args, analysts, **kwargs):
        super().__init__(*args, auto_id="assign-%s", **kwargs)
        self.fields["assignee"].queryset = analysts


class CommentForm(forms.Form):
    body = forms.CharField(label="Comment", max_length=5000,
                           widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
                           help_text="Colleagues see it on this item and in their inbox; it cannot be edited later.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, auto_id="comment-%s", **kwargs)
