"""The caseload template: its columns (Dutch headers, the client fields they fill, help, closed
lists and the Dutch words accepted for them) and the template file itself."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy

from koers.web.clients.choices import (
    CallTime,
    Channel,
    ContractType,
    DigitalSkills,
    EducationLevel,
    QuestionType,
    Situation,
    SupportReason,
    Urgency,
)
from koers.web.common import csv_files
from koers.web.common.csv_files import Column

# Dutch words a coordinator types for lists whose codes are English.
ALIASES: dict[type[models.TextChoices], dict[str, str]] = {
    Urgency: {"hoog": "high", "gemiddeld": "medium", "middel": "medium", "laag": "low"},
    QuestionType: {
        "kort": "short",
        "korte termijn": "short",
        "lang": "long",
        "lange termijn": "long",
    },
}


COLUMNS: tuple[Column, ...] = (
    Column(
        "voornaam", "first_name", gettext_lazy("First name."), required=True, example="Voorbeeld"
    ),
    Column("achternaam", "last_name", gettext_lazy("Last name, with prefixes."), example="Cliënt"),
    Column("email", "email", gettext_lazy("E-mail address."), example="naam@example.org"),
    Column("telefoon", "phone", gettext_lazy("Phone number."), example=""),
    Column(
        "belmomenten",
        "call_times",
        gettext_lazy("Best times to call, separated by ;"),
        choices=CallTime,
        many=True,
        example="ochtend;avond",
    ),
    Column(
        "belmomenten_toelichting",
        "call_times_note",
        gettext_lazy("Note about calling, for example 'not on Wednesdays'."),
    ),
    Column("taal", "language", gettext_lazy("Preferred language (default nl)."), example="nl"),
    Column("werkgever", "employer", gettext_lazy("Current or last employer.")),
    Column(
        "sector",
        "sector",
        gettext_lazy("Sector of the work: a NACE section letter, A to U."),
        example="G",
    ),
    Column(
        "contract", "contract_type", gettext_lazy("Contract."), choices=ContractType, example="vast"
    ),
    Column("opleiding", "education_level", gettext_lazy("Education."), choices=EducationLevel),
    Column(
        "beroep",
        "occupation_uri",
        gettext_lazy("Current occupation: an ESCO occupation URI."),
    ),
    Column(
        "situatie",
        "situation",
        gettext_lazy("Situation."),
        required=True,
        choices=Situation,
        example="at_risk",
    ),
    Column(
        "vraag", "question_type", gettext_lazy("Question (default short)."), choices=QuestionType
    ),
    Column(
        "urgentie",
        "urgency",
        gettext_lazy("Urgency (default medium)."),
        choices=Urgency,
        example="medium",
    ),
    Column(
        "kanaal", "channel", gettext_lazy("Preferred channel (default telefoon)."), choices=Channel
    ),
    Column(
        "digitale_vaardigheden",
        "digital_skills",
        gettext_lazy("Digital skills."),
        choices=DigitalSkills,
    ),
    Column(
        "redenen_extra_steun",
        "support_reasons",
        gettext_lazy("Reasons for extra support, separated by ;"),
        choices=SupportReason,
        many=True,
    ),
    Column("notities", "notes", gettext_lazy("Notes.")),
    Column(
        "opdrachtgever",
        "opdrachtgever",
        gettext_lazy("Commissioning party, by its name in Koers: creates a traject."),
    ),
    Column(
        "traject_start",
        "starts",
        gettext_lazy("Start of the traject (YYYY-MM-DD or DD-MM-YYYY); needed with opdrachtgever."),
    ),
    Column("ordernummer", "order_number", gettext_lazy("Order number of the traject.")),
)
BY_HEADER = {column.header: column for column in COLUMNS}
TRAJECT_COLUMNS = frozenset({"opdrachtgever", "traject_start", "ordernummer"})
# The columns that may hold several lines (tabs and line breaks).
MULTILINE = frozenset({"notities"})


def template_csv() -> str:
    """The header row and one example row (no real personal data), ``;``-separated."""
    return csv_files.template_csv(COLUMNS)
