from django.apps import AppConfig


class RecognitionConfig(AppConfig):
    name = "recognition"
    verbose_name = "Đăng ký, lộ trình, công nhận và thu hồi"
