from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from gongkai.api import api
from gongkai.core import syndication
from gongkai.core.views import LoginView, admin_login

urlpatterns = [
    path("api/v1/", api.urls),
    path("admin/login/", admin_login),
    path("admin/", admin.site.urls),
    path("accounts/login/", LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    # Exempt from CSRF so that the language switch on every public page carries no token, which would make the
    # page per-visitor and uncacheable (core.pagecache); a forged switch changes only the visitor's language.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("open311/v2/", include("gongkai.hotline.urls")),
    path("hotline/", include("gongkai.hotline.public_urls")),
    path("staff/orgs/", include("gongkai.orgs.urls")),
    path("staff/", include("gongkai.core.staff_urls")),
    *syndication.sitemap_urlpatterns(),
    path("", include(syndication.app_urls("gongkai.documents.urls"))),
    path("", include("gongkai.publog.urls")),
    path("", include("gongkai.search.urls")),
    path("", include("gongkai.foi.urls")),
    path("", include("gongkai.concerns.urls")),
    path("", include("gongkai.participation.urls")),
    path("", include("gongkai.surveys.urls")),
    path("", include("gongkai.portal.urls")),
]

# The styled 500 page renders without a database or context processors (portal/errors.py); 403 and 404 use
# Django's handlers with templates/403.html and templates/404.html.
handler500 = "gongkai.portal.errors.server_error"
