"""Template context for the back-office navigation (evaluated only when a template asks)."""

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from gongkai.orgs.scope import Perm, organisations_for


def staff_nav(request: HttpRequest) -> dict:
    def can_manage() -> bool:
        user = request.user
        return bool(user.is_authenticated and organisations_for(user, Perm.ORG_MANAGE).exists())

    return {"can_manage_orgs": SimpleLazyObject(can_manage)}
