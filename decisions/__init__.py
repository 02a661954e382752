"""Decisions (enkeltvedtak): drafting and approval, the letters and what they must hold,
complaint deadlines, delivery to every party, and complaints.

May import core, cases and eligibility.
"""
