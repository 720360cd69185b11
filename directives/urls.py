from django.urls import path

from directives import import_views, views

app_name = "directives"
urlpatterns = [
    path("", views.task_board, name="board"),
    path("<int:pk>/", views.task_detail, name="task"),
    path("bao-cao/<int:pk>/tep/", views.attachment, name="attachment"),
    path("thong-bao/", views.notice_list, name="notices"),
    path("thong-bao/nhap/", import_views.notice_import, name="import"),
    path("thong-bao/nhap/xac-nhan/", import_views.notice_confirm, name="confirm"),
    path("thong-bao/<int:pk>/", views.notice_detail, name="notice"),
    path("thong-bao/<int:pk>/van-ban.docx", views.notice_word, name="notice_word"),
    path("thong-bao/<int:pk>/theo-doi.<str:fmt>", views.followup, name="followup"),
]
