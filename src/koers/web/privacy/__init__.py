"""Personal data of clients as the GDPR demands: one register, access export, erasure, retention."""
