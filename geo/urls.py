from django.urls import path

from geo import views

app_name = "geo"
urlpatterns = [
    path("", views.map_root, name="root"),
    path("tim-kiem/", views.search, name="search"),
    path("<int:pk>/", views.unit_detail, name="unit"),
    path("<int:pk>/thuoc-tinh/", views.attribute_set, name="attribute_set"),
    path("thon/mau.xlsx", views.village_template, name="village_template"),
    path("<int:pk>/thon/tai-len/", views.village_upload, name="village_upload"),
    path("<int:pk>/nhom-xa/", views.commune_groups, name="commune_groups"),
    path("<int:pk>/nhom-xa/mau.xlsx", views.commune_group_template, name="commune_group_template"),
    path("<int:pk>/nhom-xa/tai-len/", views.commune_group_upload, name="commune_group_upload"),
]
