"""Reading mail: headers and a short snippet, from an mbox file or an IMAP account."""
