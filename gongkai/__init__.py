"""Gongkai (公开): one platform for a city government's openness work."""
