"""Staff accounts (工作人员账号): open, hand over a set-password link, close and reopen; atomic and audited.

Who may act on which account is decided in ``gongkai.orgs.scope`` (``staff_account_manage_error``).
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.auth.tokens import default_token_generator
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext

from gongkai.core.audit import record_audit
from gongkai.core.errors import ValidationFailed
from gongkai.orgs.models import Organisation
from gongkai.orgs.scope import require_membership_reach, require_staff_account_manage
from gongkai.orgs.services.memberships import membership_grant


def _clean_username(username: str) -> str:
    username = username.strip()
    if not username:
        raise ValidationFailed(gettext("用户名不能为空"), detail="Username is required", field="username")
    try:
        UnicodeUsernameValidator()(username)
    except DjangoValidationError as exc:
        raise ValidationFailed(
            gettext("用户名只能包含字母、数字和 @ . + - _ 字符"),
            detail="Invalid username",
            field="username",
        ) from exc
    if len(username) > 150:
        raise ValidationFailed(gettext("用户名最长 150 个字符"), detail="Username too long", field="username")
    if get_user_model().objects.filter(username__iexact=username).exists():
        raise ValidationFailed(
            gettext("用户名 %(username)s 已被使用") % {"username": username},
            detail="Username is taken",
            field="username",
        )
    return username


@transaction.atomic
def staff_account_create(
    *,
    username: str,
    full_name: str,
    email: str,
    actor: AbstractBaseUser,
    organisation: Organisation,
    role: str,
    includes_subunits: bool,
) -> AbstractBaseUser:
    """Open a staff account (工作人员账号) holding ``role`` in ``organisation``, with no usable password.

    Without e-mail infrastructure the account is activated by a one-time set-password link
    (``staff_account_password_link``) that the administrator hands over; nobody but the new member of
    staff ever knows the password. The role obeys the same reach rule as any grant.
    """
    require_membership_reach(
        actor=actor, organisation=organisation, includes_subunits=includes_subunits, field="includes_subunits"
    )
    username = _clean_username(username)
    full_name = full_name.strip()
    if not full_name:
        raise ValidationFailed(gettext("姓名不能为空"), detail="Full name is required", field="full_name")
    if len(full_name) > 150:
        raise ValidationFailed(gettext("姓名最长 150 个字符"), detail="Full name too long", field="full_name")
    email = email.strip()
    if email:
        try:
            validate_email(email)
        except DjangoValidationError as exc:
            raise ValidationFailed(
                gettext("电子邮箱格式不正确"), detail="Invalid e-mail", field="email"
            ) from exc
    # The whole Chinese name goes in ``first_name`` so that ``get_full_name()`` shows it unchanged.
    account = get_user_model()(username=username, first_name=full_name, email=email, is_active=True)
    account.set_unusable_password()
    account.save()
    record_audit(
        account,
        action="account.create",
        actor=actor,
        data={"username": username, "organisation": organisation.code, "role": role},
    )
    membership_grant(
        actor=actor, user=account, organisation=organisation, role=role, includes_subunits=includes_subunits
    )
    return account


@transaction.atomic
def staff_account_password_link(*, account: AbstractBaseUser, actor: AbstractBaseUser) -> str:
    """A one-time set-password path for ``account`` (Django's password-reset token), issuing it audited.

    The link works until the password is set (the token hashes the current password) or
    ``PASSWORD_RESET_TIMEOUT`` passes; whoever holds it can take the account over, hence the manage rule.
    """
    require_staff_account_manage(actor=actor, account=account)
    if not account.is_active:
        raise ValidationFailed(gettext("账号已停用，不能设置密码"), detail="Account is deactivated")
    record_audit(
        account, action="account.password_link", actor=actor, data={"username": account.get_username()}
    )
    return reverse(
        "orgs:set_password",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(account.pk)),
            "token": default_token_generator.make_token(account),
        },
    )


@transaction.atomic
def staff_account_password_set(*, account: AbstractBaseUser, password: str) -> None:
    """The account holder sets their own password through a set-password link; audited with them as actor."""
    account.set_password(password)
    account.save(update_fields=["password"])
    record_audit(account, action="account.password_set", actor=account)


@transaction.atomic
def staff_account_deactivate(*, account: AbstractBaseUser, actor: AbstractBaseUser) -> None:
    """Close a staff account (停用): it can no longer log in and its roles grant nothing; history stays."""
    if account.pk == actor.pk:
        raise ValidationFailed(gettext("不能停用您本人的账号"), detail="Cannot deactivate yourself")
    require_staff_account_manage(actor=actor, account=account)
    if not account.is_active:
        return
    account.is_active = False
    account.save(update_fields=["is_active"])
    record_audit(account, action="account.deactivate", actor=actor, data={"username": account.get_username()})


@transaction.atomic
def staff_account_reactivate(*, account: AbstractBaseUser, actor: AbstractBaseUser) -> None:
    """Reopen a closed staff account (恢复启用) under the same rule as closing it; its roles apply again."""
    require_staff_account_manage(actor=actor, account=account)
    if account.is_active:
        return
    account.is_active = True
    account.save(update_fields=["is_active"])
    record_audit(account, action="account.reactivate", actor=actor, data={"username": account.get_username()})
