"""Which addresses a server may fetch a posting from: public ones only.

In server mode a URL typed by one user must not reach the server's own network (its
loopback, the private network behind it, a cloud's metadata service at 169.254.169.254).
The check runs on the addresses DNS gives — after resolution, so a name that points inside
is caught — and on every redirect; the connection then goes to the address checked, so a
second lookup cannot answer differently. An IPv6 address that carries an IPv4 one (mapped,
6to4, Teredo, NAT64) is judged by the IPv4 address inside.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable

from rapport.postings.errors import FetchError

AddressCheck = Callable[[str], bool]
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def is_public(address: str) -> bool:
    """Whether `address` is on the public internet (not loopback, private, link-local…)."""
    try:
        ip: IPAddress = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    inner = _embedded(ip)
    if inner is not None:
        return is_public(str(inner))
    return ip.is_global and not (ip.is_multicast or ip.is_reserved or ip.is_unspecified)


def _embedded(ip: IPAddress) -> ipaddress.IPv4Address | None:
    if not isinstance(ip, ipaddress.IPv6Address):
        return None
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip.teredo is not None:
        return ip.teredo[1]
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def any_address(address: str) -> bool:
    """The check of local mode: the user's own computer may fetch from anywhere."""
    return True


def resolve(host: str, port: int, *, allowed: AddressCheck) -> list[str]:
    """The addresses to connect to for `host`, every one of them allowed, or FetchError."""
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise FetchError(f"Could not find the site {host!r}: no such host.") from None
    addresses = list(dict.fromkeys(str(info[4][0]) for info in found))
    refused = [address for address in addresses if not allowed(address)]
    if refused or not addresses:
        raise FetchError(
            f"Rapport does not fetch pages from {host!r}: it is not a public internet address "
            "(a private, loopback or link-local network). Paste the page instead."
        )
    return addresses
