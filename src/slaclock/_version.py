"""The version of slaclock: the one place it is written.

``pyproject.toml`` reads it for the package metadata (``[tool.setuptools.dynamic]``,
by parsing this file, without importing slaclock), and ``slaclock.__version__`` and
``slaclock --version`` read it here, so the three always agree, in an installed
package, an editable install whose metadata predates a version change, or a source
tree on ``PYTHONPATH``.
"""

__version__ = "0.1.0"
