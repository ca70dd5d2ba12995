"""The native REST API under /api/v1: one router per resource."""

from fastapi import APIRouter

from docsift.service.routers import auth, batches, documents, sets, users

api_router = APIRouter(prefix="/api/v1")
for _module in (auth, users, batches, documents, sets):
    api_router.include_router(_module.router)
