import pytest

from tests.oidc import Provider, node_missing_reason


def pytest_collection_modifyitems(items):
    for item in items:
        if "oidc_provider" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.oidc)


@pytest.fixture(scope="session")
def oidc_provider():
    reason = node_missing_reason()
    if reason:
        pytest.skip(reason)
    provider = Provider()
    yield provider
    provider.stop()


@pytest.fixture
def idporten(oidc_provider, settings):
    """ID-porten configured, pointing at the local provider."""
    settings.OIDC_PROVIDERS = {
        **settings.OIDC_PROVIDERS,
        "citizen": oidc_provider.settings_for("citizen"),
    }
    return oidc_provider


@pytest.fixture
def staff_idp(oidc_provider, settings):
    """The municipality's own provider for staff, pointing at the local provider."""
    settings.OIDC_PROVIDERS = {
        **settings.OIDC_PROVIDERS,
        "staff": oidc_provider.settings_for("staff"),
    }
    return oidc_provider
