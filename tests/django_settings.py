"""Settings for the test run: Rapport's own, with a throwaway data directory."""

import os
import tempfile

# Set before rapport.settings is imported, so no test touches the real data directory.
os.environ.setdefault("RAPPORT_DATA_DIR", tempfile.mkdtemp(prefix="rapport-test-"))

from rapport.settings import *  # noqa: F403

# The real hasher costs about half a second per user created; tests create many.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
