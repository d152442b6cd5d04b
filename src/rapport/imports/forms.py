from __future__ import annotations

from django import forms

from rapport.imports.models import ImportKind
from rapport.imports.uploads import SUFFIXES

MAX_UPLOAD_BYTES = 500 * 1024 * 1024
KIND_CHOICES = [
    (ImportKind.LINKEDIN.value, "LinkedIn export (.zip or one of its .csv files)"),
    (ImportKind.VCARD.value, "vCard address book (.vcf)"),
    (ImportKind.CSV.value, "Google or Outlook contacts (.csv)"),
]


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label="What is this file?", choices=KIND_CHOICES)
    file = forms.FileField(
        label="File",
        help_text="Nothing is imported yet: you will see what would change first.",
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(sorted(SUFFIXES))}),
    )

    def clean_file(self) -> forms.Field:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("That file is larger than 500 MB.")
        name = (upload.name or "").lower()
        if not name.endswith(tuple(SUFFIXES)):
            raise forms.ValidationError("Choose a .zip, .csv or .vcf file.")
        return upload  # type: ignore[no-any-return]
