"""Drop-in faces of other libraries' calendar functions, answered on slaclock calendars.

``slaclock.compat.numpy`` mirrors ``numpy``'s ``busday_offset``, ``busday_count`` and ``is_busday``;
``slaclock.compat.chinese_calendar`` mirrors the ``chinese_calendar`` package. Neither is imported by
``import slaclock``.
"""
