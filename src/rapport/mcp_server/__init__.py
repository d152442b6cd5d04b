"""`rapport mcp`: the Model Context Protocol server for AI assistants (issue #17)."""
