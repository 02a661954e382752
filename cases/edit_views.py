"""Correcting the person, their relations and services, from the case's own pages."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from cases import editing
from cases.access import caseworker_required, log_access
from cases.edit_forms import PersonForm, PersonServiceEditForm, RelationForm
from cases.models import AccessLog, Person, PersonService, Relation
from cases.views import get_case, render_case_tab
from core.errors import RuleViolation, StaleEdit


def _edit_page(request, case, *, instance, form_class, save, tab, title, done, stored):
    """GET shows the form; a valid POST saves through `save` and goes back to the tab.

    A stale edit shows the user's input again with the stamp of what is stored now, so
    nothing typed is lost and saving again is the user's choice.
    """
    if not case.is_open:
        messages.error(request, "Saken er avsluttet. Gjenåpne den for å rette opplysninger.")
        return redirect(case)
    form = form_class(request.POST if request.method == "POST" else None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            save(form)
        except StaleEdit as error:
            form.keep_input(stored())
            form.add_error(None, error.messages[0])
        except RuleViolation as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, done)
            log_access(request, obj=case, action=AccessLog.Action.CHANGE)
            return redirect("cases:services" if tab == "services" else "cases:detail", pk=case.pk)
    return render_case_tab(
        request, case, tab, "cases/edit_form.html", {"form": form, "title": title}
    )


@caseworker_required
def person_edit(request, pk):
    case = get_case(request, pk)
    person = Person.objects.get(pk=case.person_id)
    return _edit_page(
        request,
        case,
        instance=person,
        form_class=PersonForm,
        save=lambda form: editing.person_update(
            person=person,
            by=request.user,
            case=case,
            expected_stamp=form.expected_stamp,
            **form.edit_values(),
        ),
        tab="person",
        title="Rett personopplysninger",
        done="Personopplysningene er rettet.",
        stored=lambda: Person.objects.get(pk=person.pk),
    )


def _relation(case, relation_pk) -> Relation:
    return get_object_or_404(Relation, pk=relation_pk, person_id=case.person_id)


@caseworker_required
def relation_edit(request, pk, relation_pk):
    case = get_case(request, pk)
    relation = _relation(case, relation_pk)
    return _edit_page(
        request,
        case,
        instance=relation,
        form_class=RelationForm,
        save=lambda form: editing.relation_update(
            relation=relation,
            by=request.user,
            case=case,
            expected_stamp=form.expected_stamp,
            **form.edit_values(),
        ),
        tab="person",
        title=f"Rett {relation.get_role_display().lower()}",
        done="Relasjonen er rettet.",
        stored=lambda: Relation.objects.get(pk=relation.pk),
    )


@require_POST
@caseworker_required
def relation_remove(request, pk, relation_pk):
    case = get_case(request, pk)
    relation = _relation(case, relation_pk)
    if case.is_open:
        editing.relation_remove(relation=relation, by=request.user, case=case)
        messages.success(request, "Relasjonen er fjernet.")
        log_access(request, obj=case, action=AccessLog.Action.CHANGE)
    else:
        messages.error(request, "Saken er avsluttet. Gjenåpne den for å rette opplysninger.")
    return redirect(case)


def _record(case, service_pk) -> PersonService:
    return get_object_or_404(
        PersonService.objects.select_related("service"), pk=service_pk, person_id=case.person_id
    )


@caseworker_required
def service_edit(request, pk, service_pk):
    case = get_case(request, pk)
    record = _record(case, service_pk)
    return _edit_page(
        request,
        case,
        instance=record,
        form_class=PersonServiceEditForm,
        save=lambda form: editing.person_service_update(
            record=record,
            by=request.user,
            case=case,
            expected_stamp=form.expected_stamp,
            **form.edit_values(),
        ),
        tab="services",
        title=f"Endre tjenesten {record.service}",
        done="Tjenesten er endret.",
        stored=lambda: PersonService.objects.get(pk=record.pk),
    )


@require_POST
@caseworker_required
def service_remove(request, pk, service_pk):
    case = get_case(request, pk)
    record = _record(case, service_pk)
    if case.is_open:
        editing.person_service_remove(record=record, by=request.user, case=case)
        messages.success(request, f"Tjenesten {record.service} er fjernet fra personen.")
        log_access(request, obj=case, action=AccessLog.Action.CHANGE)
    else:
        messages.error(request, "Saken er avsluttet. Gjenåpne den for å rette opplysninger.")
    return redirect("cases:services", pk=case.pk)
