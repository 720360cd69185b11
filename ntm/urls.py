from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from ntm import views

urlpatterns = [
    path("", views.home, name="home"),
    path("tai-khoan/", include("accounts.urls")),
    path("dia-ban/", include("geo.urls")),
    path("danh-gia/", include("assessment.urls")),
    path("bo-tieu-chi/", include("criteria.urls")),
    path("giai-doan/", include("programme.urls")),
    path("nhiem-vu/", include("directives.urls")),
    path("von/", include("finance.urls")),
    path("cong-nhan/", include("recognition.urls")),
    path("chi-tieu/", include("targets.urls")),
    path("bao-cao/", include("reports.urls")),
    path(settings.ADMIN_URL_PREFIX.strip("/") + "/", admin.site.urls),
]
