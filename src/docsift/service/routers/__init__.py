"""The native API's routers, one per resource."""
