"""Which municipal health and care services each coordinator area provides.

Used by a data migration and by the demo seed (test databases are flushed before
it runs). Admins change the mapping in the admin; it drives the heavy-user rule
in `ranking.py`.
"""

AREA_SERVICES = {
    "helsestasjon": ["Helsestasjon", "Skolehelsetjenesten"],
    "hjemmetjeneste": ["Hjemmesykepleie", "Praktisk bistand i hjemmet"],
    "psykisk-helse-og-rus": ["Psykisk helsetjeneste i kommunen", "Rustjeneste i kommunen"],
    "helse-og-omsorg": [
        "Brukerstyrt personlig assistanse (BPA)",
        "Avlastning",
        "Støttekontakt",
        "Fysioterapi",
        "Ergoterapi",
        "Omsorgsbolig med tjenester",
    ],
}


def ensure_area_services(Service, ServiceArea) -> None:
    """Add the default services to each area; works with real and historical models."""
    for slug, names in AREA_SERVICES.items():
        area = ServiceArea.objects.filter(slug=slug).first()
        if area is not None:
            area.services.add(*Service.objects.filter(name__in=names))
