import type { Services } from '../services.ts';

/** Idempotent tasks every API process runs before serving (seeding, migrations). Modules
 * add theirs here; each must be safe when several processes start at once. */
export async function runStartupTasks(_services: Services): Promise<void> {}
