"""Plots (matplotlib, the ``plot`` extra): a calendar's year, a case's timeline, a report's compliance over time.

Three functions, each returning a :class:`matplotlib.figure.Figure`:

- :func:`year` (also :meth:`WorkCalendar.plot_year <slaclock.WorkCalendar.plot_year>`): a year's days as a
  heat-map of their kinds, with 休 on the days off and 班 on the makeup workdays;
- :func:`case` (also :meth:`Case.plot <slaclock.Case.plot>`): each clause from its start to its due, the case's
  events, pauses, extensions, breaches and ``now``;
- :func:`report`: what :func:`slaclock.report` gives with ``period=``, as compliance by group over time.

A report is a plain table (pandas, polars, pyarrow or a mapping of numpy columns), so its plot is a function
here: ``report.plot()`` on a pandas report is pandas' own method.

Each makes a :class:`~matplotlib.figure.Figure` directly (no pyplot, no GUI backend), or draws on the ``ax=`` it
is given and returns that figure. matplotlib is imported by the first plot, not by ``import slaclock.plot``;
without it each raises :class:`~slaclock.errors.InvalidInputError` naming ``pip install 'slaclock[plot]'``.
The code is in :mod:`slaclock._plot` (``common``: matplotlib, figures and fonts; ``year``, ``timeline``,
``report``).
"""

from __future__ import annotations

from slaclock._plot.report import report
from slaclock._plot.timeline import case
from slaclock._plot.year import year

__all__ = ["case", "report", "year"]
