"""The docsift service: the native REST API, the KlearStack-compatible API, and the services
(auth, users, batches, documents) both call. Import ``docsift.service.app.create_app``."""
