"""Reads of the organisation tree and staff roles that depend on who asks (scope ``Perm.ORG_MANAGE``)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Prefetch, QuerySet

from gongkai.orgs.models import Membership, Organisation
from gongkai.orgs.scope import Perm, restrict


@dataclass(frozen=True)
class TreeRow:
    """One line of the indented organisation tree; ``level`` counts from the top of the user's reach."""

    organisation: Organisation
    level: int

    @property
    def indent(self) -> str:
        return "\u2003" * self.level


def organisations_managed(user: AbstractBaseUser) -> QuerySet[Organisation]:
    """Every organisation, active or not, that ``user`` manages (``Perm.ORG_MANAGE``)."""
    return restrict(Organisation.objects.select_related("parent"), user, Perm.ORG_MANAGE, field="")


def organisation_tree_for_user(user: AbstractBaseUser) -> list[TreeRow]:
    """The organisations ``user`` manages as a depth-first tree, siblings by ``sort_order`` then id.

    One query whatever the size of the tree; each organisation carries ``staff_count`` (people holding
    a role in it).
    """
    organisations = list(
        restrict(Organisation.objects.all(), user, Perm.ORG_MANAGE, field="")
        .annotate(staff_count=Count("memberships__user", distinct=True))
        .order_by("path")
    )
    ids = {org.pk for org in organisations}
    children: dict[int | None, list[Organisation]] = {}
    for org in organisations:
        # The top of each managed subtree hangs from None, whatever its real parent.
        key = org.parent_id if org.parent_id in ids else None
        children.setdefault(key, []).append(org)
    for siblings in children.values():
        siblings.sort(key=lambda org: (org.sort_order, org.pk))
    rows: list[TreeRow] = []
    stack = [(org, 0) for org in reversed(children.get(None, []))]
    while stack:
        org, level = stack.pop()
        rows.append(TreeRow(org, level))
        stack.extend((child, level + 1) for child in reversed(children.get(org.pk, [])))
    return rows


def memberships_in_organisation(organisation: Organisation) -> QuerySet[Membership]:
    """The roles held in ``organisation`` (the caller has checked the organisation is in scope)."""
    return (
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("user__username", "role")
    )


def memberships_managed(user: AbstractBaseUser) -> QuerySet[Membership]:
    """Roles held in organisations that ``user`` manages."""
    return restrict(Membership.objects.select_related("organisation"), user, Perm.ORG_MANAGE)


def staff_accounts_visible(user: AbstractBaseUser) -> QuerySet[AbstractBaseUser]:
    """Accounts holding at least one role in an organisation ``user`` manages, with those roles prefetched.

    Roles held elsewhere are not prefetched (``visible_memberships``); an account with no role is a
    superuser's business only.
    """
    managed = memberships_managed(user)
    return (
        get_user_model()
        .objects.filter(pk__in=managed.values("user_id"))
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=managed.order_by("organisation__path", "role"),
                to_attr="visible_memberships",
            )
        )
        .order_by("username")
    )


def staff_account_other_roles(account: AbstractBaseUser, user: AbstractBaseUser) -> int:
    """How many of ``account``'s roles lie outside what ``user`` manages (shown as a count, not listed)."""
    managed_ids = memberships_managed(user).filter(user_id=account.pk).values("pk")
    return Membership.objects.filter(user_id=account.pk).exclude(pk__in=managed_ids).count()
