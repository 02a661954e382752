"""The individual plan (plan.py), its calendar feeds, and the participants' access and
work in it (participation.py); its meetings and evaluations (meetings.py)."""

from plans.models.calendar import CalendarFeed
from plans.models.meetings import ActionPoint, Evaluation, Meeting
from plans.models.participation import (
    AccessConsent,
    GoalComment,
    Invitation,
    NoticeSettings,
    ParticipantAccount,
    PlanMessage,
    Proposal,
)
from plans.models.plan import Goal, ItemStatus, Measure, Participant, Plan

__all__ = [
    "AccessConsent",
    "ActionPoint",
    "CalendarFeed",
    "Evaluation",
    "Goal",
    "GoalComment",
    "Invitation",
    "ItemStatus",
    "Measure",
    "Meeting",
    "NoticeSettings",
    "Participant",
    "ParticipantAccount",
    "Plan",
    "PlanMessage",
    "Proposal",
]
