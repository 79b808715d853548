"""Text safety checks and the help they lead to."""
