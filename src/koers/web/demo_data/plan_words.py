"""Word lists for the demo career plans: own words, reasons, agreed actions, the client's say."""

from __future__ import annotations

from koers.web.plans.choices import ActionOwner, SkillSource

# Where a skill was learned outside paid work, in the person's own words (source, words).
OWN_WORDS = (
    (SkillSource.VOLUNTEER, "Elke zaterdag bij de voedselbank: sorteren en uitdelen."),
    (SkillSource.VOLUNTEER, "Penningmeester van de voetbalclub, al zes jaar."),
    (SkillSource.VOLUNTEER, "Taalmaatje voor nieuwkomers in de wijk."),
    (SkillSource.VOLUNTEER, "Vrijwilliger in het verpleeghuis: wandelen en koffie schenken."),
    (SkillSource.INFORMAL, "Twee jaar voor mijn moeder gezorgd toen ze ziek was."),
    (SkillSource.INFORMAL, "Ik help de buren met formulieren en brieven."),
    (SkillSource.INFORMAL, "Thuis regel ik alles voor een gezin van zes."),
    (SkillSource.HOBBY, "Ik repareer fietsen voor de hele straat."),
    (SkillSource.HOBBY, "Ik bak taarten voor feesten van vrienden."),
    (SkillSource.HOBBY, "Ik houd de website van onze muziekvereniging bij."),
)
STANDING = (
    "Ik werk al lang in mijn vak en ben er goed in. Door de reorganisatie moet ik iets anders.",
    "Mijn werk wordt zwaar voor mijn rug. Ik wil iets waar ik langer in kan blijven.",
    "Ik heb nu geen werk en wil graag snel weer aan de slag.",
    "Ik werk weinig uren en wil meer zekerheid.",
    "Ik twijfel nog. Ik wil eerst weten wat ik allemaal kan.",
)
OWN_REFLECTION = (
    "Ik wil met mensen werken, niet alleen achter een scherm.",
    "Ik ben bang dat ik te oud ben om opnieuw te leren.",
    "Vaste tijden zijn belangrijk voor mij, vanwege de kinderen.",
    "Ik wil iets doen waar ik trots op kan zijn.",
)
WHY_NEW = (
    "Ik kan veel van wat ik nu doe meenemen.",
    "Hier is werk genoeg, ook over een paar jaar.",
    "Dit sluit aan bij wat ik als vrijwilliger doe.",
    "Ik wil meer met mensen werken.",
    "",
)
WHY_STAY = (
    "Ik blijf in mijn vak, maar met andere taken en minder zwaar werk.",
    "Ik blijf bij mijn werkgever, in een andere rol.",
)
WHY_TEMPORARY = (
    "Even iets anders tot mijn eigen vak weer werk heeft.",
    "Tijdelijk in de zorg helpen, dan terug naar mijn eigen werk.",
)
CLIENT_NOTES = (
    "Neem je cv mee naar het volgende gesprek.",
    "Bel gerust als je vragen hebt over de opleiding.",
    "",
)
COACH_NOTES = (
    "Let op: financiering loopt via het sectorfonds.",
    "Klant heeft weinig vertrouwen in eigen kunnen; rustig opbouwen.",
    "",
)
ACTIONS = (
    ("Cv bijwerken met de nieuwe vaardigheden", ActionOwner.CLIENT),
    ("Drie vacatures zoeken en meenemen", ActionOwner.CLIENT),
    ("Meelopen bij een bedrijf in de nieuwe richting", ActionOwner.CLIENT),
    ("Aanmelden voor een informatieavond van de opleiding", ActionOwner.CLIENT),
    ("Gesprek voeren met twee mensen uit het vak", ActionOwner.CLIENT),
    ("Financiering van de opleiding uitzoeken", ActionOwner.COACH),
    ("Contact leggen met de werkgever over een proefplaatsing", ActionOwner.COACH),
    ("Aanvraag bij het fonds klaarzetten", ActionOwner.COACH),
)
# What the client would change, given through their private link instead of agreeing.
CHANGES_ASKED = (
    "Ik wil eerst meer weten over de opleiding voordat ik kies.",
    "De tweede richting past niet bij mij, die wil ik eruit.",
    "Kan de datum van het meelopen later? Ik heb dan vakantie.",
)
