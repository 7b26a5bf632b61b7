"""The plots' code (matplotlib, the ``plot`` extra); :mod:`slaclock.plot` is their face."""
