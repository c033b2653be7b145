from django.urls import path

from . import views

app_name = "coi"
urlpatterns = [
    path("<slug:slug>/", views.page, name="page"),
    path("<slug:slug>/fungsi/", views.function_new, name="function_new"),
    path("<slug:slug>/fungsi/<int:pk>/", views.function_update, name="function_update"),
    path("<slug:slug>/fungsi/<int:pk>/risiko/", views.risk_new, name="risk_new"),
    path("<slug:slug>/deklarasi/", views.declaration_new, name="declaration_new"),
    path("<slug:slug>/recusal/", views.recusal_new, name="recusal_new"),
]
