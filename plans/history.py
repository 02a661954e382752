"""A plan's change history, read from django-simple-history, told as who, when and what."""

import datetime
from dataclasses import dataclass, field

from plans.models import ActionPoint, Evaluation, Goal, Measure, Meeting, Participant, Plan

# Bookkeeping fields, and links that never change, are left out of the story.
_SKIPPED = {
    "id",
    "plan",
    "meeting",
    "person",
    "case",
    "created_at",
    "updated_at",
    "created_by",
    "recorded_by",
}
_ACTIONS = {"+": "opprettet", "~": "endret", "-": "slettet"}
_MAX_ROWS_PER_PART = 500
_MAX_VALUE_LENGTH = 120


@dataclass
class Change:
    field: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    at: datetime.datetime
    user: str
    part: str
    label: str
    action: str
    changes: list[Change] = field(default_factory=list)


def _fields(model):
    return [f for f in model._meta.concrete_fields if f.name not in _SKIPPED]


def _show(record, model_field) -> str:
    value = getattr(record, model_field.attname)
    if value is None or value == "":
        return "–"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "Ja" if value else "Nei"
    if isinstance(value, datetime.date):
        return f"{value:%d.%m.%Y}"
    if model_field.is_relation:
        return f"#{value}"
    text = str(value)
    return text if len(text) <= _MAX_VALUE_LENGTH else text[: _MAX_VALUE_LENGTH - 1] + "…"


def _label(model, record) -> str:
    text = {
        Plan: lambda r: "Planen",
        Goal: lambda r: r.text,
        Measure: lambda r: r.title,
        Participant: lambda r: r.name,
        Meeting: lambda r: f"Møte {r.held_on:%d.%m.%Y}",
        ActionPoint: lambda r: r.what,
        Evaluation: lambda r: f"Evaluering {r.held_on:%d.%m.%Y}",
    }[model](record)
    return text if len(text) <= 80 else text[:79] + "…"


def _entries(model, records) -> list[HistoryEntry]:
    fields = _fields(model)
    previous = {}
    entries = []
    for record in sorted(records, key=lambda r: (r.history_date, r.history_id)):
        before = previous.get(record.id)
        changes = []
        if record.history_type == "~" and before is not None:
            changes = [
                Change(f.verbose_name, _show(before, f), _show(record, f))
                for f in fields
                if getattr(before, f.attname) != getattr(record, f.attname)
            ]
            if not changes:
                previous[record.id] = record
                continue
        user = record.history_user
        entries.append(
            HistoryEntry(
                at=record.history_date,
                user=(user.get_full_name() or user.get_username()) if user else "System",
                part=str(model._meta.verbose_name).capitalize(),
                label=_label(model, record),
                action=_ACTIONS[record.history_type],
                changes=changes,
            )
        )
        previous[record.id] = record
    return entries


def plan_history(plan: Plan) -> list[HistoryEntry]:
    """Every change to the plan and its parts, newest first."""
    meeting_ids = Meeting.history.filter(plan_id=plan.pk).values("id")
    sources = [
        (Plan, Plan.history.filter(id=plan.pk)),
        (Goal, Goal.history.filter(plan_id=plan.pk)),
        (Measure, Measure.history.filter(plan_id=plan.pk)),
        (Participant, Participant.history.filter(plan_id=plan.pk)),
        (Meeting, Meeting.history.filter(plan_id=plan.pk)),
        (ActionPoint, ActionPoint.history.filter(meeting_id__in=meeting_ids)),
        (Evaluation, Evaluation.history.filter(plan_id=plan.pk)),
    ]
    entries = []
    for model, queryset in sources:
        records = queryset.select_related("history_user").order_by("-history_date")
        entries.extend(_entries(model, list(records[:_MAX_ROWS_PER_PART])))
    entries.sort(key=lambda e: e.at, reverse=True)
    return entries
