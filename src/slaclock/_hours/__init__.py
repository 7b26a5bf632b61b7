"""Layer 4, working hours: schedules (``schedule``), the hours index of a calendar (``table``), working-time
arithmetic on one instant (``arithmetic``) and on columns (``columns``).

Imports the layers below (base, periods, days) and :mod:`slaclock.errors`.
"""
