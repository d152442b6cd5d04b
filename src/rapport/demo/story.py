"""Three months of connecting, told as the conversations the job seeker logged.

Dates are days before the day the demo is loaded, so the network always looks current.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapport.conversations.models import Channel, OutcomeKind
from rapport.conversations.services import OutcomeInput
from rapport.demo.cast import (
    BRIGHTWELL,
    COBALT,
    EASTMOOR,
    FERNLEAF,
    KESTREL,
    NORTHBROOK,
    PAPERKITE,
    QUILLSTONE,
    STACKYARD,
    TIDEWATER,
)


@dataclass(frozen=True)
class ConversationSeed:
    days_ago: int
    channel: str
    participants: tuple[str, ...]
    companies: tuple[str, ...]
    notes: str
    outcomes: tuple[OutcomeInput, ...]


def advice(text: str, by: str = "") -> OutcomeInput:
    return OutcomeInput(kind=OutcomeKind.ADVICE, text=text, from_person=by)


def name(person: str, text: str, by: str = "") -> OutcomeInput:
    return OutcomeInput(kind=OutcomeKind.NAME, person=person, text=text, from_person=by)


def lead(company: str, title: str, text: str, *, advertised: bool) -> OutcomeInput:
    return OutcomeInput(
        kind=OutcomeKind.LEAD, company=company, title=title, text=text, advertised=advertised
    )


def insight(company: str, text: str, title: str = "", by: str = "") -> OutcomeInput:
    return OutcomeInput(
        kind=OutcomeKind.INSIGHT, company=company, title=title, text=text, from_person=by
    )


def recommend(company: str, text: str, by: str = "") -> OutcomeInput:
    return OutcomeInput(kind=OutcomeKind.RECOMMEND, company=company, text=text, from_person=by)


def avoid(company: str, text: str, by: str = "") -> OutcomeInput:
    return OutcomeInput(kind=OutcomeKind.AVOID, company=company, text=text, from_person=by)


def gave(text: str, to: str = "") -> OutcomeInput:
    return OutcomeInput(kind=OutcomeKind.GAVE, text=text, from_person=to)


CONVERSATIONS: tuple[ConversationSeed, ...] = (
    ConversationSeed(
        88,
        Channel.COFFEE,
        ("Tom Okafor",),
        (BRIGHTWELL,),
        "First proper talk about leaving teaching. Tom made the same move two years ago.",
        (
            advice(
                "Build a portfolio of two or three redesigned lessons with the reasoning "
                "written out: hiring managers want the process, not the slides."
            ),
            name("Nadia Haddad", "Runs learning design at Brightwell; likes talking to teachers."),
            gave("Sent him my practical-skills rubric for his physics course."),
        ),
    ),
    ConversationSeed(
        84,
        Channel.VIDEO,
        ("Priya Raman",),
        (FERNLEAF, TIDEWATER),
        "Caught up after ten years. She moved from market research into UX research.",
        (
            advice(
                "User interviews are lesson observations with better note-taking: lead "
                "with that on the CV."
            ),
            recommend(
                FERNLEAF,
                "Hires researchers from teaching and nursing; patient "
                "education needs people who can explain.",
            ),
            name("Elena Petrova", "Her manager; plans to hire a junior researcher."),
        ),
    ),
    ConversationSeed(
        80,
        Channel.EMAIL,
        ("Sofia Marquez",),
        (EASTMOOR,),
        "Asked my old PGCE tutor how other teachers made the move.",
        (
            advice(
                "Take the university's short course in learning design: it gives you the "
                "vocabulary (backwards design, ADDIE) that interviewers expect."
            ),
            name("Kwame Mensah", "Former maths teacher, now a UX researcher at Quillstone."),
            name("Ines Carvalho", "Runs the university's digital learning team."),
        ),
    ),
    ConversationSeed(
        76,
        Channel.EVENT,
        ("Amara Nwosu", "Marco Rossi", "Leah Goldberg", "Jonas Weber"),
        (PAPERKITE, STACKYARD),
        "Leeds UX Research meetup: a talk on diary studies, then drinks.",
        (
            recommend(
                PAPERKITE,
                "A small agency that trains juniors properly and takes on education clients.",
                by="Amara Nwosu",
            ),
            avoid(
                STACKYARD,
                "Second round of layoffs this year; design and research hiring is frozen.",
                by="Marco Rossi",
            ),
            name(
                "Felix Moreau",
                "Founder of Paperkite; likes people from teaching.",
                by="Amara Nwosu",
            ),
            gave("Shared my list of free chemistry simulations for his course.", to="Jonas Weber"),
        ),
    ),
    ConversationSeed(
        72,
        Channel.COFFEE,
        ("Nadia Haddad",),
        (BRIGHTWELL,),
        "Tom's introduction. Talked through my lesson redesigns for an hour.",
        (
            insight(
                BRIGHTWELL,
                "Moving from video lessons to interactive practicals; nobody "
                "in the team has taught chemistry.",
            ),
            lead(
                BRIGHTWELL,
                "Learning Designer (Science)",
                "Not advertised yet: budget is "
                "approved for next quarter and Nadia will tell me first.",
                advertised=False,
            ),
            name("Ruth Adeyemi", "Talent partner; she can explain how referrals work."),
            name("Ollie Grant", "Senior content designer; offered to look at my portfolio."),
        ),
    ),
    ConversationSeed(
        68,
        Channel.CALL,
        ("Rahul Mehta",),
        (COBALT,),
        "Rahul left teaching five years ago for Cobalt Ridge Labs.",
        (
            advice("Show you can write for a screen: short steps, one idea per screen."),
            recommend(
                COBALT, "They need people who have run real practicals; the chemistry team is two."
            ),
            name("Isabel Duarte", "Product lead; owns the chemistry simulations roadmap."),
            gave("Reviewed his draft worksheet for the titration simulation."),
        ),
    ),
    ConversationSeed(
        63,
        Channel.LINKEDIN,
        ("Megan Fraser",),
        (TIDEWATER, QUILLSTONE),
        "A recruiter got in touch about a research role.",
        (
            lead(
                TIDEWATER,
                "Research Associate",
                "An advertised role she is recruiting for.",
                advertised=True,
            ),
            insight(
                QUILLSTONE, "Their hiring freeze is over; research roles reopen in the new year."
            ),
        ),
    ),
    ConversationSeed(
        60,
        Channel.VIDEO,
        ("Daniel Chen",),
        (KESTREL,),
        "Daniel shared how product teams work with researchers.",
        (
            recommend(
                KESTREL, "Their customer academy needs people who can teach adults; good mentoring."
            ),
            name("Hannah Cole", "Runs customer education at Kestrel Works."),
            advice("Ask for twenty minutes and one specific question, never for 'a job'."),
        ),
    ),
    ConversationSeed(
        56,
        Channel.COFFEE,
        ("Ben Hartley",),
        (TIDEWATER,),
        "Asked Ben about the Tidewater role before replying to the recruiter.",
        (
            avoid(
                TIDEWATER, "The research team was cut to one person; juniors rarely stay a year."
            ),
            gave("Put him in touch with Aisha for his daughter's chemistry tutoring."),
        ),
    ),
    ConversationSeed(
        52,
        Channel.VIDEO,
        ("Ruth Adeyemi",),
        (BRIGHTWELL,),
        "Nadia's introduction: how hiring works at Brightwell.",
        (
            insight(
                BRIGHTWELL,
                "Referrals go through the internal 'Bring a friend' form; the "
                "hiring manager reads a referred CV within a week.",
            ),
            advice(
                "Get the referral before you apply: online applications without one go "
                "to a generic queue."
            ),
        ),
    ),
    ConversationSeed(
        48,
        Channel.CALL,
        ("Kwame Mensah",),
        (QUILLSTONE,),
        "Sofia's introduction. Kwame taught maths for eight years.",
        (
            advice(
                "Run one small research project end to end (recruit, interview, "
                "synthesise) and write it up."
            ),
            recommend(
                QUILLSTONE, "The research team is mostly former teachers; they value facilitation."
            ),
            name("Freya Nilsson", "Head of research; she does the hiring."),
            gave("Sent him our school's guide to running focus groups with teenagers."),
        ),
    ),
    ConversationSeed(
        44,
        Channel.VIDEO,
        ("Elena Petrova",),
        (FERNLEAF,),
        "Priya's introduction. Elena hires the research team.",
        (
            lead(
                FERNLEAF,
                "Junior UX Researcher",
                "The posting goes live next month.",
                advertised=True,
            ),
            insight(
                FERNLEAF,
                "Interviews include a take-home synthesis exercise: practise affinity mapping.",
            ),
            name("Sam Whitaker", "Her former colleague; runs the research guild at Kestrel."),
        ),
    ),
    ConversationSeed(
        40,
        Channel.COFFEE,
        ("Isabel Duarte",),
        (COBALT,),
        "Rahul's introduction. Showed her my practical-skills rubric.",
        (
            lead(
                COBALT,
                "Chemistry Content Specialist",
                "A contract to rebuild the organic chemistry simulations; not posted anywhere.",
                advertised=False,
            ),
            name("Clara Jensen", "Handles hiring; ask her about the referral scheme."),
        ),
    ),
    ConversationSeed(
        35,
        Channel.EMAIL,
        ("Clara Jensen",),
        (COBALT,),
        "Asked Clara how referrals work before Isabel refers me.",
        (
            insight(
                COBALT,
                "Staff refer in the #referrals channel; referred candidates skip "
                "the recruiter screen.",
            ),
        ),
    ),
    ConversationSeed(
        31,
        Channel.VIDEO,
        ("Sam Whitaker",),
        (KESTREL,),
        "Elena's introduction.",
        (
            insight(
                KESTREL,
                "The research guild runs monthly open critiques; juniors are hired "
                "only after a portfolio review.",
            ),
            gave("Shared my notes on think-aloud sessions with fourteen-year-olds."),
        ),
    ),
    ConversationSeed(
        27,
        Channel.COFFEE,
        ("Felix Moreau",),
        (PAPERKITE,),
        "Amara's introduction. Paperkite is six people.",
        (
            lead(
                PAPERKITE,
                "Research Associate (Education clients)",
                "He may hire in the spring if the university contract is signed.",
                advertised=False,
            ),
            advice(
                "Write case studies as problem, method, what changed; leave out the "
                "classroom jargon."
            ),
        ),
    ),
    ConversationSeed(
        22,
        Channel.CALL,
        ("Hannah Cole",),
        (KESTREL,),
        "Daniel's introduction.",
        (
            lead(
                KESTREL,
                "Customer Education Designer",
                "Posted on their careers page last week.",
                advertised=True,
            ),
            insight(
                KESTREL,
                "The role is mostly onboarding courses for admins: show examples "
                "of teaching adults.",
                title="Customer Education Designer",
            ),
        ),
    ),
    ConversationSeed(
        16,
        Channel.EVENT,
        ("Lucy Brennan", "Chloe Park", "Amara Nwosu"),
        (QUILLSTONE,),
        "Learning Design Circle at the Central Library.",
        (
            insight(
                QUILLSTONE,
                "Every course launch pairs a learning designer with a researcher.",
                by="Chloe Park",
            ),
            gave(
                "Offered my Year 12 class as pilot users for their study-skills course.",
                to="Lucy Brennan",
            ),
        ),
    ),
    ConversationSeed(
        11,
        Channel.VIDEO,
        ("Freya Nilsson",),
        (QUILLSTONE,),
        "Kwame's introduction. Freya asked about my student survey redesign.",
        (
            lead(
                QUILLSTONE,
                "UX Researcher (Learning Products)",
                "Opens in January; she wants my portfolio first.",
                advertised=False,
            ),
            advice(
                "Bring one research artefact from school: the student survey redesign is "
                "a good one."
            ),
        ),
    ),
    ConversationSeed(
        6,
        Channel.COFFEE,
        ("Helen Ashworth",),
        (NORTHBROOK,),
        "Told Helen I am interviewing.",
        (
            advice("Tell the head early in the spring term: notice runs to the end of term."),
            gave("Agreed to finish the new Year 10 scheme of work before I leave."),
        ),
    ),
    ConversationSeed(
        2,
        Channel.LINKEDIN,
        ("Nadia Haddad",),
        (BRIGHTWELL,),
        "Nadia's update on the science role.",
        (
            insight(
                BRIGHTWELL,
                "The role is approved: interviews in three weeks, with a lesson redesign task.",
                title="Learning Designer (Science)",
            ),
        ),
    ),
)
