"""Every change to schemes, courses and applications: atomic, audited (field names only)."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from koers.web.accounts.models import User
from koers.web.audit.models import AuditAction
from koers.web.audit.trail import record, save_setting, target_of
from koers.web.clients.actions import ConflictError, StepError
from koers.web.clients.models import Traject
from koers.web.common.bsn import refuse_bsn
from koers.web.common.inputs import refuse_unknown
from koers.web.training.choices import STATUS_STEPS, ApplicationStatus
from koers.web.training.deadlines import next_deadline
from koers.web.training.inputs import APPLICATION_FIELDS, ApplicationValues, FundingLineValues
from koers.web.training.models import (
    Application,
    ApplicationStep,
    Course,
    FundingLine,
    Scheme,
    Window,
)

LINE_FIELDS = ("scheme", "window", "asked", "granted", "paid")


@transaction.atomic
def save_scheme(*, by: User, scheme: Scheme) -> Scheme:
    """Create or change a scheme (admins); its windows are saved with ``save_window``."""
    return save_setting(
        by,
        scheme,
        AuditAction.SCHEME_SAVED,
        ["name", "financier", "applicants", "max_amount", "maximum_note", "conditions", "links"],
    )


@transaction.atomic
def save_window(*, by: User, window: Window) -> Window:
    """Create or change a window; applications that wait on it get their deadline again."""
    saved = save_setting(
        by, window, AuditAction.WINDOW_SAVED, ["label", "opens_on", "closes_on", "max_amount"]
    )
    for application in Application.objects.filter(lines__window=saved).distinct():
        _refresh_deadline(application)
    return saved


@transaction.atomic
def save_course(*, by: User, course: Course) -> Course:
    return save_setting(
        by,
        course,
        AuditAction.COURSE_SAVED,
        ["title", "provider", "price", "duration", "form", "skills", "link", "description"],
    )


def _refresh_deadline(application: Application) -> None:
    found = next_deadline(
        application.status,
        window_closes=[line.window.closes_on for line in application.lines.all() if line.window],
        latest_start=application.latest_start_on,
        completion=application.completion_on,
        claim=application.claim_on,
    )
    on, kind = found if found else (None, "")
    if (application.deadline_on, application.deadline_kind) != (on, kind):
        Application.objects.filter(pk=application.pk).update(deadline_on=on, deadline_kind=kind)
        application.deadline_on, application.deadline_kind = on, kind


def _check_values(values: ApplicationValues) -> None:
    refuse_unknown(values, APPLICATION_FIELDS)
    for name in ("course_title", "provider", "reference", "note"):
        try:
            refuse_bsn(values.get(name))
        except ValidationError as error:
            raise ValidationError({name: error.messages}) from None


def _check_lines(application: Application, lines: Sequence[FundingLineValues]) -> None:
    """Each line's window belongs to its scheme and stays under its maximum; asked fits the cost."""
    errors: list[str] = []
    for line in lines:
        scheme: Scheme = line["scheme"]
        window: Window | None = line.get("window")
        asked: Decimal = line["asked"]
        granted: Decimal | None = line.get("granted")
        paid: Decimal | None = line.get("paid")
        if window is not None and window.scheme_id != scheme.pk:
            errors.append(
                _("The window %(window)s is not a window of %(scheme)s.")
                % {"window": window.label, "scheme": scheme.name}
            )
        maximum = window.max_amount if window and window.max_amount is not None else None
        maximum = maximum if maximum is not None else scheme.max_amount
        if maximum is not None and asked > maximum:
            errors.append(
                _("%(scheme)s pays at most € %(max)s; € %(asked)s is asked.")
                % {"scheme": scheme.name, "max": maximum, "asked": asked}
            )
        if granted is not None and granted > asked:
            errors.append(
                _("More is granted than asked from %(scheme)s.") % {"scheme": scheme.name}
            )
        if paid is not None and paid > (granted if granted is not None else asked):
            errors.append(_("More is paid than granted from %(scheme)s.") % {"scheme": scheme.name})
    asked_total = sum((line["asked"] for line in lines), Decimal(0))
    if asked_total > application.cost:
        errors.append(
            _("Together the schemes are asked € %(asked)s, more than the cost (€ %(cost)s).")
            % {"asked": asked_total, "cost": application.cost}
        )
    if errors:
        raise ValidationError({"lines": errors})


def _save_lines(application: Application, lines: Sequence[FundingLineValues]) -> bool:
    """Replace the funding lines by ``lines``; True when anything changed."""
    wanted = [tuple(line.get(name) for name in LINE_FIELDS) for line in lines]
    current = list(application.lines.select_related("scheme", "window"))
    if [tuple(getattr(line, name) for name in LINE_FIELDS) for line in current] == wanted:
        return False
    application.lines.all().delete()
    FundingLine.objects.bulk_create(
        FundingLine(application=application, **dict(zip(LINE_FIELDS, values, strict=True)))
        for values in wanted
    )
    return True


@transaction.atomic
def create_application(
    *,
    by: User,
    traject: Traject,
    values: ApplicationValues,
    lines: Sequence[FundingLineValues] = (),
    on: datetime.date | None = None,
) -> Application:
    """A new application in the status 'idea', with its funding lines."""
    _check_values(values)
    on = on or timezone.localdate()
    application = Application(traject=traject, created_by=by, status_on=on, **values)
    application.full_clean()
    _check_lines(application, lines)
    application.save()
    _save_lines(application, lines)
    ApplicationStep.objects.create(application=application, status=application.status, on=on, by=by)
    _refresh_deadline(application)
    record(
        by=by,
        action=AuditAction.APPLICATION_CREATED,
        client_id=traject.client_id,
        target=target_of(application),
        fields=[name for name, value in values.items() if value not in ("", None, False)]
        + (["lines"] if lines else []),
    )
    return application


@transaction.atomic
def update_application(
    *,
    by: User,
    application: Application,
    version: int,
    values: ApplicationValues,
    lines: Sequence[FundingLineValues],
) -> Application:
    """Save changed fields and lines if nobody saved in between (else ConflictError)."""
    _check_values(values)
    current = Application.objects.select_for_update().get(pk=application.pk)
    if current.version != version:
        raise ConflictError(current)
    changed = []
    for name, value in values.items():
        if getattr(current, name) != value:
            setattr(current, name, value)
            changed.append(name)
    current.full_clean()
    _check_lines(current, lines)
    if _save_lines(current, lines):
        changed.append("lines")
    if changed:
        current.version = F("version") + 1
        current.save()
        current.refresh_from_db()
        _refresh_deadline(current)
        record(
            by=by,
            action=AuditAction.APPLICATION_CHANGED,
            client_id=current.traject.client_id,
            target=target_of(current),
            fields=changed,
        )
    return current


@transaction.atomic
def change_application_status(
    *,
    by: User,
    application: Application,
    status: str,
    on: datetime.date | None = None,
    note: str = "",
) -> Application:
    """Move an application one step along the workflow, dated; submitting needs an open window."""
    on = on or timezone.localdate()
    current = Application.objects.select_for_update().get(pk=application.pk)
    if status not in STATUS_STEPS.get(current.status, ()):
        raise StepError(
            _("An application cannot go from %(old)s to %(new)s.")
            % {"old": current.get_status_display(), "new": ApplicationStatus(status).label}
        )
    if on < current.status_on:
        raise ValidationError({"on": _("This date lies before the previous step.")})
    if on > timezone.localdate():
        raise ValidationError({"on": _("A step cannot be dated in the future.")})
    try:
        refuse_bsn(note)
    except ValidationError as error:
        raise ValidationError({"note": error.messages}) from None
    if status == ApplicationStatus.SUBMITTED:
        _check_submission(current, on)
    current.status = status
    current.status_on = on
    current.version = F("version") + 1
    current.save()
    current.refresh_from_db()
    ApplicationStep.objects.create(application=current, status=status, on=on, by=by, note=note)
    _refresh_deadline(current)
    record(
        by=by,
        action=AuditAction.APPLICATION_STATUS,
        client_id=current.traject.client_id,
        target=target_of(current),
        fields=["status", "status_on", *(["note"] if note else [])],
        detail=status,
    )
    return current


def _check_submission(application: Application, on: datetime.date) -> None:
    lines = list(application.lines.select_related("scheme", "window"))
    if not lines:
        raise ValidationError(
            {"status": _("Add at least one scheme that pays, before submitting.")}
        )
    for line in lines:
        if line.window is not None and not line.window.is_open(on):
            raise ValidationError(
                {
                    "on": _(
                        "The window %(window)s of %(scheme)s is open from %(opens)s to "
                        "%(closes)s, not on %(date)s."
                    )
                    % {
                        "window": line.window.label,
                        "scheme": line.scheme.name,
                        "opens": date_format(line.window.opens_on, "SHORT_DATE_FORMAT"),
                        "closes": date_format(line.window.closes_on, "SHORT_DATE_FORMAT"),
                        "date": date_format(on, "SHORT_DATE_FORMAT"),
                    }
                }
            )
