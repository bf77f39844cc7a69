#!/usr/bin/env python
"""Django's command-line utility, the same entry point as ``gongkai`` (which creates the data folder)."""

from gongkai.cli import main

if __name__ == "__main__":
    main()
