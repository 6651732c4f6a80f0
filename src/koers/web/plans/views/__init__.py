"""The career plan's pages: the editor, its changes, the versions and the client's copy."""
