"""Site-wide views: the staff login and the Django admin's login, both behind the one login limiter."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect

from gongkai.core.login import LimitedAuthenticationForm, login_response_finish


class LoginView(auth_views.LoginView):
    """The staff login (``/accounts/login/``); the limiter itself is in ``core.login``."""

    authentication_form = LimitedAuthenticationForm

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        return login_response_finish(request, super().post(request, *args, **kwargs))


@csrf_protect
@never_cache
def admin_login(request: HttpRequest) -> HttpResponse:
    """The Django admin's login (``/admin/login/``), answering 429 and remembering the browser as above."""
    return login_response_finish(request, admin.site.login(request))
