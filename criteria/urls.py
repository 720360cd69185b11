from django.urls import path

from criteria import views, workbook_views

app_name = "criteria"
urlpatterns = [
    path("", views.set_list, name="list"),
    path("nhap/", views.set_import, name="import"),
    path("nhap-excel/", workbook_views.workbook_import, name="workbook_import"),
    path("mau-excel/", workbook_views.workbook_blank, name="workbook_blank"),
    path("<int:pk>/", views.set_detail, name="detail"),
    path("<int:pk>/tai-ve.yaml", views.set_export, name="export"),
    path("<int:pk>/mau-excel.xlsx", workbook_views.workbook, name="workbook"),
    path("<int:pk>/phien-ban-tinh/", views.province_version, name="province_version"),
    path("<int:pk>/nguong/", views.threshold_edit, name="threshold"),
    path("<int:pk>/chi-tieu/", views.indicator_add, name="indicator"),
]
