"""Imports the built-in policies so that they register themselves."""
