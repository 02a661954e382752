"""A user's groups and permissions come in one query a request, and are the permissions
Django's ModelBackend would have found."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission

from cases.roles import Role, RoleBackend, user_role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _fresh(user):
    return get_user_model().objects.get(pk=user.pk)


def test_the_role_and_every_permission_check_of_a_request_cost_one_query(
    django_assert_num_queries,
):
    user = _fresh(UserFactory(caseworker=True))
    with django_assert_num_queries(1):
        assert user_role(user) == Role.CASEWORKER.label
        assert user.has_perm("cases.view_all_cases")
        assert not user.has_perm("cases.view_accesslog")
        assert user.has_module_perms("cases")


def test_the_permissions_are_those_modelbackend_reads(django_assert_num_queries):
    user = UserFactory(leader=True)
    user.user_permissions.add(Permission.objects.get(codename="add_service"))
    ours = RoleBackend().get_all_permissions(_fresh(user))
    assert "cases.add_service" in ours and "cases.view_accesslog" in ours
    assert ours == ModelBackend().get_all_permissions(_fresh(user))


def test_a_user_in_no_group_has_no_role_and_no_permission():
    user = _fresh(UserFactory())
    assert (user_role(user), user.get_all_permissions()) == ("", set())


def test_an_inactive_user_has_no_permission(django_assert_num_queries):
    user = _fresh(UserFactory(caseworker=True, is_active=False))
    with django_assert_num_queries(0):
        assert not user.has_perm("cases.view_all_cases")


def test_a_superuser_has_every_permission_through_django():
    user = _fresh(UserFactory(is_superuser=True))
    assert user.has_perm("cases.change_unit") and user_role(user) == Role.ADMIN.label


def test_it_logs_no_one_in_and_keeps_no_session(rf):
    UserFactory(username="kari", password="hemmelig-passord-123", caseworker=True)
    assert (
        RoleBackend().authenticate(rf.get("/"), username="kari", password="hemmelig-passord-123")
        is None
    )
    assert not hasattr(RoleBackend(), "get_user")
