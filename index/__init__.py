"""Loading, normalising, chunking, embedding, storage and retrieval."""
