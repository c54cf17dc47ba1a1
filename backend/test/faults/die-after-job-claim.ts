import mongoose from 'mongoose';

/**
 * Preloaded into an OCR worker by the fault test (NODE_OPTIONS=--import): the worker
 * SIGKILLs itself the moment its first job claim is stored in `job_claims`, before it can
 * update the job: exactly the gap between the two writes of a claim (jobs.service.ts).
 * A global mongoose plugin, so production code carries no fault hook.
 */
mongoose.plugin((schema) => {
  if (schema.get('collection') !== 'job_claims') return;
  schema.post('save', () => {
    process.kill(process.pid, 'SIGKILL');
  });
});
