"""The server's endpoints by area; ``create_app`` includes one router of each."""
