"""The columns each table's COPY writes, in the order the fill's rows give them."""

from cases.models import AccessLog, Case, Consent, TimelineEntry
from coordinators.models import Appointment
from decisions.models import Decision, Letter
from eligibility.models import Assessment
from plans.models import ActionPoint, Evaluation, Goal, Measure, Meeting, Participant, Plan

COLUMNS = {
    Case: "id number person_id family_id requests_coordinator requests_child_coordinator "
    "requests_plan coordinator_decided child_coordinator_decided plan_decided origin "
    "received_on unit_id caseworker_id status closed_reason closed_on created_at updated_at",
    Consent: "case_id given_by given_by_name given_on form covers_plan covers_sharing "
    "noted_by_id created_at",
    Assessment: "id case_id assessed_on facts answers result engine_version created_by_id "
    "created_at",
    Decision: "id case_id assessment_id service outcome status legal_basis facts reasons "
    "starts_on decided_by_id sent_on processing_days assumed_received_on complaint_deadline "
    "finalized_on created_at updated_at",
    Letter: "kind decision_id recipient_key recipient_name recipient_address file sha256 "
    "created_by_id created_at",
    Plan: "id case_id person_id status needs valid_from next_evaluation_on activated_on "
    "closed_reason closed_on created_by_id created_at updated_at",
    # Dated when they happened, not when the fill ran: a plan's activity decides whether
    # it has gone quiet (Frister, Oversikt, the daily scan).
    Goal: "plan_id text horizon created_at",
    Measure: "plan_id title provider responsible starts_on ends_on created_at",
    Participant: "plan_id name role organisation in_responsibility_group created_at",
    Meeting: "id plan_id held_on place minutes next_meeting_on recorded_by_id created_at",
    ActionPoint: "meeting_id what who due_on done",
    Evaluation: "plan_id held_on what_worked next_evaluation_on recorded_by_id created_at",
    Appointment: "case_id coordinator_id kind started_on ended_on appointed_by_id created_at",
    TimelineEntry: "case_id kind text from_status to_status author_id occurred_at created_at",
    AccessLog: "at user_id username role person_id object_type object_id action view_name "
    "ip_address request_id",
}
