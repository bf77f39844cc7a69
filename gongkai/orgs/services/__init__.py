"""Writes to the organisation tree and staff roles, by topic: ``organisations``, ``memberships``, ``accounts``.

Who may do what is decided in ``gongkai.orgs.scope``; these modules call it.
"""
