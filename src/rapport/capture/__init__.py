"""Conversations captured from the calendar and from mail, confirmed in one click.

read → sort → write → answer:
- `calendar/` (an .ics file or a private iCal URL, expanded by recurring-ical-events) and
  `mail/` (an mbox read as a stream, or an IMAP account read incrementally; headers and a
  short snippet only) read a source into occurrences and mails;
- `mail/rules.py` sorts mails (what is left out, and why; touches; exchanges both ways;
  application mail via `mail/ats.py`), `known.py` recognises the user's people;
- `writing.py` writes what was found as one import batch (imports' provenance and undo):
  touches and meetings (facts the playbook reads, in rapport.conversations) and
  suggestions (this app's `Suggestion`);
- `suggestions.py` is the user's answer: accept (through the conversation service, the
  people or the opportunities service) or dismiss; `services.py` connects, syncs and forgets
  sources (`secrets.py` keeps their passwords).
"""
