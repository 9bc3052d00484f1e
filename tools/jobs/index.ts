/** Long runs as jobs: one worker thread per start_run, with live status and cancellation. */
export {
  createJobManager,
  JOB_STATUSES,
  type JobManager,
  type JobManagerOptions,
  type JobSnapshot,
  type JobStatus,
} from "./job-manager.js";
export type { JobEvent } from "./job-messages.js";
