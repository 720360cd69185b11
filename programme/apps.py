from django.apps import AppConfig


class ProgrammeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "programme"
    verbose_name = "Chương trình: giai đoạn, cấu trúc hành chính, quy trình thẩm tra"
