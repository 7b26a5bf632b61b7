"""Layer 4, working hours: schedules, the hours index of a calendar, working-time arithmetic on one
instant (``core``) and on columns (``columns``).

Imports the layers below (base, periods, days) and :mod:`slaclock.errors`.
"""
