from django.contrib import admin

from .models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("created_at", "user", "text", "emailed", "read_at")
    search_fields = ("user__username", "text")
    readonly_fields = [f.name for f in Notification._meta.fields]
