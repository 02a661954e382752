"""A letter's dispatches (one per channel it went by) and what SvarUt reported for each."""

import uuid

from django.db import models

from core.forms import SHORT_TEXT


class Dispatch(models.Model):
    """One letter to one recipient by one channel. The unique row is what makes sending
    idempotent: the task claims it and does nothing if it is already sent; `reference`
    (SvarUt's eksternReferanse) finds a forsendelse SvarUt accepted before we could note it."""

    class Channel(models.TextChoices):
        SVARUT = "svarut", "SvarUt"
        OUTBOX = "outbox", "Lokal utboks"
        POST = "post", "Post (egen utskrift)"

    class Status(models.TextChoices):
        QUEUED = "queued", "I kø"
        SENT = "sent", "Sendt"
        FAILED = "failed", "Feilet"

    class Delivery(models.TextChoices):
        """What SvarUt reports after it accepted the letter."""

        RECEIVED = "received", "Mottatt av SvarUt"
        DIGITAL = "digital", "Sendt digitalt"
        PRINT = "print", "Sendt til utskrift"
        READ = "read", "Lest"
        FAILED = "failed", "Ikke levert"
        MANUAL = "manual", "Håndtert manuelt"

    # Nothing more will change: the receipts scan stops asking.
    FINAL_DELIVERIES = (Delivery.READ, Delivery.PRINT, Delivery.FAILED, Delivery.MANUAL)

    letter = models.ForeignKey(
        "decisions.Letter", on_delete=models.PROTECT, related_name="dispatches"
    )
    channel = models.CharField("kanal", max_length=10, choices=Channel.choices)
    # The postal address for our own print batch only; never a protected address.
    address = models.TextField("adresse", blank=True, max_length=SHORT_TEXT)
    status = models.CharField(
        "status", max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    reference = models.UUIDField("ekstern referanse", default=uuid.uuid4, unique=True)
    forsendelse_id = models.CharField("SvarUt-forsendelse", max_length=64, blank=True)
    delivery = models.CharField("levering", max_length=10, choices=Delivery.choices, blank=True)
    delivery_changed_at = models.DateTimeField("levering endret", null=True, blank=True)
    attempts = models.PositiveSmallIntegerField("forsøk", default=0)
    # The exception class only: an error text could hold an address or a name.
    last_error = models.CharField("siste feil", max_length=100, blank=True)
    queued_at = models.DateTimeField("lagt i kø", auto_now_add=True)
    sent_at = models.DateTimeField("sendt", null=True, blank=True)

    class Meta:
        verbose_name = "forsendelse"
        verbose_name_plural = "forsendelser"
        ordering = ["queued_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["letter", "channel"], name="one_dispatch_per_channel"),
        ]
        indexes = [
            models.Index(
                fields=["channel", "queued_at"],
                condition=models.Q(status="queued"),
                name="dispatch_queued",
            ),
            models.Index(
                fields=["sent_at"],
                condition=models.Q(channel="svarut", status="sent")
                & ~models.Q(delivery__in=["read", "print", "failed", "manual"]),
                name="dispatch_awaiting_receipt",
            ),
        ]

    def __str__(self):
        return f"{self.get_channel_display()} ({self.get_status_display()})"

    @property
    def is_working(self) -> bool:
        """Still on its way out of our hands: the page keeps polling."""
        return self.status == self.Status.QUEUED and self.channel != self.Channel.POST

    @property
    def needs_attention(self) -> bool:
        return self.status == self.Status.FAILED or self.delivery == self.Delivery.FAILED


class DispatchEvent(models.Model):
    """Each change SvarUt reported for a dispatch, once."""

    dispatch = models.ForeignKey(Dispatch, on_delete=models.PROTECT, related_name="events")
    delivery = models.CharField("levering", max_length=10, choices=Dispatch.Delivery.choices)
    svarut_status = models.CharField("SvarUt-status", max_length=30)
    happened_at = models.DateTimeField("tidspunkt")
    recorded_at = models.DateTimeField("registrert", auto_now_add=True)

    class Meta:
        verbose_name = "leveringshendelse"
        verbose_name_plural = "leveringshendelser"
        ordering = ["happened_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["dispatch", "svarut_status", "happened_at"], name="one_event_per_status"
            ),
        ]

    def __str__(self):
        return f"{self.get_delivery_display()} {self.happened_at:%d.%m.%Y}"
