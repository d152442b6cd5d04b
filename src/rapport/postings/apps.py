from django.apps import AppConfig


class PostingsConfig(AppConfig):
    name = "rapport.postings"
    label = "postings"
    verbose_name = "Job postings"
