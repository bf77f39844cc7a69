"""Factories for organisations, users and roles (factory_boy)."""

from __future__ import annotations

import factory
from django.contrib.auth import get_user_model

from gongkai.orgs.models import Membership, Organisation, OrgKind


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("code",)
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"11210100ORG{n:05d}X")
    name = factory.Sequence(lambda n: f"测试机构{n}")
    kind = OrgKind.DEPARTMENT
    parent = None

    @factory.post_generation
    def set_path(obj: Organisation, create: bool, extracted: object, **kwargs: object) -> None:
        if create and not obj.path:
            obj.path = f"{obj.parent.path if obj.parent else '/'}{obj.pk}/"
            obj.save(update_fields=["path"])


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.PostGenerationMethodCall("set_password", "pass-for-tests-1")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = "editor"
    includes_subunits = False


def staff_in(organisation: Organisation, *roles: str, subunits: bool = False, username: str | None = None):
    """A user holding ``roles`` in ``organisation``."""
    user = UserFactory(**({"username": username} if username else {}))
    user.save()
    for role in roles:
        MembershipFactory(user=user, organisation=organisation, role=role, includes_subunits=subunits)
    return user
