"""The web service: a REST API under /api/v1 over the use cases (and, later, the web app).

It holds no domain logic: each route reads its request into the use case's plain inputs, calls
one use case and returns its typed result. ``create_app`` builds the ASGI application;
``sleepmin serve`` runs it with uvicorn.
"""
