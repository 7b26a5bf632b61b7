"""Layer 7, contracts: clauses and contracts (in Python and in files), cases and their statuses,
and ``evaluate`` for many cases at once.

Imports only downward: the rules, the calendar face and the layers below. Inside the
package, one module per job, each importing only those listed before it (at run time;
annotations may name ``Case`` or ``Contract`` under ``TYPE_CHECKING``):

* ``checks``: the checks on plain fields (names, event references, text, table keys);
* ``files``: reading and writing TOML, JSON and YAML;
* ``clause``: :class:`Clause` and :class:`Extension`;
* ``calendar_spec``: :class:`CalendarSpec` and arrangement years as tables;
* ``events``: the order of a contract's events, and a case's :class:`CaseEvent`;
* ``terms``: :class:`ContractTerms`, what cases and batches read of a contract;
* ``status``: :class:`ClauseStatus`, :class:`Status` and their words and tables;
* ``calendar_record``: the calendar data a case is counted on;
* ``clock``: a deadline's clock (pauses, elapsed, at risk), shared by cases and ``evaluate``;
* ``kinds``: how each kind of clause stands in a case;
* ``case``: :class:`Case` and :func:`open_case`;
* ``report``: compliance figures from evaluate's results, and the columns of evaluate they need;
* ``evaluate``: many cases at once, on columns;
* ``contract``: :class:`Contract`, on top (its ``open`` and ``evaluate`` hand it down).
"""
