"""`make bench`: a seeded heavy user's data, and the targets of bench/README.md measured.

`python -m bench.run` runs every benchmark; `python -m bench.generate` writes the data only.
See bench/README.md.
"""
