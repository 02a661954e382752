"""The starting service catalogue and coordinator service areas.

Used by a data migration (so every installation has them) and by seed_demo
(which runs after test databases are flushed). Admins add and retire entries.
"""

# The usual services from the domain reference.
SERVICES = [
    ("Hjemmesykepleie", "municipal_health_care"),
    ("Praktisk bistand i hjemmet", "municipal_health_care"),
    ("Brukerstyrt personlig assistanse (BPA)", "municipal_health_care"),
    ("Avlastning", "municipal_health_care"),
    ("Støttekontakt", "municipal_health_care"),
    ("Fysioterapi", "municipal_health_care"),
    ("Ergoterapi", "municipal_health_care"),
    ("Helsestasjon", "municipal_health_care"),
    ("Skolehelsetjenesten", "municipal_health_care"),
    ("Fastlege", "municipal_health_care"),
    ("Omsorgsbolig med tjenester", "municipal_health_care"),
    ("Psykisk helsetjeneste i kommunen", "municipal_health_care"),
    ("Rustjeneste i kommunen", "municipal_health_care"),
    ("Habiliteringstjenesten for barn og unge (HABU)", "specialist_health_care"),
    ("Habiliteringstjenesten for voksne (HAVO)", "specialist_health_care"),
    ("Sykehus, poliklinikk", "specialist_health_care"),
    ("Barne- og ungdomspsykiatrisk poliklinikk (BUP)", "mental_health_care"),
    ("Distriktspsykiatrisk senter (DPS)", "mental_health_care"),
    ("NAV", "welfare"),
    ("Pedagogisk-psykologisk tjeneste (PPT)", "welfare"),
    ("Barnehage", "welfare"),
    ("Tilrettelagt barnehagetilbud", "welfare"),
    ("Skole", "welfare"),
    ("Spesialundervisning", "welfare"),
    ("Barnevern", "welfare"),
]

AREAS = [
    ("Helsestasjon", "helsestasjon"),
    ("Barnehage", "barnehage"),
    ("Grunnskole", "grunnskole"),
    ("Videregående skole", "videregaende"),
    ("Helse og omsorg", "helse-og-omsorg"),
    ("Psykisk helse og rus", "psykisk-helse-og-rus"),
    ("Hjemmetjeneste", "hjemmetjeneste"),
]


def ensure_catalogue(Service, ServiceArea) -> None:
    """Create the entries that are missing; works with real and historical models."""
    for name, category in SERVICES:
        Service.objects.get_or_create(name=name, defaults={"category": category})
    for name, slug in AREAS:
        ServiceArea.objects.get_or_create(slug=slug, defaults={"name": name})
