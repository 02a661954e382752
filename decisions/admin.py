from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from cases.admin import PersonalDataMixin
from core.admin import BoundedCount
from decisions.models import Complaint, Decision, Dispatch, Letter

# Decisions are legal documents: they are drafted, approved, sent and replaced through
# the decisions services, never edited here.


class LetterInline(PersonalDataMixin, admin.TabularInline):
    model = Letter
    fk_name = "decision"
    extra = 0
    fields = ["kind", "recipient_name", "file", "sha256", "created_at"]
    readonly_fields = fields


@admin.register(Decision)
class DecisionAdmin(BoundedCount, PersonalDataMixin, SimpleHistoryAdmin):
    person_path = "case__person_id"
    list_display = ["case", "service", "outcome", "status", "sent_on", "complaint_deadline"]
    list_filter = ["status", "service", "outcome"]
    search_fields = ["=case__number"]
    inlines = [LetterInline]


@admin.register(Letter)
class LetterAdmin(BoundedCount, PersonalDataMixin, admin.ModelAdmin):
    person_path = "decision__case__person_id"
    list_display = ["id", "kind", "decision", "recipient_name", "created_at"]
    list_filter = ["kind"]
    readonly_fields = [f.name for f in Letter._meta.fields] + ["decisions"]


@admin.register(Dispatch)
class DispatchAdmin(BoundedCount, PersonalDataMixin, admin.ModelAdmin):
    person_path = "letter__decision__case__person_id"
    list_display = ["id", "letter", "channel", "status", "attempts", "last_error", "sent_at"]
    list_filter = ["channel", "status"]
    readonly_fields = [f.name for f in Dispatch._meta.fields]


@admin.register(Complaint)
class ComplaintAdmin(BoundedCount, PersonalDataMixin, SimpleHistoryAdmin):
    person_path = "decision__case__person_id"
    list_display = ["decision", "received_on", "is_late", "status", "result"]
    list_filter = ["status", "is_late", "result"]
