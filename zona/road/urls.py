from django.urls import path  # noqa: F401  (the road's pages are added here)

app_name = "road"
urlpatterns: list = []
