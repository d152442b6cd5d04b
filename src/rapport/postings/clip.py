"""The bookmarklet: one click on a job's page sends its address and HTML to the user's own
Rapport, from the user's own browser (so pages behind a login work).

It opens Rapport's small clip page in a new window; that page (a static script, no inline
code, under Rapport's CSP) says it is ready; the bookmarklet then hands it the page with
`postMessage`, addressed to Rapport's origin only; the clip page checks the message came
from the window that opened it and posts the page with its CSRF token like any form.
A clip key in the bookmarklet proves the page came from the user's own bookmarklet: with
it the posting is saved at once; without it (a page that opened the clip window itself)
the posting is only shown, to be checked and saved by hand.
"""

from __future__ import annotations

import hmac
from urllib.parse import quote

from django.urls import reverse
from django.utils.crypto import salted_hmac

from rapport.accounts.models import User

_SALT = "rapport.postings.clip"

_SOURCE = (
    "(function(){"
    'var o="__ORIGIN__",k="__KEY__",u=location.href;'
    'var w=window.open(o+"__CLIP__?url="+encodeURIComponent(u),"rapport_clip",'
    '"width=640,height=760");'
    'if(!w){location.href=o+"__SAVE__?url="+encodeURIComponent(u);return;}'
    'var d={rapport:"page",key:k,url:u,html:document.documentElement.outerHTML};'
    'function f(e){if(e.source===w&&e.origin===o&&e.data==="rapport:ready")'
    '{w.postMessage(d,o);removeEventListener("message",f);}}'
    'addEventListener("message",f);'
    "})();"
)


def clip_key(user: User) -> str:
    """The user's clip key: stable, secret, and theirs alone."""
    return salted_hmac(_SALT, f"{user.pk}:{user.get_username()}").hexdigest()[:32]


def clip_key_matches(user: User, key: str) -> bool:
    return hmac.compare_digest(clip_key(user), key.strip())


def bookmarklet(*, origin: str, user: User) -> str:
    """The bookmarklet's `javascript:` link for Rapport at `origin` (scheme://host[:port])."""
    source = (
        _SOURCE.replace("__ORIGIN__", origin.rstrip("/"))
        .replace("__KEY__", clip_key(user))
        .replace("__CLIP__", reverse("postings:clip"))
        .replace("__SAVE__", reverse("postings:save"))
    )
    return "javascript:" + quote(source, safe="(){};,=+!&|\"'.:/?[]")
