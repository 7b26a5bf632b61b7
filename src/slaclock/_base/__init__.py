"""Layer 1, the base: what every layer above uses and nothing here knows of calendars or contracts.

Shared types, the zone map, the worker blocks of the column paths, the provisional warning and its
collector (``warn``), the one reader of dates, instants and missing values (``instants``), and the
dataframe adapters (pandas/polars/arrow in → numpy → the same kind out). Imports only
:mod:`slaclock.errors`.
"""
