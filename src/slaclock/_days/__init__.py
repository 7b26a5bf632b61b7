"""Layer 3, days: day kinds, the horizon registry, the bundled official days, arrangement files and
notices, the day index of a calendar, and ICS export.

Imports the layers below (base, periods) and :mod:`slaclock.errors`.
"""
