"""Imports: files from LinkedIn, address books and CSVs become people, jobs and conversations.

The pipeline, in the order an import runs it (`importing.import_source` drives it over one
`session.ImportState`, after `loading` has read the owner's data once):

    parse/    a file in, `records.ParsedSource` out; no database (`parse(kind, path)`)
    match/    which known person a record is: keys, a blocking index, merge / review / apart
    merge/    each record folded into what is known: a contact into a person (new or
              merged), a job into an employment or a move, an invitation into how you met,
              a message into a conversation; and two known people into one (`merging`),
              with the review queue of pairs that were not sure (`review`)
    write/    the planned rows written in bulk, in dependency order (a big address book:
              every few thousand records, in the same transaction; see importing.py)
    history/  provenance kept as snapshots; undo of an import; merges undone

"Merge" means one thing here: two records of one person become one person, who keeps
their own values and gains what only the other had. An import does it to an incoming
record, the user (or the review queue) to two people already known; what the person keeps
is one policy for both (`merge/policy.py`).

Around it: `uploads` and `tasks` run the same pipeline for a file sent on the import page,
`views`, `forms` and `selectors` show it, `services` lists every write the app offers.
"""
