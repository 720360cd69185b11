from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("bao-cao-thang.docx", views.monthly_word, name="monthly_word"),
    path("bao-cao-thang.xlsx", views.monthly_excel, name="monthly_excel"),
    path("du-thao-thong-bao/", views.notice_draft, name="notice_draft"),
    path("toan-canh/", views.standing_start, name="standing"),
    path("toan-canh/<int:pk>/", views.standing_unit, name="standing_unit"),
]
