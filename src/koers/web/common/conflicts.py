"""Two people editing one record: optimistic locking and a three-way merge on the conflict page.

A versioned form carries the ``version`` the editor started from and a signed snapshot of the
record's values at that version (``original``). When a colleague saved in between, the action
refuses (``ConflictError``) and the form comes back merged field by field:

- a field the editor left alone takes the colleague's saved value;
- a field the editor changed keeps the editor's value;
- each field the colleague changed is listed with both values, so the editor can check it.

Saving that page unchanged therefore never reverts a colleague's work (it used to: the form
came back with the stale values and saving again wrote them over the colleague's).
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext as _

SALT = "koers.conflicts.original"


class VersionedForm(forms.BaseModelForm[Any]):
    """A model form saved with optimistic locking: hidden ``version`` and ``original`` fields."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"] = forms.IntegerField(widget=forms.HiddenInput, required=False)
        self.fields["original"] = forms.CharField(widget=forms.HiddenInput, required=False)
        if self.instance.pk is not None:
            self.initial.setdefault("version", self.instance.version)
            self.initial.setdefault("original", snapshot(self, self.instance))

    def merged_names(self) -> list[str]:
        """The fields of this form that are fields of the model: those the merge compares."""
        model_fields = {f.name for f in self._meta.model._meta.concrete_fields} - {"version"}
        return [name for name in self.fields if name in model_fields]

    def snapshot_values(self, row: models.Model) -> dict[str, Any]:
        """What the merge compares of ``row``: its values of the form's model fields (a form
        that edits more, such as an application's funding lines, adds that)."""
        return {name: _field(row, name).value_from_object(row) for name in self.merged_names()}


def snapshot(form: VersionedForm, row: models.Model) -> str:
    """The row's values that the merge compares, signed (the editor's starting point)."""
    plain = json.loads(json.dumps(form.snapshot_values(row), cls=DjangoJSONEncoder))
    return signing.dumps(plain, salt=SALT, compress=True)


def _original(form: VersionedForm) -> dict[str, Any] | None:
    """The values the editor started from, or None when the form did not carry them intact."""
    try:
        values = signing.loads(str(form.data.get(form.add_prefix("original"), "")), salt=SALT)
    except signing.BadSignature:
        return None
    return values if isinstance(values, dict) else None


def _field(row: models.Model, name: str) -> models.Field[Any, Any]:
    field = row._meta.get_field(name)
    assert isinstance(field, models.Field)
    return field


def _plain(row: models.Model, name: str, value: Any) -> Any:
    """One comparable form of a value, whether it came from the form, the row or the snapshot."""
    if isinstance(value, models.Model):
        value = value.pk
    try:
        return _field(row, name).to_python(value)
    except ValidationError:
        return value


def _shown(form: forms.BaseForm, name: str, value: Any) -> str:
    """A value as the editor reads it: choice labels, local dates, "—" for nothing."""
    field = form.fields[name]
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(field, forms.ModelChoiceField):
        if not isinstance(value, models.Model):
            value = field.queryset.filter(pk=value).first() if field.queryset is not None else None
        return field.label_from_instance(value) if value is not None else "—"
    if isinstance(field, forms.ChoiceField):
        choices: Any = field.choices
        labels = {str(key): label for key, label in choices if not isinstance(label, list)}
        chosen = value if isinstance(value, list) else [value]
        return ", ".join(str(labels.get(str(one), one)) for one in chosen)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime.datetime):
        return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    return str(value)


def _set(form: forms.BaseForm, data: Any, name: str, value: Any) -> None:
    """Put ``value`` in the posted data of the form as a browser would post it."""
    field = form.fields[name]
    prepared = field.prepare_value(value)
    raw = str(prepared) if isinstance(prepared, bool) else field.widget.format_value(prepared)
    key = form.add_prefix(name)
    if isinstance(raw, list):
        data.setlist(key, raw)
    else:
        data[key] = raw or ""


@dataclass(frozen=True)
class ChangedField:
    """A field a colleague saved differently: both values, and which one the form now holds."""

    label: str
    yours: str
    theirs: str
    kept_yours: bool


@dataclass
class Conflict:
    """The fields a colleague changed; ``original`` is what the editor started from (None:
    unknown)."""

    original: dict[str, Any] | None
    fields: list[ChangedField] = field(default_factory=list)

    def merge(
        self, *, name: str, label: str, mine: Any, saved: Any, shown: tuple[str, str]
    ) -> bool:
        """Decide one value (plain, comparable): True when the editor's ``mine`` stays in the
        form, False when the colleague's ``saved`` value should replace it there. A value the
        colleague changed is listed with both versions as ``shown`` (editor's, colleague's)."""
        if mine == saved:
            return True
        started = None if self.original is None else self.original.get(name)
        if self.original is not None and saved == started:
            return True  # only the editor changed it: nothing to check
        kept_yours = self.original is not None and mine != started
        self.fields.append(ChangedField(label, shown[0], shown[1], kept_yours))
        return kept_yours


def conflict_of(form: VersionedForm, current: Any, values: Mapping[str, Any]) -> Conflict:
    """Merge the editor's ``values`` with the ``current`` row into the form, for saving again.

    Without an intact ``original`` (a form from before this mechanism, or a tampered one) the
    editor's changes cannot be told apart: the saved values are kept and both are shown.
    """
    original = _original(form)
    data = form.data.copy()  # type: ignore[attr-defined]
    data[form.add_prefix("version")] = str(current.version)
    data[form.add_prefix("original")] = snapshot(form, current)
    if original is not None:
        # The snapshot holds JSON (dates as text): compare the fields as the model reads them.
        for name in form.merged_names():
            original[name] = _plain(current, name, original.get(name))
    conflict = Conflict(original)
    for name in form.merged_names():
        if name not in values:
            continue
        theirs = getattr(current, name)
        if not conflict.merge(
            name=name,
            label=str(form.fields[name].label),
            mine=_plain(current, name, values[name]),
            saved=_plain(current, name, theirs),
            shown=(_shown(form, name, values[name]), _shown(form, name, theirs)),
        ):
            _set(form, data, name, theirs)
    form.data = data
    return conflict
