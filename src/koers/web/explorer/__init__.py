"""The public explorer: "Wat kan ik met mijn ervaring?" without an account, without JavaScript."""
