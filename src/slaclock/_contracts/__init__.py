"""Layer 7, contracts: clauses and contracts (in Python and in files), cases and their statuses,
and ``evaluate`` for many cases at once.

Imports only downward: the rules, the calendar face and the layers below.
"""
