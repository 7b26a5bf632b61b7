"""Layer 2, periods: ``Period`` and its units, the parser of contract wording, and counting conventions.

Imports only the base layer and :mod:`slaclock.errors`. Inside the package the
imports form no circle:

- :mod:`~slaclock._periods.value`: ``Period``, ``Unit``, ``MAX_AMOUNT`` (no text reading);
- :mod:`~slaclock._periods.parse`: ``parse_period``, contract words to a ``Period``; imports ``value``;
- :mod:`~slaclock._periods.period`: the ``period()`` coercion (cached); imports ``value`` and
  ``parse``, and re-exports the value types for the layers above;
- :mod:`~slaclock._periods.convention`: ``Convention``, how a period is laid on a calendar.
"""
