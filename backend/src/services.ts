import type { Config } from './config.ts';
import type { Logger } from './lib/logger.ts';
import type { ObjectStore } from './lib/storage.ts';

/** What the process built at start and every module may use. Passed explicitly so tests
 * can build an app against their own database and bucket. */
export interface Services {
  config: Config;
  logger: Logger;
  storage: ObjectStore;
  version: string;
}
