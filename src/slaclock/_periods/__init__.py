"""Layer 2, periods: ``Period`` and its units, the parser of contract wording, and counting conventions.

Imports only the base layer and :mod:`slaclock.errors`.
"""
