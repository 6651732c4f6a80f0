"""The loopbaanplan: one career plan per client, every change a version (docs/plans.md)."""
