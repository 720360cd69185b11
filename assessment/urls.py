from django.urls import path

from assessment import entry_views, excel_views, publish_views, views

app_name = "assessment"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("dia-ban/<int:pk>/", views.overview, name="overview_unit"),
    path("xa/<int:pk>/", views.scorecard, name="scorecard"),
    path("xa/<int:pk>/nhap/", entry_views.entry, name="entry"),
    path("xa/<int:pk>/buoc/<str:step>/", entry_views.step, name="step"),
    path("xa/<int:pk>/tra-lai/", entry_views.return_values, name="return"),
    path("cho-duyet/", entry_views.review, name="review"),
    path("minh-chung/<int:pk>/", entry_views.evidence, name="evidence"),
    path("mau-nhap.xlsx", excel_views.value_template, name="value_template"),
    path("tai-len/", excel_views.value_upload, name="value_upload"),
    path("bo-tieu-chi/<int:pk>/ban-hanh/", publish_views.publish_set, name="publish_set"),
]
