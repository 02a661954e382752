"""Logging in with OpenID Connect: citizens with ID-porten, staff (optionally) with the
municipality's own identity provider, and the development login for citizens.

mozilla-django-oidc does the protocol (state, nonce, PKCE S256, the code exchange, the
id_token's signature); this package configures it per provider and decides who may log
in: a citizen by the `pid` claim matched to a registered person or relation, never by
name; a staff member by an existing account, with multi-factor required.
"""
