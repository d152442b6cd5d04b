from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render

from rapport.core.http import AuthedRequest
from rapport.people.forms import PersonForm, add_service_errors
from rapport.people.models import Person
from rapport.people.selectors import person_get
from rapport.people.services import person_delete, person_save_with_details


def _get_person(request: AuthedRequest, pk: int) -> Person:
    """The person `pk` of the logged-in user (404 for anyone else's)."""
    return person_get(owner=request.user, pk=pk)


@login_required
def person_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    person = _get_person(request, pk)
    name = person.full_name  # the form edits `person` in place, even when invalid
    form = PersonForm(request.POST or None, instance=person, owner=request.user)
    if request.method == "POST" and person_form_save(form):
        messages.success(request, "Saved.")
        return redirect("people:detail", person.pk)
    return render(request, "people/form.html", {"form": form, "person": person, "name": name})


def person_form_save(form: PersonForm) -> bool:
    """Save a valid PersonForm through the service; False with its errors on the form."""
    if not form.is_valid():
        return False
    try:
        person_save_with_details(
            person=form.instance,
            contact_points=form.cleaned_data["contact_points"],
            tags=form.cleaned_data["tags"],
        )
    except ValidationError as error:
        add_service_errors(form, error)
        return False
    return True


@login_required
def person_delete_view(request: AuthedRequest, pk: int) -> HttpResponse:
    person = _get_person(request, pk)
    if request.method == "POST":
        person_delete(person=person)
        messages.success(request, f"{person.full_name} was deleted.")
        return redirect("people:list")
    return render(request, "people/confirm_delete.html", {"person": person})
