from django.urls import path

from programme import views

app_name = "programme"

urlpatterns = [
    path("", views.procedure_start, name="start"),
    path("tinh/<int:pk>/", views.procedure, name="procedure"),
]
