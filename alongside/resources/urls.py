from django.urls import path

from . import views

app_name = "resources"

urlpatterns = [
    path("", views.library_page, name="library"),
    path("share/", views.share, name="share"),
    path("<int:resource_id>/", views.detail, name="detail"),
    path("<int:resource_id>/helped/", views.helped, name="helped"),
    path("<int:resource_id>/review/", views.review, name="review"),
    path("<int:resource_id>/remove/", views.remove, name="remove"),
]
