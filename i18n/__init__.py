"""goaltui's catalogs and locale forms, made with Babel: `python -m i18n` (see __main__.py).

Babel is a tool here, not a dependency of goaltui: the package ships the
compiled catalogs and the forms written from CLDR, and reads them without it.
"""
