from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from decisions.models import Complaint, Decision, Dispatch, Letter


class LetterInline(admin.TabularInline):
    model = Letter
    fk_name = "decision"
    extra = 0
    fields = ["kind", "recipient_name", "file", "sha256", "created_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Decision)
class DecisionAdmin(SimpleHistoryAdmin):
    list_display = ["case", "service", "outcome", "status", "sent_on", "complaint_deadline"]
    list_filter = ["status", "service", "outcome"]
    search_fields = ["=case__number"]
    raw_id_fields = ["case", "assessment", "replaces", "decided_by", "approved_by"]
    inlines = [LetterInline]
    show_full_result_count = False

    def get_readonly_fields(self, request, obj=None):
        # A sent decision is a legal document: it is never changed, only replaced.
        if obj is not None and obj.is_sent:
            return [f.name for f in self.model._meta.fields]
        return ["status", "sent_on", "received_on", "complaint_deadline", "finalized_on"]


@admin.register(Letter)
class LetterAdmin(admin.ModelAdmin):
    list_display = ["id", "kind", "decision", "recipient_name", "created_at"]
    list_filter = ["kind"]
    readonly_fields = [f.name for f in Letter._meta.fields]
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Dispatch)
class DispatchAdmin(admin.ModelAdmin):
    list_display = ["id", "letter", "channel", "status", "attempts", "last_error", "sent_at"]
    list_filter = ["channel", "status"]
    readonly_fields = [f.name for f in Dispatch._meta.fields]
    show_full_result_count = False

    def has_add_permission(self, request):
        return False


@admin.register(Complaint)
class ComplaintAdmin(SimpleHistoryAdmin):
    list_display = ["decision", "received_on", "is_late", "status", "result"]
    list_filter = ["status", "is_late", "result"]
    raw_id_fields = ["decision", "new_decision", "registered_by"]
    show_full_result_count = False
