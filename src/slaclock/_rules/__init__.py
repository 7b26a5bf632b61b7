"""Layer 6, the law: deadlines from one start (``deadline``) and for columns (``columns``), notice
limits, monthly and fixed windows, and the explanations of the steps.

Above :mod:`slaclock._calendar` (layer 5, the ``WorkCalendar`` face); imports only downward.
"""
