"""Orchestration: assemble the knowledge base from loaded files and compiled rules, then decide (check) and rank."""
