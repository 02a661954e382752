"""Coordinators: the registry, training and qualification, the ranking of candidates,
appointments to cases and each coordinator's caseload.

May import core, cases, eligibility and decisions. Registers with cases that a coordinator
sees the cases they hold an active appointment on.
"""
