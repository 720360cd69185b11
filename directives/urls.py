from django.urls import path

from directives import views

app_name = "directives"
urlpatterns = [
    path("", views.task_board, name="board"),
    path("<int:pk>/", views.task_detail, name="task"),
    path("thong-bao/", views.notice_list, name="notices"),
    path("thong-bao/<int:pk>/", views.notice_detail, name="notice"),
    path("thong-bao/<int:pk>/van-ban.docx", views.notice_word, name="notice_word"),
    path("thong-bao/<int:pk>/theo-doi.<str:fmt>", views.followup, name="followup"),
]
