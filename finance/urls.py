from django.urls import path

from finance.views import dashboard, imports, ledgers, projects, public

app_name = "finance"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("cong-bo/", dashboard.publish, name="publish"),
    path("du-an/", projects.project_list, name="projects"),
    path("du-an/<int:pk>/", projects.project_detail, name="project"),
    path("no-dong/", ledgers.debts, name="debts"),
    path("xi-mang/", ledgers.cement, name="cement"),
    path("do-dau/", ledgers.sponsors, name="sponsors"),
    path("mau/<slug:kind>/", imports.template, name="template"),
    path("tai-len/<slug:kind>/", imports.upload, name="upload"),
    path("cong-khai/", public.public_list, name="public_list"),
    path("cong-khai/<int:pk>/", public.public_detail, name="public_detail"),
    path("cong-khai/<int:pk>/go/", dashboard.withdraw, name="withdraw"),
]
