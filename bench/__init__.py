"""Performance benchmark of cxlib's interactive linkage query against raw-data peers.

Run from the repository root: python -m bench (see python -m bench --help).
"""
