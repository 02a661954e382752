from tests.svarut_fixtures import business_certificate, svarut_standin  # noqa: F401
