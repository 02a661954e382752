from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from cases.admin import PersonalDataMixin
from core.admin import BoundedCount
from plans.models import Evaluation, Goal, Measure, Meeting, Participant, Plan

# Plans change only through plans/services.py, where the rules are; the admin reads.


class GoalInline(PersonalDataMixin, admin.TabularInline):
    model = Goal
    extra = 0


class MeasureInline(PersonalDataMixin, admin.TabularInline):
    model = Measure
    extra = 0


class ParticipantInline(PersonalDataMixin, admin.TabularInline):
    model = Participant
    extra = 0


class MeetingInline(PersonalDataMixin, admin.TabularInline):
    model = Meeting
    extra = 0
    fields = ["held_on", "place", "next_meeting_on"]


class EvaluationInline(PersonalDataMixin, admin.TabularInline):
    model = Evaluation
    extra = 0
    fields = ["held_on", "next_evaluation_on", "recorded_by"]


@admin.register(Plan)
class PlanAdmin(BoundedCount, PersonalDataMixin, SimpleHistoryAdmin):
    list_display = ["case", "person", "status", "next_evaluation_on", "closed_reason"]
    list_filter = ["status"]
    list_select_related = ["case", "person"]
    inlines = [GoalInline, MeasureInline, ParticipantInline, MeetingInline, EvaluationInline]
