"""Pages of the client file, one module per part: caseload, client, contacts, trajecten."""
