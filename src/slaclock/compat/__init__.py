"""Drop-in faces of other libraries' APIs on slaclock's calendars, one module each, imported only when asked for."""
