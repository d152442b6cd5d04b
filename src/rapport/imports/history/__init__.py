"""What an import or a merge changed, kept so that it can be undone."""
