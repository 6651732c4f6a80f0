"""What spans a coach's apps for one client: what falls due (traject ends, follow-ups,
call-backs and training deadlines), "Aandacht nodig", pausing a client with the deadlines in
the pause, and the client's page that shows it all. It sits above clients and training, so
that neither needs the other."""
