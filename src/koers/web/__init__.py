"""The Django web app: the public explorer now, the coaching workspace later."""
