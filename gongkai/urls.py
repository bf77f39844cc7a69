from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from gongkai.api import api
from gongkai.core import syndication
from gongkai.core.views import LoginView, admin_login

urlpatterns = [
    path("api/v1/", api.urls),
    path("admin/login/", admin_login),
    path("admin/", admin.site.urls),
    path("accounts/login/", LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("staff/orgs/", include("gongkai.orgs.urls")),
    path("staff/", include("gongkai.core.staff_urls")),
    *syndication.sitemap_urlpatterns(),
    path("", include(syndication.app_urls("gongkai.documents.urls"))),
    path("", include("gongkai.portal.urls")),
]
