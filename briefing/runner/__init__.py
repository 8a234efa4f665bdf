"""Running builds: jobs, batches, worker processes, watching, stop signals and progress.

May import: the pipeline and everything below it."""
