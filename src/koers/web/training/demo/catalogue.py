"""The demo course catalogue, each course teaching the ESCO skills its title promises."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from koers import knowledge
from koers.taxonomy import SnapshotError
from koers.web.training.choices import CourseForm
from koers.web.training.demo.schemes import METAAL, ZORG
from koers.web.training.models import Course

ESCO = "http://data.europa.eu/esco/skill/"


@dataclass(frozen=True, slots=True)
class _Course:
    title: str
    provider: str
    price: int
    duration: str
    form: CourseForm
    # The ESCO skills its title promises, curated by hand: (URI after ESCO, English label).
    # The labels are checked against the data in tests/web/test_training_demo_catalogue.py.
    skills: tuple[tuple[str, str], ...]
    scheme: str = ""  # the sector's own scheme, if any


W = CourseForm
COURSES = (
    _Course("Instroomopleiding helpende zorg en welzijn", "ROC Midden Nederland", 2450,
            "6 maanden", W.WORK_BASED, (
                ("62268d9a-42f9-4c65-9ed3-d7ba69249896", "support nurses"),
                ("7a63f944-6948-4ae4-9c1f-d08e492535c9", "apply person-centred care"),
                ("1d21f6ad-340f-45da-a0a3-4e83867f47a6", "provide first aid"),
            ), ZORG),
    _Course("Verzorgende IG, verkorte BBL-opleiding", "Deltion College", 3900, "12 maanden",
            W.WORK_BASED, (
                ("a46743b7-ff8c-49b6-99f7-7fa5bc241771",
                 "use electronic health records in nursing"),
                ("7a63f944-6948-4ae4-9c1f-d08e492535c9", "apply person-centred care"),
                ("248951cc-3b10-447f-a4b2-0037e6e7a9ab", "assist patients with special needs"),
            ), ZORG),
    _Course("Onderwijsassistent (BBL)", "ROC van Amsterdam", 2800, "1 jaar", W.WORK_BASED, (
                ("20f57a7f-b90e-4403-8c77-5ddd89b5835b", "prepare lesson content"),
                ("cedd0710-62ae-4ff4-89ae-ac52375f86ec", "perform classroom management"),
                ("229b10cf-6f3a-490c-9706-01c107df0562", "facilitate teamwork between students"),
            )),
    _Course("Pedagogisch medewerker kinderopvang", "Albeda", 3200, "18 maanden",
            W.WORK_BASED, (
                ("6b58a6d2-89cf-4ab5-bb62-eb29ae968934", "implement care programmes for children"),
                ("07090471-265a-48ec-b744-72b357e801ed", "handle children's problems"),
                ("1d21f6ad-340f-45da-a0a3-4e83867f47a6", "provide first aid"),
            ), ZORG),
    _Course("Basiscursus heftruckchauffeur", "Logistiek Opleidingscentrum Nederland", 395,
            "1 dag", W.CLASSROOM, (
                ("28cb374e-6261-4133-8371-f9a5470145da", "operate forklift"),
                ("3c84f7d9-7a3e-4343-814f-31de0aa61651", "conduct forklift inspections"),
                ("519b3949-b711-4a08-a395-a4bd068f9fa2", "safety regulations for warehouses"),
            )),
    _Course("Magazijnmedewerker en orderpicker (mbo 2)", "Da Vinci College", 1850,
            "6 maanden", W.BLENDED, (
                ("ee5e2297-39cc-4ed6-89e5-d58016118a7f", "pick orders for dispatching"),
                ("055ff233-6569-43db-9f95-a4b03dca97da", "operate warehouse record systems"),
                ("44f6a65f-6be7-4818-9a66-73908797283f", "monitor stock level"),
            )),
    _Course("Code 95 nascholing vrachtwagenchauffeur", "Transport Opleidingen Midden", 550,
            "35 uur", W.CLASSROOM, (
                ("48f480aa-c9a8-4552-b1c5-e94330912257", "road traffic laws"),
                ("be0afbfa-2d39-47d0-8d5c-81df2a27d250", "interpret traffic signals"),
                ("97fb21db-a4e5-4b03-af21-03b9d510d872", "operate GPS systems"),
            )),
    _Course("Rijbewijs D en vakbekwaamheid buschauffeur", "Vervoersacademie Zuid", 4500,
            "14 weken", W.CLASSROOM, (
                ("48f480aa-c9a8-4552-b1c5-e94330912257", "road traffic laws"),
                ("2815f65d-6adb-46a6-8041-5768febf5580", "drive in urban areas"),
                ("08365fba-e874-497b-aa9a-1c09d2aecd4d", "focus on passengers"),
            )),
    _Course("Timmerman (BBL)", "Bouwmensen Utrecht", 3600, "2 jaar", W.WORK_BASED, (
                ("2e8e2acf-5d58-4d99-807d-2ed77a6c8b17", "join wood elements"),
                ("4c06a716-6363-4308-b548-88f7a3e70097", "woodworking tools"),
                ("19858dd3-a5fe-4855-b644-6ecfefd1c384", "carpentry"),
            )),
    _Course("Monteur elektrotechnische installaties (BBL)", "Summa College", 4200, "2 jaar",
            W.WORK_BASED, (
                ("52d6eb67-56c0-4ad7-b5c2-71e7c2362ece", "install electricity sockets"),
                ("c3d1ada5-1d97-4a23-be2a-9ff39296775b", "install electric switches"),
                ("ed291aa0-8b2f-4179-b2f7-540ea6f63bf3", "electrical wiring diagrams"),
            ), METAAL),
    _Course("Zelfstandig werkend kok (mbo 3)", "ROC Nijmegen", 2900, "1 jaar",
            W.WORK_BASED, (
                ("f3934441-4bff-4076-9945-e6c51a01c467", "use cooking techniques"),
                ("c42d2a2a-2f55-45ac-beb1-0a8a76412457", "use food cutting tools"),
                ("5ba1d5b9-3f8d-46ca-bf9f-2e9ca65d1350", "apply HACCP"),
            )),
    _Course("Praktijkdiploma boekhouden (PDB)", "NCOI Opleidingen", 1495, "8 maanden",
            W.ONLINE, (
                ("880c54f9-866e-4f37-b5fa-25ef8a7d49b6", "accounting techniques"),
                ("4a460161-eaea-4fe2-bd0e-164ccc635be1", "financial statements"),
                ("2ff405ec-f59c-4a7b-84b6-9776a49582c4", "bookkeeping regulations"),
            )),
    _Course("Omscholing junior softwareontwikkelaar", "Hogeschool van Amsterdam", 5950,
            "6 maanden", W.BLENDED, (
                ("21d2f96d-35f7-4e3f-9745-c533d2dd6e97", "computer programming"),
                ("ccd0a1d9-afda-43d9-b901-96344886e14d", "Python (computer programming)"),
                ("2522a6ce-3202-4ac8-9f5b-b9cb5a3a83a1", "debug software"),
            )),
    _Course("Verkoopmedewerker retail (mbo 2)", "Noorderpoort", 1250, "6 maanden",
            W.BLENDED, (
                ("68698869-c13c-4563-adc7-118b7644f45d", "identify customer's needs"),
                ("279101c1-e325-4349-bf58-401b6c8ff208", "operate cash point"),
                ("7e9daad3-8604-4839-af9b-dc6f8db3ef68", "stock shelves"),
            )),
    _Course("Schoonmaakmedewerker basis", "Schoonmaak Vakopleidingen", 350, "4 dagdelen",
            W.CLASSROOM, (
                ("6ff01827-907d-43d8-b6e4-7162c1cf0aca", "clean surfaces"),
                ("09dea77e-870c-49eb-9a97-1398bee57bd0",
                 "cleaning industry health and safety measures"),
                ("1448431a-4fe5-4ca3-83db-665e0df3f130", "conduct cleaning tasks"),
            )),
    _Course("Nederlands op de werkvloer (NT2, niveau B1)", "Taalcentrum Utrecht", 800,
            "12 weken", W.CLASSROOM, (
                ("cad4f44b-28a8-4448-86e5-7389e5ebf3eb", "Dutch"),
                ("347d33a8-3698-4549-a7de-722a0216ee40", "understand spoken Dutch"),
                ("c44b765b-76fb-4a16-be7e-9925beee072c", "interact verbally in Dutch"),
                ("e35cfb6e-ea8e-4aef-aab9-3cbc7d79647b", "write Dutch"),
            )),
)  # fmt: skip


def make_courses() -> list[tuple[Course, str]]:
    """The catalogue (made once, reused), each course with the sector scheme it fits."""
    have = set(
        Course.objects.filter(title__in=[c.title for c in COURSES]).values_list("title", "provider")
    )
    known = _known_skills()
    Course.objects.bulk_create(
        [
            Course(
                title=c.title,
                provider=c.provider,
                price=Decimal(c.price),
                duration=c.duration,
                form=c.form,
                skills=[ESCO + uri for uri, _ in c.skills if ESCO + uri in known],
            )
            for c in COURSES
            if (c.title, c.provider) not in have
        ]
    )
    saved = {
        (course.title, course.provider): course
        for course in Course.objects.filter(title__in=[c.title for c in COURSES])
    }
    return [(saved[c.title, c.provider], c.scheme) for c in COURSES]


def _known_skills() -> set[str]:
    """The skills of the knowledge base: a course teaches only those (none without one)."""
    try:
        return {skill.uri for skill in knowledge.taxonomy().skills}
    except SnapshotError:
        return set()
