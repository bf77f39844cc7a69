"""The openness office's organisation and staff management, mounted at /staff/orgs/."""

from django.urls import path

from gongkai.orgs import views

app_name = "orgs"
urlpatterns = [
    path("", views.tree, name="tree"),
    path("<int:pk>/", views.organisation_detail, name="organisation"),
    path("<int:pk>/new/", views.organisation_new, name="organisation_new"),
    path("<int:pk>/edit/", views.organisation_edit, name="organisation_edit"),
    path("<int:pk>/deactivate/", views.organisation_deactivate, name="organisation_deactivate"),
    path("<int:pk>/reactivate/", views.organisation_reactivate, name="organisation_reactivate"),
    path("<int:pk>/roles/", views.membership_grant, name="membership_grant"),
    path("roles/<int:pk>/revoke/", views.membership_revoke, name="membership_revoke"),
    path("accounts/", views.account_list, name="accounts"),
    path("accounts/new/", views.account_new, name="account_new"),
    path("accounts/<int:pk>/", views.account_detail, name="account"),
    path("accounts/<int:pk>/deactivate/", views.account_deactivate, name="account_deactivate"),
    path("accounts/<int:pk>/reactivate/", views.account_reactivate, name="account_reactivate"),
    path("accounts/<int:pk>/password-link/", views.account_password_link, name="account_password_link"),
    path("set-password/done/", views.set_password_done, name="set_password_done"),
    path("set-password/<uidb64>/<token>/", views.SetPasswordView.as_view(), name="set_password"),
]
