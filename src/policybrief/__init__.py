"""policybrief: news article in, evidence-linked policy brief out (brief.json, notebook, HTML, PDF)."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("policybrief")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"
