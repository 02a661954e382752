from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from plans.models import Evaluation, Goal, Measure, Meeting, Participant, Plan


class ReadOnlyMixin:
    """Plans change only through plans/services.py, where the rules are; the admin reads."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class GoalInline(ReadOnlyMixin, admin.TabularInline):
    model = Goal
    extra = 0


class MeasureInline(ReadOnlyMixin, admin.TabularInline):
    model = Measure
    extra = 0


class ParticipantInline(ReadOnlyMixin, admin.TabularInline):
    model = Participant
    extra = 0


class MeetingInline(ReadOnlyMixin, admin.TabularInline):
    model = Meeting
    extra = 0
    fields = ["held_on", "place", "next_meeting_on"]


class EvaluationInline(ReadOnlyMixin, admin.TabularInline):
    model = Evaluation
    extra = 0
    fields = ["held_on", "next_evaluation_on", "recorded_by"]


@admin.register(Plan)
class PlanAdmin(ReadOnlyMixin, SimpleHistoryAdmin):
    list_display = ["case", "person", "status", "next_evaluation_on", "closed_reason"]
    list_filter = ["status"]
    list_select_related = ["case", "person"]
    show_full_result_count = False
    inlines = [GoalInline, MeasureInline, ParticipantInline, MeetingInline, EvaluationInline]
