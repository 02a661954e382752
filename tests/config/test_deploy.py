import os
import subprocess
import sys
from pathlib import Path

import yaml
from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.base",
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": "k8#Qz!v2@Lr9^Tn4&Wm7*Xp1(Yb6)Hc3_Jd5+Fg0=Se8-Ua2~Vo4",
    "DJANGO_ALLOWED_HOSTS": "ke.kommune.example",
    "DATABASE_URL": "sqlite:///:memory:",
}


def _manage(*args, extra_env=None):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env.update(PRODUCTION_ENV, **(extra_env or {}))
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_it_passes_check_deploy_with_production_settings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    # Only W021 (HSTS preload, an explicit opt-in) is silenced, with its reason in settings.
    assert "System check identified no issues (1 silenced)." in result.stdout


def test_it_passes_check_deploy_behind_a_tls_proxy_with_the_redirect_silenced_and_explained():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        extra_env={"DJANGO_BEHIND_TLS_PROXY": "true"},
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_it_refuses_to_start_without_a_secret_key_in_production():
    env_without_key = {"DJANGO_SECRET_KEY": ""}
    result = _manage("check", extra_env=env_without_key)
    assert result.returncode != 0


def test_compose_file_has_every_service_wired_with_the_app_environment():
    compose = yaml.safe_load((BASE_DIR / "docker-compose.yml").read_text())
    services = compose["services"]
    assert {"web", "worker", "beat", "db", "redis"} <= set(services)
    assert services["db"]["image"].startswith("postgres:16")
    for name in ("web", "worker", "beat"):
        env = services[name]["environment"]
        assert {"DATABASE_URL", "REDIS_URL", "DJANGO_SECRET_KEY"} <= set(env), name
    assert "gunicorn" in " ".join(services["web"]["command"])


def test_every_environment_variable_read_in_settings_is_documented():
    import re

    # base.py and the modules it reads part of the environment with (oidc.py).
    source = "".join(
        path.read_text()
        for path in (BASE_DIR / "config/settings").glob("*.py")
        if path.name not in ("dev.py", "test.py")
    )
    read = set(re.findall(r'env\.\w+\(\s*"([A-Z_]+)"', source))
    example = (BASE_DIR / ".env.example").read_text()
    readme = (BASE_DIR / "README.md").read_text()
    assert read, "no variables found; the pattern is wrong"
    assert {v for v in read if v not in example} == set()
    assert {v for v in read if f"`{v}`" not in readme} == set()


def test_the_image_holds_the_static_files_every_process_needs():
    # The worker renders letters with the stylesheets, so collecting them in the web
    # container's start command alone would leave the worker without a manifest.
    dockerfile = (BASE_DIR / "Dockerfile").read_text()
    assert "collectstatic" in dockerfile
