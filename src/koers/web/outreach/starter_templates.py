"""The three messages every organisation starts with, in plain Dutch (B1) and in English: put
in place by a data migration, and again wherever the tables were emptied (a flushed test
database)."""

from __future__ import annotations

from typing import Any

TEMPLATES: list[dict[str, str]] = [
    {
        "key": "niet-bereikt",
        "name": "We probeerden je te bellen",
        "subject_nl": "We probeerden je te bellen",
        "body_nl": (
            "Hoi {voornaam},\n\n"
            "We probeerden je te bellen, maar we kregen je niet te spreken. "
            "Wil je ons terugbellen? Bel {telefoon}. Of stuur een bericht terug.\n\n"
            "Groeten, {coach} van {organisatie}"
        ),
        "subject_en": "We tried to call you",
        "body_en": (
            "Hi {voornaam},\n\n"
            "We tried to call you, but we could not reach you. "
            "Could you call us back on {telefoon}? Or reply to this message.\n\n"
            "Best wishes, {coach} of {organisatie}"
        ),
    },
    {
        "key": "terugbelafspraak",
        "name": "Terugbelafspraak bevestigen",
        "subject_nl": "We bellen je terug op {datum}",
        "body_nl": (
            "Hoi {voornaam},\n\n"
            "Fijn dat we een afspraak hebben. We bellen je op {datum} om {tijd}. "
            "Past dat toch niet? Bel dan {telefoon}.\n\n"
            "Groeten, {coach} van {organisatie}"
        ),
        "subject_en": "We will call you back on {datum}",
        "body_en": (
            "Hi {voornaam},\n\n"
            "Thank you for making an appointment. We will call you on {datum} at {tijd}. "
            "If that does not suit you, please call {telefoon}.\n\n"
            "Best wishes, {coach} of {organisatie}"
        ),
    },
    {
        "key": "afspraak-herinnering",
        "name": "Herinnering aan de afspraak",
        "subject_nl": "Herinnering: afspraak op {datum}",
        "body_nl": (
            "Hoi {voornaam},\n\n"
            "Dit is een herinnering. We hebben een afspraak op {datum} om {tijd}. "
            "Kun je niet? Laat het ons weten via {telefoon}.\n\n"
            "Tot dan! {coach} van {organisatie}"
        ),
        "subject_en": "Reminder: appointment on {datum}",
        "body_en": (
            "Hi {voornaam},\n\n"
            "This is a reminder of our appointment on {datum} at {tijd}. "
            "If you cannot make it, please let us know on {telefoon}.\n\n"
            "See you then! {coach} of {organisatie}"
        ),
    },
]


def put_in_place(model: Any) -> None:
    """Create each starter template that is missing (``model``: the model or its migration
    state); a template an admin changed stays as it is."""
    for values in TEMPLATES:
        model.objects.get_or_create(key=values["key"], defaults=values)
