"""Word lists and weights: names, places, parties, summaries, how often each value occurs."""

from __future__ import annotations

from koers.web.clients.choices import (
    AfspraakKind,
    Channel,
    ContactOutcome,
    ContractType,
    EducationLevel,
    FinancierKind,
    Outcome,
    Situation,
    TrajectStatus,
    Urgency,
    WithWhom,
)


def _words(text: str, sep: str = ",") -> tuple[str, ...]:
    return tuple(word.strip() for word in text.split(sep) if word.strip())


FIRST_NAMES = _words(
    """Anna, Sanne, Lisa, Eva, Fleur, Femke, Iris, Lotte, Emma, Julia, Sophie, Noor, Anouk,
    Esther, Marieke, Ingrid, Petra, Monique, Sandra, Wendy, Linda, Yvonne, Karin, Annemarie,
    Chantal, Ilse, Hanneke, Fatima, Samira, Nadia, Aylin, Zeynep, Meryem, Priya, Agnieszka,
    Kasia, Olena, Maria, Ana, Daan, Sem, Lucas, Milan, Thijs, Bram, Jesse, Ruben, Tim, Joost,
    Mark, Jeroen, Peter, Erik, Martijn, Dennis, Sander, Kees, Henk, Gerrit, Wim, Johan, Marco,
    Patrick, Richard, Stefan, Vincent, Hans, Mohamed, Ahmed, Youssef, Mustafa, Hamza, Emre,
    Mehmet, Burak, Kofi, Tomasz, Piotr, Andrei, Rajesh"""
)
LAST_NAMES = _words(
    """de Jong, Jansen, de Vries, van den Berg, van Dijk, Bakker, Janssen, Visser, Smit,
    Meijer, de Boer, Mulder, de Groot, Bos, Vos, Peters, Hendriks, van Leeuwen, Dekker,
    Brouwer, de Wit, Dijkstra, Smits, de Graaf, van der Meer, van der Linden, Kok, Jacobs,
    de Haan, Vermeulen, van den Heuvel, van der Veen, van den Broek, de Bruijn, de Bruin,
    van der Heijden, Schouten, van Beek, Willems, van Vliet, van de Ven, Hoekstra, Maas,
    Verhoeven, Koster, van Dam, Prins, Blom, Huisman, Peeters, el Amrani, Bouzid, Yilmaz,
    Kaya, Demir, Öztürk, Kowalski, Nowak, Mahabier, Ramdin, Tjon, Asante, Haddou, Ait Taleb,
    Postma, Kuipers, Veenstra, Kramer, van Wijk"""
)
EMPLOYER_KINDS = _words(
    """Bakkerij, Zorggroep, Transport, Schoonmaakbedrijf, Supermarkt, Installatiebedrijf,
    Garage, Hotel, Drukkerij, Kinderopvang, Thuiszorg, Bouwbedrijf, Logistiek, Metaalbedrijf,
    Callcenter, Woningcorporatie, Tuincentrum, Uitzendbureau, Catering, Verpleeghuis"""
)
EMPLOYER_NAMES = _words(
    """De Linde, Van Dijk, Noord, Rivierenland, De Horst, Zuidwest, Het Anker, De Kroon,
    Van Vliet, Midden, De Brug, Kennemerland, Oost, De Wieken, Ommelanden, Van der Heijden,
    De Poort, Gooi"""
)
CITIES = _words(
    """Amsterdam, Rotterdam, Utrecht, Den Haag, Eindhoven, Groningen, Tilburg, Almere, Breda,
    Nijmegen, Apeldoorn, Arnhem, Haarlem, Enschede, Amersfoort, Zaanstad, Zwolle, Leiden,
    Maastricht, Dordrecht, Leeuwarden, Emmen, Delft, Venlo, Deventer, Helmond, Assen, Hoorn,
    Middelburg, Lelystad"""
)

OPDRACHTGEVERS = (
    ("O&O-fonds Detailhandel", FinancierKind.FUND),
    ("Opleidingsfonds Zorg en Welzijn", FinancierKind.FUND),
    ("O&O-fonds Metaal en Techniek", FinancierKind.FUND),
    ("Sectorfonds Transport en Logistiek", FinancierKind.FUND),
    ("Fonds Schoonmaak", FinancierKind.FUND),
    ("UWV", FinancierKind.UWV),
    ("Gemeente Utrecht", FinancierKind.MUNICIPALITY),
    ("Gemeente Rotterdam", FinancierKind.MUNICIPALITY),
    ("Gemeente Groningen", FinancierKind.MUNICIPALITY),
    ("Gemeente Eindhoven", FinancierKind.MUNICIPALITY),
    ("Zorggroep Rivierenland", FinancierKind.EMPLOYER),
    ("Logistiek Centrum Noord", FinancierKind.EMPLOYER),
    ("Drukkerij De Kroon", FinancierKind.EMPLOYER),
    ("Metaalbedrijf Van Dijk", FinancierKind.EMPLOYER),
    ("Eigen betaling", FinancierKind.PRIVATE),
)
AFSPRAKEN = (
    ("Cao Metaal en Techniek", AfspraakKind.CAO, "werkgevers en vakbonden in de metaal"),
    ("Sociaal plan Drukkerij De Kroon", AfspraakKind.SOCIAL_PLAN, "Drukkerij De Kroon, FNV"),
    ("Van-werk-naar-werkregeling Zorg", AfspraakKind.VWNW, "Zorggroep Rivierenland, OR"),
    ("Loopbaanafspraak FNV-leden", AfspraakKind.UNION, "FNV"),
)
SUMMARIES = (
    "Gesproken over de reorganisatie en wat er op {who} afkomt.",
    "Cv doorgenomen; {who} stuurt de nieuwe versie volgende week.",
    "Vacatures bekeken in de zorg en het onderwijs.",
    "Mogelijkheden voor een opleiding via het fonds besproken.",
    "Netwerkgesprek voorbereid; drie contacten benoemd.",
    "Zorgen over geld en de toekomst; doorverwezen naar het Juridisch Loket.",
    "Sollicitatiebrief samen geschreven.",
    "Terugblik op het proefplaatsingsgesprek: positief.",
    "Kort contact: alles loopt, volgende stap blijft staan.",
    "Besproken welke vaardigheden {who} al heeft voor een overstap.",
)
NEXT_ACTIONS = (
    "Cv opsturen",
    "Vacatures bekijken",
    "Opleiding aanvragen",
    "Netwerkgesprek voeren",
    "Gesprek met werkgever plannen",
    "Aanmelden bij uitzendbureau",
    "Proefplaatsing evalueren",
)

# (value, weight): how often each occurs in a career-guidance caseload.
SITUATIONS = (
    (Situation.AT_RISK, 25),
    (Situation.WORKING, 20),
    (Situation.LOST_JOB, 15),
    (Situation.IN_TRAINING, 12),
    (Situation.HOME_WAITING, 8),
    (Situation.NO_ASSIGNMENTS, 8),
    (Situation.WORKING_MORE, 6),
    (Situation.WORKING_WITH_CHILDREN, 6),
)
URGENCIES = ((Urgency.HIGH, 20), (Urgency.MEDIUM, 50), (Urgency.LOW, 30))
CONTRACTS = (
    (ContractType.PERMANENT, 45),
    (ContractType.TEMPORARY, 20),
    (ContractType.ON_CALL, 8),
    (ContractType.AGENCY, 10),
    (ContractType.SELF_EMPLOYED, 8),
    (ContractType.NONE, 9),
)
EDUCATION = (
    (EducationLevel.PRIMARY, 4),
    (EducationLevel.VMBO, 15),
    (EducationLevel.MBO1, 6),
    (EducationLevel.MBO24, 35),
    (EducationLevel.HAVO_VWO, 8),
    (EducationLevel.HBO, 18),
    (EducationLevel.WO, 7),
    (EducationLevel.ABROAD, 5),
    (EducationLevel.UNKNOWN, 2),
)
LANGUAGES = (("nl", 88), ("en", 4), ("ar", 2), ("tr", 2), ("pl", 2), ("uk", 2))
CHANNELS = (
    (Channel.PHONE, 55),
    (Channel.WHATSAPP, 12),
    (Channel.VIDEO, 10),
    (Channel.IN_PERSON, 10),
    (Channel.EMAIL, 10),
    (Channel.LETTER, 3),
)
OUTCOMES = (
    (ContactOutcome.REACHED, 62),
    (ContactOutcome.NOT_REACHED, 14),
    (ContactOutcome.VOICEMAIL, 10),
    (ContactOutcome.MESSAGE, 8),
    (ContactOutcome.CALLBACK, 4),
    (ContactOutcome.WRONG_NUMBER, 1),
    (ContactOutcome.WANTS_TO_STOP, 1),
)
WITH_WHOM = (
    (WithWhom.CLIENT, 86),
    (WithWhom.EMPLOYER, 9),
    (WithWhom.FINANCIER, 3),
    (WithWhom.OTHER, 2),
)
TRAJECT_STATUSES = (
    (TrajectStatus.ACTIVE, 55),
    (TrajectStatus.CLOSED, 25),
    (TrajectStatus.INTAKE, 8),
    (TrajectStatus.REGISTERED, 6),
    (TrajectStatus.PAUSED, 6),
)
OUTCOMES_CLOSED = (
    (Outcome.WORK_TO_WORK, 25),
    (Outcome.KEPT_JOB, 20),
    (Outcome.TRAINING, 15),
    (Outcome.OTHER_ROLE, 10),
    (Outcome.NO_WORK, 10),
    (Outcome.STOPPED, 10),
    (Outcome.OWN_BUSINESS, 5),
    (Outcome.UNREACHABLE, 5),
)
# ISCO major group -> weight: most clients work in clerical, service, trade and elementary jobs.
ISCO_WEIGHTS = {"1": 1, "2": 3, "3": 4, "4": 6, "5": 8, "6": 1, "7": 6, "8": 5, "9": 6}
