"""Evaluation against gold files: metrics, the naive baseline, the runner behind `disclosure eval` and the 评测 page."""
