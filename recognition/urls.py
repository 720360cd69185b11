from django.urls import path

from recognition.views import dossiers, registrations, watch

app_name = "recognition"

urlpatterns = [
    path("", registrations.registration_list, name="registrations"),
    path("dang-ky/<int:pk>/", registrations.registration_detail, name="registration"),
    path("ho-so/", dossiers.dossier_list, name="dossiers"),
    path("ho-so/<int:pk>/", dossiers.dossier_detail, name="dossier"),
    path("ho-so/tai-lieu/<int:pk>/tep/", dossiers.document_file, name="document"),
    path("theo-doi/", watch.watch_page, name="watch"),
]
