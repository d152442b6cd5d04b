from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "rapport.network"
    label = "network"
    verbose_name = "Warm paths and the network map"
