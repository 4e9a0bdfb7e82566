# counter: filled in by its issue
