"""Layer 2, periods: ``Period`` and its units, the parser of contract wording, and counting conventions.

Imports only the base layer and :mod:`slaclock.errors`. Inside the package the
imports form no circle:

- :mod:`~slaclock._periods.value`: ``Period``, ``Unit``, ``MAX_AMOUNT`` (no text reading);
- :mod:`~slaclock._periods.numerals`: Chinese numerals read and written (imports nothing of slaclock);
  the parser and :mod:`slaclock.penalties` both use it;
- :mod:`~slaclock._periods.parse`: ``parse_period``, contract words to a ``Period``; imports ``value``
  and ``numerals``;
- :mod:`~slaclock._periods.period`: the ``period()`` coercion (cached); imports ``value`` and
  ``parse``, and re-exports the value types for the layers above;
- :mod:`~slaclock._periods.convention`: ``Convention``, how a period is laid on a calendar.
"""
