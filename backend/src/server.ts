import http from 'node:http';
import { buildApp } from './app.ts';
import { startServices } from './bootstrap.ts';
import { ConfigError } from './config.ts';
import { disconnectDatabase } from './lib/db.ts';
import { installConfiguredSigner } from './modules/signing/bsre.signer.ts';
import { runStartupTasks } from './modules/startup.ts';

// Process entry for the API: config → connections → start-up tasks → http.
try {
  const services = await startServices('api');
  // SIGNER=bsre: letters are signed by the BSrE service (docs/signing-bsre.md).
  const bsre = installConfiguredSigner();
  if (bsre) services.logger.info({ signer: bsre.signer.kind }, 'document signer');
  await runStartupTasks(services);
  const app = buildApp(services);
  const server = http.createServer(app.callback());
  server.requestTimeout = 10 * 60 * 1000; // large uploads on slow links
  server.headersTimeout = 30 * 1000;
  await new Promise<void>((resolve) =>
    server.listen(services.config.PORT, services.config.HOST, resolve),
  );
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : services.config.PORT;
  services.logger.info({ url: `http://${services.config.HOST}:${port}` }, 'Lontar API listening');

  // Graceful stop: refuse new connections, let in-flight requests finish, then close.
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    services.logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 15_000).unref();
    server.close(async () => {
      await disconnectDatabase();
      clearTimeout(force);
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error('Lontar API failed to start:', error);
  }
  process.exit(1);
}
