"""mkdocs hook: links in files the site includes from outside docs/ point where the site has them.

README.md (the home page) links to ``docs/guide.md`` and ``benchmarks/README.md``; benchmarks/README.md (the page
"How they are measured") links to ``../docs/performance.md``; docs/performance.md links to
``../benchmarks/README.md``. Those links are right on GitHub, where the files are read in place. On the site every
page is a file of docs/, so after pymdownx.snippets has included the text, this preprocessor rewrites them:
``docs/X.md`` and ``../docs/X.md`` to ``X.md``, and ``benchmarks/README.md`` (with or without ``../``) to the page
that includes it, ``benchmarks.md``. Links to anything else are left to mkdocs' own (strict) checks.
"""

from __future__ import annotations

import re
from typing import Any

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

_LINK = re.compile(r"\]\((?:\.\./)?(?:docs/([^)#\s]+\.md)|benchmarks/README\.md)")


class _SiteLinks(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        return [_LINK.sub(lambda m: f"]({m.group(1) or 'benchmarks.md'}", line) for line in lines]


class _SiteLinksExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's name)
        md.preprocessors.register(_SiteLinks(md), "slaclock_site_links", 31)  # after snippets (32)


def on_config(config: Any) -> Any:
    config.markdown_extensions.append(_SiteLinksExtension())
    return config
