import { loadConfig, type Config } from './config.ts';
import { connectDatabase, ensureIndexes } from './lib/db.ts';
import { createLogger } from './lib/logger.ts';
import { ObjectStore } from './lib/storage.ts';
import type { Services } from './services.ts';
import { VERSION } from './version.ts';

/** Shared start-up of the API and the OCR worker: config, logger, database, bucket. */
export async function startServices(
  processName: string,
  config: Config = loadConfig(),
): Promise<Services> {
  const logger = createLogger(config.LOG_LEVEL, { process: processName });
  await connectDatabase(config.MONGODB_URI, config.MONGODB_DB);
  const storage = new ObjectStore({
    endpoint: config.S3_ENDPOINT,
    accessKey: config.S3_ACCESS_KEY,
    secretKey: config.S3_SECRET_KEY,
    bucket: config.S3_BUCKET,
    region: config.S3_REGION,
  });
  await storage.ensureBucket();
  await ensureIndexes({ ferretPostgresUrl: config.FERRETDB_POSTGRESQL_URL, logger });
  return { config, logger, storage, version: VERSION };
}
