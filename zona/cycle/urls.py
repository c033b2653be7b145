from django.urls import path

from . import views

app_name = "cycle"
urlpatterns = [
    path("", views.national_page, name="national"),
    path("buka/", views.open_page, name="open"),
    path("unit/<int:pk>/", views.entry_page, name="entry"),
    path("unit/<int:pk>/tahap/", views.stage_save, name="stage"),
    path("unit/<int:pk>/angka-tpn/", views.figures_save, name="figures"),
    path("unit/<int:pk>/predikat/", views.predicate_save, name="predicate"),
    path("predikat/<int:pk>/cabut/", views.revoke, name="revoke"),
    path("insiden/", views.tasks_page, name="tasks"),
    path("insiden/<int:pk>/", views.task_decide, name="decide"),
]
