"""The individual plan: goals, measures, participants, meetings and action points,
evaluations, its history and PDF, "Mine planer" and each user's calendar feed.

May import core, cases, eligibility, decisions and coordinators.
"""
