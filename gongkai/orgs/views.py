"""The openness office's back office for the organisation tree and staff accounts (/staff/orgs/).

Views parse input, call one service or selector and render. Everything is scoped by ``Perm.ORG_MANAGE``:
an organisation, role or account outside the user's reach is 404, so its existence does not leak.
"""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.core.confirm import confirm_page, is_confirmed
from gongkai.core.errors import GongkaiError
from gongkai.core.feedback import perform
from gongkai.orgs import selectors
from gongkai.orgs.forms import (
    MembershipGrantForm,
    OrganisationCreateForm,
    OrganisationUpdateForm,
    StaffAccountCreateForm,
)
from gongkai.orgs.models import Membership, Organisation
from gongkai.orgs.scope import (
    Perm,
    get_for_user_or_404,
    is_staff_member,
    is_superuser,
    organisations_for,
    staff_account_manage_error,
)
from gongkai.orgs.services import accounts, memberships, organisations


def org_admin_required(view):
    """Logged-in administrators only: anonymous users go to the login page, other staff get 403."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_staff_member(request.user):
            raise DjangoPermissionDenied(_("仅限工作人员"))
        if not (is_superuser(request.user) or selectors.organisations_managed(request.user).exists()):
            raise DjangoPermissionDenied(_("您没有管理机构和人员的权限"))
        return view(request, *args, **kwargs)

    return wrapper


def _organisation_or_404(request: HttpRequest, pk: int) -> Organisation:
    return get_for_user_or_404(
        Organisation.objects.select_related("parent"), request.user, Perm.ORG_MANAGE, field="", pk=pk
    )


def _account_or_404(request: HttpRequest, pk: int):
    return get_object_or_404(selectors.staff_accounts_visible(request.user), pk=pk)


@org_admin_required
def tree(request: HttpRequest) -> HttpResponse:
    return render(request, "orgs/tree.html", {"rows": selectors.organisation_tree_for_user(request.user)})


def _detail(request: HttpRequest, org: Organisation, grant_form: MembershipGrantForm | None = None):
    return render(
        request,
        "orgs/organisation_detail.html",
        {
            "org": org,
            "memberships": selectors.memberships_in_organisation(org),
            "children": selectors.organisations_managed(request.user)
            .filter(parent=org)
            .order_by("sort_order", "pk"),
            "grant_form": grant_form or MembershipGrantForm(),
            "can_add_child": any(
                org.kind in allowed for allowed in organisations.ALLOWED_PARENT_KINDS.values()
            ),
        },
        status=400 if grant_form is not None and grant_form.errors else 200,
    )


@org_admin_required
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _organisation_or_404(request, pk))


@org_admin_required
def organisation_new(request: HttpRequest, pk: int) -> HttpResponse:
    parent = _organisation_or_404(request, pk)
    form = OrganisationCreateForm(request.POST or None, parent=parent)
    if request.method == "POST" and form.is_valid():
        fields = form.service_fields()
        try:
            org = organisations.organisation_create(
                code=fields.pop("code"),
                name=fields.pop("name"),
                kind=form.cleaned_data["kind"],
                parent=parent,
                actor=request.user,
                **fields,
            )
        except GongkaiError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("已创建机构“%(name)s”") % {"name": org.name})
            return redirect("orgs:organisation", pk=org.pk)
    return render(request, "orgs/organisation_form.html", {"form": form, "parent": parent, "org": None})


@org_admin_required
def organisation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    org = _organisation_or_404(request, pk)
    form = OrganisationUpdateForm(
        request.POST or None, instance=org, code_frozen=organisations.organisation_has_records(org)
    )
    if request.method == "POST" and form.is_valid():
        try:
            changed = organisations.organisation_update(
                organisation=org, actor=request.user, **form.service_fields()
            )
        except GongkaiError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("已保存") if changed else _("没有修改"))
            return redirect("orgs:organisation", pk=org.pk)
    return render(request, "orgs/organisation_form.html", {"form": form, "parent": org.parent, "org": org})


@org_admin_required
@require_POST
def organisation_deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    org = _organisation_or_404(request, pk)
    if not is_confirmed(request):
        return confirm_page(
            request,
            subject=org.name,
            question=_("确认停用该机构？停用后，在本机构担任的角色不再有效。"),
            confirm_label=_("确认停用"),
            cancel_url=reverse("orgs:organisation", args=[org.pk]),
            destructive=True,
        )

    def call() -> str:
        organisations.organisation_deactivate(organisation=org, actor=request.user)
        return _("已停用机构“%(name)s”") % {"name": org.name}

    return perform(request, call, redirect_to=reverse("orgs:organisation", args=[org.pk]))


@org_admin_required
@require_POST
def organisation_reactivate(request: HttpRequest, pk: int) -> HttpResponse:
    org = _organisation_or_404(request, pk)

    def call() -> str:
        organisations.organisation_reactivate(organisation=org, actor=request.user)
        return _("已恢复启用机构“%(name)s”") % {"name": org.name}

    return perform(request, call, redirect_to=reverse("orgs:organisation", args=[org.pk]))


@org_admin_required
@require_POST
def membership_grant(request: HttpRequest, pk: int) -> HttpResponse:
    org = _organisation_or_404(request, pk)
    form = MembershipGrantForm(request.POST)
    if form.is_valid():
        try:
            memberships.membership_grant(
                actor=request.user,
                user=form.cleaned_data["username"],
                organisation=org,
                role=form.cleaned_data["role"],
                includes_subunits=form.cleaned_data["includes_subunits"],
            )
        except GongkaiError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("已授予角色"))
            return redirect("orgs:organisation", pk=org.pk)
    return _detail(request, org, grant_form=form)


@org_admin_required
@require_POST
def membership_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    membership = get_for_user_or_404(
        Membership.objects.select_related("organisation", "user"), request.user, Perm.ORG_MANAGE, pk=pk
    )
    if request.POST.get("next") == "account":
        back = reverse("orgs:account", args=[membership.user_id])
    else:
        back = reverse("orgs:organisation", args=[membership.organisation_id])

    def call() -> str:
        memberships.membership_revoke(actor=request.user, membership=membership)
        return _("已撤销角色")

    return perform(request, call, redirect_to=back)


@org_admin_required
def account_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.staff_accounts_visible(request.user), 50).get_page(request.GET.get("page"))
    return render(request, "orgs/account_list.html", {"page": page})


@org_admin_required
def account_new(request: HttpRequest) -> HttpResponse:
    organisations = organisations_for(request.user, Perm.ORG_MANAGE)
    initial = {}
    if request.GET.get("organisation", "").isdigit():
        initial["organisation"] = int(request.GET["organisation"])
    form = StaffAccountCreateForm(request.POST or None, organisations=organisations, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            account = accounts.staff_account_create(
                username=data["username"],
                full_name=data["full_name"],
                email=data["email"],
                actor=request.user,
                organisation=data["organisation"],
                role=data["role"],
                includes_subunits=data["includes_subunits"],
            )
            link = accounts.staff_account_password_link(account=account, actor=request.user)
        except GongkaiError as exc:
            form.add_service_errors(exc)
        else:
            return _password_link_response(request, account, link, created=True)
    return render(request, "orgs/account_form.html", {"form": form})


def _password_link_response(request: HttpRequest, account, link: str, *, created: bool) -> HttpResponse:
    # Rendered in answer to the POST and stored nowhere: the link is shown this once.
    response = render(
        request,
        "orgs/password_link.html",
        {"account": account, "link": request.build_absolute_uri(link), "created": created},
    )
    response["Cache-Control"] = "no-store"
    return response


@org_admin_required
def account_detail(request: HttpRequest, pk: int) -> HttpResponse:
    account = _account_or_404(request, pk)
    manage_error = staff_account_manage_error(actor=request.user, account=account)
    return render(
        request,
        "orgs/account_detail.html",
        {
            "account": account,
            "other_roles": selectors.staff_account_other_roles(account, request.user),
            "manage_error": manage_error,
            "can_manage": manage_error is None and account.pk != request.user.pk,
        },
    )


@org_admin_required
@require_POST
def account_deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    account = _account_or_404(request, pk)
    if not is_confirmed(request):
        return confirm_page(
            request,
            subject=account.get_username(),
            question=_("确认停用该账号？停用后该账号不能登录，其全部岗位失效。"),
            confirm_label=_("确认停用"),
            cancel_url=reverse("orgs:account", args=[account.pk]),
            destructive=True,
        )

    def call() -> str:
        accounts.staff_account_deactivate(account=account, actor=request.user)
        return _("已停用账号 %(username)s") % {"username": account.get_username()}

    return perform(request, call, redirect_to=reverse("orgs:account", args=[account.pk]))


@org_admin_required
@require_POST
def account_reactivate(request: HttpRequest, pk: int) -> HttpResponse:
    account = _account_or_404(request, pk)

    def call() -> str:
        accounts.staff_account_reactivate(account=account, actor=request.user)
        return _("已恢复启用账号 %(username)s") % {"username": account.get_username()}

    return perform(request, call, redirect_to=reverse("orgs:account", args=[account.pk]))


@org_admin_required
@require_POST
def account_password_link(request: HttpRequest, pk: int) -> HttpResponse:
    account = _account_or_404(request, pk)
    try:
        link = accounts.staff_account_password_link(account=account, actor=request.user)
    except GongkaiError as exc:
        messages.error(request, exc.message)
        return redirect("orgs:account", pk=account.pk)
    return _password_link_response(request, account, link, created=False)


class SetPasswordView(auth_views.PasswordResetConfirmView):
    """The new member of staff sets their own password through the one-time link (no login needed)."""

    template_name = "orgs/set_password.html"
    success_url = reverse_lazy("orgs:set_password_done")

    def get_user(self, uidb64: str):
        user = super().get_user(uidb64)
        # A deactivated account's outstanding link stops working.
        return user if user is not None and user.is_active else None

    def form_valid(self, form):
        accounts.staff_account_password_set(account=self.user, password=form.cleaned_data["new_password1"])
        del self.request.session[auth_views.INTERNAL_RESET_SESSION_TOKEN]
        return HttpResponseRedirect(self.get_success_url())


def set_password_done(request: HttpRequest) -> HttpResponse:
    return render(request, "orgs/set_password_done.html")
