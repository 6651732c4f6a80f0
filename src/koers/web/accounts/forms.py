"""Forms of the accounts pages; they validate input, the actions make the changes."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any, ClassVar

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, SetPasswordForm
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from koers.web.accounts.actions import set_own_password
from koers.web.accounts.codes import normalise
from koers.web.accounts.inputs import UserValues
from koers.web.accounts.models import Team, User
from koers.web.accounts.roles import Role

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

CODE_ATTRS = {
    "autocomplete": "one-time-code",
    "inputmode": "numeric",
    "pattern": "[0-9 ]*",
    "maxlength": "8",
    "class": "code",
}


class LoginForm(AuthenticationForm):
    """Django's sign-in form (it passes the request on, which django-axes needs)."""

    def __init__(self, request: Any = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(request, *args, **kwargs)
        self.fields["username"].widget.attrs.update({"autocomplete": "username"})
        self.fields["password"].widget.attrs.update({"autocomplete": "current-password"})


# SetPasswordForm is generic only in django-stubs, not at run time.
class OwnPasswordForm(SetPasswordForm):  # type: ignore[type-arg]
    """A new password, twice, saved through the audited action (Django's form saves itself)."""

    detail: ClassVar[str] = "chosen at first sign-in"

    def clean(self) -> dict[str, Any] | None:
        data = super().clean()
        assert data is not None
        password = data.get("new_password2")
        if password and not self.has_error("new_password2") and self.user.check_password(password):
            self.add_error("new_password2", _("Choose a password other than the one you have now."))
        return data

    def save(self, commit: bool = True) -> User:
        assert isinstance(self.user, User)
        return set_own_password(
            by=self.user, password=self.cleaned_data["new_password1"], detail=self.detail
        )


class LinkPasswordForm(OwnPasswordForm):
    """A password chosen with the link of a password-reset or welcome e-mail."""

    detail = "chosen with an e-mail link"


class OwnPasswordChangeForm(PasswordChangeForm):
    """The current password, then a new one twice; saved like ``OwnPasswordForm``."""

    def save(self, commit: bool = True) -> User:
        assert isinstance(self.user, User)
        return set_own_password(
            by=self.user, password=self.cleaned_data["new_password1"], detail="changed"
        )


class CodeForm(forms.Form):
    """The six digits an authenticator app shows."""

    code = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=8,
        widget=forms.TextInput(attrs=CODE_ATTRS),
    )

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split())
        if not code.isdigit() or len(code) != 6:
            raise forms.ValidationError(_("Type the six digits your app shows."))
        return code


class EnrolmentCodeForm(forms.Form):
    """The one-time code an admin gave, before an authenticator app can be linked."""

    enrolment_code = forms.CharField(
        label=_("Enrolment code from your admin"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "class": "code"}),
    )


class RecoveryCodeForm(forms.Form):
    """One of the ten recovery codes, for when the phone is not at hand."""

    recovery_code = forms.CharField(
        label=_("Recovery code"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "class": "code"}),
    )

    def clean_recovery_code(self) -> str:
        return normalise(self.cleaned_data["recovery_code"])


def _name_field(label: StrOrPromise) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )


def _team_field() -> forms.ModelChoiceField[Team]:
    return forms.ModelChoiceField(
        label=_("Team"),
        queryset=Team.objects.all(),
        required=False,
        empty_label=_("(no team)"),
    )


def _require_team(form: forms.Form, data: dict[str, Any]) -> None:
    """Coaches and team leads belong to a team; admins need none."""
    if data.get("role") in {Role.COACH, Role.TEAMLEAD} and data.get("team") is None:
        form.add_error("team", _("Coaches and team leads belong to a team."))


class UserCreateForm(forms.Form):
    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    first_name = _name_field(_("First name"))
    last_name = _name_field(_("Last name"))
    email = forms.EmailField(label=_("E-mail address"), required=False)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.COACH)
    team = _team_field()
    send_reset = forms.BooleanField(
        label=_("E-mail a link to choose a password"),
        required=False,
        initial=True,
    )
    password = forms.CharField(
        label=_("Or set a first password"),
        required=False,
        strip=False,
        help_text=_("At least 12 characters. Leave empty when you send the e-mail."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict[str, Any] | None:
        data = super().clean()
        assert data is not None
        password = data.get("password")
        if data.get("send_reset"):
            if password:
                self.add_error("password", _("Either send the e-mail or set a password, not both."))
            elif not data.get("email"):
                self.add_error("email", _("The e-mail needs an e-mail address."))
        elif not password:
            self.add_error("password", _("Set a first password, or send the e-mail."))
        _require_team(self, data)
        return data


class UserEditForm(forms.Form):
    first_name = _name_field(_("First name"))
    last_name = _name_field(_("Last name"))
    email = forms.EmailField(label=_("E-mail address"), required=False)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    team = _team_field()
    is_active = forms.BooleanField(
        label=_("Active: may sign in"),
        required=False,
    )

    def clean(self) -> dict[str, Any] | None:
        data = super().clean()
        assert data is not None
        _require_team(self, data)
        return data

    def values(self) -> UserValues:
        """What ``update_user`` takes."""
        data = self.cleaned_data
        return UserValues(
            first_name=data["first_name"],
            last_name=data["last_name"],
            email=data["email"],
            role=data["role"],
            team=data["team"],
            is_active=data["is_active"],
        )


class TeamForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the new team"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )


class PersonField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """A choice of colleagues by name."""

    def label_from_instance(self, obj: User) -> str:
        return obj.display_name


class CoverForm(forms.Form):
    coach = PersonField(label=_("Absent coach"), queryset=User.objects.none())
    substitute = PersonField(label=_("Covered by"), queryset=User.objects.none())
    starts = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    ends = forms.DateField(
        label=_("Until (inclusive)"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, people: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("coach", "substitute"):
            field = self.fields[name]
            assert isinstance(field, PersonField)
            field.queryset = people

    def clean(self) -> dict[str, Any] | None:
        data = super().clean()
        assert data is not None
        starts: datetime.date | None = data.get("starts")
        ends: datetime.date | None = data.get("ends")
        if starts and ends and ends < starts:
            self.add_error("ends", _("The end date cannot be before the start date."))
        coach, substitute = data.get("coach"), data.get("substitute")
        if coach is not None and coach == substitute:
            self.add_error("substitute", _("A coach cannot cover for themselves."))
        return data
