from django.urls import path

from targets import views

app_name = "targets"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("them/", views.create, name="create"),
    path("<int:pk>/sua/", views.edit, name="edit"),
    path("<int:pk>/xoa/", views.delete, name="delete"),
    path("thong-bao/", views.notices, name="notices"),
    path("thong-bao/<int:pk>/ap-dung/", views.adopt, name="adopt"),
    path("so-lieu-tinh/", views.report, name="report"),
]
