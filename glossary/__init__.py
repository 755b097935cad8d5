"""kozh: a Korean–Chinese glossary and translation-assist library."""

__version__ = "0.1.0"
