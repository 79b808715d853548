from django.urls import path

from . import help_views

app_name = "findhelp"

urlpatterns = [
    path("", help_views.find_help, name="index"),
    path("<str:country>/", help_views.find_help_in, name="country"),
]
