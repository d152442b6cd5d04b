"""Search has no Django models: its index is kept by database triggers (see `schema`).

This module exists so that Django sends the app its pre_migrate and post_migrate signals.
"""
