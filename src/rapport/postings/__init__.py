"""Saving a job posting: fetch the page, read its JobPosting, save it as an opportunity.

The pipeline reads top to bottom:

- ``fetching`` gets a page over http(s) within a timeout, a size cap and a redirect limit,
  and (in server mode) refuses loopback, private and link-local addresses after DNS
  resolution and on every redirect (``addresses``); ``decoding`` turns its bytes into text.
- ``reading`` finds the schema.org JobPosting in JSON-LD or microdata (extruct), falls back
  to OpenGraph and meta tags and finally the page's title, and normalises every field.
- ``services`` saves what was read as an Opportunity (or updates the one already saved from
  the same posting) through the opportunities app, with its Posting details next to it.
- ``views``, ``clip`` (the bookmarklet) and the ``save-job`` command are thin.
"""
