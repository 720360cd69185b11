from django.urls import path

from criteria import views

app_name = "criteria"
urlpatterns = [
    path("", views.set_list, name="list"),
    path("nhap/", views.set_import, name="import"),
    path("<int:pk>/", views.set_detail, name="detail"),
    path("<int:pk>/tai-ve.yaml", views.set_export, name="export"),
    path("<int:pk>/phien-ban-tinh/", views.province_version, name="province_version"),
    path("<int:pk>/nguong/", views.threshold_edit, name="threshold"),
    path("<int:pk>/chi-tieu/", views.indicator_add, name="indicator"),
    path("<int:pk>/ban-hanh/", views.publish, name="publish"),
]
