from django.contrib.auth import views as auth_views
from django.urls import path

from accounts import views

app_name = "accounts"
urlpatterns = [
    path("dang-nhap/", views.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("mat-khau/doi/", views.PasswordChangeView.as_view(), name="password_change"),
    path("mat-khau/quen/", views.PasswordResetView.as_view(), name="password_reset"),
    path("mat-khau/quen/da-gui/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("mat-khau/dat-lai/<uidb64>/<token>/", views.PasswordResetConfirmView.as_view(), name="password_reset_confirm"),
    path("mat-khau/dat-lai/xong/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("co-quan/", views.agency_list, name="agency_list"),
    path("co-quan/them/", views.agency_create, name="agency_create"),
    path("co-quan/<int:pk>/", views.agency_edit, name="agency_edit"),
    path("nguoi-dung/", views.user_list, name="user_list"),
    path("nguoi-dung/them/", views.user_create, name="user_create"),
    path("nguoi-dung/<int:pk>/", views.user_edit, name="user_edit"),
    path("nguoi-dung/<int:pk>/mat-khau/", views.user_password, name="user_password"),
    path("nguoi-dung/<int:pk>/phan-quyen/", views.membership_grant, name="membership_grant"),
    path("phan-quyen/<int:pk>/thu-hoi/", views.membership_revoke, name="membership_revoke"),
    path("phan-quyen/giai-the/", views.dissolved_memberships, name="dissolved_memberships"),
    path("phan-quyen/<int:pk>/chuyen/", views.membership_move, name="membership_move"),
    path("nhat-ky/", views.audit_log, name="audit_log"),
]
