"""Seeded job posting pages in the shapes job sites publish, at a real page's size."""

from __future__ import annotations

import html
import json
import random

_WORDS = [
    *("team", "customers", "platform", "build", "ship", "data", "pipeline", "reliable"),
    *("scale", "design", "review", "mentor", "product", "users", "payments", "growth"),
    *("analytics", "cloud", "services", "quality", "ownership", "roadmap", "hiring"),
    *("hybrid", "office", "benefits", "equity", "learning", "budget", "health", "leave"),
]
_TITLES = [
    "Senior Backend Engineer", "Product Designer", "Data Analyst", "Site Reliability Engineer",
    "Engineering Manager", "Customer Success Manager", "Staff Data Engineer", "Recruiter",
]  # fmt: skip
_COMPANIES = ["Northwind Robotics", "Lumen Health", "Cobalt Freight", "Quill Labs", "Harbour Bank"]
_PLACES = [("Berlin", "BE", "DE"), ("Austin", "Texas", "US"), ("London", "", "GB")]


def _sentence(rng: random.Random, words: int = 14) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(words)).capitalize() + "."


def _description(rng: random.Random) -> str:
    parts = []
    for heading in ("About us", "What you will do", "What you bring", "Benefits"):
        items = "".join(f"<li>{_sentence(rng)}</li>" for _ in range(rng.randint(4, 8)))
        parts.append(f"<h2>{heading}</h2><p>{_sentence(rng, 40)}</p><ul>{items}</ul>")
    return "".join(parts)


def _posting(rng: random.Random, url: str) -> dict[str, object]:
    city, region, country = rng.choice(_PLACES)
    low = rng.randrange(50, 150) * 1000
    return {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": rng.choice(_TITLES),
        "url": url,
        "datePosted": "2026-11-02",
        "validThrough": "2026-12-31T23:59:59Z",
        "employmentType": rng.choice(["FULL_TIME", ["FULL_TIME", "CONTRACTOR"], "Full-time"]),
        "hiringOrganization": {"@type": "Organization", "name": rng.choice(_COMPANIES)},
        "jobLocation": {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "addressLocality": city,
                "addressRegion": region,
                "addressCountry": country,
            },
        },
        "baseSalary": {
            "@type": "MonetaryAmount",
            "currency": "EUR",
            "value": {"@type": "QuantitativeValue", "minValue": low, "maxValue": low + 30000},
        },
        "description": _description(rng),
    }


def _json_ld(posting: dict[str, object], rng: random.Random) -> str:
    shape = rng.choice(["plain", "escaped", "graph"])
    if shape == "escaped":  # Greenhouse, LinkedIn: the description's HTML escaped again
        posting = {**posting, "description": html.escape(str(posting["description"]))}
    data: object = posting
    if shape == "graph":  # an SEO plugin's @graph
        data = {"@context": "https://schema.org", "@graph": [{"@type": "WebPage"}, posting]}
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def _microdata(posting: dict[str, object]) -> str:
    org = posting["hiringOrganization"]
    assert isinstance(org, dict)
    return (
        '<div itemscope itemtype="http://schema.org/JobPosting">'
        f'<h1 itemprop="title">{posting["title"]}</h1>'
        '<div itemprop="hiringOrganization" itemscope itemtype="http://schema.org/Organization">'
        f'<meta itemprop="name" content="{org["name"]}"></div>'
        '<meta itemprop="datePosted" content="2026-11-02">'
        f'<div itemprop="description">{posting["description"]}</div></div>'
    )


def _chrome(rng: random.Random, kilobytes: int) -> tuple[str, str]:
    """What surrounds a posting: styles, a framework's state, navigation, similar jobs."""
    rules = (f".c{i}{{margin:{i % 9}px;color:#{i:06x}}}" for i in range(kilobytes * 8))
    style = "<style>" + "".join(rules) + "</style>"
    jobs = [
        {"id": i, "title": rng.choice(_TITLES), "text": _sentence(rng)}
        for i in range(kilobytes * 4)
    ]
    script = f"<script>window.__STATE__ = {json.dumps({'jobs': jobs})};</script>"
    links = (f'<li><a href="/c/{i}">{rng.choice(_WORDS)}</a></li>' for i in range(40))
    nav = "<nav><ul>" + "".join(links) + "</ul></nav>"
    cards = (
        f'<li class="card"><a href="/jobs/{i}">{rng.choice(_TITLES)}</a>'
        f"<span>{rng.choice(_COMPANIES)}</span></li>"
        for i in range(kilobytes // 2)
    )
    similar = "<aside><h2>Similar jobs</h2><ul>" + "".join(cards) + "</ul></aside>"
    return style + script, nav + similar


def typical_pages(rng: random.Random, count: int) -> list[tuple[str, str]]:
    pages = []
    for number in range(count):
        url = f"https://jobs.example/{number}"
        posting = _posting(rng, url)
        head, body = _chrome(rng, rng.choice([40, 80, 120, 200]))
        data = _microdata(posting) if number % 5 == 4 else _json_ld(posting, rng)
        page = (
            f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{posting["title"]}'
            f'</title><meta property="og:title" content="{posting["title"]}">{head}'
            f"{data if '<script' in data else ''}</head><body>{body}"
            f"{data if '<script' not in data else ''}<footer>{_sentence(rng)}</footer>"
            "</body></html>"
        )
        pages.append((page, url))
    return pages
