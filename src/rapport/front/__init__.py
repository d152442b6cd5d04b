"""The front doors that span several apps: the home page, `rapport serve`, `rapport import`.

Top of the layers in docs/architecture.md: it may import from every app, and none from it.
"""
