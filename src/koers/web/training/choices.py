"""The closed lists of training and its funding: who applies, course forms, application steps."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Applicant(models.TextChoices):
    PARTICIPANT = "deelnemer", _("the participant (with DigiD)")
    ADVISER = "adviseur", _("the adviser")
    PROVIDER = "aanbieder", _("the training provider")
    EMPLOYER = "werkgever", _("the employer")


class CourseForm(models.TextChoices):
    CLASSROOM = "klassikaal", _("classroom")
    ONLINE = "online", _("online")
    BLENDED = "blended", _("classroom and online")
    WORK_BASED = "werkend_leren", _("learning on the job")


class ApplicationStatus(models.TextChoices):
    IDEA = "idee", _("idea")
    SUBMITTED = "ingediend", _("submitted")
    WAITING_LIST = "wachtlijst", _("waiting list")
    GRANTED = "toegekend", _("granted")
    REJECTED = "afgewezen", _("rejected")
    WITHDRAWN = "ingetrokken", _("withdrawn")
    STARTED = "gestart", _("started")
    COMPLETED = "afgerond", _("completed")
    DROPPED = "gestopt", _("dropped out")
    CLAIMED = "gedeclareerd", _("claimed")
    PAID = "uitbetaald", _("paid")


S = ApplicationStatus
# The workflow: from each status, the statuses it may go to next.
STATUS_STEPS: dict[str, tuple[str, ...]] = {
    S.IDEA: (S.SUBMITTED, S.WITHDRAWN),
    S.SUBMITTED: (S.WAITING_LIST, S.GRANTED, S.REJECTED, S.WITHDRAWN),
    S.WAITING_LIST: (S.GRANTED, S.REJECTED, S.WITHDRAWN),
    S.GRANTED: (S.STARTED, S.WITHDRAWN),
    S.STARTED: (S.COMPLETED, S.DROPPED),
    S.COMPLETED: (S.CLAIMED,),
    S.DROPPED: (S.CLAIMED,),
    S.CLAIMED: (S.PAID,),
    S.REJECTED: (),
    S.WITHDRAWN: (),
    S.PAID: (),
}
# Nothing more to do: no deadlines, not counted as running.
FINISHED = frozenset({S.REJECTED, S.WITHDRAWN, S.PAID})


class DeadlineKind(models.TextChoices):
    WINDOW_CLOSES = "window", _("application window closes")
    LATEST_START = "start", _("latest start")
    COMPLETION = "completion", _("completion")
    CLAIM = "claim", _("claim")
