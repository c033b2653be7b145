"""Reads for the token pages: the person's own tokens, and one of them by its number."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from .models import ApiToken


def tokens_of(user):
    return ApiToken.objects.filter(user=user)


def get_token_for_user(request, pk: int) -> ApiToken:
    """Only the owner's own token; anyone else's answers 404."""
    return get_object_or_404(ApiToken, user=request.user, pk=pk)
