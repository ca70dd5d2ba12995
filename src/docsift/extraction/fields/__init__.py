"""Header fields: candidates per field, their features, the learned ranker and the joint choice."""
