"""Run pact plans in Flower: a strategy that follows a plan, a digits client, a trace writer."""

__version__ = "0.1.0"
