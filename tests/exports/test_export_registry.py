"""The export registry lists every model that holds a user's data, in a creatable order."""

from __future__ import annotations

from django.apps import apps

from rapport.exports.registry import NOT_EXPORTED, SECTIONS, target_model


def test_every_model_with_an_owner_is_exported_or_deliberately_left_out() -> None:
    owned = {
        model._meta.label
        for model in apps.get_models()
        if model.__module__.startswith("rapport.")
        and any(field.name == "owner" for field in model._meta.fields)
    }
    listed = {section.model._meta.label for section in SECTIONS}
    assert owned - listed - NOT_EXPORTED == set()


def test_section_names_and_kinds_are_unique() -> None:
    assert len({s.name for s in SECTIONS}) == len(SECTIONS)
    assert len({s.kind for s in SECTIONS}) == len(SECTIONS)


def test_required_references_point_at_earlier_sections() -> None:
    listed = {section.model for section in SECTIONS}
    for position, section in enumerate(SECTIONS):
        earlier = {s.model for s in SECTIONS[:position]}
        for field in section.fields():
            if field.is_relation:
                assert target_model(field) in listed, f"{section.name}.{field.name}"
                if not field.null:
                    assert target_model(field) in earlier, f"{section.name}.{field.name}"
        for m2m in section.many_to_many():
            assert target_model(m2m) in listed, f"{section.name}.{m2m.name}"
