"""Test-wide settings: caches go to a temporary folder, never to the user's home."""

import os
import tempfile

# Set before any test imports glossary, and inherited by the subprocesses tests start.
os.environ["KOZH_CACHE_DIR"] = tempfile.mkdtemp(prefix="kozh-test-cache-")
