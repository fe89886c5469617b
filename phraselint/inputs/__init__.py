"""Input readers: turn files and streams into texts to lint."""
