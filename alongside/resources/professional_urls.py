from django.urls import path

from . import professional_views as views

app_name = "professionals"
urlpatterns = [
    # The member's own application
    path("apply/", views.apply, name="apply"),
    # The site's admins: every application and badge, and each decision
    path("", views.credential_list, name="list"),
    path("<int:credential_id>/", views.credential_detail, name="detail"),
    path("<int:credential_id>/verify/", views.credential_verify, name="verify"),
    path("<int:credential_id>/renew/", views.credential_renew, name="renew"),
    path("<int:credential_id>/decline/", views.credential_decline, name="decline"),
    path("<int:credential_id>/revoke/", views.credential_revoke, name="revoke"),
]
