"""Reading calendars: an .ics file or a subscribed iCal URL, expanded into occurrences."""
