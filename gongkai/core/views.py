"""Site-wide views: the staff login, rate-limited against password guessing."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from gongkai.core.ratelimit import client_key, hit

LOGIN_ATTEMPTS_PER_WINDOW = 10
LOGIN_WINDOW_SECONDS = 300


class LoginView(auth_views.LoginView):
    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        username = request.POST.get("username", "")[:150].lower()
        allowed = hit(
            "login",
            client_key(request, username),
            limit=LOGIN_ATTEMPTS_PER_WINDOW,
            window_seconds=LOGIN_WINDOW_SECONDS,
        )
        if not allowed:
            form = self.get_form()
            form.errors.clear()
            return render(
                request,
                self.template_name,
                {"form": form, "rate_limited": True, "next": request.POST.get("next", "")},
                status=429,
            )
        return super().post(request, *args, **kwargs)
