"""Writing what an import planned: rows built cheaply, inserted in bulk, in order."""
