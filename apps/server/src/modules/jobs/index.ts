// Durable background jobs on the `jobs` table, for every module: define a kind, queue it, schedule it.
export { defineJob, PermanentJobError, type JobContext, type JobOptions } from './registry.ts';
export { enqueueJob, jobsService, toJob, JOB_RETENTION_DAYS } from './jobs.service.ts';
export { jobsRepository } from './jobs.repository.ts';
export { registerSchedule, startSchedules, type Schedule } from './schedule.ts';
export { startJobWorker, runNextJob, drainJobs, type JobWorker, type WorkerOptions } from './worker.ts';
export { liveJobs } from './live.ts';
