"""The job page: the progress of background work, polled with htmx until it ends."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from .jobs import can_view_job, jobs_reap
from .models import Job


@login_required
def job_detail(request, pk: int):
    job = Job.objects.filter(pk=pk).first()
    if job is None or not can_view_job(request.user, job):
        raise Http404
    if job.state == "running" and jobs_reap(job_ids=[job.pk]):  # its worker died: say so rather than spin forever
        job.refresh_from_db()
    response = render(request, "core/job_detail.html#progress" if request.htmx else "core/job_detail.html", {"job": job})
    if request.htmx and job.state == "done" and job.result_url:
        response["HX-Redirect"] = job.result_url
    return response
