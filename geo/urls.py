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
]
