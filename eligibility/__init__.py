"""Who has a right to a koordinator, a barnekoordinator and an individual plan: the pure
rules (`rules.py`, `facts.py`), the assessment recorded on a case, and `manage.py assess`.

May import core and cases.
"""
