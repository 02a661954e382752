from django.urls import path

from decisions import complaint_views, delivery_views, list_views, views

app_name = "decisions"

urlpatterns = [
    path("", list_views.decision_list, name="list"),
    path("sak/<int:pk>/", views.case_decisions, name="case_decisions"),
    path("sak/<int:pk>/nytt/", views.decision_draft, name="draft"),
    path("<int:pk>/", views.decision_detail, name="detail"),
    path("<int:pk>/forhandsvisning.pdf", views.decision_preview, name="preview"),
    path("<int:pk>/til-godkjenning/", views.decision_submit, name="submit"),
    path("<int:pk>/godkjenn/", views.decision_approve, name="approve"),
    path("<int:pk>/send/", views.decision_send, name="send"),
    path("<int:pk>/mottatt/", views.decision_received, name="received"),
    path("<int:pk>/forsendelser/", delivery_views.dispatch_status, name="dispatch_status"),
    path("<int:pk>/klage/", views.complaint_add, name="complaint_add"),
    path("klage/<int:pk>/oversend/", complaint_views.complaint_forward, name="complaint_forward"),
    path("klage/<int:pk>/omgjor/", complaint_views.complaint_reverse, name="complaint_reverse"),
    path("klage/<int:pk>/resultat/", complaint_views.complaint_result, name="complaint_result"),
    path("klage/<int:pk>/avvis/", complaint_views.complaint_reject, name="complaint_reject"),
    path(
        "klage/<int:pk>/omgjor-avvisning/",
        complaint_views.rejection_reverse,
        name="rejection_reverse",
    ),
    path("brev/<int:pk>/", delivery_views.letter_file, name="letter"),
    path("forsendelse/<int:pk>/", delivery_views.dispatch_retry, name="dispatch_retry"),
    path("utskrift/", delivery_views.print_batch, name="print_batch"),
    path("utskrift/postlagt/", delivery_views.print_batch_posted, name="print_batch_posted"),
    path("utskrift/samlet.pdf", delivery_views.print_batch_pdf, name="print_batch_pdf"),
    path("utboks/", delivery_views.outbox, name="outbox"),
]
