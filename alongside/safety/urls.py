from django.urls import path

from . import views

app_name = "safety"
urlpatterns = [
    path("help/", views.help_now, name="help"),
    path("safety/preview/", views.composer_preview, name="preview"),
]
