"""The demo funding schemes and their application windows, drawn around today."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from koers.web.clients.choices import FinancierKind
from koers.web.training.choices import Applicant
from koers.web.training.models import Scheme, Window


@dataclass(frozen=True, slots=True)
class _Scheme:
    name: str
    financier: str
    kind: FinancierKind
    applicant: Applicant
    code: str  # prefix of application numbers
    max_amount: int | None
    maximum_note: str
    conditions: str
    links: tuple[str, ...]
    # (opens, closes) in days from today, or a calendar year (-1 last, 0 this, 1 next).
    windows: tuple[tuple[int, int] | int, ...]


NL_LEERT_DOOR = "NL leert door"
ZORG = "Opleidingsbudget Zorg en Welzijn"
SLIM = "SLIM-regeling"
METAAL = "Scholingsvoucher Metaal en Techniek"
SCHEMES = (
    _Scheme(
        NL_LEERT_DOOR,
        "Rijksoverheid (uitvoering UWV)",
        FinancierKind.UWV,
        Applicant.PARTICIPANT,
        "NLLD",
        1000,
        "€ 1.000 per persoon per jaar",
        "Voor werkenden en werkzoekenden vanaf 18 jaar. Eén aanvraag per jaar.",
        ("https://www.nlleertdoor.nl",),
        # Last year's round, this round (closing soon) and next year's.
        ((-400, -200), (-180, 10), (305, 375)),
    ),
    _Scheme(
        ZORG,
        "Opleidingsfonds Zorg en Welzijn",
        FinancierKind.FUND,
        Applicant.EMPLOYER,
        "OZW",
        2500,
        "€ 2.500 per medewerker per jaar",
        "Voor medewerkers van aangesloten zorgorganisaties die zich omscholen binnen de sector.",
        (),
        (-1, 0, 1),
    ),
    _Scheme(
        SLIM,
        "Ministerie van Sociale Zaken en Werkgelegenheid",
        FinancierKind.EMPLOYER,
        Applicant.EMPLOYER,
        "SLIM",
        None,
        "60 % van de kosten, tot € 25.000 per werkgever",
        "De werkgever vraagt aan; alleen in het aanvraagtijdvak.",
        ("https://www.uwv.nl",),
        # This year's period is over; the next one opens later.
        ((-150, -120), (215, 245)),
    ),
    _Scheme(
        METAAL,
        "O&O-fonds Metaal en Techniek",
        FinancierKind.FUND,
        Applicant.PROVIDER,
        "MT",
        1500,
        "€ 1.500 per voucher",
        "Voor werknemers in de metaal en techniek; de opleider dient de voucher in.",
        (),
        ((-380, -25), (-20, 90)),
    ),
)
SPECS = {spec.name: spec for spec in SCHEMES}


def _window_dates(
    spec: tuple[int, int] | int, today: datetime.date
) -> tuple[datetime.date, datetime.date]:
    if isinstance(spec, int):
        year = today.year + spec
        return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    return today + datetime.timedelta(days=spec[0]), today + datetime.timedelta(days=spec[1])


def _window_label(opens: datetime.date, whole_year: bool) -> str:
    if whole_year:
        return f"Jaarbudget {opens.year}"
    return f"{'Voorjaar' if opens.month <= 6 else 'Najaar'} {opens.year}"


def make_schemes(today: datetime.date) -> dict[Scheme, list[Window]]:
    """The demo schemes (made once, reused) with windows drawn again around ``today``."""
    have = {
        scheme.name: scheme for scheme in Scheme.objects.filter(name__in=[s.name for s in SCHEMES])
    }
    Scheme.objects.bulk_create(
        [
            Scheme(
                name=s.name,
                financier=s.financier,
                financier_kind=s.kind,
                applicants=[s.applicant.value],
                max_amount=Decimal(s.max_amount) if s.max_amount is not None else None,
                maximum_note=s.maximum_note,
                conditions=s.conditions,
                links=list(s.links),
            )
            for s in SCHEMES
            if s.name not in have
        ]
    )
    found = {
        scheme.name: scheme for scheme in Scheme.objects.filter(name__in=[s.name for s in SCHEMES])
    }
    # Windows no application uses: after a reset that is all of them.
    Window.objects.filter(scheme__in=found.values(), fundingline__isnull=True).delete()
    windows: dict[Scheme, list[Window]] = {}
    for spec in SCHEMES:
        scheme = found[spec.name]
        windows[scheme] = []
        for dates in spec.windows:
            opens, closes = _window_dates(dates, today)
            windows[scheme].append(
                Window(
                    scheme=scheme,
                    label=_window_label(opens, isinstance(dates, int)),
                    opens_on=opens,
                    closes_on=closes,
                )
            )
    Window.objects.bulk_create([w for found_windows in windows.values() for w in found_windows])
    return windows
