from django.db import migrations

# The usual services from the domain reference; admins add and retire entries.
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


def seed(apps, schema_editor):
    Service = apps.get_model("cases", "Service")
    for name, category in SERVICES:
        Service.objects.get_or_create(name=name, defaults={"category": category})
    ServiceArea = apps.get_model("coordinators", "ServiceArea")
    for name, slug in AREAS:
        ServiceArea.objects.get_or_create(slug=slug, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("cases", "0002_accesslog_append_only"), ("coordinators", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
