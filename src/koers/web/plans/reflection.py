"""Taking over the explorer's reflection answers by the code the person reads out.

The answers never left the person's browser (``explorer.reflection``); the code carries the
ticked boxes (``explorer.reflection_code``), not the own words, so the plan's own words stay.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from koers.web.accounts.models import User
from koers.web.explorer import reflection_code
from koers.web.explorer.short_code import ALPHABET, InvalidCodeError
from koers.web.plans.choices import PlanChange
from koers.web.plans.models import OWN_WORDS, Plan
from koers.web.plans.saving import locked_plan, save_version


def answers_of(code: str) -> dict[str, list[str]]:
    """The ticked boxes a reflection code holds; a ValidationError on ``code`` naming what is
    wrong with it (nothing ticked counts as wrong: the explorer shows no code then)."""
    try:
        answers = reflection_code.decode(code)
    except InvalidCodeError as error:
        raise ValidationError({"code": _problem(error)}) from None
    if not answers:
        raise ValidationError({"code": _("This code holds no ticked boxes: nothing to take over.")})
    return answers


def _problem(error: InvalidCodeError) -> str:
    if error.reason == "character":
        typed = error.code.strip().upper().replace(" ", "").replace("-", "")
        wrong = next(c for c in typed if c not in ALPHABET)
        return _(
            "“%(character)s” never occurs in a code (codes have no 0, O, Q, 1, I, L, 2, Z, 5, S, "
            "8, B or V). Ask the person to read the code again."
        ) % {"character": wrong}
    if error.reason == "length":
        return _("A code has 7 letters and digits, like PRT-4679. Check what you typed.")
    if error.reason == "kind":
        return _(
            "This is the code of a page in the explorer (an occupation), not of the answers. "
            "Ask for the code under “What you find important”."
        )
    return _(
        "This code does not add up: a character was misheard or mistyped. "
        "Ask the person to read the code again."
    )


@transaction.atomic
def take_over_reflection(*, by: User, plan: Plan, version: int, code: str) -> dict[str, list[str]]:
    """Put the ticked boxes of a reflection code in the plan, in place of the ticked boxes it
    had, keeping the plan's own words; a new version unless they were in the plan already.
    Returns the ticked boxes taken over."""
    answers = answers_of(code)
    current = locked_plan(by, plan.pk, version)
    reflection: dict[str, Any] = dict(answers)
    own_words = current.answers.get(OWN_WORDS)
    if own_words:
        reflection[OWN_WORDS] = own_words
    if reflection != current.answers:
        current.reflection = reflection
        current.full_clean(exclude=["client"])
        save_version(by, current, PlanChange.REFLECTION_CODE, ["reflection"], caller=plan)
    return answers
