"""Hypothesis's entry point: with slaclock installed, ``st.from_type`` draws slaclock's values.

``pyproject.toml`` declares :func:`_hypothesis_setup_hook` in the ``hypothesis``
entry-point group, and Hypothesis calls it whenever it is imported, in every
program of an environment where slaclock is installed, whether or not that
program uses slaclock. So the hook does little: it imports the three classes it
registers (``WorkCalendar``, ``Period``, ``Contract``: slaclock's core, on numpy;
no dataframe or plotting library, nor ``holidays``) and registers a function for
each, which Hypothesis calls the first time ``from_type`` resolves the type. That
costs about 0.26 s, numpy's 0.16 s included (``import hypothesis`` itself takes
0.15 s), measured on the project's machine. Only at resolution is
:mod:`slaclock.strategies` imported. It could not be imported here: ``import
slaclock.strategies`` imports Hypothesis, which runs this hook while that module
is still half-built.

``HYPOTHESIS_NO_PLUGINS=1`` turns every such hook off (Hypothesis's switch).

>>> import datetime as dt
>>> from hypothesis import given, settings, strategies as st
>>> import slaclock as sc
>>> _hypothesis_setup_hook()        # what ``import hypothesis`` did, where slaclock is installed
>>> @settings(max_examples=10, database=None)
... @given(st.from_type(sc.WorkCalendar), st.from_type(sc.Period), st.from_type(sc.Contract))
... def test_any_period_on_any_calendar(cal, p, contract):
...     assert sc.deadline("2020-03-02T10:00", p, calendar=cal).last_day >= dt.date(2020, 3, 2)
...     assert contract.clauses
>>> test_any_period_on_any_calendar()
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy

    from slaclock._calendar import WorkCalendar
    from slaclock._contracts.contract import Contract
    from slaclock._periods.period import Period

__all__: list[str] = []


def _hypothesis_setup_hook() -> None:
    """Register the strategies of :mod:`slaclock.strategies` for ``st.from_type``."""
    from hypothesis import strategies as st

    from slaclock._calendar import WorkCalendar
    from slaclock._contracts.contract import Contract
    from slaclock._periods.period import Period

    st.register_type_strategy(WorkCalendar, _calendars)
    st.register_type_strategy(Period, _periods)
    st.register_type_strategy(Contract, _contracts)


def _calendars(_: type[Any]) -> SearchStrategy[WorkCalendar]:
    from slaclock import strategies

    return strategies.calendars()


def _periods(_: type[Any]) -> SearchStrategy[Period]:
    from slaclock import strategies

    return strategies.periods()  # type: ignore[return-value]  # text=False: Periods


def _contracts(_: type[Any]) -> SearchStrategy[Contract]:
    from slaclock import strategies

    return strategies.contracts()
