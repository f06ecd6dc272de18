"""URL canonicalisation (the dedupe key of an article) and the private-address guard."""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

#: query parameters that only track the reader; dropped from canonical URLs
TRACKING_PARAMS = frozenset({
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "mc_cid", "mc_eid", "igshid",
    "yclid", "_hsenc", "_hsmi", "ref", "ref_src", "ref_url", "cmpid", "cmp", "ito", "ns_mchannel",
    "ns_source", "ns_campaign", "ns_linkname", "ns_fee", "icid", "src", "at_medium",
    "at_campaign", "ocid", "s_cid", "mbid", "rss", "feed", "sr_share", "spm", "smid", "partner",
    "outputtype",
})
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hmb_", "__twitter", "oly_")
DEFAULT_PORTS = {"http": 80, "https": 443}


class UnsafeURLError(ValueError):
    """A URL the bot will not fetch; the message says why."""


def canonical_url(url: str) -> str:
    """One spelling per article (the dedupe key): https, lower-case host without ``www.``
    or default port, no fragment, no tracking parameters, the others sorted, no trailing
    slash."""
    return _normalise(url, canonical=True)


def clean_url(url: str) -> str:
    """The URL to show and store: tracking parameters and fragment dropped, scheme and
    host as published (an http-only site stays reachable)."""
    return _normalise(url, canonical=False)


def _normalise(url: str, *, canonical: bool) -> str:
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    if canonical:
        scheme = "https" if scheme == "http" else scheme
        host = host.removeprefix("www.")
    netloc = host
    if parts.port and parts.port != DEFAULT_PORTS.get(parts.scheme.lower()):
        netloc = f"{host}:{parts.port}"
    query = [
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if k.lower() not in TRACKING_PARAMS and not k.lower().startswith(TRACKING_PREFIXES)
    ]
    path = parts.path or "/"
    if canonical:
        query.sort()
        if len(path) > 1:
            path = path.rstrip("/")
    return urlunsplit((scheme, netloc, path, urlencode(query), ""))


def check_scheme(url: str) -> str:
    """The URL if it is an absolute http(s) URL, else :class:`UnsafeURLError`."""
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise UnsafeURLError(f"not an http(s) URL: {url[:200]!r}")
    return url.strip()


def is_public_address(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def refuse_private(host: str, addresses: list[str]) -> None:
    """Raise when any address of ``host`` is private, loopback, link-local or reserved."""
    for address in addresses:
        if not is_public_address(address):
            raise UnsafeURLError(
                f"{host} resolves to a private address ({address}); set "
                f"ALLOW_PRIVATE_URLS=true to allow feeds on a private network")


def literal_addresses(host: str) -> list[str] | None:
    """``[host]`` when the host is an IP literal, None for a name that needs resolving."""
    try:
        return [str(ipaddress.ip_address(host.strip("[]")))]
    except ValueError:
        return None


def resolve(host: str, port: int) -> list[str]:
    """Every address of ``host`` (blocking; call it in a thread)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return sorted({str(info[4][0]) for info in infos})
