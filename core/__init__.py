"""Helpers with no domain: dates, errors, PDF rendering, form helpers, paging, charts.

Imports nothing from the project's apps; every app may import it.
"""
