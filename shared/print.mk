# shared: filled in by its issue
