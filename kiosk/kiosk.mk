# kiosk: filled in by its issue
