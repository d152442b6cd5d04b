from django.urls import path

from rapport.exports import views

app_name = "exports"
urlpatterns = [
    path("", views.your_data, name="your_data"),
    path("export/rapport.json", views.download_json, name="json"),
    path("export/contacts.vcf", views.download_vcard, name="vcard"),
    path("export/csv.zip", views.download_csv_zip, name="csv_zip"),
    path("export/<str:kind>.csv", views.download_csv, name="csv"),
]
