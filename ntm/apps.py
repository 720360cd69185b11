from django.apps import AppConfig


class NtmConfig(AppConfig):
    name = "ntm"
    verbose_name = "ntm"
