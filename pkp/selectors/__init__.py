"""Reads of PKP, with their query counts kept flat."""
