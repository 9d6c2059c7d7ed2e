import os

print("cache at", os.environ.get("ConnectionStrings__cache", "?"))
