# Gunicorn reads this file from the working directory (the image's /app).
# Its access lines go through core.redaction, like Django's own logs.
logger_class = "config.gunicorn.RedactingLogger"
