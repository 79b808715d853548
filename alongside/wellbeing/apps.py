from django.apps import AppConfig


class WellbeingConfig(AppConfig):
    name = "alongside.wellbeing"
    verbose_name = "Balance and wellbeing"
