"""The demo's cast: a secondary-school chemistry teacher moving into learning design and UX
research, the companies around them and the people they know there.

Every company and person is fictional. Web addresses use the reserved `.example` top-level
domain and phone numbers the UK's range reserved for drama, so nothing points at anyone real.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapport.people.models import Relationship


@dataclass(frozen=True)
class CompanySeed:
    name: str
    domain: str
    notes: str


@dataclass(frozen=True)
class Job:
    company: str
    title: str
    started_years_ago: int
    ended_years_ago: int | None = None


@dataclass(frozen=True)
class PersonSeed:
    name: str
    headline: str
    location: str
    tags: tuple[str, ...] = ()
    jobs: tuple[Job, ...] = ()
    how_we_met: str = ""
    relationship: str = Relationship.NETWORK
    extra_contacts: tuple[str, ...] = ()
    notes: str = ""


NORTHBROOK = "Northbrook Academy"
EASTMOOR = "Eastmoor University"
LARKSPUR = "Larkspur Publishing"
BRIGHTWELL = "Brightwell Learning"
QUILLSTONE = "Quillstone"
COBALT = "Cobalt Ridge Labs"
FERNLEAF = "Fernleaf Health"
KESTREL = "Kestrel Works"
PAPERKITE = "Paperkite Studio"
TIDEWATER = "Tidewater Analytics"
STACKYARD = "Stackyard"

COMPANIES: tuple[CompanySeed, ...] = (
    CompanySeed(NORTHBROOK, "northbrook-academy.example", "The school where I teach chemistry."),
    CompanySeed(EASTMOOR, "eastmoor.example", "Where I did my chemistry degree and my PGCE."),
    CompanySeed(
        LARKSPUR,
        "larkspur-publishing.example",
        "Educational publisher; I wrote two chapters of their GCSE chemistry workbook.",
    ),
    CompanySeed(
        BRIGHTWELL,
        "brightwell-learning.example",
        "Online science courses for schools. The learning design team is growing.",
    ),
    CompanySeed(
        QUILLSTONE,
        "quillstone.example",
        "Course platform for adult learners with a research team of six.",
    ),
    CompanySeed(
        COBALT, "cobalt-ridge.example", "Virtual lab simulations for chemistry and biology classes."
    ),
    CompanySeed(
        FERNLEAF,
        "fernleaf-health.example",
        "Patient education app; hires researchers from teaching and nursing.",
    ),
    CompanySeed(
        KESTREL,
        "kestrel-works.example",
        "Workflow software with an academy that teaches customers' admins.",
    ),
    CompanySeed(PAPERKITE, "paperkite.example", "Small UX research and service design agency."),
    CompanySeed(TIDEWATER, "tidewater-analytics.example", "Market research dashboards."),
    CompanySeed(STACKYARD, "stackyard.example", "Construction scheduling software."),
)

# The list the job seeker drew up alone, before talking to anyone: (company, priority, why).
OWN_TARGETS: tuple[tuple[str, int, str], ...] = (
    (BRIGHTWELL, 1, "Learning design for school science: the shortest step from the classroom."),
    (QUILLSTONE, 2, "Adult learning platform with a real research team."),
    (COBALT, 3, "Chemistry simulations: my subject knowledge counts there."),
)

MEETUP = "Leeds UX Research meetup"

PEOPLE: tuple[PersonSeed, ...] = (
    # Colleagues, past and present.
    PersonSeed(
        "Helen Ashworth",
        "Head of Science at Northbrook Academy",
        "Leeds",
        ("colleague", "mentor"),
        (Job(NORTHBROOK, "Head of Science", 12),),
        "My head of department since I started",
        Relationship.CLOSE,
        notes="Knows I am looking. Wants a term's notice so she can hire a replacement.",
    ),
    PersonSeed(
        "Grace Lindqvist",
        "Deputy Headteacher at Northbrook Academy",
        "Leeds",
        ("colleague",),
        (Job(NORTHBROOK, "Deputy Headteacher", 6),),
        "Senior leadership at school",
    ),
    PersonSeed(
        "Aisha Rahman",
        "Chemistry teacher at Northbrook Academy",
        "Leeds",
        ("colleague", "chemistry"),
        (Job(NORTHBROOK, "Chemistry Teacher", 3),),
        "I mentored her PGCE placement",
        Relationship.ACTIVE,
    ),
    PersonSeed(
        "Tom Okafor",
        "Learning Designer at Brightwell Learning · ex-physics teacher",
        "Leeds",
        ("former colleague", "career changer"),
        (Job(NORTHBROOK, "Physics Teacher", 8, 2), Job(BRIGHTWELL, "Learning Designer", 2)),
        "Taught physics down the corridor for six years",
        Relationship.CLOSE,
        notes="Made the same move two years ago. Happy to look at my portfolio.",
    ),
    PersonSeed(
        "Rahul Mehta",
        "Curriculum Developer at Cobalt Ridge Labs",
        "Sheffield",
        ("former colleague", "chemistry"),
        (Job(NORTHBROOK, "Chemistry Teacher", 9, 5), Job(COBALT, "Curriculum Developer", 5)),
        "Shared the chemistry prep room for four years",
        Relationship.ACTIVE,
    ),
    PersonSeed(
        "Peter Novak",
        "Science Editor at Larkspur Publishing",
        "Oxford",
        ("former colleague",),
        (Job(LARKSPUR, "Science Editor", 11),),
        "Edited my workbook chapters",
    ),
    PersonSeed(
        "Owen Price",
        "Senior Learning Designer at Larkspur Publishing",
        "Oxford",
        ("learning design",),
        (Job(LARKSPUR, "Senior Learning Designer", 4),),
        "Peter's colleague; met at the workbook launch",
    ),
    # University friends.
    PersonSeed(
        "Priya Raman",
        "UX Researcher at Fernleaf Health",
        "Manchester",
        ("alumni", "ux research"),
        (Job(TIDEWATER, "Research Assistant", 5, 3), Job(FERNLEAF, "UX Researcher", 3)),
        "Same chemistry cohort at Eastmoor",
        Relationship.ACTIVE,
    ),
    PersonSeed(
        "Daniel Chen",
        "Senior Product Manager at Kestrel Works",
        "London",
        ("alumni",),
        (Job(KESTREL, "Senior Product Manager", 4),),
        "Shared a house in second year",
        Relationship.CLOSE,
    ),
    PersonSeed(
        "Sofia Marquez",
        "Lecturer in Education at Eastmoor University",
        "York",
        ("alumni", "mentor"),
        (Job(EASTMOOR, "Lecturer in Education", 10),),
        "My PGCE tutor",
        Relationship.ACTIVE,
    ),
    PersonSeed(
        "Ben Hartley",
        "Data Analyst at Tidewater Analytics",
        "Leeds",
        ("alumni",),
        (Job(TIDEWATER, "Data Analyst", 2),),
        "Chemistry society at Eastmoor",
    ),
    PersonSeed(
        "Ines Carvalho",
        "Digital Learning Designer at Eastmoor University",
        "York",
        ("alumni", "learning design"),
        (Job(EASTMOOR, "Digital Learning Designer", 4),),
    ),
    # The meetup crowd.
    PersonSeed(
        "Amara Nwosu",
        "Senior UX Researcher at Paperkite Studio · runs the Leeds UX meetup",
        "Leeds",
        ("meetup", "ux research"),
        (Job(STACKYARD, "UX Researcher", 6, 3), Job(PAPERKITE, "Senior UX Researcher", 3)),
        MEETUP,
        Relationship.ACTIVE,
        ("@amara_researches",),
    ),
    PersonSeed(
        "Jonas Weber",
        "Freelance instructional designer",
        "Bradford",
        ("meetup", "learning design"),
        (),
        MEETUP,
        extra_contacts=("https://jonasweber.example",),
    ),
    PersonSeed(
        "Lucy Brennan",
        "Research Operations at Quillstone",
        "Leeds",
        ("meetup", "ux research"),
        (Job(QUILLSTONE, "Research Operations Lead", 2),),
        MEETUP,
    ),
    PersonSeed(
        "Marco Rossi",
        "Product Designer at Stackyard",
        "Leeds",
        ("meetup",),
        (Job(STACKYARD, "Product Designer", 3),),
        MEETUP,
    ),
    PersonSeed(
        "Marcus Bell",
        "Engineering Manager at Stackyard",
        "Leeds",
        ("meetup",),
        (Job(STACKYARD, "Engineering Manager", 4),),
        MEETUP,
    ),
    PersonSeed(
        "Chloe Park",
        "Learning Experience Designer at Quillstone",
        "Newcastle (remote)",
        ("meetup", "learning design"),
        (
            Job(LARKSPUR, "Assistant Editor", 5, 1),
            Job(QUILLSTONE, "Learning Experience Designer", 1),
        ),
        "Learning Design Circle",
    ),
    PersonSeed(
        "Leah Goldberg",
        "Independent UX researcher",
        "Leeds",
        ("meetup", "ux research"),
        (),
        MEETUP,
        extra_contacts=("https://leahgoldberg.example",),
    ),
    PersonSeed(
        "Wei Zhang",
        "Data Scientist at Tidewater Analytics",
        "Leeds",
        ("meetup",),
        (Job(TIDEWATER, "Data Scientist", 1),),
        MEETUP,
    ),
    # People others introduced.
    PersonSeed(
        "Nadia Haddad",
        "Head of Learning Design at Brightwell Learning",
        "Leeds",
        ("learning design",),
        (Job(BRIGHTWELL, "Head of Learning Design", 3),),
        relationship=Relationship.ACTIVE,
    ),
    PersonSeed(
        "Ruth Adeyemi",
        "Talent Partner at Brightwell Learning",
        "Remote",
        ("recruiter",),
        (Job(BRIGHTWELL, "Talent Partner", 1),),
    ),
    PersonSeed(
        "Ollie Grant",
        "Senior Content Designer at Brightwell Learning",
        "Leeds",
        ("learning design",),
        (Job(BRIGHTWELL, "Senior Content Designer", 2),),
    ),
    PersonSeed(
        "Elena Petrova",
        "UX Research Manager at Fernleaf Health",
        "Manchester",
        ("ux research",),
        (Job(KESTREL, "UX Researcher", 5, 2), Job(FERNLEAF, "UX Research Manager", 2)),
    ),
    PersonSeed(
        "Sam Whitaker",
        "UX Researcher at Kestrel Works",
        "London",
        ("ux research",),
        (Job(KESTREL, "UX Researcher", 3),),
    ),
    PersonSeed(
        "Hannah Cole",
        "Head of Customer Education at Kestrel Works",
        "London",
        ("learning design",),
        (Job(KESTREL, "Head of Customer Education", 2),),
    ),
    PersonSeed(
        "Felix Moreau",
        "Founder and Principal Researcher at Paperkite Studio",
        "Leeds",
        ("ux research",),
        (Job(PAPERKITE, "Founder", 7),),
    ),
    PersonSeed(
        "Nikhil Rao",
        "UX Researcher at Paperkite Studio",
        "Leeds",
        ("ux research",),
        (Job(PAPERKITE, "UX Researcher", 2),),
        "Amara's colleague at the meetup",
    ),
    PersonSeed(
        "Isabel Duarte",
        "Product Lead at Cobalt Ridge Labs",
        "Sheffield",
        (),
        (Job(COBALT, "Product Lead", 4),),
    ),
    PersonSeed(
        "Clara Jensen",
        "People and Talent Lead at Cobalt Ridge Labs",
        "Sheffield",
        ("recruiter",),
        (Job(COBALT, "People and Talent Lead", 2),),
    ),
    PersonSeed(
        "Kwame Mensah",
        "UX Researcher at Quillstone · former maths teacher",
        "Leeds",
        ("career changer", "ux research"),
        (Job(QUILLSTONE, "UX Researcher", 2),),
        relationship=Relationship.ACTIVE,
    ),
    PersonSeed(
        "Freya Nilsson",
        "Head of Research at Quillstone",
        "Leeds",
        ("ux research",),
        (Job(QUILLSTONE, "Head of Research", 4),),
    ),
    PersonSeed(
        "Yusuf Demir",
        "Content Designer at Fernleaf Health · former nurse",
        "Manchester",
        ("career changer",),
        (Job(FERNLEAF, "Content Designer", 1),),
        "Priya's colleague",
    ),
    # Everyone else.
    PersonSeed(
        "Megan Fraser",
        "Recruiter for edtech and learning roles",
        "Leeds",
        ("recruiter",),
        (),
        "She messaged me on LinkedIn",
    ),
    PersonSeed(
        "Liam Doyle",
        "Software Engineer at Kestrel Works",
        "London",
        ("friend",),
        (Job(KESTREL, "Software Engineer", 3),),
        "My cousin's partner",
        Relationship.CLOSE,
    ),
    PersonSeed(
        "Zoe Fitzgerald",
        "Career coach for teachers leaving the classroom",
        "Remote",
        ("mentor",),
        (),
        "Her webinar on transferable skills",
        Relationship.ACTIVE,
        ("https://zoefitzgerald.example",),
    ),
)
