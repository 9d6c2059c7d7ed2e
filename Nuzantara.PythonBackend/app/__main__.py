"""``python3 -m app`` serves the app on HOST:PORT (see ``app.main.main``)."""

from app.main import main

main()
