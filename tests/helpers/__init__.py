"""Helpers shared by the tests: reference implementations written independently of slaclock's engines."""
