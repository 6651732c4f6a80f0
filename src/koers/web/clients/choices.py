"""The closed lists of the client file, each value a code with a translated label."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Situation(models.TextChoices):
    WORKING = "working", _("working")
    WORKING_MORE = "working_more", _("working more than ever")
    HOME_WAITING = "home_waiting", _("at home, waiting")
    WORKING_WITH_CHILDREN = "working_children", _("working with children at home")
    AT_RISK = "at_risk", _("at risk of losing the job")
    LOST_JOB = "lost_job", _("lost the job")
    NO_ASSIGNMENTS = "no_assignments", _("self-employed without assignments")
    IN_TRAINING = "in_training", _("in training")


class Urgency(models.TextChoices):
    """Most urgent first: the order of the members is the order of urgency."""

    HIGH = "high", _("high")
    MEDIUM = "medium", _("medium")
    LOW = "low", _("low")

    @property
    def rank(self) -> int:
        """0 for the most urgent, counting up."""
        return list(Urgency).index(self)


URGENCY_HELP = _(
    "High: work or income is at stake within weeks, or the client asks for help now. "
    "Medium: a question that needs an answer within a few months. "
    "Low: no time pressure; the client is orienting."
)


class QuestionType(models.TextChoices):
    SHORT = "short", _("short term")
    LONG = "long", _("long term")


class ContractType(models.TextChoices):
    PERMANENT = "vast", _("permanent")
    TEMPORARY = "tijdelijk", _("temporary")
    ON_CALL = "oproep", _("on call / zero hours")
    AGENCY = "uitzend", _("agency work")
    SELF_EMPLOYED = "zzp", _("self-employed")
    NONE = "geen", _("no contract")


class EducationLevel(models.TextChoices):
    PRIMARY = "basis", _("primary school")
    VMBO = "vmbo", _("vmbo")
    MBO1 = "mbo1", _("mbo 1")
    MBO24 = "mbo2-4", _("mbo 2-4")
    HAVO_VWO = "havo-vwo", _("havo / vwo")
    HBO = "hbo", _("hbo")
    WO = "wo", _("university")
    ABROAD = "buitenland", _("education abroad")
    UNKNOWN = "onbekend", _("unknown")


class Channel(models.TextChoices):
    PHONE = "telefoon", _("phone")
    WHATSAPP = "whatsapp", _("WhatsApp")
    VIDEO = "beeldbellen", _("video call")
    IN_PERSON = "locatie", _("on location / walking")
    EMAIL = "email", _("e-mail")
    LETTER = "brief", _("letter")


class DigitalSkills(models.TextChoices):
    LOW = "laag", _("low: needs help with e-mail or video calls")
    MEDIUM = "gemiddeld", _("medium: e-mail and WhatsApp, no forms online")
    HIGH = "hoog", _("high: manages online on their own")


class SupportReason(models.TextChoices):
    """Why a client needs extra support: named reasons, never a bare "vulnerable" flag."""

    LANGUAGE = "taal", _("limited Dutch")
    LITERACY = "laaggeletterd", _("low literacy")
    DIGITAL = "digitaal", _("low digital skills")
    HEALTH = "gezondheid", _("health or disability")
    CARE = "mantelzorg", _("care for family or children")
    DEBTS = "schulden", _("debts or money worries")
    NO_NETWORK = "netwerk", _("small network")
    AGE = "leeftijd", _("age on the labour market")
    ANXIETY = "zorgen", _("great worry or stress")


class CallTime(models.TextChoices):
    MORNING = "ochtend", _("morning")
    AFTERNOON = "middag", _("afternoon")
    EVENING = "avond", _("evening")


class FinancierKind(models.TextChoices):
    EMPLOYER = "werkgever", _("employer")
    FUND = "oo_fonds", _("O&O fund")
    UWV = "uwv", _("UWV")
    MUNICIPALITY = "gemeente", _("municipality")
    PRIVATE = "particulier", _("the client")


class BudgetUnit(models.TextChoices):
    HOURS = "uren", _("hours")
    EUROS = "euro", _("euros")


class TrajectStatus(models.TextChoices):
    REGISTERED = "aangemeld", _("registered")
    INTAKE = "intake", _("intake")
    ACTIVE = "actief", _("active")
    PAUSED = "gepauzeerd", _("paused")
    CLOSED = "afgesloten", _("closed")


# Every status but closed: a traject still running.
OPEN_TRAJECT = [status for status in TrajectStatus if status != TrajectStatus.CLOSED]


# aangemeld -> intake -> actief <-> gepauzeerd -> afgesloten; any open traject may close.
TRAJECT_STEPS: dict[str, tuple[str, ...]] = {
    TrajectStatus.REGISTERED: (TrajectStatus.INTAKE, TrajectStatus.CLOSED),
    TrajectStatus.INTAKE: (TrajectStatus.ACTIVE, TrajectStatus.CLOSED),
    TrajectStatus.ACTIVE: (TrajectStatus.PAUSED, TrajectStatus.CLOSED),
    TrajectStatus.PAUSED: (TrajectStatus.ACTIVE, TrajectStatus.CLOSED),
    TrajectStatus.CLOSED: (),
}


class Outcome(models.TextChoices):
    KEPT_JOB = "werk_behouden", _("kept the job")
    OTHER_ROLE = "andere_functie", _("other role, same employer")
    WORK_TO_WORK = "vwnw", _("from work to work")
    TRAINING = "opleiding", _("started training")
    OWN_BUSINESS = "eigen_bedrijf", _("own business")
    NO_WORK = "geen_werk", _("no work")
    STOPPED = "gestopt", _("stopped")
    UNREACHABLE = "onbereikbaar", _("unreachable")


class AfspraakKind(models.TextChoices):
    CAO = "cao", _("collective agreement (cao)")
    SOCIAL_PLAN = "sociaal_plan", _("social plan")
    VWNW = "vwnw", _("work-to-work scheme")
    UNION = "vakbond", _("union agreement")


class Reporting(models.TextChoices):
    AGGREGATES = "aggregaten", _("aggregates only")
    PER_PERSON = "per_persoon", _("per person, with consent")


class ContactOutcome(models.TextChoices):
    REACHED = "bereikt", _("reached")
    NOT_REACHED = "niet_bereikt", _("not reached")
    VOICEMAIL = "voicemail", _("voicemail")
    MESSAGE = "bericht", _("message sent")
    CALLBACK = "terugbellen", _("call-back appointment")
    WRONG_NUMBER = "verkeerd_nummer", _("wrong number")
    WANTS_TO_STOP = "wil_stoppen", _("wants to stop")


class WithWhom(models.TextChoices):
    CLIENT = "client", _("the client")
    EMPLOYER = "werkgever", _("the employer")
    FINANCIER = "financier", _("the financier")
    OTHER = "ander", _("someone else")


class Recipient(models.TextChoices):
    EMPLOYER = "werkgever", _("employer")
    UNION = "vakbond", _("trade union")
    FUND = "fonds", _("fund")
    # Whoever commissions the client's traject, whatever its kind (employer, fund, UWV,
    # municipality): the one consent that lets the coach send the career plan there
    # (docs/plans.md, "Sharing with the commissioning party").
    OPDRACHTGEVER = "opdrachtgever", _("commissioning party")
    # Funders of training (a scheme names its kind of financier) and the training provider.
    UWV = "uwv", _("UWV")
    MUNICIPALITY = "gemeente", _("municipality")
    PROVIDER = "opleider", _("training provider")


class PauseReason(models.TextChoices):
    ASKED = "gevraagd", _("the client asked for it")
    WORKING_MORE = "drukte", _("working more than ever")
    CARE = "zorg", _("care for family or children")
    HEALTH = "gezondheid", _("health")
    OTHER = "anders", _("another reason")


# Contact outcomes that count as a failed attempt to reach the client.
# A deadline this close raises a client: in a calling round, under "Aandacht nodig" and on the
# training pages.
DEADLINE_DAYS = 14

FAILED_ATTEMPTS = ("niet_bereikt", "voicemail")
