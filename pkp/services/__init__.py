"""Writes of PKP: every change to an instrument goes through a function here."""
